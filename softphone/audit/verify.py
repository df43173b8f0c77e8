"""Check the audit chain from the first entry to the head record; name the first broken entry.

Entries are read in one snapshot (REPEATABLE READ on PostgreSQL, one read transaction on
SQLite), so agents appending meanwhile cannot make the head and the entries disagree.
Memory stays flat: rows are streamed in batches.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from softphone.audit.append import CHAIN_HEAD_ID
from softphone.audit.chain_hash import GENESIS_HASH, ChainedFields, entry_hash
from softphone.storage.database import Database
from softphone.storage.models import AuditChainHead, AuditEntry

BATCH_SIZE = 2000


@dataclass(frozen=True)
class ChainVerdict:
    entries_checked: int
    # None when the chain is intact; otherwise the sequence number of the first broken entry
    # and what is wrong with it.
    first_broken_sequence: int | None = None
    problem: str | None = None
    last_hash: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def describe(self) -> str:
        if self.ok:
            if self.entries_checked == 0:
                return "Audit log intact: no entries yet."
            return (
                f"Audit log intact: {self.entries_checked} entries, chain verified up to entry "
                f"{self.entries_checked} (hash {self.last_hash})."
            )
        return f"Audit log BROKEN at entry {self.first_broken_sequence}: {self.problem}"


def verify_audit_chain(database: Database) -> ChainVerdict:
    connection_options = {}
    if database.engine.dialect.name == "postgresql":
        connection_options["isolation_level"] = "REPEATABLE READ"
    with database.engine.connect().execution_options(**connection_options) as connection:
        with connection.begin():
            return _verify(connection)


def _verify(connection: Connection) -> ChainVerdict:
    expected_sequence = 1
    expected_prev_hash = GENESIS_HASH
    checked = 0
    rows = connection.execution_options(yield_per=BATCH_SIZE).execute(
        select(
            AuditEntry.sequence,
            AuditEntry.recorded_at,
            AuditEntry.actor,
            AuditEntry.action,
            AuditEntry.subject,
            AuditEntry.details,
            AuditEntry.prev_hash,
            AuditEntry.entry_hash,
        ).order_by(AuditEntry.sequence)
    )
    for row in rows:
        fields = ChainedFields(*row[:7])
        stored_hash = row[7]
        if fields.sequence != expected_sequence:
            if fields.sequence > expected_sequence:
                missing = (
                    f"entry {expected_sequence} is missing"
                    if fields.sequence == expected_sequence + 1
                    else f"entries {expected_sequence} to {fields.sequence - 1} are missing"
                )
                jump = f"the log jumps from entry {expected_sequence - 1} to {fields.sequence}"
                problem = f"{missing}: {jump} (deleted?)"
            else:
                problem = f"unexpected sequence number {fields.sequence} (expected {expected_sequence})"
            return _broken(checked, expected_sequence, problem)
        if fields.prev_hash != expected_prev_hash:
            return _broken(
                checked,
                fields.sequence,
                f"it does not link to entry {fields.sequence - 1} (prev_hash differs): the "
                f"entry before it was altered or replaced, or entries were reordered",
            )
        if entry_hash(fields) != stored_hash:
            return _broken(
                checked,
                fields.sequence,
                "its contents do not match its hash: the entry was altered (or moved from "
                "another position)",
            )
        checked += 1
        expected_sequence += 1
        expected_prev_hash = stored_hash

    head = connection.execute(
        select(AuditChainHead.last_sequence, AuditChainHead.last_hash).where(
            AuditChainHead.id == CHAIN_HEAD_ID
        )
    ).one_or_none()
    last_sequence = expected_sequence - 1
    if head is None:
        return _broken(checked, expected_sequence, "the chain head record is missing (deleted?)")
    head_sequence, head_hash = head
    if head_sequence > last_sequence:
        gone = (
            f"entry {expected_sequence} is missing"
            if head_sequence == expected_sequence
            else f"entries {expected_sequence} to {head_sequence} are missing"
        )
        return _broken(checked, expected_sequence, f"{gone}: deleted from the end of the log")
    if head_sequence < last_sequence:
        return _broken(
            checked,
            head_sequence + 1,
            f"the head record ends the chain at entry {head_sequence}, but entries up to "
            f"{last_sequence} exist: added without the audit API",
        )
    if head_hash != expected_prev_hash:
        return _broken(
            checked,
            last_sequence,
            "the last entry differs from the one the head record names: it was replaced",
        )
    return ChainVerdict(entries_checked=checked, last_hash=expected_prev_hash)


def _broken(checked: int, sequence: int, problem: str) -> ChainVerdict:
    return ChainVerdict(entries_checked=checked, first_broken_sequence=sequence, problem=problem)
