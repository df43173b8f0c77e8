"""Note search: recency blocks in the PostgreSQL index, words as SQLite's FTS5, FTS5 prefix index

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 09:00:00

Search results are the newest matching notes first (softphone/notes/search.py). FTS5 keeps each
word's note list in id order and reads it from the newest end, so it stops after a page. A GIN
index returns matches in no useful order: a query for a word in most notes had to fetch and sort
every one of them (~1 s over a million notes), and walking the primary key backwards instead is
slow for a word that is merely uncommon, and the planner cannot tell the two apart for phrases
or correlated words. So ``search_document`` now also holds, for each note, the id blocks it lies
in: one lexeme per level, ``~L.n`` for ``n = id >> L`` with L = 10, 12, ..., 22 (blocks of 1 Ki
to 4 Mi consecutive ids). The search ANDs the words with an OR of a few blocks and widens the
blocks from the newest end, level by level, until it has a page: the index then hands over only
the matches inside those blocks, so no query fetches more than a few times a page of notes from
the table, whatever its words. A block lexeme starts with ``~``, which the search never puts in
a term (it searches letters and digits only), so no query can match one by accident.

The search document is built to find what FTS5 (``unicode61 remove_diacritics 2``) finds:

- diacritics dropped (decomposed, NFD, and the combining marks removed; search.py folds query
  words the same way), so "náusea" finds "nausea" and the other way round;
- punctuation replaced by spaces before the parser sees the text, so "37.5", "ward-3",
  "a/b" or "x@y.org" are words of letters and digits as in FTS5, not one float, host or path;
- the block lexemes sit between the reason and the free text, at one position, so a phrase
  cannot run from the reason into the free text (FTS5 phrases stay within a column).

The column is generated, so PostgreSQL recomputes it on every write; the ids never change, so
neither do a note's blocks. Rebuilding it rewrites the table under an exclusive lock (34 s for
a million notes on the test machine): run the upgrade outside call hours.

SQLite: the FTS5 table gets an index of three-letter prefixes (``prefix='3'``). FTS5 answers a
prefix query by merging the note lists of every word the prefix starts; for the shortest prefix
the search uses (three letters, see ``MIN_PREFIX`` in search.py) that is most of the index
("pat" over a million notes: 20 ms; "the": far more). The table is rebuilt from ``call_notes``;
the BM25 weights revision 0002 set are dropped (results are newest first now), and restored by
the downgrade.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCH_INDEX = "ix_call_notes_search_document"
BLOCK_LEVELS = (10, 12, 14, 16, 18, 20, 22)

# Frozen copies of softphone.notes.search.COMBINING_MARKS / PUNCTUATION (a test checks both
# databases find the same words). Combining marks are what NFD splits off a letter with a
# diacritic; punctuation is ASCII's and the typographic marks agents paste in.
COMBINING_MARKS = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
PUNCTUATION = "[!-/:-@[-`{-~\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u2022\u00b7\u00ab\u00bb\u00bf\u00a1]+"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        _rebuild_sqlite_search(prefix_index=True)
        return
    op.execute(f"DROP INDEX {SEARCH_INDEX}")
    op.execute("ALTER TABLE call_notes DROP COLUMN search_document")
    op.execute(
        "ALTER TABLE call_notes ADD COLUMN search_document tsvector GENERATED ALWAYS AS ("
        f"to_tsvector('simple', {_folded('reason_for_call')}) || {_blocks()} || "
        f"to_tsvector('simple', {_folded('free_text')})) STORED"
    )
    # fastupdate off: autosaves would otherwise queue entries in a pending list that every
    # search scans in full; writing them into the index at once costs the autosave a little.
    op.execute(f"CREATE INDEX {SEARCH_INDEX} ON call_notes USING gin (search_document) WITH (fastupdate = off)")
    op.execute("ANALYZE call_notes")  # the planner needs the new lexemes' statistics at once


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        _rebuild_sqlite_search(prefix_index=False)
        return
    # Back to revision 0002's column and index, exactly.
    op.execute(f"DROP INDEX {SEARCH_INDEX}")
    op.execute("ALTER TABLE call_notes DROP COLUMN search_document")
    op.execute(
        "ALTER TABLE call_notes ADD COLUMN search_document tsvector GENERATED ALWAYS AS ("
        "setweight(to_tsvector('simple', coalesce(reason_for_call, '')), 'A') || "
        "setweight(to_tsvector('simple', coalesce(free_text, '')), 'B')) STORED"
    )
    op.execute(f"CREATE INDEX {SEARCH_INDEX} ON call_notes USING gin (search_document)")


def _folded(column: str) -> str:
    # Only text with a non-ASCII character is decomposed: most notes are plain ASCII, and
    # normalize() would double the cost of indexing them.
    without_marks = (
        f"CASE WHEN {column} ~ '[^\\u0001-\\u007f]' "
        f"THEN regexp_replace(normalize({column}, NFD), '{COMBINING_MARKS}', '', 'g') ELSE {column} END"
    )
    return f"regexp_replace({without_marks}, '{PUNCTUATION}', ' ', 'g')"


def _blocks() -> str:
    # One position for all of them: the gap that keeps phrases out of the seam (see above).
    # "\:" is a plain colon to SQLAlchemy's text(), which would take ":1" for a parameter.
    lexemes = " || ' ' || ".join(
        f"'''~{level}.' || (id >> {level})::text || '''\\:1'" for level in BLOCK_LEVELS
    )
    return f"({lexemes})::tsvector"


# --- SQLite ------------------------------------------------------------------------------------

_SQLITE_TRIGGERS = (
    "CREATE TRIGGER call_note_search_after_insert AFTER INSERT ON call_notes BEGIN "
    "INSERT INTO call_note_search(rowid, reason_for_call, free_text) "
    "VALUES (new.id, new.reason_for_call, new.free_text); END",
    "CREATE TRIGGER call_note_search_after_delete AFTER DELETE ON call_notes BEGIN "
    "INSERT INTO call_note_search(call_note_search, rowid, reason_for_call, free_text) "
    "VALUES ('delete', old.id, old.reason_for_call, old.free_text); END",
    # Autosave rewrites the row about once a second; re-index only when the text changed.
    "CREATE TRIGGER call_note_search_after_update AFTER UPDATE OF reason_for_call, free_text "
    "ON call_notes WHEN old.reason_for_call IS NOT new.reason_for_call "
    "OR old.free_text IS NOT new.free_text BEGIN "
    "INSERT INTO call_note_search(call_note_search, rowid, reason_for_call, free_text) "
    "VALUES ('delete', old.id, old.reason_for_call, old.free_text); "
    "INSERT INTO call_note_search(rowid, reason_for_call, free_text) "
    "VALUES (new.id, new.reason_for_call, new.free_text); END",
)


def _rebuild_sqlite_search(*, prefix_index: bool) -> None:
    """Revision 0002's FTS5 table and triggers, with or without the prefix index, refilled."""
    for suffix in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER call_note_search_after_{suffix}")
    op.execute("DROP TABLE call_note_search")  # FTS5 drops its shadow tables with it
    prefix = ", prefix='3'" if prefix_index else ""
    op.execute(
        "CREATE VIRTUAL TABLE call_note_search USING fts5("
        "reason_for_call, free_text, content='call_notes', content_rowid='id', "
        f"tokenize='unicode61 remove_diacritics 2'{prefix})"
    )
    if not prefix_index:
        op.execute("INSERT INTO call_note_search(call_note_search, rank) VALUES('rank', 'bm25(2.0, 1.0)')")
    for trigger in _SQLITE_TRIGGERS:
        op.execute(trigger)
    op.execute("INSERT INTO call_note_search(call_note_search) VALUES ('rebuild')")
