"""The hash-chained audit log on a real SQLCipher file: appends, verification, tampering.

Tampering goes around the application the way an attacker holding the key would: a direct
SQLCipher connection that drops the append-only triggers first.
"""

from __future__ import annotations

import io
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from softphone.audit import (
    AuditAction,
    AuditDetailsError,
    AuditLog,
    append_audit_entry,
    verify_audit_chain,
)
from softphone.audit.chain_hash import GENESIS_HASH, ChainedFields, entry_hash
from softphone.storage import Database
from softphone.storage.encryption_key import key_pragma
from softphone.storage.models import AuditEntry


def record_entries(database: Database, count: int) -> list[AuditEntry]:
    log = AuditLog(database)
    return [
        log.record(f"agent-{index % 3}", AuditAction.PATIENT_VIEWED, f"patient:P-{index}", {"source": "screen_pop"})
        for index in range(1, count + 1)
    ]


def tamper(db_path: Path, key: bytes, *statements: str) -> None:
    connection = sqlcipher.connect(str(db_path))
    try:
        connection.execute(key_pragma("key", key))
        connection.execute("DROP TRIGGER IF EXISTS audit_log_refuse_update")
        connection.execute("DROP TRIGGER IF EXISTS audit_log_refuse_delete")
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def test_an_empty_log_verifies(database: Database) -> None:
    verdict = verify_audit_chain(database)
    assert verdict.ok and verdict.entries_checked == 0
    assert "no entries" in verdict.describe()


def test_entries_form_a_gapless_chain_that_verifies(database: Database) -> None:
    entries = record_entries(database, 5)
    assert [entry.sequence for entry in entries] == [1, 2, 3, 4, 5]
    assert entries[0].prev_hash == GENESIS_HASH
    for previous, entry in zip(entries, entries[1:]):
        assert entry.prev_hash == previous.entry_hash
    verdict = verify_audit_chain(database)
    assert verdict.ok, verdict.describe()
    assert verdict.entries_checked == 5
    assert verdict.last_hash == entries[-1].entry_hash


def test_stored_entries_are_utc_and_keep_canonical_details(database: Database) -> None:
    AuditLog(database).record("agent-1", AuditAction.SETTINGS_CHANGED, None, {"new": "dark", "key": "ui.theme"})
    with database.session() as session:
        entry = session.scalars(select(AuditEntry)).one()
    assert entry.recorded_at.tzinfo == timezone.utc
    assert entry.details == '{"key":"ui.theme","new":"dark"}'
    assert entry.action == "settings_changed"


def test_the_hash_serialisation_is_stable() -> None:
    """Changing the serialisation would make every existing log fail verification."""
    fields = ChainedFields(
        sequence=7,
        recorded_at=datetime(2026, 11, 27, 9, 30, 0, 123456, tzinfo=timezone.utc),
        actor="agent-1",
        action="patient_viewed",
        subject="patient:P-42",
        details='{"source":"screen_pop"}',
        prev_hash="a" * 64,
    )
    assert entry_hash(fields) == "8a175d74228adbb9d9b3d43d4fb0c73209b16c5890b70e63514974d4d5f14fc6"
    # The same instant in another zone hashes the same: the hash uses UTC.
    local = fields.recorded_at.astimezone(timezone.utc).astimezone()
    assert entry_hash(ChainedFields(**{**vars(fields), "recorded_at": local})) == entry_hash(fields)


def test_updates_and_deletes_are_refused_by_the_database(database: Database) -> None:
    record_entries(database, 2)
    with pytest.raises(DBAPIError, match="append-only"), database.session() as session:
        session.execute(text("UPDATE audit_log SET actor = 'someone-else' WHERE sequence = 1"))
    with pytest.raises(DBAPIError, match="append-only"), database.session() as session:
        session.execute(text("DELETE FROM audit_log WHERE sequence = 2"))
    assert verify_audit_chain(database).ok


def test_a_rolled_back_transaction_leaves_no_entry_and_no_gap(database: Database) -> None:
    record_entries(database, 1)
    with pytest.raises(RuntimeError), database.session() as session:
        append_audit_entry(session, actor="agent-1", action=AuditAction.LOGIN)
        raise RuntimeError("the audited action failed")
    entry = AuditLog(database).record("agent-1", AuditAction.LOGIN)
    assert entry.sequence == 2
    assert verify_audit_chain(database).ok


def test_a_changed_field_names_that_entry(database: Database, db_path: Path, key: bytes) -> None:
    record_entries(database, 5)
    tamper(db_path, key, "UPDATE audit_log SET subject = 'patient:P-999' WHERE sequence = 3")
    verdict = verify_audit_chain(database)
    assert not verdict.ok
    assert verdict.first_broken_sequence == 3
    assert "altered" in verdict.problem
    assert "entry 3" in verdict.describe()


def test_a_changed_entry_with_a_recomputed_hash_breaks_the_link_to_the_next(
    database: Database, db_path: Path, key: bytes
) -> None:
    entries = record_entries(database, 5)
    forged = ChainedFields(
        sequence=3,
        recorded_at=entries[2].recorded_at,
        actor="agent-innocent",
        action=entries[2].action,
        subject=entries[2].subject,
        details=entries[2].details,
        prev_hash=entries[2].prev_hash,
    )
    tamper(
        db_path,
        key,
        f"UPDATE audit_log SET actor = 'agent-innocent', entry_hash = '{entry_hash(forged)}' WHERE sequence = 3",
    )
    verdict = verify_audit_chain(database)
    assert verdict.first_broken_sequence == 4
    assert "does not link to entry 3" in verdict.problem


def test_a_deleted_entry_is_named(database: Database, db_path: Path, key: bytes) -> None:
    record_entries(database, 6)
    tamper(db_path, key, "DELETE FROM audit_log WHERE sequence = 4")
    verdict = verify_audit_chain(database)
    assert verdict.first_broken_sequence == 4
    assert "entry 4 is missing" in verdict.problem


def test_entries_deleted_from_the_end_are_detected(database: Database, db_path: Path, key: bytes) -> None:
    record_entries(database, 6)
    tamper(db_path, key, "DELETE FROM audit_log WHERE sequence >= 5")
    verdict = verify_audit_chain(database)
    assert verdict.first_broken_sequence == 5
    assert "entries 5 to 6 are missing" in verdict.problem


def test_reordered_entries_are_detected(database: Database, db_path: Path, key: bytes) -> None:
    record_entries(database, 5)
    tamper(
        db_path,
        key,
        "UPDATE audit_log SET sequence = -2 WHERE sequence = 2",
        "UPDATE audit_log SET sequence = 2 WHERE sequence = 3",
        "UPDATE audit_log SET sequence = 3 WHERE sequence = -2",
    )
    verdict = verify_audit_chain(database)
    assert verdict.first_broken_sequence == 2
    assert not verdict.ok


def test_a_deleted_chain_head_is_detected(database: Database, db_path: Path, key: bytes) -> None:
    record_entries(database, 2)
    tamper(db_path, key, "DELETE FROM audit_chain_head")
    verdict = verify_audit_chain(database)
    assert verdict.first_broken_sequence == 3
    assert "head record is missing" in verdict.problem


def test_an_entry_inserted_around_the_api_is_detected(database: Database, db_path: Path, key: bytes) -> None:
    entries = record_entries(database, 3)
    fields = ChainedFields(4, entries[-1].recorded_at, "intruder", "login", None, "{}", entries[-1].entry_hash)
    tamper(
        db_path,
        key,
        "INSERT INTO audit_log (sequence, recorded_at, actor, action, subject, details, prev_hash, entry_hash) "
        f"VALUES (4, '{entries[-1].recorded_at.replace(tzinfo=None).isoformat(sep=' ')}', 'intruder', 'login', NULL, "
        f"'{{}}', '{entries[-1].entry_hash}', '{entry_hash(fields)}')",
    )
    verdict = verify_audit_chain(database)
    assert verdict.first_broken_sequence == 4
    assert "without the audit API" in verdict.problem


def test_concurrent_appends_from_threads_keep_one_gapless_chain(database: Database) -> None:
    errors: list[BaseException] = []

    def agent(name: str) -> None:
        try:
            log = AuditLog(database)
            for index in range(15):
                log.record(name, AuditAction.PATIENT_VIEWED, f"patient:P-{index}")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=agent, args=(f"agent-{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    verdict = verify_audit_chain(database)
    assert verdict.ok, verdict.describe()
    assert verdict.entries_checked == 60


@pytest.mark.parametrize(
    "details",
    [
        {"note": "Patient says she has had chest pain\nsince Tuesday"},
        {"note": "x" * 200},
        {"nested": {"name": "Maria Lopez"}},
        {"Bad Key": 1},
        {"value": float("nan")},
        {"items": [["nested"]]},
    ],
)
def test_details_that_could_hold_free_text_are_refused(database: Database, details: dict) -> None:
    with pytest.raises(AuditDetailsError) as raised:
        AuditLog(database).record("agent-1", AuditAction.ESCALATION, "call:c-1", details)
    assert "Maria" not in str(raised.value) and "chest" not in str(raised.value)
    assert verify_audit_chain(database).entries_checked == 0


def test_actor_is_required_and_action_must_be_an_audit_action(database: Database) -> None:
    with pytest.raises(ValueError), database.session() as session:
        append_audit_entry(session, actor="  ", action=AuditAction.LOGIN)
    with pytest.raises(TypeError), database.session() as session:
        append_audit_entry(session, actor="agent-1", action="login")  # type: ignore[arg-type]


class _ProfileStandIn:
    def __init__(self, database: Database):
        self.database = database

    def close(self) -> None:
        pass


def test_verify_audit_command_exit_codes(
    database: Database, db_path: Path, key: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    import softphone.profile
    from softphone.cli import main

    monkeypatch.setattr(softphone.profile, "open_profile", lambda loaded: _ProfileStandIn(database))
    record_entries(database, 4)
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    assert main(["--verify-audit"]) == 0
    assert "intact: 4 entries" in out.getvalue()

    tamper(db_path, key, "UPDATE audit_log SET action = 'lock' WHERE sequence = 2")
    out.truncate(0)
    assert main(["--verify-audit"]) == 1
    assert "BROKEN at entry 2" in out.getvalue()
