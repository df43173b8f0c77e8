"""Notes benchmark; prints ONE JSON object (times in milliseconds unless the name says us).

    python tests/bench/bench_notes.py                 # 1 000 000 notes (several minutes to build)
    NOTES_BENCH_COUNT=100000 python tests/bench/bench_notes.py
    SOFTPHONE_TEST_PG_URL=postgresql+psycopg://… NOTES_BENCH_PG_COUNT=200000 python tests/bench/bench_notes.py

- search_*: ``search_notes`` (limit 20) over N synthetic notes in an SQLCipher file, FTS5 index
  maintained by the production triggers. Words are drawn Zipf-like from a clinical vocabulary,
  so queries cover rare, medium and very common words, two-word ANDs and as-you-type prefixes.
  Median and p95 over the samples; ``*_matches`` is how many notes the query matches in total.
  Goal: <= 50 ms.
- autosave_update_*_us: cost of ``NoteAutosaver.update()`` on the caller (GUI) thread, over a
  burst of keystrokes while the worker is writing.
- autosave_write_*_ms: one autosave transaction (UPDATE + FTS re-index + commit with fsync), as
  the worker measured it, on the same N-note database.
- postgres_*: the same searches on PostgreSQL, when SOFTPHONE_TEST_PG_URL is set.
"""

from __future__ import annotations

import bisect
import itertools
import json
import os
import platform
import random
import secrets
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlcipher3
from sqlalchemy import create_engine, make_url, text

from softphone.notes import NoteAutosaver, NoteDraft, NoteSaved, search_notes
from softphone.storage import Database, generate_key, open_database

NOTE_COUNT = int(os.environ.get("NOTES_BENCH_COUNT", "1000000"))
PG_NOTE_COUNT = int(os.environ.get("NOTES_BENCH_PG_COUNT", "200000"))
BATCH = 50_000
SEARCH_SAMPLES = 25
KEYSTROKES = 600
WORDS_PER_NOTE = (20, 60)

COMMON = (
    "patient caller reports since morning advised called back pain today daughter says "
    "feels worse better night medication tablets pharmacy appointment gp doctor nurse"
).split()
MEDIUM = (
    "dizziness nausea vomiting headache fever cough rash swelling diarrhoea fatigue wheeze "
    "insomnia anxiety palpitations constipation itching earache toothache backache sprain"
).split()
RARE = (
    "anaphylaxis haemoptysis syncope melaena photophobia hemiparesis stridor priapism "
    "cellulitis epistaxis dysphagia vertigo tinnitus jaundice pancreatitis sciatica gout"
).split()


def vocabulary() -> tuple[list[str], list[float]]:
    """Words with cumulative weights: common words very likely, rare ones in ~0.1% of notes."""
    filler = [f"w{index:04d}" for index in range(3000)]  # a long tail of plain words
    words = COMMON + MEDIUM + RARE + filler
    weights = [400.0] * len(COMMON) + [20.0] * len(MEDIUM) + [0.4] * len(RARE)
    weights += [100.0 / (rank + 1) for rank in range(len(filler))]
    return words, list(itertools.accumulate(weights))


def synthetic_notes(count: int, seed: int = 7) -> Iterator[tuple]:
    words, cumulative = vocabulary()
    total = cumulative[-1]
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)

    def pick(k: int) -> str:
        return " ".join(words[bisect.bisect(cumulative, rng.random() * total)] for _ in range(k))

    for index in range(count):
        moment = (start + timedelta(seconds=30 * index)).replace(tzinfo=None).isoformat(sep=" ")
        yield (
            f"bench-call-{index}",
            f"agent-{index % 200}",
            f"Patient/{rng.randrange(10**6)}",
            pick(3),
            "[]",
            pick(rng.randint(*WORDS_PER_NOTE)),
            "advice_given",
            "[]",
            moment,
            moment,
            moment,
            1,
        )


INSERT = (
    "INSERT INTO call_notes (call_id, agent_id, patient_ref, reason_for_call, symptom_codes, free_text, "
    "disposition, escalation_ids, created_at, updated_at, closed_at, current_version) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def build_sqlite(database: Database, count: int) -> float:
    """Big executemany transactions through the production FTS triggers; returns seconds."""
    started = time.perf_counter()
    raw = database.engine.raw_connection()
    try:
        cursor = raw.cursor()
        notes = synthetic_notes(count)
        while batch := list(itertools.islice(notes, BATCH)):
            cursor.execute("BEGIN")
            cursor.executemany(INSERT, batch)
            cursor.execute("COMMIT")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        # Merge FTS segments once, as a maintenance job would after a bulk import.
        cursor.execute("INSERT INTO call_note_search(call_note_search) VALUES ('optimize')")
        cursor.close()
    finally:
        raw.close()
    return time.perf_counter() - started


def build_postgres(database: Database, count: int) -> float:
    started = time.perf_counter()
    raw = database.engine.raw_connection()
    try:
        cursor = raw.cursor()
        notes = synthetic_notes(count)
        statement = INSERT.replace("?", "%s")
        while batch := list(itertools.islice(notes, BATCH)):
            cursor.executemany(statement, [row[:8] + tuple(f"{value}+00" for value in row[8:11]) + row[11:] for row in batch])
            raw.commit()
        cursor.execute("ANALYZE call_notes")
        raw.commit()
    finally:
        raw.close()
    return time.perf_counter() - started


QUERIES = {
    "rare_word": ["anaphylaxis ", "syncope ", "stridor ", "epistaxis ", "gout "],
    "medium_word": ["dizziness ", "nausea ", "headache ", "fever ", "rash "],
    "common_word": ["patient ", "pain ", "morning ", "reports ", "today "],
    "two_words": ["pain dizziness ", "fever cough ", "patient rash ", "nausea vomiting ", "headache morning "],
    "prefix_typing": ["diz", "naus", "head", "feve", "synco"],
}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def timed_ms(action: Callable[[], object], samples: int) -> list[float]:
    durations = []
    for _ in range(samples):
        started = time.perf_counter()
        action()
        durations.append((time.perf_counter() - started) * 1000)
    return durations


def search_figures(database: Database, prefix: str) -> dict[str, float | int]:
    figures: dict[str, float | int] = {}
    with database.session() as session:
        for query in itertools.chain.from_iterable(QUERIES.values()):
            search_notes(session, query)  # warm the page cache once per query
        for name, queries in QUERIES.items():
            durations: list[float] = []
            for query in queries:
                durations += timed_ms(lambda: search_notes(session, query), SEARCH_SAMPLES)
            figures[f"{prefix}search_{name}_median_ms"] = round(statistics.median(durations), 2)
            figures[f"{prefix}search_{name}_p95_ms"] = round(percentile(durations, 0.95), 2)
            figures[f"{prefix}search_{name}_matches"] = match_count(session, queries[0])
    return figures


def match_count(session, query: str) -> int:
    from softphone.notes.search import fts5_query, postgres_tsquery, search_terms

    terms = search_terms(query)
    prefix = not query[-1].isspace()
    if session.get_bind().dialect.name == "postgresql":
        statement = "SELECT count(*) FROM call_notes WHERE search_document @@ to_tsquery('simple', :q)"
        return session.execute(text(statement), {"q": postgres_tsquery(terms, prefix)}).scalar_one()
    statement = "SELECT count(*) FROM call_note_search WHERE call_note_search MATCH :q"
    return session.execute(text(statement), {"q": fts5_query(terms, prefix)}).scalar_one()


def autosave_figures(database: Database) -> dict[str, float | int]:
    """A simulated agent typing at ~60 words per minute into one note of the big database."""
    writes: list[float] = []
    saver = NoteAutosaver(
        database,
        "bench-autosave-call",
        "agent-bench",
        on_status=lambda status: writes.append(status.write_seconds * 1000) if isinstance(status, NoteSaved) else None,
    )
    text_typed = ""
    update_costs_us: list[float] = []
    source = itertools.cycle("Caller reports dizziness since this morning, advised fluids and rest. ")
    for _ in range(KEYSTROKES):
        text_typed += next(source)
        draft = NoteDraft(reason_for_call="dizziness", free_text=text_typed)
        started = time.perf_counter_ns()
        saver.update(draft)
        update_costs_us.append((time.perf_counter_ns() - started) / 1000)
        time.sleep(0.02)
    saver.close()
    return {
        "autosave_keystrokes": KEYSTROKES,
        "autosave_update_median_us": round(statistics.median(update_costs_us), 2),
        "autosave_update_p99_us": round(percentile(update_costs_us, 0.99), 2),
        "autosave_update_max_us": round(max(update_costs_us), 2),
        "autosave_writes": len(writes),
        "autosave_write_median_ms": round(statistics.median(writes), 2),
        "autosave_write_p95_ms": round(percentile(writes, 0.95), 2),
        "autosave_write_max_ms": round(max(writes), 2),
    }


def postgres_figures(url: str) -> dict[str, object]:
    schema = f"bench_{secrets.token_hex(6)}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    schema_url = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False
    )
    try:
        with open_database(schema_url, key=None) as database:
            figures: dict[str, object] = {
                "postgres_notes": PG_NOTE_COUNT,
                "postgres_build_seconds": round(build_postgres(database, PG_NOTE_COUNT), 1),
            }
            figures.update(search_figures(database, "postgres_"))
            return figures
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


def main() -> None:
    work_dir = Path(tempfile.mkdtemp(prefix="bench-notes-"))
    try:
        path = work_dir / "softphone.db"
        with open_database(None, sqlite_path=path, key=generate_key()) as database:
            build_seconds = build_sqlite(database, NOTE_COUNT)
            result: dict[str, object] = {
                "benchmark": "notes",
                "python": platform.python_version(),
                "sqlite": sqlcipher3.sqlite_version,
                "notes": NOTE_COUNT,
                "build_seconds": round(build_seconds, 1),
                "build_notes_per_second": round(NOTE_COUNT / build_seconds),
                "database_mb": round(sum(p.stat().st_size for p in work_dir.glob("softphone.db*")) / 1e6, 1),
                "search_samples_per_query": SEARCH_SAMPLES,
                "search_goal_ms": 50,
            }
            result.update(search_figures(database, ""))
            result.update(autosave_figures(database))
        pg_url = os.environ.get("SOFTPHONE_TEST_PG_URL")
        if pg_url:
            result.update(postgres_figures(pg_url))
        else:
            result["postgres"] = "skipped: SOFTPHONE_TEST_PG_URL not set"
        print(json.dumps(result))
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
