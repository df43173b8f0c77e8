"""Note search gives the same results on SQLCipher (FTS5) and PostgreSQL: every test runs on both.

The PostgreSQL side also walks back through the id blocks of migration 0004; tests with notes
spread over several thousand ids cross block and step boundaries.
"""

from __future__ import annotations

import importlib.util
import itertools
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import text

from softphone.notes import NoteDraft, close_note, save_draft, search_notes
from softphone.notes import search as note_search
from softphone.storage import Database, generate_key, open_database
from softphone.storage.migrations import SCRIPT_LOCATION
from tests.support.postgres_schema import postgres_url, schema_url  # noqa: F401 (fixtures)

pytestmark = pytest.mark.integration


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        with open_database(None, sqlite_path=tmp_path / "softphone.db", key=generate_key()) as database:
            yield database
    else:
        with open_database(request.getfixturevalue("schema_url"), key=None) as database:
            yield database


def add_note(database: Database, call_id: str, free_text: str, reason: str = "", **fields) -> None:
    with database.session() as session:
        save_draft(session, call_id, "agent-1", NoteDraft(reason_for_call=reason, free_text=free_text, **fields))


def found(database: Database, query: str, limit: int = 20, before: int | None = None) -> list[str]:
    with database.session() as session:
        return [hit.call_id for hit in search_notes(session, query, limit, before=before)]


def bulk_insert(database: Database, texts: list[str]) -> None:
    """Thousands of notes at once, ids 1..n in order (save_draft would audit each one)."""
    moment = datetime(2026, 1, 1, tzinfo=timezone.utc)
    rows = [
        {
            "call_id": f"bulk-{number}",
            "free_text": body,
            "at": moment + timedelta(minutes=number),
        }
        for number, body in enumerate(texts, 1)
    ]
    with database.session() as session:
        session.execute(
            text(
                "INSERT INTO call_notes (call_id, agent_id, reason_for_call, symptom_codes, free_text, "
                "escalation_ids, created_at, updated_at, current_version) "
                "VALUES (:call_id, 'agent-bulk', '', '[]', :free_text, '[]', :at, :at, 0)"
            ),
            rows,
        )
    if database.engine.dialect.name == "postgresql":
        with database.engine.begin() as connection:  # word statistics, as autovacuum would gather
            connection.exec_driver_sql("ANALYZE call_notes")


def test_words_in_the_reason_or_the_free_text_are_found_newest_first(database: Database) -> None:
    add_note(database, "in-reason", "patient otherwise fine today", reason="rash")
    add_note(database, "in-text", "patient mentions a rash on the arm", reason="follow-up")
    add_note(database, "neither", "repeat prescription")
    # Newest first, wherever the word is: an older note with it in the reason comes later.
    assert found(database, "rash ") == ["in-text", "in-reason"]
    assert found(database, "patient rash ") == ["in-text", "in-reason"]


def test_quoted_words_must_be_next_to_each_other_in_order(database: Database) -> None:
    add_note(database, "adjacent", "Caller has chest-pain since noon")
    add_note(database, "apart", "pain in the chest after lifting")
    add_note(database, "reversed", "pain chest")
    assert found(database, '"chest pain"') == ["adjacent"]
    assert found(database, "chest pain ") == ["reversed", "apart", "adjacent"]
    assert found(database, '"chest pai') == ["adjacent"]  # an unclosed phrase: still typing
    assert found(database, '"chest pa') == []  # two letters: a whole word, not a prefix
    assert found(database, '"pain chest" lifting') == []
    assert found(database, 'lifting "pain in the chest"') == ["apart"]


def test_a_phrase_does_not_run_from_the_reason_into_the_free_text(database: Database) -> None:
    add_note(database, "seam", "pain since this morning", reason="chest")
    assert found(database, "chest pain ") == ["seam"]
    assert found(database, '"chest pain"') == []


def test_diacritics_and_case_are_ignored_both_ways(database: Database) -> None:
    add_note(database, "accented", "Náusea y MAREO desde ayer; niño con fiebre")
    add_note(database, "plain", "nausea after the new tablets")
    assert found(database, "nausea ") == ["plain", "accented"]
    assert found(database, "NÁUSEA ") == ["plain", "accented"]
    assert found(database, "nino ") == ["accented"]
    assert found(database, "mareó ") == ["accented"]
    assert found(database, "náu") == ["plain", "accented"]


def test_punctuation_separates_words_as_fts5_does(database: Database) -> None:
    add_note(database, "numbers", "temp 37.5, BP 120/80, ward-3, see nurse@clinic.org")
    for query in ("37.5 ", "37 ", "120 80 ", "ward 3 ", "ward-3 ", "clinic ", "nurse clinic org "):
        assert found(database, query) == ["numbers"], query
    assert found(database, '"37 5"') == ["numbers"]


def test_hits_carry_what_the_results_list_shows(database: Database) -> None:
    add_note(
        database,
        "c-1",
        "Long history. " * 30 + "Today the caller reports a sudden rash on both arms and mild fever.",
        reason="Rash",
        disposition="advice_given",
        patient_ref="Patient/42",
    )
    with database.session() as session:
        close_note(session, "c-1", "agent-1")
        (hit,) = search_notes(session, "rash arms")
    assert hit.call_id == "c-1" and hit.closed and hit.agent_id == "agent-1"
    assert hit.disposition == "advice_given" and hit.patient_ref == "Patient/42"
    assert hit.reason_for_call == "Rash"
    assert "sudden rash on both arms" in hit.snippet
    assert hit.snippet.startswith("…") and len(hit.snippet) <= note_search.SNIPPET_CHARS + 2
    assert "rash" not in repr(hit).lower() and "Patient/42" not in repr(hit)  # no PHI in logs


def test_pages_go_back_in_time_without_gaps_or_repeats(database: Database) -> None:
    for number in range(25):
        add_note(database, f"c-{number:02d}", f"headache number {number}")
    pages, before = [], None
    with database.session() as session:
        while page := search_notes(session, "headache", 10, before=before):
            pages.append([hit.call_id for hit in page])
            before = page[-1].note_id
    assert [len(page) for page in pages] == [10, 10, 5]
    assert list(itertools.chain(*pages)) == [f"c-{number:02d}" for number in reversed(range(25))]


def test_search_across_thousands_of_ids_finds_the_newest_matches_exactly(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 9000 notes: "common" in most, "rare" in a few far apart, "gone" only in old notes, so the
    # PostgreSQL search has to step back over several block levels for some queries.
    rare_ids = {7, 1500, 4097, 8190}
    texts = []
    for number in range(1, 9001):
        words = ["common"] if number % 5 else ["other"]
        if number in rare_ids:
            words.append("rare")
        if number <= 300:
            words.append("gone")
        if number % 1000 == 0:
            words += ["chest", "pain"]
        texts.append(" ".join(words))
    bulk_insert(database, texts)
    assert found(database, "rare ") == [f"bulk-{number}" for number in sorted(rare_ids, reverse=True)]
    assert found(database, "rare ", before=4097) == ["bulk-1500", "bulk-7"]
    assert found(database, "common ", limit=3) == ["bulk-8999", "bulk-8998", "bulk-8997"]
    assert found(database, "gone ", limit=2) == ["bulk-300", "bulk-299"]
    assert found(database, "gone ", limit=2, before=2) == ["bulk-1"]
    assert found(database, '"chest pain"', limit=4) == ["bulk-9000", "bulk-8000", "bulk-7000", "bulk-6000"]
    assert found(database, "common rare ") == ["bulk-4097", "bulk-7"]  # 8190 and 1500: "other"
    assert found(database, "absent ") == []
    # A prefix PostgreSQL's statistics call common is checked on the rows, not looked up.
    monkeypatch.setattr(note_search, "COMMON_PREFIX_NOTES", 100)
    assert found(database, "rare comm") == ["bulk-4097", "bulk-7"]
    assert found(database, '"chest pai', limit=2) == ["bulk-9000", "bulk-8000"]
    assert found(database, "gone oth", limit=3) == ["bulk-300", "bulk-295", "bulk-290"]


def test_the_migration_folds_with_the_search_modules_marks() -> None:
    path = next((SCRIPT_LOCATION / "versions").glob("*_0004_*.py"))
    spec = importlib.util.spec_from_file_location("migration_0004", path)
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    assert migration.COMBINING_MARKS == note_search.COMBINING_MARKS
    assert migration.BLOCK_LEVELS == note_search.BLOCK_LEVELS
