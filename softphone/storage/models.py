"""SQLAlchemy models. Every schema change here needs a new migration in migrations/versions/."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, MetaData, String, Text
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
