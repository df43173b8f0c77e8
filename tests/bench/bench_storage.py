"""Storage benchmark; prints ONE JSON object (times in milliseconds, medians).

    python tests/bench/bench_storage.py
    SOFTPHONE_TEST_PG_URL=postgresql+psycopg://… python tests/bench/bench_storage.py

- sqlcipher_connect_raw_key_ms vs sqlcipher_connect_passphrase_ms: open a connection, key it,
  read page 1 (which is when SQLCipher derives the key), close. The passphrase pays PBKDF2
  (SQLCipher 4 default: 256 000 rounds of HMAC-SHA512) on every connection; a raw key does not.
- open_database_ms: the whole start-up path: engine, first connection, migration check at head.
- note_upsert_ms: one debounced save, i.e. save_note in its own committed session (insert for a
  new call, update for an existing one).
"""

from __future__ import annotations

import json
import os
import platform
import secrets
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlcipher3
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import create_engine, make_url

from softphone.storage import Database, generate_key, open_database
from softphone.storage.encryption_key import key_pragma
from softphone.storage.notes import save_note

CONNECT_SAMPLES = 15
OPEN_SAMPLES = 10
UPSERT_SAMPLES = 200
NOTE_BODY = "Caller reports dizziness since this morning; advised to stay seated. " * 8


def median_ms(action: Callable[[], object], samples: int) -> float:
    durations = []
    for _ in range(samples):
        started = time.perf_counter()
        action()
        durations.append(time.perf_counter() - started)
    return round(statistics.median(durations) * 1000, 3)


def connect_and_read(path: Path, key_statement: str) -> None:
    connection = sqlcipher.connect(str(path))
    try:
        connection.execute(key_statement)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        connection.close()


def create_keyed_file(path: Path, key_statement: str) -> None:
    connection = sqlcipher.connect(str(path))
    connection.execute(key_statement)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("CREATE TABLE filler (x TEXT)")
    connection.commit()
    connection.close()


def upsert_figures(database: Database) -> dict[str, float]:
    """Half the saves insert a new call's note, half update an existing one, interleaved."""
    call_ids = [f"bench-call-{index}" for index in range(UPSERT_SAMPLES // 2)]
    pending_inserts = iter(call_ids)
    updates = iter(call_ids * 2)
    body_number = iter(range(10**9))

    def save(call_id: str) -> None:
        with database.session() as session:
            save_note(session, call_id, f"{NOTE_BODY} #{next(body_number)}")

    insert_ms = median_ms(lambda: save(next(pending_inserts)), UPSERT_SAMPLES // 2)
    update_ms = median_ms(lambda: save(next(updates)), UPSERT_SAMPLES // 2)
    return {"note_upsert_insert_ms": insert_ms, "note_upsert_update_ms": update_ms}


def sqlcipher_figures(work_dir: Path) -> dict[str, float | str]:
    raw_key_file, passphrase_file = work_dir / "raw.db", work_dir / "passphrase.db"
    raw_key_statement = key_pragma("key", generate_key())
    passphrase_statement = "PRAGMA key = 'correct horse battery staple'"
    create_keyed_file(raw_key_file, raw_key_statement)
    create_keyed_file(passphrase_file, passphrase_statement)

    figures: dict[str, float | str] = {
        "sqlcipher_connect_raw_key_ms": median_ms(
            lambda: connect_and_read(raw_key_file, raw_key_statement), CONNECT_SAMPLES
        ),
        "sqlcipher_connect_passphrase_ms": median_ms(
            lambda: connect_and_read(passphrase_file, passphrase_statement), CONNECT_SAMPLES
        ),
    }

    app_file, app_key = work_dir / "softphone.db", generate_key()
    open_database(None, sqlite_path=app_file, key=app_key).close()  # create + migrate once
    figures["sqlcipher_open_database_ms"] = median_ms(
        lambda: open_database(None, sqlite_path=app_file, key=app_key).close(), OPEN_SAMPLES
    )
    with open_database(None, sqlite_path=app_file, key=app_key) as database:
        figures.update(
            {f"sqlcipher_{name}": value for name, value in upsert_figures(database).items()}
        )
    return figures


def postgres_figures(url: str) -> dict[str, float | str]:
    schema = f"bench_{secrets.token_hex(6)}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    schema_url = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    schema_url_text = schema_url.render_as_string(hide_password=False)
    try:
        open_database(schema_url_text, key=None).close()
        figures: dict[str, float | str] = {
            "postgres_open_database_ms": median_ms(
                lambda: open_database(schema_url_text, key=None).close(), OPEN_SAMPLES
            )
        }
        with open_database(schema_url_text, key=None) as database:
            figures.update(
                {f"postgres_{name}": value for name, value in upsert_figures(database).items()}
            )
        return figures
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


def main() -> None:
    work_dir = Path(tempfile.mkdtemp(prefix="bench-storage-"))
    try:
        with sqlcipher.connect(":memory:") as probe:
            (cipher_version,) = probe.execute("PRAGMA cipher_version").fetchone()
        result: dict[str, object] = {
            "benchmark": "storage",
            "python": platform.python_version(),
            "sqlcipher": cipher_version,
            "sqlite": sqlcipher3.sqlite_version,
            "connect_samples": CONNECT_SAMPLES,
            "open_samples": OPEN_SAMPLES,
            "upsert_samples": UPSERT_SAMPLES,
        }
        result.update(sqlcipher_figures(work_dir))
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
