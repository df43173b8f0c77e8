"""call notes with versions and full-text search; hash-chained audit log

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 10:00:00

Dialect-specific parts, created with raw SQL because SQLAlchemy has no portable form for them
(and the models deliberately leave them out, see the end of softphone/storage/models.py):

- full-text search: on SQLite an FTS5 table ``call_note_search`` with external content
  (the text is stored once, in ``call_notes``) kept in step by triggers; on PostgreSQL a
  generated ``tsvector`` column ``call_notes.search_document`` with a GIN index.
- append-only tables (``audit_log``, ``call_note_versions``): triggers that refuse UPDATE and
  DELETE (and TRUNCATE on PostgreSQL).

A later migration that rebuilds ``call_notes`` on SQLite (Alembic batch mode copies the table)
drops its triggers with it and must create the three ``call_note_search_*`` triggers again.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY_TABLES = ("audit_log", "call_note_versions")
GENESIS_HASH = "0" * 64


def upgrade() -> None:
    op.create_table(
        "call_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.String(length=255), nullable=False),
        sa.Column("agent_id", sa.String(length=255), nullable=False),
        sa.Column("patient_ref", sa.String(length=255), nullable=True),
        sa.Column("reason_for_call", sa.Text(), nullable=False),
        sa.Column("symptom_codes", sa.JSON(), nullable=False),
        sa.Column("free_text", sa.Text(), nullable=False),
        sa.Column("disposition", sa.String(length=64), nullable=True),
        sa.Column("escalation_ids", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("current_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_notes")),
        sa.UniqueConstraint("call_id", name=op.f("uq_call_notes_call_id")),
    )
    op.create_index(op.f("ix_call_notes_agent_id"), "call_notes", ["agent_id"], unique=False)
    op.create_table(
        "call_note_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_note_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.String(length=255), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("patient_ref", sa.String(length=255), nullable=True),
        sa.Column("reason_for_call", sa.Text(), nullable=False),
        sa.Column("symptom_codes", sa.JSON(), nullable=False),
        sa.Column("free_text", sa.Text(), nullable=False),
        sa.Column("disposition", sa.String(length=64), nullable=True),
        sa.Column("escalation_ids", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["call_note_id"],
            ["call_notes.id"],
            name=op.f("fk_call_note_versions_call_note_id_call_notes"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_note_versions")),
        sa.UniqueConstraint(
            "call_note_id", "version", name=op.f("uq_call_note_versions_call_note_id")
        ),
    )
    op.create_table(
        "audit_log",
        sa.Column("sequence", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=255), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("sequence", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("entry_hash", name=op.f("uq_audit_log_entry_hash")),
    )
    head = op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_sequence", sa.BigInteger(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_chain_head_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    op.bulk_insert(head, [{"id": 1, "last_sequence": 0, "last_hash": GENESIS_HASH}])

    if op.get_bind().dialect.name == "postgresql":
        _create_postgres_search()
        _create_postgres_append_only_triggers()
    else:
        _create_sqlite_search()
        _create_sqlite_append_only_triggers()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in APPEND_ONLY_TABLES:
            op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER {table}_no_truncate ON {table}")
        op.execute("DROP FUNCTION softphone_refuse_change()")
        op.execute(f"DROP INDEX {POSTGRES_SEARCH_INDEX}")
        op.execute("ALTER TABLE call_notes DROP COLUMN search_document")
    else:
        for table in APPEND_ONLY_TABLES:
            op.execute(f"DROP TRIGGER {table}_refuse_update")
            op.execute(f"DROP TRIGGER {table}_refuse_delete")
        for suffix in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER call_note_search_after_{suffix}")
        op.execute("DROP TABLE call_note_search")  # FTS5 drops its shadow tables with it
    op.drop_table("audit_chain_head")
    op.drop_table("audit_log")
    op.drop_table("call_note_versions")
    op.drop_index(op.f("ix_call_notes_agent_id"), table_name="call_notes")
    op.drop_table("call_notes")


# --- SQLite -----------------------------------------------------------------------------------


def _create_sqlite_search() -> None:
    # External content: FTS5 keeps only the index; the text lives once, in call_notes.
    # remove_diacritics 2: "nausée" finds "nausee" and the other way round.
    op.execute(
        "CREATE VIRTUAL TABLE call_note_search USING fts5("
        "reason_for_call, free_text, content='call_notes', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    # The reason for the call says more about what the call was than a word in the free text.
    op.execute("INSERT INTO call_note_search(call_note_search, rank) VALUES('rank', 'bm25(2.0, 1.0)')")
    op.execute(
        "CREATE TRIGGER call_note_search_after_insert AFTER INSERT ON call_notes BEGIN "
        "INSERT INTO call_note_search(rowid, reason_for_call, free_text) "
        "VALUES (new.id, new.reason_for_call, new.free_text); END"
    )
    op.execute(
        "CREATE TRIGGER call_note_search_after_delete AFTER DELETE ON call_notes BEGIN "
        "INSERT INTO call_note_search(call_note_search, rowid, reason_for_call, free_text) "
        "VALUES ('delete', old.id, old.reason_for_call, old.free_text); END"
    )
    # Autosave rewrites the row about once a second; re-index only when the text changed.
    op.execute(
        "CREATE TRIGGER call_note_search_after_update AFTER UPDATE OF reason_for_call, free_text "
        "ON call_notes WHEN old.reason_for_call IS NOT new.reason_for_call "
        "OR old.free_text IS NOT new.free_text BEGIN "
        "INSERT INTO call_note_search(call_note_search, rowid, reason_for_call, free_text) "
        "VALUES ('delete', old.id, old.reason_for_call, old.free_text); "
        "INSERT INTO call_note_search(rowid, reason_for_call, free_text) "
        "VALUES (new.id, new.reason_for_call, new.free_text); END"
    )


def _create_sqlite_append_only_triggers() -> None:
    for table in APPEND_ONLY_TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_refuse_update BEFORE UPDATE ON {table} BEGIN "
            f"SELECT RAISE(ABORT, '{table} is append-only, rows cannot be changed'); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_refuse_delete BEFORE DELETE ON {table} BEGIN "
            f"SELECT RAISE(ABORT, '{table} is append-only, rows cannot be deleted'); END"
        )


# --- PostgreSQL -------------------------------------------------------------------------------

POSTGRES_SEARCH_INDEX = "ix_call_notes_search_document"


def _create_postgres_search() -> None:
    # 'simple' (no stemming, no stop words): notes are in English and Spanish, and the SQLite
    # side (unicode61) does not stem either, so both databases find the same notes.
    op.execute(
        "ALTER TABLE call_notes ADD COLUMN search_document tsvector GENERATED ALWAYS AS ("
        "setweight(to_tsvector('simple', coalesce(reason_for_call, '')), 'A') || "
        "setweight(to_tsvector('simple', coalesce(free_text, '')), 'B')) STORED"
    )
    op.execute(f"CREATE INDEX {POSTGRES_SEARCH_INDEX} ON call_notes USING gin (search_document)")


def _create_postgres_append_only_triggers() -> None:
    op.execute(
        "CREATE FUNCTION softphone_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION '% is append-only, % refused', TG_TABLE_NAME, TG_OP "
        "USING ERRCODE = 'insufficient_privilege'; END $$"
    )
    for table in APPEND_ONLY_TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION softphone_refuse_change()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION softphone_refuse_change()"
        )
