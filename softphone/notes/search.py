"""Full-text search over call notes: SQLite FTS5 or PostgreSQL full-text, behind one function.

Both indexes are built by migration 0002 over the reason for the call (weighted higher) and the
free text; neither stems words, so both databases find the same notes. What the agent types is
never passed to the database's query parser as is: it is cut into words and rebuilt as an
AND of quoted terms, so punctuation, quotes or words like ``NOT`` cannot cause a syntax error.
The last word is a prefix ("chest pa" finds "chest pain") because search runs as the agent types.

Ranking: best match first (BM25 on SQLite, ``ts_rank`` on PostgreSQL); on equal rank the newest
note first (the highest id: ids are handed out in creation order). Ranking costs time per
matching note, so only the ``RANKED_CANDIDATES`` newest matches are ranked: a query matching
more notes than that ("patient") is too unspecific for its rank to mean much, and the newest
notes are the likely ones. This keeps every search within a few tens of milliseconds on a
million notes; finding the candidates walks the index in id order and ranks nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from softphone.storage.utc_datetime import UTCDateTime

MAX_TERMS = 16
MAX_LIMIT = 200
RANKED_CANDIDATES = 5000
# Letters and digits; "_" separates words, as in both databases' tokenisers.
_TERM = re.compile(r"[^\W_]+")

# FTS5 walks a match list in rowid order natively, so this finds the oldest of the newest
# RANKED_CANDIDATES matches without ranking any of them.
_SQLITE_OLDEST_CANDIDATE = text(
    """
    SELECT rowid FROM call_note_search WHERE call_note_search MATCH :query
    ORDER BY rowid DESC LIMIT 1 OFFSET :offset
    """
)

_SQLITE_SEARCH = text(
    """
    SELECT call_notes.id, call_notes.call_id, call_notes.created_at, call_notes.closed_at,
           hits.score
    FROM (
        SELECT rowid AS note_id, rank AS score
        FROM call_note_search
        WHERE call_note_search MATCH :query AND rowid >= :oldest
        ORDER BY rank, rowid DESC
        LIMIT :limit
    ) AS hits
    JOIN call_notes ON call_notes.id = hits.note_id
    ORDER BY hits.score, call_notes.id DESC
    """
).columns(created_at=UTCDateTime, closed_at=UTCDateTime)

# The tsvector column is stored, so ranking reads it instead of re-parsing each matching note.
_POSTGRES_SEARCH = text(
    """
    WITH candidates AS (
        SELECT id FROM call_notes
        WHERE search_document @@ to_tsquery('simple', :query)
        ORDER BY id DESC
        LIMIT :candidates
    )
    SELECT call_notes.id, call_id, created_at, closed_at,
           -ts_rank(search_document, to_tsquery('simple', :query)) AS score
    FROM call_notes JOIN candidates ON candidates.id = call_notes.id
    ORDER BY score, call_notes.id DESC
    LIMIT :limit
    """
).columns(created_at=UTCDateTime, closed_at=UTCDateTime)


@dataclass(frozen=True)
class NoteSearchHit:
    note_id: int
    call_id: str
    created_at: datetime
    closed: bool
    # Lower is better on both databases (BM25 is negative; ts_rank is negated to match).
    score: float


def search_notes(session: Session, query: str, limit: int = 20) -> list[NoteSearchHit]:
    """Notes matching every word of ``query``, best first; [] for a query without words."""
    terms = search_terms(query)
    if not terms:
        return []
    limit = max(1, min(limit, MAX_LIMIT))
    prefix_last = bool(query) and not query[-1].isspace()
    if session.get_bind().dialect.name == "postgresql":
        rows = session.execute(
            _POSTGRES_SEARCH,
            {"query": postgres_tsquery(terms, prefix_last), "limit": limit, "candidates": RANKED_CANDIDATES},
        )
    else:
        match = fts5_query(terms, prefix_last)
        oldest = session.execute(
            _SQLITE_OLDEST_CANDIDATE, {"query": match, "offset": RANKED_CANDIDATES - 1}
        ).scalar_one_or_none()
        rows = session.execute(_SQLITE_SEARCH, {"query": match, "oldest": oldest or 0, "limit": limit})
    return [
        NoteSearchHit(note_id, call_id, created_at, closed_at is not None, float(score))
        for note_id, call_id, created_at, closed_at, score in rows
    ]


def search_terms(query: str) -> list[str]:
    return _TERM.findall(query.casefold())[:MAX_TERMS]


def fts5_query(terms: list[str], prefix_last: bool) -> str:
    # Terms hold only letters and digits, so double quotes cannot appear inside them.
    quoted = [f'"{term}"' for term in terms]
    if prefix_last:
        quoted[-1] += "*"
    return " ".join(quoted)  # FTS5: juxtaposed phrases must all match


def postgres_tsquery(terms: list[str], prefix_last: bool) -> str:
    quoted = [f"'{term}'" for term in terms]
    if prefix_last:
        quoted[-1] += ":*"
    return " & ".join(quoted)
