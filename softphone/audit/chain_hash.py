"""The hash that links audit entries: SHA-256 over a canonical serialisation of entry + prev_hash.

Canonical means byte-for-byte reproducible from the stored columns on any machine and either
database: JSON with sorted keys and no whitespace, UTF-8, the time as ISO 8601 UTC with
microseconds (the precision both SQLite and PostgreSQL keep). The format version ``v`` lets a
future change of the serialisation coexist with entries hashed the old way.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone

GENESIS_HASH = "0" * 64  # the prev_hash of entry 1
SERIALISATION_VERSION = 1


@dataclass(frozen=True)
class ChainedFields:
    """Every stored column of an entry except its own hash."""

    sequence: int
    recorded_at: datetime
    actor: str
    action: str
    subject: str | None
    details: str  # canonical JSON text, hashed as stored
    prev_hash: str


def entry_hash(fields: ChainedFields) -> str:
    payload = {
        "v": SERIALISATION_VERSION,
        "sequence": fields.sequence,
        "recorded_at": _utc_text(fields.recorded_at),
        "actor": fields.actor,
        "action": fields.action,
        "subject": fields.subject,
        "details": fields.details,
        "prev_hash": fields.prev_hash,
    }
    serialised = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(serialised.encode("utf-8")).hexdigest()


def _utc_text(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("audit times must be timezone-aware")
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
