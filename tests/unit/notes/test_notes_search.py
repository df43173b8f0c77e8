"""Full-text search over notes on SQLCipher (FTS5). The PostgreSQL twin is in tests/integration/notes."""

from __future__ import annotations

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from softphone.notes import NoteDraft, amend_note, close_note, save_draft, search_notes
from softphone.notes.search import fts5_query, postgres_tsquery, search_terms
from softphone.storage import Database


def add_note(database: Database, call_id: str, free_text: str, reason: str = "") -> None:
    with database.session() as session:
        save_draft(session, call_id, "agent-1", NoteDraft(reason_for_call=reason, free_text=free_text))


def found(database: Database, query: str, limit: int = 20) -> list[str]:
    with database.session() as session:
        return [hit.call_id for hit in search_notes(session, query, limit)]


def test_the_sqlcipher_build_has_fts5() -> None:
    options = {row[0] for row in sqlcipher.connect(":memory:").execute("PRAGMA compile_options")}
    assert "ENABLE_FTS5" in options


def test_finds_notes_containing_every_word_whatever_the_case(database: Database) -> None:
    add_note(database, "c-1", "Caller reports chest pain and nausea")
    add_note(database, "c-2", "Nausea after new medication")
    add_note(database, "c-3", "Repeat prescription")
    assert found(database, "NAUSEA ") == ["c-2", "c-1"]
    assert found(database, "chest nausea ") == ["c-1"]
    assert found(database, "fever ") == []


def test_the_last_word_is_a_prefix_while_typing(database: Database) -> None:
    add_note(database, "c-1", "Shortness of breath at night")
    assert found(database, "short") == ["c-1"]
    assert found(database, "short ") == []  # a finished word matches whole words only


def test_diacritics_are_ignored(database: Database) -> None:
    add_note(database, "c-1", "Náusea y mareo desde ayer")
    assert found(database, "nausea ") == ["c-1"]


def test_the_reason_for_call_ranks_above_the_free_text(database: Database) -> None:
    add_note(database, "in-text", "patient mentions a rash on the arm, otherwise fine today", reason="follow-up")
    add_note(database, "in-reason", "patient otherwise fine today, called back later on", reason="rash")
    assert found(database, "rash ") == ["in-reason", "in-text"]


def test_equal_matches_come_newest_first(database: Database) -> None:
    for call_id in ("first", "second", "third"):
        add_note(database, call_id, "identical text about dizziness")
    assert found(database, "dizziness ") == ["third", "second", "first"]


def test_the_limit_is_respected(database: Database) -> None:
    for index in range(30):
        add_note(database, f"c-{index}", "headache")
    assert len(found(database, "headache", limit=5)) == 5


@pytest.mark.parametrize(
    "query", ['"', "NOT", "chest AND", "*", "(", "chest:pain", "-pain", "pain)", "'; DROP TABLE notes; --", "", "   "]
)
def test_query_syntax_cannot_break_the_search(database: Database, query: str) -> None:
    add_note(database, "c-1", "chest pain")
    found(database, query)  # no exception; words in it are still searched
    assert found(database, "chest:pain") == ["c-1"]


def test_search_follows_edits_and_amendments(database: Database) -> None:
    add_note(database, "c-1", "suspected migraine")
    add_note(database, "c-1", "suspected tension headache")
    assert found(database, "migraine ") == []
    assert found(database, "tension ") == ["c-1"]
    with database.session() as session:
        close_note(session, "c-1", "agent-1")
        amend_note(session, "c-1", "agent-2", NoteDraft(free_text="confirmed cluster headache"))
    assert found(database, "tension ") == []  # search sees the current version
    assert found(database, "cluster ") == ["c-1"]


def test_hits_say_whether_the_note_is_closed(database: Database) -> None:
    add_note(database, "open", "vertigo")
    add_note(database, "done", "vertigo")
    with database.session() as session:
        close_note(session, "done", "agent-1")
        hits = {hit.call_id: hit for hit in search_notes(session, "vertigo")}
    assert hits["done"].closed and not hits["open"].closed


def test_queries_are_rebuilt_from_words() -> None:
    assert search_terms('Chest "pain" OR_x') == ["chest", "pain", "or", "x"]
    assert fts5_query(["chest", "pa"], prefix_last=True) == '"chest" "pa"*'
    assert postgres_tsquery(["chest", "pa"], prefix_last=True) == "'chest' & 'pa':*"
