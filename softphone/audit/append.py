"""Append an entry to the hash-chained audit log (there is deliberately no update or delete).

Concurrency: one chain for the whole database, appends serialised. Appending first updates the
single ``audit_chain_head`` row (sequence + 1, RETURNING the previous hash): on PostgreSQL that
row lock makes concurrent agents queue for the few milliseconds until the appending transaction
commits (the same effect as ``pg_advisory_xact_lock``, but held on the data itself); on SQLite
the UPDATE takes the database write lock before anything is read, so the previous hash cannot be
stale. One chain, rather than one per agent or installation, gives one total order that the
verifier checks end to end: with per-actor chains, removing an agent's whole chain (or its
newest entries) would leave nothing behind to notice. The price, a short queue on a row, is
small at audit rates (a few entries per call).

Call ``append_audit_entry`` inside the transaction that does the audited thing, so both commit
or neither does. On SQLite do it before reading in that transaction, or right after another
write: a read transaction cannot wait for the write lock, it fails with "database is locked".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from softphone.audit.actions import AuditAction
from softphone.audit.chain_hash import ChainedFields, entry_hash
from softphone.audit.details import canonical_details
from softphone.storage.models import AuditChainHead, AuditEntry
from softphone.storage.utc_datetime import utc_now

CHAIN_HEAD_ID = 1
MAX_REFERENCE_LENGTH = 255
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


class AuditChainError(RuntimeError):
    """The chain cannot be extended (its head record is missing): run ``softphone --verify-audit``."""


def append_audit_entry(
    session: Session,
    *,
    actor: str,
    action: AuditAction,
    subject: str | None = None,
    details: Mapping[str, Any] | None = None,
    recorded_at: datetime | None = None,
) -> AuditEntry:
    """Add one entry at the end of the chain, in the caller's transaction.

    ``actor`` is the agent id; ``subject`` an identifier such as ``patient:P-42`` or
    ``call:<call id>``; ``details`` identifiers and codes only (see softphone.audit.details).
    """
    if not isinstance(action, AuditAction):
        raise TypeError("action must be an AuditAction")
    _check_reference("actor", actor, required=True)
    _check_reference("subject", subject, required=False)
    details_text = canonical_details(details)
    recorded_at = recorded_at or utc_now()

    head = session.execute(
        update(AuditChainHead)
        .where(AuditChainHead.id == CHAIN_HEAD_ID)
        .values(last_sequence=AuditChainHead.last_sequence + 1)
        .returning(AuditChainHead.last_sequence, AuditChainHead.last_hash)
        .execution_options(synchronize_session=False)
    ).one_or_none()
    if head is None:
        raise AuditChainError(
            "the audit chain head record is missing, so no entry can be appended; "
            "run `softphone --verify-audit` and call IT"
        )
    sequence, prev_hash = head
    fields = ChainedFields(
        sequence=sequence,
        recorded_at=recorded_at,
        actor=actor,
        action=action.value,
        subject=subject,
        details=details_text,
        prev_hash=prev_hash,
    )
    entry = AuditEntry(**vars(fields), entry_hash=entry_hash(fields))
    session.add(entry)
    session.execute(
        update(AuditChainHead)
        .where(AuditChainHead.id == CHAIN_HEAD_ID)
        .values(last_hash=entry.entry_hash)
        .execution_options(synchronize_session=False)
    )
    session.flush()
    return entry


def _check_reference(name: str, value: str | None, *, required: bool) -> None:
    if value is None and not required:
        return
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"audit {name} must be a non-empty identifier")
    if len(value) > MAX_REFERENCE_LENGTH or _CONTROL_CHARACTERS.search(value):
        raise ValueError(
            f"audit {name} must be an identifier of at most {MAX_REFERENCE_LENGTH} characters on one line"
        )
