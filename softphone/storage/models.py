"""SQLAlchemy models. Every schema change here needs a new migration in migrations/versions/."""

from __future__ import annotations

import enum
from datetime import datetime

from alembic.autogenerate.api import AutogenContext
from alembic.autogenerate.compare import comparators as autogenerate_comparators
from alembic.operations.ops import (
    DropColumnOp,
    DropIndexOp,
    DropTableOp,
    MigrateOperation,
    ModifyTableOps,
    UpgradeOps,
)
from alembic.util import DispatchPriority, PriorityDispatchResult
from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Enum,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from softphone.storage.utc_datetime import UTCDateTime, utc_now

# Deterministic constraint names: Alembic can only drop or alter (SQLite batch mode) a constraint
# it can name, and the names must be the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class CallDirection(str, enum.Enum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class Note(Base):
    """The agent's free-text note for one call (PHI: never log ``body`` or ``patient_ref``)."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    # One note per call: the editor saves the whole text as the agent types.
    call_id: Mapped[str] = mapped_column(String(255), unique=True)
    patient_ref: Mapped[str | None] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)

    def __repr__(self) -> str:
        # Deliberately without body and patient_ref, so a logged Note leaks no PHI.
        return f"Note(id={self.id!r}, call_id={self.call_id!r})"


class CallRecord(Base):
    """One call as the agent handled it."""

    __tablename__ = "call_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[str] = mapped_column(String(255), unique=True)
    direction: Mapped[CallDirection] = mapped_column(
        Enum(
            CallDirection,
            name="direction",
            native_enum=False,  # a VARCHAR + CHECK behaves the same on SQLite and PostgreSQL
            create_constraint=True,
            length=16,
            values_callable=lambda members: [member.value for member in members],
        )
    )
    remote_party: Mapped[str] = mapped_column(String(255))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    disposition: Mapped[str | None] = mapped_column(String(64))

    def __repr__(self) -> str:
        return f"CallRecord(id={self.id!r}, call_id={self.call_id!r}, direction={self.direction!r})"


# --- Call notes (softphone.notes) ------------------------------------------------------------


class CallNote(Base):
    """The agent's structured note for one call: reason, symptoms, free text, disposition.

    The row is the working copy: autosaved as the agent types and editable until the wrap-up
    closes (``closed_at`` set). From then on every change is a new row in ``call_note_versions``
    and this row mirrors the latest version, so search and the UI read one place.
    PHI: never log ``reason_for_call``, ``free_text`` or ``patient_ref``.
    """

    __tablename__ = "call_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[str] = mapped_column(String(255), unique=True)
    # The agent who took the call; restart recovery looks for this agent's unfinished notes.
    agent_id: Mapped[str] = mapped_column(String(255), index=True)
    patient_ref: Mapped[str | None] = mapped_column(String(255))
    reason_for_call: Mapped[str] = mapped_column(Text, default="")
    # Provisioned symptom codes the agent ticked (codes, not text).
    symptom_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    free_text: Mapped[str] = mapped_column(Text, default="")
    disposition: Mapped[str | None] = mapped_column(String(64))
    # Escalations raised during the call; only ever grows (see softphone.notes.repository).
    escalation_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # 0 while the note is open; the number of the latest version once closed.
    current_version: Mapped[int] = mapped_column(Integer, default=0)

    def __repr__(self) -> str:
        return (
            f"CallNote(id={self.id!r}, call_id={self.call_id!r}, "
            f"version={self.current_version!r}, closed={self.closed_at is not None})"
        )


class CallNoteVersion(Base):
    """One immutable version of a closed note: version 1 at wrap-up, then one per amendment.

    Append-only: triggers (created by the migration) refuse UPDATE and DELETE.
    """

    __tablename__ = "call_note_versions"
    __table_args__ = (UniqueConstraint("call_note_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_note_id: Mapped[int] = mapped_column(ForeignKey("call_notes.id"))
    version: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[str] = mapped_column(String(255))
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)
    patient_ref: Mapped[str | None] = mapped_column(String(255))
    reason_for_call: Mapped[str] = mapped_column(Text)
    symptom_codes: Mapped[list[str]] = mapped_column(JSON)
    free_text: Mapped[str] = mapped_column(Text)
    disposition: Mapped[str | None] = mapped_column(String(64))
    escalation_ids: Mapped[list[str]] = mapped_column(JSON)

    def __repr__(self) -> str:
        return f"CallNoteVersion(call_note_id={self.call_note_id!r}, version={self.version!r})"


# --- Audit log (softphone.audit) ---------------------------------------------------------------


class AuditEntry(Base):
    """One hash-chained audit entry. Append-only: triggers refuse UPDATE and DELETE.

    ``sequence`` is assigned by the appender (previous + 1, under the chain lock), not by the
    database, so a gap always means a deleted entry. ``details`` is stored as the exact canonical
    JSON text that was hashed (a JSON column could be re-serialised by the database).
    """

    __tablename__ = "audit_log"

    sequence: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(255))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str | None] = mapped_column(String(255))
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)

    def __repr__(self) -> str:
        return f"AuditEntry(sequence={self.sequence!r}, action={self.action!r})"


class AuditChainHead(Base):
    """The one row naming the chain's last entry.

    Appenders update it first, which serialises them (a row lock on PostgreSQL, SQLite's write
    lock) before they read the previous hash; verification compares it with the last entry, so
    entries deleted from the end of the log are detected too.
    """

    __tablename__ = "audit_chain_head"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_sequence: Mapped[int] = mapped_column(BigInteger)
    last_hash: Mapped[str] = mapped_column(String(64))


# --- Escalations (softphone.escalation) -------------------------------------------------------


class EscalationRecord(Base):
    """One escalation: reason, urgency, mode, outcome and its timeline (press, answered, joined,
    handed off, ended). Upserted at the press, when the clinician answers and at the end.
    PHI: ``patient_ref`` (the EHR id) is never logged."""

    __tablename__ = "escalations"

    id: Mapped[int] = mapped_column(primary_key=True)
    escalation_id: Mapped[str] = mapped_column(String(64), unique=True)
    # The call-records id of the patient's call (``<run>:<call id>``) and the note's call id.
    call_id: Mapped[str] = mapped_column(String(255), index=True)
    note_call_id: Mapped[str | None] = mapped_column(String(255))
    agent_id: Mapped[str] = mapped_column(String(255))
    patient_ref: Mapped[str | None] = mapped_column(String(255))
    reason_code: Mapped[str] = mapped_column(String(64))
    urgency: Mapped[str] = mapped_column(String(16))
    mode: Mapped[str] = mapped_column(String(16))
    phase: Mapped[str] = mapped_column(String(16))
    # in_progress | connected | failed | cancelled | patient_hung_up
    outcome: Mapped[str] = mapped_column(String(16))
    pressed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    joined_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handed_off_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    time_to_clinician_ms: Mapped[int | None] = mapped_column(Integer)
    supervisor_alerted: Mapped[bool] = mapped_column(default=False)
    remarks: Mapped[list[str]] = mapped_column(JSON, default=list)

    def __repr__(self) -> str:
        return f"EscalationRecord(escalation_id={self.escalation_id!r}, outcome={self.outcome!r})"


class EscalationAttempt(Base):
    """One target tried by an escalation, in order, with its outcome and timestamps."""

    __tablename__ = "escalation_attempts"
    __table_args__ = (UniqueConstraint("escalation_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    escalation_id: Mapped[int] = mapped_column(ForeignKey("escalations.id"))
    position: Mapped[int] = mapped_column(Integer)
    target_id: Mapped[str] = mapped_column(String(64))
    target_source: Mapped[str] = mapped_column(String(16))  # policy | care_team
    outcome: Mapped[str] = mapped_column(String(16))
    sip_status: Mapped[int] = mapped_column(Integer, default=0)
    invited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ringing_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def __repr__(self) -> str:
        return f"EscalationAttempt(position={self.position!r}, outcome={self.outcome!r})"


# --- Objects the models deliberately do not describe ---------------------------------------------
#
# Full-text search is dialect-specific, so migration 0002 creates it with raw SQL: on SQLite an
# FTS5 virtual table ``call_note_search`` (plus the shadow tables FTS5 keeps next to it), on
# PostgreSQL a generated ``tsvector`` column on ``call_notes`` with a GIN index. Without this hook,
# autogenerate (and the "migrations match the models" tests) would propose dropping them.
# Registered on Alembic's global comparator registry, which every autogenerate run copies, so it
# applies whether the comparison starts from env.py or from ``compare_metadata`` in a test.

SEARCH_INDEX_TABLE = "call_note_search"
POSTGRES_SEARCH_COLUMN = ("call_notes", "search_document")
POSTGRES_SEARCH_INDEX = "ix_call_notes_search_document"


def _is_unmodelled_search_object(operation: MigrateOperation) -> bool:
    if isinstance(operation, DropTableOp):
        name = operation.table_name
        return name == SEARCH_INDEX_TABLE or name.startswith(SEARCH_INDEX_TABLE + "_")
    if isinstance(operation, DropColumnOp):
        return (operation.table_name, operation.column_name) == POSTGRES_SEARCH_COLUMN
    if isinstance(operation, DropIndexOp):
        return operation.index_name == POSTGRES_SEARCH_INDEX
    return False


def _prune(operations: list[MigrateOperation]) -> list[MigrateOperation]:
    kept: list[MigrateOperation] = []
    for operation in operations:
        if _is_unmodelled_search_object(operation):
            continue
        if isinstance(operation, ModifyTableOps):
            operation.ops = _prune(operation.ops)
            if not operation.ops:
                continue
        kept.append(operation)
    return kept


@autogenerate_comparators.dispatch_for("autogenerate", priority=DispatchPriority.LAST)
def _ignore_unmodelled_search_objects(
    _autogen_context: AutogenContext, upgrade_ops: UpgradeOps
) -> PriorityDispatchResult:
    upgrade_ops.ops = _prune(upgrade_ops.ops)
    return PriorityDispatchResult.CONTINUE
