"""Full-text search over call notes: SQLite FTS5 or PostgreSQL full-text, behind one function.

Results are pages of the newest matching notes first (newest = highest id: ids are handed out
in creation order); the next page is the notes older than the last hit (``before``). Recency,
not relevance: agents look for what was said about a patient or a symptom lately, the list
shows each note's date, and a newest-first page is what both databases can find in a few
milliseconds over millions of notes whatever the words (see "Speed" below).

Query syntax, the same on both databases. What the agent types is never handed to a database's
query parser: it is cut into words (letters and digits), folded (case and diacritics:
"Náusea" = "nausea") and rebuilt, so punctuation, quotes or words like ``NOT`` cannot cause a
syntax error.

- words: a note must contain every one (``chest nausea``), in the reason or the free text;
- ``"double quotes"``: those words next to each other, in that order (``"chest pain"``);
- the last word is a prefix while the agent is typing it (the query ends in a letter or digit
  and the word has ``MIN_PREFIX`` letters or more: ``chest pai`` finds "chest pain"; ``chest
  pai `` with a space does not).

Both indexes cover the reason for the call and the free text and stem nothing; migration 0004
makes PostgreSQL's words the same as FTS5's (diacritics, punctuation, no phrase across fields).

Speed: FTS5 keeps each word's list of notes in id order and reads it from the newest end, so it
stops after a page. PostgreSQL's GIN index returns matches unordered, so its search first reads
the newest ``WALK_ROWS`` notes straight from the table (a common word fills a page there), then
steps back in time through id blocks that migration 0004 puts in the index (``~L.n``): it ANDs
the query with the newest blocks first and widens them four-fold per step until a page is full.
Each step fetches only the matches inside its blocks, so a word in 80 % of the notes and a word
in 0.1 % cost about the same, and no step depends on the planner guessing how common a word or
phrase is. The slowest queries are phrases of common words that rarely stand together: both
databases must check the word positions of every note holding all the words.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Row, text
from sqlalchemy.orm import Session

from softphone.storage.utc_datetime import UTCDateTime

MAX_TERMS = 16
# A last word shorter than this is a whole word even while typed: "p" or "pa" as a prefix would
# match nearly every note, tell the agent nothing, and cost the most (every posting of every
# word it starts; SQLite's index keeps three-letter prefixes for the next shortest).
MIN_PREFIX = 3
MAX_LIMIT = 200
SNIPPET_CHARS = 160
# Letters and digits; "_" separates words, as in both databases' tokenisers.
_TERM = re.compile(r"[^\W_]+")

# What NFD splits off a letter with a diacritic (the Combining Diacritical Marks blocks), as a
# regular expression that Python and PostgreSQL read alike. Migration 0004 strips these from the
# PostgreSQL index with a frozen copy (a test checks they are equal); FTS5 folds its own
# (remove_diacritics 2), so SQLite gets the same words either way.
COMBINING_MARKS = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
_COMBINING_MARKS = re.compile(COMBINING_MARKS)

# PostgreSQL id blocks (migration 0004): levels 10, 12, ..., 22; each step covers one level.
BLOCK_LEVELS = (10, 12, 14, 16, 18, 20, 22)
_COLUMNS = (
    "call_notes.id, call_id, agent_id, patient_ref, reason_for_call, free_text, disposition, "
    "created_at, closed_at"
)

# FTS5 walks a match list in rowid order natively and stops after LIMIT.
_SQLITE_SEARCH = text(
    f"""
    SELECT {_COLUMNS}
    FROM (
        SELECT rowid AS note_id FROM call_note_search
        WHERE call_note_search MATCH :query AND rowid < :before
        ORDER BY rowid DESC LIMIT :limit
    ) AS hits
    JOIN call_notes ON call_notes.id = hits.note_id
    ORDER BY call_notes.id DESC
    """
).columns(created_at=UTCDateTime, closed_at=UTCDateTime)

# The newest notes first, read straight from the table: a word or prefix in more than ~1 % of
# the notes fills a page here. OFFSET 0 keeps the planner from pushing the match into the scan
# (and so from choosing a GIN scan, which must visit every posting of a common word or prefix).
WALK_ROWS = 2048
_POSTGRES_WALK = text(
    f"""
    SELECT {_COLUMNS} FROM (
        SELECT * FROM call_notes WHERE id >= :low AND id < :high OFFSET 0
    ) AS call_notes
    WHERE search_document @@ to_tsquery('simple', :query)
    ORDER BY id DESC
    LIMIT :limit
    """
).columns(created_at=UTCDateTime, closed_at=UTCDateTime)

# Then steps back in time: the matches inside a few id blocks. Every plan the planner can pick
# for this is bounded by the blocks: a GIN scan returns only matches inside them, a backwards
# walk of the primary key stops at :low. Blocks and words are two conditions, not one tsquery:
# GIN then skips through each one's postings to the other's next match (3-5 times faster than
# one query, where a rare word's every posting is checked against the common words' lists).
# A common prefix (the word being typed) is left out of the index condition when there are
# other words: GIN gathers every posting of every word a prefix matches before it can skip
# ("pa" is most notes), so such a prefix is checked on the rows found instead (ts_match_vq is
# what @@ calls, and a function call is never an index condition). A rare prefix stays: it is
# then the cheapest way in. The block lexemes are cast, not parsed: "~" is no word.
_POSTGRES_STEP = text(
    f"""
    SELECT {_COLUMNS} FROM call_notes
    WHERE search_document @@ CAST(:blocks AS tsquery)
      AND search_document @@ to_tsquery('simple', :index_query)
      AND ts_match_vq(search_document, to_tsquery('simple', :query))
      AND id >= :low AND id < :high
    ORDER BY id DESC
    LIMIT :limit
    """
).columns(created_at=UTCDateTime, closed_at=UTCDateTime)

# The planner's estimate of the notes a prefix matches, from the column's word statistics.
_POSTGRES_PREFIX_ESTIMATE = text(
    "EXPLAIN (FORMAT JSON) SELECT id FROM call_notes WHERE search_document @@ to_tsquery('simple', :prefix)"
)
# Above this, gathering a prefix's postings costs more per step (~0.25 us each) than checking
# the prefix on the rows the other words find.
COMMON_PREFIX_NOTES = 20_000

# The driver prepares a statement after a few runs, and PostgreSQL may then reuse one generic
# plan for every query text, planned without knowing whether its words are common or rare (the
# old search took 1.2 s a query that way). Custom plans only, for this transaction.
_POSTGRES_START = text(
    "SELECT set_config('plan_cache_mode', 'force_custom_plan', true), (SELECT max(id) FROM call_notes)"
)


@dataclass(frozen=True)
class NoteSearchHit:
    """One matching note, as it is now (the newest version once closed).

    The PHI fields are left out of ``repr``: hits travel through queues and callbacks.
    """

    note_id: int  # pass the last hit's as ``before`` for the next page
    call_id: str
    created_at: datetime
    closed: bool
    agent_id: str = ""
    disposition: str | None = None
    patient_ref: str | None = field(default=None, repr=False)
    reason_for_call: str = field(default="", repr=False)
    # Plain text around the first matching word of the free text (its start if none matches).
    snippet: str = field(default="", repr=False)


@dataclass(frozen=True)
class SearchQuery:
    """The agent's query as words: each group one word, or a quoted phrase of several."""

    groups: tuple[tuple[str, ...], ...]
    prefix_last: bool  # the last word of the last group is still being typed

    @property
    def terms(self) -> list[str]:
        return [word for group in self.groups for word in group]


def search_notes(
    session: Session, query: str, limit: int = 20, *, before: int | None = None
) -> list[NoteSearchHit]:
    """The newest notes matching ``query`` (older than note id ``before``, if given), newest
    first; [] for a query without words."""
    parsed = parse_query(query)
    if not parsed.groups:
        return []
    limit = max(1, min(limit, MAX_LIMIT))
    if session.get_bind().dialect.name == "postgresql":
        rows = _postgres_rows(session, parsed, before, limit)
    else:
        rows = list(
            session.execute(
                _SQLITE_SEARCH,
                {"query": fts5_match(parsed), "before": before if before is not None else 2**63 - 1, "limit": limit},
            )
        )
    return [_hit(row, parsed.terms) for row in rows]


# --- the query ---------------------------------------------------------------------------------


def fold(value: str) -> str:
    """Without case or diacritics ("Náusea" -> "nausea"), composed (NFC) as FTS5 expects."""
    return unicodedata.normalize("NFC", _decomposed(value)).lower()


def _decomposed(value: str) -> str:
    """NFD without the combining marks: how migration 0004 stores words in PostgreSQL (Hangul
    syllables, say, stay decomposed there, so query words must be too)."""
    return _COMBINING_MARKS.sub("", unicodedata.normalize("NFD", value))


def search_terms(query: str) -> list[str]:
    return _TERM.findall(fold(query))[:MAX_TERMS]


def parse_query(query: str) -> SearchQuery:
    groups: list[tuple[str, ...]] = []
    budget = MAX_TERMS
    # Even pieces lie outside double quotes, odd ones inside (an unclosed quote runs to the end).
    for index, piece in enumerate(query.split('"')):
        words = _TERM.findall(fold(piece))[:budget]
        budget -= len(words)
        if index % 2 and words:
            groups.append(tuple(words))
        else:
            groups.extend((word,) for word in words)
    prefix_last = bool(groups) and bool(_TERM.match(query[-1])) and len(groups[-1][-1]) >= MIN_PREFIX
    return SearchQuery(tuple(groups), prefix_last)


def fts5_match(query: SearchQuery) -> str:
    # Words hold only letters and digits, so double quotes cannot appear inside them.
    parts = ['"' + " ".join(group) + '"' for group in query.groups]
    if query.prefix_last:
        parts[-1] += "*"
    return " ".join(parts)  # FTS5: juxtaposed phrases must all match


def postgres_match(query: SearchQuery) -> str:
    parts = []
    for number, group in enumerate(query.groups, 1):
        words = [f"'{_decomposed(word)}'" for word in group]
        if query.prefix_last and number == len(query.groups):
            words[-1] += ":*"
        parts.append(words[0] if len(words) == 1 else "(" + " <-> ".join(words) + ")")
    return " & ".join(parts)


def fts5_query(terms: Sequence[str], prefix_last: bool) -> str:
    """FTS5 query for plain words (every one must match)."""
    return fts5_match(SearchQuery(tuple((term,) for term in terms), prefix_last))


def postgres_tsquery(terms: Sequence[str], prefix_last: bool) -> str:
    """PostgreSQL tsquery text for plain words (every one must match)."""
    return postgres_match(SearchQuery(tuple((term,) for term in terms), prefix_last))


# --- PostgreSQL: steps back through the id blocks ------------------------------------------------


def _postgres_rows(session: Session, query: SearchQuery, before: int | None, limit: int) -> list[Row]:
    top = session.execute(_POSTGRES_START).one()[1]
    before = before if before is not None else (top or 0) + 1
    walked = max(0, before - WALK_ROWS)
    tsquery = postgres_match(query)
    rows = list(
        session.execute(_POSTGRES_WALK, {"query": tsquery, "low": walked, "high": before, "limit": limit})
    )
    if len(rows) >= limit:
        return rows
    index_query = tsquery
    if query.prefix_last and len(query.terms) > 1 and _common(session, query.terms[-1]):
        index_query = postgres_match(without_prefix(query))
    for low, high, blocks in block_steps(walked):
        parameters = {"blocks": blocks, "index_query": index_query, "query": tsquery}
        rows += session.execute(
            _POSTGRES_STEP, {**parameters, "low": low, "high": high, "limit": limit - len(rows)}
        )
        if len(rows) >= limit:
            break
    return rows


def _common(session: Session, prefix: str) -> bool:
    plan = session.execute(_POSTGRES_PREFIX_ESTIMATE, {"prefix": f"'{_decomposed(prefix)}':*"}).scalar_one()
    if isinstance(plan, str):
        plan = json.loads(plan)
    return plan[0]["Plan"]["Plan Rows"] > COMMON_PREFIX_NOTES


def without_prefix(query: SearchQuery) -> SearchQuery:
    """The query without the word being typed, if other words remain (see _POSTGRES_STEP)."""
    if not query.prefix_last or len(query.terms) < 2:
        return query
    *groups, last = query.groups
    if len(last) > 1:
        groups.append(last[:-1])
    return SearchQuery(tuple(groups), prefix_last=False)


def block_steps(before: int) -> Iterator[tuple[int, int, str]]:
    """(low, high, tsquery of the blocks) covering ids [0, before), newest first.

    Each level's step runs from where the last step ended down to the next level's block
    boundary (at most four blocks), so the steps grow four-fold and seven of them cover
    millions of notes; then the top level's blocks, four at a time, down to id 0.
    """
    high = before
    for level in BLOCK_LEVELS[:-1]:
        if high <= 0:
            return
        low = ((high - 1) >> (level + 2)) << (level + 2)
        yield low, high, _blocks(level, low, high)
        high = low
    top = BLOCK_LEVELS[-1]
    while high > 0:
        low = max(0, (((high - 1) >> top) << top) - (3 << top))
        yield low, high, _blocks(top, low, high)
        high = low


def _blocks(level: int, low: int, high: int) -> str:
    return " | ".join(f"'~{level}.{block}'" for block in range(low >> level, ((high - 1) >> level) + 1))


# --- hits ----------------------------------------------------------------------------------------


def _hit(row: Row, terms: Sequence[str]) -> NoteSearchHit:
    return NoteSearchHit(
        note_id=row.id,
        call_id=row.call_id,
        created_at=row.created_at,
        closed=row.closed_at is not None,
        agent_id=row.agent_id,
        disposition=row.disposition,
        patient_ref=row.patient_ref,
        reason_for_call=row.reason_for_call,
        snippet=snippet(row.free_text, terms),
    )


def snippet(free_text: str, terms: Sequence[str], width: int = SNIPPET_CHARS) -> str:
    """About ``width`` characters of ``free_text`` on one line from a little before the first
    word that starts with a query term (from the start if none does), "…" where text was cut.
    Plain text: the UI shows it as such."""
    start = 0
    prefixes = tuple(terms)
    for match in _TERM.finditer(free_text) if prefixes else ():
        if fold(match.group()).startswith(prefixes):
            start = max(0, match.start() - width // 4)
            if start:  # begin at a word, not inside one
                space = free_text.find(" ", start, match.start())
                start = space + 1 if space >= 0 else match.start()
            break
    end = start + width * 3  # generous: whitespace runs collapse below
    piece = " ".join(free_text[start:end].split())
    cut_after = end < len(free_text) or len(piece) > width
    if len(piece) > width:
        piece = piece[: width - 1].rstrip()
    return ("…" if start else "") + piece + ("…" if cut_after else "")
