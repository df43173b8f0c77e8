"""The patient values this agent's database holds, to mask them wherever they appear.

Log lines are redacted when written, but only of values the app had registered by then; a name
logged by a crash before the patient panel registered it would pass. The bundle therefore masks
every note text, patient reference and remote party of the agent's recent calls as well.
Best effort: with the keyring locked (often why IT asks for diagnostics) the pattern redaction
still applies and the manifest says the database was not consulted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from softphone.notes.known_phi import recent_note_phi
from softphone.storage.database import Database
from softphone.storage.models import CallRecord, Note

# Enough to cover what the retained logs can mention (they rotate after a few MB).
RECENT_ROWS = 2000


@dataclass(frozen=True)
class KnownPhi:
    values: list[str] = field(default_factory=list)
    source: str = "not consulted"


def phi_from_database(database: Database, limit: int = RECENT_ROWS) -> list[str]:
    values: list[str] = []
    with database.session() as session:
        notes = session.execute(
            select(Note.body, Note.patient_ref).order_by(Note.updated_at.desc()).limit(limit)
        )
        for body, patient_ref in notes:
            values += [body, patient_ref or ""]
        values += recent_note_phi(session, limit)  # the call notes (reason, free text, patient)
        calls = session.scalars(select(CallRecord.remote_party).order_by(CallRecord.started_at.desc()).limit(limit))
        values += list(calls)
    return [value for value in values if value]


def phi_from_local_profile(database_file: Path, uses_shared_database: bool) -> KnownPhi:
    """Read the known values from the agent's encrypted file, without ever creating a key."""
    if uses_shared_database:
        return KnownPhi(source="not consulted: the data is in the shared PostgreSQL database")
    if not database_file.is_file():
        return KnownPhi(source=f"not consulted: no local database at {database_file}")
    try:
        from softphone.credentials import SecretName, open_os_credential_store
        from softphone.storage.database import open_database

        stored = open_os_credential_store().get(SecretName.DATABASE_KEY)
        if stored is None:
            return KnownPhi(source="not consulted: no database key in the OS keyring")
        with open_database(None, sqlite_path=database_file, key=bytes.fromhex(stored), migrate=False) as database:
            values = phi_from_database(database)
    except Exception as error:  # diagnostics must come out even when the profile is broken
        return KnownPhi(source=f"not consulted: {type(error).__name__}")
    return KnownPhi(values, f"{len(values)} value(s) from the local database")
