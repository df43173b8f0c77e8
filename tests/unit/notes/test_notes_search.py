"""Full-text search over notes on SQLCipher (FTS5). The PostgreSQL twin is in tests/integration/notes."""

from __future__ import annotations

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from softphone.notes import NoteDraft, amend_note, close_note, save_draft, search_notes
from softphone.notes.search import (
    BLOCK_LEVELS,
    block_steps,
    fts5_match,
    fts5_query,
    parse_query,
    postgres_match,
    postgres_tsquery,
    search_terms,
)
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


def test_matches_come_newest_first_in_the_reason_or_the_free_text(database: Database) -> None:
    # Pages of the newest notes, not ranked by relevance (see softphone/notes/search.py): an
    # older note with the word in its reason comes after a newer one with it in the free text.
    add_note(database, "in-reason", "patient otherwise fine today, called back later on", reason="rash")
    add_note(database, "in-text", "patient mentions a rash on the arm, otherwise fine today", reason="follow-up")
    assert found(database, "rash ") == ["in-text", "in-reason"]


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


def test_quotes_make_phrases_and_the_last_word_typed_is_a_prefix() -> None:
    query = parse_query('Chest "SHORTNESS of breath" pai')
    assert query.groups == (("chest",), ("shortness", "of", "breath"), ("pai",)) and query.prefix_last
    assert fts5_match(query) == '"chest" "shortness of breath" "pai"*'
    assert postgres_match(query) == "'chest' & ('shortness' <-> 'of' <-> 'breath') & 'pai':*"
    assert parse_query('"chest pain"').prefix_last is False  # closed quote: the word is finished
    assert postgres_match(parse_query('"chest pai')) == "('chest' <-> 'pai':*)"  # still typing it
    # One or two letters are a whole word, even while typing: as a prefix they match everything.
    assert parse_query("chest p").prefix_last is False and parse_query("chest pa").prefix_last is False
    assert parse_query('"" ! ').groups == ()


def test_query_words_lose_case_and_diacritics() -> None:
    assert search_terms("Náusea MAREO Ñandú") == ["nausea", "mareo", "nandu"]
    assert parse_query("dolor TORÁCICO").groups == (("dolor",), ("toracico",))


def test_too_many_words_are_cut() -> None:
    assert len(parse_query(" ".join(f"w{n}" for n in range(40))).terms) == 16


@pytest.mark.parametrize("before", [1, 2, 1023, 1024, 1025, 4097, 70_000, 1_000_001, 40_000_000])
def test_block_steps_cover_every_older_id_once_newest_first(before: int) -> None:
    steps = list(block_steps(before))
    assert steps[0][1] == before and steps[-1][0] == 0
    for (low, high, blocks), (next_low, next_high, _blocks) in zip(steps, steps[1:]):
        assert next_high == low < high
    for low, high, blocks in steps:
        # The blocks of a step are whole blocks of one level covering [low, high), no more.
        names = [name.strip("' ") for name in blocks.split("|")]
        level = int(names[0][1:].split(".")[0])
        assert level in BLOCK_LEVELS and len(names) <= 4
        numbers = [int(name.split(".")[1]) for name in names]
        assert numbers == list(range(low >> level, ((high - 1) >> level) + 1))
        assert numbers[0] << level <= low < (numbers[0] + 1) << level
    # The steps grow (four-fold per level), so a million ids take a handful of queries.
    assert len(steps) <= 7 + before // (4 << BLOCK_LEVELS[-1])


def test_the_search_migration_goes_down_and_up_keeping_the_index(database: Database) -> None:
    from alembic import command
    from sqlalchemy import text

    from softphone.storage.migrations import _migration_transaction, upgrade_to_head

    add_note(database, "c-1", "patient reports palpitations")

    def fts_sql() -> str:
        with database.session() as session:
            return session.execute(text("SELECT sql FROM sqlite_master WHERE name = 'call_note_search'")).scalar_one()

    assert "prefix='3'" in fts_sql()
    assert found(database, "pal") == ["c-1"]
    with _migration_transaction(database.engine) as (config, _connection):
        command.downgrade(config, "0003")
    assert "prefix" not in fts_sql()
    assert found(database, "pal") == ["c-1"]  # the rebuilt index still holds the note
    upgrade_to_head(database.engine)
    assert "prefix='3'" in fts_sql()
    add_note(database, "c-2", "palpitations again")  # the triggers are back
    assert found(database, "pal") == ["c-2", "c-1"]
