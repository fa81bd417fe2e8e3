"""Full-text search in Chinese over drafts and their articles.

Chinese has no spaces, so texts are segmented with jieba (search mode, which also emits the shorter
words inside a long one) and stored as space-separated tokens. SQLite matches them with FTS5,
PostgreSQL with a stored tsvector column (``tsv``, to_tsvector('simple', tokens), migration 15) and a
GIN index over it. A query word matches either itself or all of its parts, so 营商环境 finds
优化营商环境 whichever way jieba split the article.

A results page costs one ranked query (on SQLite, a second one counts the matches in the FTS5 index
when the page is full).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import jieba
from tortoise import connections

from portal.models import Draft, DraftStatus, DraftVersion, Provision, SearchEntry

jieba.setLogLevel(logging.WARNING)

_WORD_RE = re.compile(r"^\w+$")
MAX_QUERY_CHARS = 100
MAX_TERMS = 12
WORDS_REMEMBERED = 20_000  # a few MB at most; the words of real queries are far fewer

# The same statements stand in the migrations that create them (migrations/*/models/1_*_search.py).
SQLITE_DDL = """
CREATE VIRTUAL TABLE IF NOT EXISTS "search_fts"
    USING fts5(tokens, content='search_entry', content_rowid='id');
CREATE TRIGGER IF NOT EXISTS "search_entry_ai" AFTER INSERT ON "search_entry" BEGIN
    INSERT INTO search_fts(rowid, tokens) VALUES (new.id, new.tokens);
END;
CREATE TRIGGER IF NOT EXISTS "search_entry_ad" AFTER DELETE ON "search_entry" BEGIN
    INSERT INTO search_fts(search_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens);
END;
CREATE TRIGGER IF NOT EXISTS "search_entry_au" AFTER UPDATE ON "search_entry" BEGIN
    INSERT INTO search_fts(search_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens);
    INSERT INTO search_fts(rowid, tokens) VALUES (new.id, new.tokens);
END;
"""
# The stored tsvector and its index (migration 15; migration 1 indexed the expression instead, which
# made every search compute the vector of each candidate row again, to filter and again to rank).
# fastupdate off: entries are written only when staff publish, and a pending list would be scanned by
# every search until a VACUUM merges it.
POSTGRES_DDL = """
ALTER TABLE "search_entry" ADD COLUMN IF NOT EXISTS "tsv" tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', "tokens")) STORED;
CREATE INDEX IF NOT EXISTS "idx_search_entry_tsv" ON "search_entry" USING GIN ("tsv")
    WITH (fastupdate = off);
"""


async def install_schema() -> None:
    """Create the full-text objects on a database built from the models (tests, schema checks)."""
    conn = connections.get("default")
    dialect = conn.capabilities.dialect
    await conn.execute_script(SQLITE_DDL if dialect == "sqlite" else POSTGRES_DDL)


def warm_up() -> None:
    """Load jieba's dictionary now (otherwise the first segmentation in a process does)."""
    jieba.initialize()


def tokens(text: str) -> str:
    return " ".join(t.lower() for t in jieba.cut_for_search(text) if _WORD_RE.match(t))


def query_terms(query: str) -> list[list[list[str]]]:
    """AND of groups; a group is OR of alternatives; an alternative is AND of tokens."""
    groups: list[list[list[str]]] = []
    for word in jieba.cut(query[:MAX_QUERY_CHARS]):
        word = word.strip().lower()
        if not _WORD_RE.match(word):
            continue
        alternatives = [list(alternative) for alternative in _alternatives(word)]
        if alternatives not in groups:
            groups.append(alternatives)
    return groups[:MAX_TERMS]


@functools.lru_cache(maxsize=WORDS_REMEMBERED)
def _alternatives(word: str) -> tuple[tuple[str, ...], ...]:
    """The word itself, and the parts that spell it when jieba's search mode splits it. Queries are
    made of a few thousand common words, asked again and again: splitting each once per process is
    a fifth of the cost of segmenting a query."""
    parts = [p.lower() for p in jieba.cut_for_search(word) if _WORD_RE.match(p) and len(p) < len(word)]
    if len(parts) >= 2:
        return ((word,), tuple(_covering(word, parts)))
    return ((word,),)


def _covering(word: str, parts: list[str]) -> list[str]:
    """The fewest parts that together spell the word (drop parts inside other parts)."""
    chosen = [p for p in parts if not any(p != q and p in q for q in parts)]
    return chosen or parts


def _fts5_expression(groups: list[list[list[str]]]) -> str:
    def alt(tokens_: list[str]) -> str:
        joined = " AND ".join(f'"{t}"' for t in tokens_)
        return f"({joined})" if len(tokens_) > 1 else joined

    return " AND ".join("(" + " OR ".join(alt(a) for a in group) + ")" for group in groups)


def _tsquery_expression(groups: list[list[list[str]]]) -> str:
    def alt(tokens_: list[str]) -> str:
        joined = " & ".join(f"'{t}'" for t in tokens_)
        return f"({joined})" if len(tokens_) > 1 else joined

    return " & ".join("(" + " | ".join(alt(a) for a in group) + ")" for group in groups)


# --- indexing -------------------------------------------------------------------------------------


async def index_draft(draft: Draft, version: DraftVersion) -> None:
    """Make the draft and the articles of this (its newest published) version findable."""
    await SearchEntry.filter(draft_id=draft.id).delete()
    summary = "\n".join(part for part in (draft.summary, draft.explanation) if part)
    entries = [
        SearchEntry(
            draft_id=draft.id,
            version_number=version.number,
            unit_key="",
            title=draft.title[:300],
            body=summary,
            tokens=tokens(f"{draft.title}\n{summary}"),
        )
    ]
    for unit in await Provision.filter(version=version).exclude(key="").order_by("position"):
        entries.append(
            SearchEntry(
                draft_id=draft.id,
                version_number=version.number,
                unit_key=unit.key,
                title=f"{draft.title} {unit.label}"[:300],
                body=unit.text,
                tokens=tokens(f"{unit.label} {unit.text}"),
            )
        )
    await SearchEntry.bulk_create(entries, batch_size=500)


async def remove_draft(draft: Draft) -> None:
    await SearchEntry.filter(draft_id=draft.id).delete()


async def reindex_drafts(public_statuses: Iterable[DraftStatus]) -> int:
    """Rebuild the entries of every public draft from its newest published version."""
    count = 0
    for draft in await Draft.filter(status__in=list(public_statuses)):
        version = (
            await DraftVersion.filter(draft=draft, published_at__isnull=False).order_by("-number").first()
        )
        if version is None:
            await remove_draft(draft)
            continue
        await index_draft(draft, version)
        count += 1
    return count


# --- querying -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    draft_id: int
    version_number: int
    unit_key: str
    title: str
    snippet: list[tuple[str, bool]]  # (text, highlighted)

    @property
    def url(self) -> str:
        if self.unit_key:
            return f"/drafts/{self.draft_id}?version={self.version_number}#{self.unit_key}"
        return f"/drafts/{self.draft_id}"


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[Hit]
    total: int


def _match_sql(dialect: str, documents: bool) -> str:
    """FROM … WHERE … of the entries matching the query parameter (the first one)."""
    which = "e.document_id IS NOT NULL" if documents else "e.document_id IS NULL"
    if dialect == "sqlite":
        return (
            'FROM search_fts JOIN "search_entry" e ON e.id = search_fts.rowid '
            f"WHERE search_fts MATCH ? AND {which}"
        )
    return f"FROM \"search_entry\" e WHERE e.tsv @@ to_tsquery('simple', $1) AND {which}"


async def _matches(
    groups: list[list[list[str]]], *, documents: bool, limit: int, offset: int = 0, count: bool = True
) -> tuple[list[dict[str, Any]], int]:
    """Rows of the draft entries (or the library entries) matching ``groups``, best first, and how many
    match in all (0 when ``count`` is False).

    One query per page where possible. PostgreSQL: ranking visits every match anyway, so the rows
    carry the number of matches (COUNT(*) OVER ()). SQLite cannot use bm25() in a query with a window
    function, but a page that is not full holds the last matches, and counting in the FTS5 index when
    it is full is cheap. A page past the last match is counted separately."""
    conn = connections.get("default")
    dialect = conn.capabilities.dialect
    columns = "e.document_id" if documents else "e.draft_id, e.version_number, e.unit_key, e.title, e.body"
    base = _match_sql(dialect, documents)
    if dialect == "sqlite":
        expression = _fts5_expression(groups)
        ranked = f"SELECT {columns} {base} ORDER BY e.unit_key != '', bm25(search_fts), e.id LIMIT ? OFFSET ?"
    else:
        expression = _tsquery_expression(groups)
        if count:
            columns += ", COUNT(*) OVER () AS matched"
        ranked = (
            f"SELECT {columns} {base} ORDER BY e.unit_key != '', "
            "ts_rank(e.tsv, to_tsquery('simple', $1)) DESC, e.id LIMIT $2 OFFSET $3"
        )
    _, found = await conn.execute_query(ranked, [expression, limit, offset])
    rows = [dict(row) for row in found]
    if not count:
        return rows, 0
    if rows and "matched" in rows[0]:
        return rows, int(rows[0]["matched"])
    if len(rows) < limit and (rows or offset == 0):
        return rows, offset + len(rows)
    _, counted = await conn.execute_query(f"SELECT COUNT(*) AS n {base}", [expression])
    return rows, int(dict(counted[0])["n"])


def highlight_words(query: str, groups: list[list[list[str]]] | None = None) -> list[str]:
    """The words to mark in a snippet of a text found by ``query``."""
    if groups is None:
        groups = query_terms(query)
    # The phrases as typed first, so 营商环境 is marked as one run rather than 营商 + 环境.
    typed = {piece.lower() for piece in query.split() if _WORD_RE.match(piece)}
    parts = {t for group in groups for alternative in group for t in alternative}
    return sorted(typed | parts, key=len, reverse=True)


async def search(query: str, *, limit: int = 20, offset: int = 0) -> SearchResult:
    query = query.strip()[:MAX_QUERY_CHARS]
    groups = query_terms(query)
    if not groups:
        return SearchResult(query, [], 0)
    rows, total = await _matches(groups, documents=False, limit=limit, offset=offset)
    words = highlight_words(query, groups)
    hits = [
        Hit(
            draft_id=row["draft_id"],
            version_number=row["version_number"],
            unit_key=row["unit_key"],
            title=row["title"],
            snippet=snippet(row["body"] or row["title"], words),
        )
        for row in rows
    ]
    return SearchResult(query, hits, total)


# --- the normative-document library ---------------------------------------------------------------

MAX_DOCUMENT_MATCHES = 1000  # enough for any real query; a query matching more should be narrowed


async def index_document(document_id: int, *, title: str, heading: str, text: str) -> None:
    """Make a library document findable by its title, numbers, issuer and full text."""
    await SearchEntry.filter(document_id=document_id).delete()
    await SearchEntry.create(
        draft_id=0,
        document_id=document_id,
        title=title[:300],
        body="",  # the snippet is cut from the document itself
        tokens=tokens(f"{heading}\n{text}"),
    )


async def matching_documents(query: str) -> list[int]:
    """Ids of the library documents matching ``query``, best first (snippets: ``snippet`` with
    ``highlight_words(query)`` over the documents shown)."""
    groups = query_terms(query.strip()[:MAX_QUERY_CHARS])
    if not groups:
        return []
    rows, _ = await _matches(groups, documents=True, limit=MAX_DOCUMENT_MATCHES, count=False)
    return [int(row["document_id"]) for row in rows]


def _marks(piece: str, words: list[str]) -> list[tuple[int, int]] | None:
    """Where ``words`` stand in ``piece``, left to right without overlaps, the longest word where
    several start at one place — what a case-insensitive alternation of the words sorted longest
    first finds, by plain ``str.find`` (compiling that pattern anew for every query was a fifth of
    the cost of a search). None where lower-casing changes the text's length (a few letters outside
    Chinese and ASCII do), so that positions would not carry over."""
    lowered = piece.lower()
    if len(lowered) != len(piece):
        return None
    wanted = [w.lower() for w in words if w]
    marks: list[tuple[int, int]] = []
    position = 0
    while True:
        best, size = -1, 0
        for word in wanted:
            found = lowered.find(word, position)
            if found >= 0 and (best < 0 or found < best or (found == best and len(word) > size)):
                best, size = found, len(word)
        if best < 0:
            return marks
        marks.append((best, best + size))
        position = best + size


def snippet(text: str, words: list[str], radius: int = 60) -> list[tuple[str, bool]]:
    """A piece of the text around the first match, split into plain and highlighted runs."""
    lowered = text.lower()
    first = min((i for w in words if (i := lowered.find(w)) >= 0), default=0)
    start = max(0, first - radius // 3)
    end = min(len(text), start + radius * 2)
    piece = text[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    if not words:
        return [(prefix + piece + suffix, False)]
    marks = _marks(piece, words)
    if marks is None:
        pattern = re.compile("|".join(re.escape(w) for w in words if w), re.IGNORECASE)
        marks = [match.span() for match in pattern.finditer(piece)]
    runs: list[tuple[str, bool]] = [(prefix, False)] if prefix else []
    position = 0
    for begin, finish in marks:
        if begin > position:
            runs.append((piece[position:begin], False))
        runs.append((piece[begin:finish], True))
        position = finish
    runs.append((piece[position:] + suffix, False))
    return [run for run in runs if run[0]]
