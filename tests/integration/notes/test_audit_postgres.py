"""The hash-chained audit log on PostgreSQL: concurrent agents, verification, tampering.

Tampering uses the table owner's right to switch the append-only triggers off, as a DBA could.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from softphone.audit import AuditAction, AuditLog, verify_audit_chain
from softphone.storage import Database

pytestmark = pytest.mark.integration


def record_entries(database: Database, count: int) -> None:
    log = AuditLog(database)
    for index in range(1, count + 1):
        log.record("agent-1", AuditAction.PATIENT_VIEWED, f"patient:P-{index}")


def tamper(database: Database, *statements: str) -> None:
    with database.engine.begin() as connection:
        connection.exec_driver_sql("ALTER TABLE audit_log DISABLE TRIGGER USER")
        for statement in statements:
            connection.exec_driver_sql(statement)
        connection.exec_driver_sql("ALTER TABLE audit_log ENABLE TRIGGER USER")


def test_a_chain_verifies(pg_database: Database) -> None:
    record_entries(pg_database, 10)
    verdict = verify_audit_chain(pg_database)
    assert verdict.ok and verdict.entries_checked == 10


def test_agents_appending_at_once_keep_one_gapless_chain(pg_database: Database) -> None:
    errors: list[BaseException] = []

    def agent(name: str) -> None:
        try:
            log = AuditLog(pg_database)
            for index in range(20):
                log.record(name, AuditAction.PATIENT_VIEWED, f"patient:P-{index}")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=agent, args=(f"agent-{n}",)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    verdict = verify_audit_chain(pg_database)
    assert verdict.ok, verdict.describe()
    assert verdict.entries_checked == 120


AGENT_SCRIPT = """
import sys, time, pathlib
from softphone.audit import AuditAction, AuditLog
from softphone.storage import open_database
database = open_database(sys.argv[1], key=None)
log = AuditLog(database)
print("ready", flush=True)
go = pathlib.Path(sys.argv[2])
while not go.exists():
    time.sleep(0.005)
for index in range(25):
    log.record(sys.argv[3], AuditAction.PATIENT_VIEWED, f"patient:P-{index}")
database.close()
"""


def test_separate_softphone_processes_share_one_chain(pg_database: Database, schema_url: str, tmp_path: Path) -> None:
    go = tmp_path / "go"
    agents = [
        subprocess.Popen(
            [sys.executable, "-c", AGENT_SCRIPT, schema_url, str(go), f"agent-{n}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for n in range(4)
    ]
    try:
        for agent in agents:
            assert agent.stdout is not None and agent.stdout.readline() == "ready\n"
        go.touch()
        outputs = [agent.communicate(timeout=120)[0] for agent in agents]
    finally:
        for agent in agents:
            if agent.poll() is None:
                agent.kill()
    assert [agent.returncode for agent in agents] == [0] * 4, "\n".join(outputs)
    verdict = verify_audit_chain(pg_database)
    assert verdict.ok, verdict.describe()
    assert verdict.entries_checked == 100


def test_a_changed_field_names_that_entry(pg_database: Database) -> None:
    record_entries(pg_database, 5)
    tamper(pg_database, "UPDATE audit_log SET actor = 'agent-innocent' WHERE sequence = 3")
    verdict = verify_audit_chain(pg_database)
    assert verdict.first_broken_sequence == 3 and "altered" in verdict.problem


def test_a_deleted_entry_is_named(pg_database: Database) -> None:
    record_entries(pg_database, 5)
    tamper(pg_database, "DELETE FROM audit_log WHERE sequence = 2")
    verdict = verify_audit_chain(pg_database)
    assert verdict.first_broken_sequence == 2 and "entry 2 is missing" in verdict.problem


def test_entries_deleted_from_the_end_are_detected(pg_database: Database) -> None:
    record_entries(pg_database, 5)
    tamper(pg_database, "DELETE FROM audit_log WHERE sequence = 5")
    verdict = verify_audit_chain(pg_database)
    assert verdict.first_broken_sequence == 5 and "deleted from the end" in verdict.problem


def test_reordered_entries_are_detected(pg_database: Database) -> None:
    record_entries(pg_database, 5)
    tamper(
        pg_database,
        "UPDATE audit_log SET sequence = -4 WHERE sequence = 4",
        "UPDATE audit_log SET sequence = 4 WHERE sequence = 5",
        "UPDATE audit_log SET sequence = 5 WHERE sequence = -4",
    )
    verdict = verify_audit_chain(pg_database)
    assert verdict.first_broken_sequence == 4


def test_tampering_is_refused_while_the_triggers_are_on(pg_database: Database) -> None:
    record_entries(pg_database, 1)
    with pytest.raises(Exception, match="append-only"), pg_database.engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET actor = 'x'"))
