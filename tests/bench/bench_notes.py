"""Notes benchmark; prints ONE JSON object (times in milliseconds unless the name says us).

    python tests/bench/bench_notes.py                 # 1 000 000 notes (several minutes to build)
    NOTES_BENCH_COUNT=100000 python tests/bench/bench_notes.py
    SOFTPHONE_TEST_PG_URL=postgresql+psycopg://… NOTES_BENCH_PG_COUNT=200000 python tests/bench/bench_notes.py
    NOTES_BENCH_CACHE=~/.cache/softphone-bench python tests/bench/bench_notes.py   # build once, reuse
    NOTES_BENCH_BACKENDS=postgres …                    # only one backend (sqlite, postgres or both)

Caching: building a million notes takes minutes per backend. With ``NOTES_BENCH_CACHE`` set, the
SQLCipher file (and its key, in a file next to it: the notes are synthetic) is kept in that folder
and the PostgreSQL notes in a schema named after the count and ``SEED_VERSION``, which stays in
the server; a later run reuses them once their build completed (a marker written last). The
schema is migrated to head on open, so a cached database also tests a new migration at scale.
Without the variable everything is built in a scratch folder / schema and deleted afterwards.

- search_*: ``search_notes`` (a page of 20, newest first) over N synthetic notes in an SQLCipher
  file, FTS5 index maintained by the production triggers. Words are drawn Zipf-like from a
  clinical vocabulary (common words are in ~80 % of the notes, medium ones ~8 %, rare ones
  ~0.2 %), so queries cover rare, medium and very common words, ANDs, rare words with common
  ones, as-you-type prefixes down to one letter, quoted phrases (frequent to rare), queries that
  match nothing, and a page of older notes (``before`` = the middle id). Median, p95 and max over
  the samples; ``*_matches`` is how many notes the type's first query matches in total.
  Goal: <= 50 ms.
- autosave_update_*_us: cost of ``NoteAutosaver.update()`` on the caller (GUI) thread, over a
  burst of keystrokes while the worker is writing.
- autosave_write_*_ms: one autosave transaction (UPDATE + FTS re-index + commit with fsync), as
  the worker measured it, on the same N-note database.
- postgres_*: the same searches (and autosave writes: UPDATE + GIN re-index) on PostgreSQL,
  when SOFTPHONE_TEST_PG_URL is set.
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
PG_NOTE_COUNT = int(os.environ.get("NOTES_BENCH_PG_COUNT", str(NOTE_COUNT)))
# Bump when synthetic_notes() changes, so cached databases built from older notes are not reused.
SEED_VERSION = 1
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


# (query, before): before is None for the first page, else a note id (the page of older notes).
QUERIES: dict[str, list[tuple[str, int | None]]] = {
    name: [(query, None) for query in queries]
    for name, queries in {
        "rare_word": ["anaphylaxis ", "syncope ", "stridor ", "epistaxis ", "gout "],
        "medium_word": ["dizziness ", "nausea ", "headache ", "fever ", "rash "],
        "common_word": ["patient ", "pain ", "morning ", "reports ", "today "],
        "two_words": ["pain dizziness ", "fever cough ", "patient rash ", "nausea vomiting ", "headache morning "],
        "rare_and_common": ["patient anaphylaxis ", "pain syncope ", "morning stridor ", "daughter gout ", "today epistaxis "],
        "prefix_typing": ["diz", "naus", "head", "feve", "synco"],
        "one_letter": ["p", "d", "n", "s", "a"],
        # Phrases from frequent (common words side by side) to rare (two medium words side by side).
        "phrase": ['"back pain"', '"called back"', '"pain dizziness"', '"fever cough"', '"nausea vomiting"'],
        "phrase_and_rare": [
            '"back pain" syncope', '"fever cough" pain', '"feels worse" gout', '"called back" stridor',
            '"nausea vomiting" patient',
        ],
        "no_match": ["zzzz ", "anaphylaxis zzzz ", '"gout syncope"', '"stridor priapism"', "qqq"],
    }.items()
}
# A page of notes older than the middle one: what "older results" costs deep in the past.
MIDDLE = -1
QUERIES["older_page"] = [(query, MIDDLE) for query in ("dizziness ", "anaphylaxis ", "patient ", '"fever cough"', "synco")]


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
        middle = session.execute(text("SELECT max(id) FROM call_notes")).scalar_one() // 2
        queries_by_type = {
            name: [(query, middle if before == MIDDLE else before) for query, before in queries]
            for name, queries in QUERIES.items()
        }
        for query, before in itertools.chain.from_iterable(queries_by_type.values()):
            search_notes(session, query, before=before)  # warm the page cache once per query
        for name, queries in queries_by_type.items():
            durations: list[float] = []
            for query, before in queries:
                durations += timed_ms(lambda: search_notes(session, query, before=before), SEARCH_SAMPLES)
            figures[f"{prefix}search_{name}_median_ms"] = round(statistics.median(durations), 2)
            figures[f"{prefix}search_{name}_p95_ms"] = round(percentile(durations, 0.95), 2)
            figures[f"{prefix}search_{name}_max_ms"] = round(max(durations), 2)
            figures[f"{prefix}search_{name}_matches"] = match_count(session, queries[0][0])
    return figures


def match_count(session, query: str) -> int:
    from softphone.notes.search import fts5_match, parse_query, postgres_match

    parsed = parse_query(query)
    if not parsed.groups:
        return 0
    if session.get_bind().dialect.name == "postgresql":
        statement = "SELECT count(*) FROM call_notes WHERE search_document @@ to_tsquery('simple', :q)"
        return session.execute(text(statement), {"q": postgres_match(parsed)}).scalar_one()
    statement = "SELECT count(*) FROM call_note_search WHERE call_note_search MATCH :q"
    return session.execute(text(statement), {"q": fts5_match(parsed)}).scalar_one()


def autosave_figures(database: Database) -> dict[str, float | int]:
    """A simulated agent typing at ~60 words per minute into one note of the big database."""
    writes: list[float] = []
    saver = NoteAutosaver(
        database,
        f"bench-autosave-{secrets.token_hex(4)}",  # a new note per run, also on a cached database
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


def cache_dir() -> Path | None:
    folder = os.environ.get("NOTES_BENCH_CACHE")
    if not folder:
        return None
    path = Path(folder).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def backends() -> set[str]:
    return set(os.environ.get("NOTES_BENCH_BACKENDS", "sqlite,postgres").split(","))


def sqlite_figures(work_dir: Path, cache: Path | None) -> dict[str, object]:
    folder = cache or work_dir
    path = folder / f"notes-{NOTE_COUNT}-v{SEED_VERSION}.db"
    key_file = path.with_suffix(".key")
    marker = path.with_suffix(".complete")
    if not marker.exists():
        for stale in folder.glob(path.name + "*"):
            stale.unlink()
        key_file.write_bytes(generate_key())
        key_file.chmod(0o600)
    with open_database(None, sqlite_path=path, key=key_file.read_bytes()) as database:
        figures: dict[str, object] = {"sqlite": sqlcipher3.sqlite_version, "notes": NOTE_COUNT}
        if marker.exists():
            figures["build"] = "cached"
        else:
            build_seconds = build_sqlite(database, NOTE_COUNT)
            marker.touch()
            figures["build_seconds"] = round(build_seconds, 1)
            figures["build_notes_per_second"] = round(NOTE_COUNT / build_seconds)
        figures["database_mb"] = round(sum(p.stat().st_size for p in folder.glob(path.name + "*")) / 1e6, 1)
        figures.update(search_figures(database, ""))
        figures.update(autosave_figures(database))
        return figures


def postgres_figures(url: str, cache: Path | None) -> dict[str, object]:
    keep = cache is not None
    schema = f"bench_notes_{PG_NOTE_COUNT}_v{SEED_VERSION}" if keep else f"bench_{secrets.token_hex(6)}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
        complete = connection.execute(
            text("SELECT to_regclass(:marker) IS NOT NULL"), {"marker": f'"{schema}".bench_build_complete'}
        ).scalar_one()
    schema_url = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False
    )
    try:
        if keep and not complete:  # an interrupted build: start again from an empty schema
            with admin.begin() as connection:
                connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
                connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        with open_database(schema_url, key=None) as database:
            figures: dict[str, object] = {"postgres_notes": PG_NOTE_COUNT}
            if complete:
                figures["postgres_build"] = "cached"
            else:
                figures["postgres_build_seconds"] = round(build_postgres(database, PG_NOTE_COUNT), 1)
                with database.engine.begin() as connection:
                    connection.exec_driver_sql("CREATE TABLE bench_build_complete ()")
            figures.update(search_figures(database, "postgres_"))
            figures.update(
                {f"postgres_{name}": value for name, value in autosave_figures(database).items() if "write" in name}
            )
            return figures
    finally:
        if not keep:
            with admin.begin() as connection:
                connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


def main() -> None:
    work_dir = Path(tempfile.mkdtemp(prefix="bench-notes-"))
    cache = cache_dir()
    selected = backends()
    result: dict[str, object] = {
        "benchmark": "notes",
        "python": platform.python_version(),
        "search_samples_per_query": SEARCH_SAMPLES,
        "search_goal_ms": 50,
    }
    try:
        if "sqlite" in selected:
            result.update(sqlite_figures(work_dir, cache))
        pg_url = os.environ.get("SOFTPHONE_TEST_PG_URL")
        if "postgres" not in selected:
            result["postgres"] = "skipped: not in NOTES_BENCH_BACKENDS"
        elif pg_url:
            result.update(postgres_figures(pg_url, cache))
        else:
            result["postgres"] = "skipped: SOFTPHONE_TEST_PG_URL not set"
        print(json.dumps(result))
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
