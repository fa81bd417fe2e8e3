"""The digest of a draft: what was said, article by article, with form letters counted as one opinion
with N signatures (ACUS 2021-1), keywords and representative comments.

The per-comment work (near-duplicate signature, word counts) is done once per comment and stored, so a
refresh after new comments only fingerprints the new ones. The result is stored in DigestSnapshot and
the staff page is served from it, with what a refresh builds on: every count by value, the groups,
and each article's best single comments. A refresh reads the comments that arrived since and those
whose counted columns changed (recorded by database triggers in comment_change, so every write path
is covered), takes the changed ones out of the stored counts as they were and puts them back as they
are, and describes again only the groups that grew or hold a changed comment. When it cannot vouch
for the result (a comment deleted, a late commit, too few candidates left) it counts every comment
again; both ways give the same digest (tests/test_digest.py).
"""

from __future__ import annotations

import bisect
import itertools
import operator
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.backends.sqlite.client import SqliteClient
from tortoise.timezone import now
from tortoise.transactions import in_transaction

from portal.db import datetime_from_row
from portal.models import (
    Comment,
    CommentChange,
    DigestSnapshot,
    Draft,
    LiaisonPoint,
    Moderation,
)
from portal.models.comments import Channel, IdentityType, Outcome, Stance
from portal.services import drafts
from portal.services.digest import fingerprint, kept, keywords

BATCH = 4000
KEYWORD_SAMPLE_PER_UNIT = 40  # comments per article whose words are counted (a sample keeps refreshes fast)
BURST_WINDOW = timedelta(minutes=15)
BURST_MIN = 10
REPRESENTATIVES_PER_STANCE = 2
DETAILED_CLUSTERS = 500  # the largest groups get a medoid and an arrival profile; the rest only counts
STALE_RUN = timedelta(minutes=30)
PROGRESS_EVERY = 1.0  # seconds between progress writes
BUSY = ("queued", "running")  # a refresh is waiting for a process, or running in one

Progress = Callable[[int, str], Awaitable[None]]


def _conn() -> BaseDBAsyncClient:
    conn: BaseDBAsyncClient = connections.get("default")
    return conn


def _sql(conn: BaseDBAsyncClient, sql: str) -> str:
    """Write queries with ? placeholders; PostgreSQL wants $1, $2, …"""
    if conn.capabilities.dialect != "postgres":
        return sql
    parts = sql.split("?")
    return "".join(part + (f"${i}" if i < len(parts) else "") for i, part in enumerate(parts, start=1))


async def _tuples(sql: str, values: Sequence[Any] = ()) -> list[Sequence[Any]]:
    """Rows read by position (no dict per row: for the large reads). On SQLite plain tuples: the
    client's sqlite3.Row costs about a second per million rows."""
    conn = _conn()
    if isinstance(conn, SqliteClient):
        async with conn.acquire_connection() as connection:
            cursor = await connection.cursor()
            cursor.row_factory = None
            try:
                await cursor.execute(sql, list(values))
                return list(await cursor.fetchall())
            finally:
                await cursor.close()
    _, rows = await conn.execute_query(_sql(conn, sql), list(values))
    return rows  # type: ignore[return-value]  # declared as dicts, but asyncpg.Record


async def _rows(sql: str, values: Sequence[Any] = ()) -> list[dict[str, Any]]:
    conn = _conn()
    _, rows = await conn.execute_query(_sql(conn, sql), list(values))
    return [dict(row) for row in rows]


# --- incremental indexing -------------------------------------------------------------------------


async def index_new(draft_id: int, progress: Progress | None = None) -> int:
    """Fingerprint (and for a sample, count the words of) every comment of the draft not yet done."""
    conn = _conn()
    counted: Counter[str] = Counter(
        {
            row["lineage"]: int(row["n"])
            for row in await _rows(
                "SELECT c.lineage AS lineage, COUNT(*) AS n FROM comment_fingerprint f "
                "JOIN comment c ON c.id = f.comment_id WHERE f.draft_id = ? AND f.counted "
                "GROUP BY c.lineage",
                [draft_id],
            )
        }
    )
    # Which comments wait, read once: one pass over the draft's comments, instead of one per batch.
    waiting = [
        int(row[0])
        for row in await _tuples(
            "SELECT c.id FROM comment c LEFT JOIN comment_fingerprint f ON f.comment_id = c.id "
            "WHERE c.draft_id = ? AND f.comment_id IS NULL ORDER BY c.id",
            [draft_id],
        )
    ]
    pending = len(waiting)
    done = 0
    for start in range(0, pending, BATCH):
        first, last = waiting[start], waiting[min(start + BATCH, pending) - 1]
        batch = await _rows(  # by primary key range; a comment committed since in it is taken too
            "SELECT c.id AS id, c.body AS body, c.suggested_wording AS wording, c.lineage AS lineage "
            "FROM comment c LEFT JOIN comment_fingerprint f ON f.comment_id = c.id "
            "WHERE c.draft_id = ? AND c.id BETWEEN ? AND ? AND f.comment_id IS NULL ORDER BY c.id",
            [draft_id, first, last],
        )
        if not batch:
            continue
        texts = [row["body"] for row in batch]
        sigs = fingerprint.signatures(texts)
        terms: dict[tuple[str, str], int] = defaultdict(int)
        rows: list[list[Any]] = []
        for row, sig in zip(batch, sigs, strict=True):
            lineage = row["lineage"]
            count_it = counted[lineage] < KEYWORD_SAMPLE_PER_UNIT
            if count_it:
                counted[lineage] += 1
                for term, n in keywords.terms(f"{row['body']}\n{row['wording'] or ''}").items():
                    terms[(lineage, term)] += n
            rows.append(
                [row["id"], draft_id, fingerprint.text_hash(row["body"]), fingerprint.to_bytes(sig), count_it]
            )
        await conn.execute_many(
            _sql(
                conn,
                "INSERT INTO comment_fingerprint (comment_id, draft_id, text_hash, signature, counted) "
                "VALUES (?, ?, ?, ?, ?)",
            ),
            rows,
        )
        if terms:
            await conn.execute_many(
                _sql(
                    conn,
                    "INSERT INTO term_count (draft_id, lineage, term, n) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (draft_id, lineage, term) DO UPDATE SET n = term_count.n + excluded.n",
                ),
                [[draft_id, lineage, term[:32], n] for (lineage, term), n in terms.items()],
            )
        done += len(batch)
        if progress is not None:
            await progress(min(80, int(80 * done / max(1, pending))), f"已分析 {done} / {pending} 条新意见")
    return done


# --- the digest -----------------------------------------------------------------------------------


def _label(enum_value: str, enum: type[Any]) -> str:
    try:
        label: str = enum(enum_value).label
    except ValueError:
        return enum_value or "未填写"
    return label


def _where(draft_id: int, point_id: int | None, alias: str = "") -> tuple[str, list[Any]]:
    prefix = f"{alias}." if alias else ""
    if point_id is None:
        return f"{prefix}draft_id = ?", [draft_id]
    return f"{prefix}draft_id = ? AND {prefix}liaison_point_id = ?", [draft_id, point_id]


def _day_expression(alias: str = "c") -> str:
    """The local (Beijing) date of created_at, in the dialect of the database."""
    if _conn().capabilities.dialect == "postgres":
        return f"to_char({alias}.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')"
    return f"strftime('%Y-%m-%d', {alias}.created_at, '+8 hours')"


def _burst(times: list[datetime]) -> tuple[bool, int]:
    """Whether BURST_MIN or more arrived within BURST_WINDOW, and the most that did."""
    times = sorted(times)
    best = 0
    start = 0
    for end, moment in enumerate(times):
        while moment - times[start] > BURST_WINDOW:
            start += 1
        best = max(best, end - start + 1)
    return best >= BURST_MIN, best


async def _fetch(ids: Sequence[int], columns: str) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    for i in range(0, len(ids), 900):
        chunk = list(ids[i : i + 900])
        marks = ",".join("?" * len(chunk))
        for row in await _rows(f"SELECT id, {columns} FROM comment WHERE id IN ({marks})", chunk):
            found[int(row["id"])] = row
    return found


def _settled_grouping(previous: dict[str, Any] | None, ids: Sequence[int]) -> tuple[int, list[list[int]]]:
    """How many of the rows (fingerprints in id order) the previous digest grouped, and its groups as
    row indices, so only the comments after them need placing. (0, []) when the previous digest cannot
    be built on: none, another grouping method, or its comments are no longer exactly the first rows
    (a comment that committed late with a lower id)."""
    if not previous or previous.get("grouping") != fingerprint.METHOD:
        return 0, []
    through, count = int(previous.get("grouped_through", 0)), int(previous.get("grouped_count", -1))
    settled = bisect.bisect_right(ids, through)
    if settled != count:
        return 0, []
    clusters = previous.get("clusters", [])
    if not clusters:
        return settled, []
    # Each member's row, found by binary search in the sorted ids (one vectorised pass over tens of
    # thousands of members); a member not among the ids means the groups cannot be built on.
    members = np.fromiter(itertools.chain.from_iterable(c["comment_ids"] for c in clusters), dtype=np.int64)
    known = np.asarray(ids[:settled], dtype=np.int64)
    rows = np.searchsorted(known, members)
    if (rows >= settled).any() or (known[np.minimum(rows, settled - 1)] != members).any():
        return 0, []
    ends = np.cumsum([len(c["comment_ids"]) for c in clusters])
    return settled, [part.tolist() for part in np.split(rows, ends[:-1])]


# --- the comments' columns, counts and candidates ---------------------------------------------------

# What a stored digest keeps to be built on: the counts below and each article's best single comments.
# A digest stored without them (or counted another way) is computed again from every comment.
COUNTING = "tallies1"
TALLIED = ("stance", "channel", "district", "point", "identity", "outcome", "moderation", "day")
CANDIDATES = 6  # best single comments kept per article and stance (representatives are chosen from them)

Tallies = dict[str, dict[str, int]]  # "unit" ("lineage/stance") and each of TALLIED: value -> comments
Candidates = dict[str, dict[str, Any]]  # "lineage/stance" -> {"best": [[id, support, wording, body]], "all"}


@dataclass
class Columns:
    """Comments read by position: one list per column, and each comment's row."""

    cols: dict[str, list[Any]]
    row_of: dict[int, int]

    def value(self, comment_id: int, name: str) -> Any:
        return self.cols[name][self.row_of[comment_id]]


def _comment_select(alias: str = "c") -> dict[str, str]:
    return {
        "id": f"{alias}.id",
        "lineage": f"{alias}.lineage",
        "stance": f"{alias}.stance",
        "channel": f"{alias}.channel",
        "district": f"{alias}.district",
        "identity": f"{alias}.identity_type",
        "outcome": f"{alias}.outcome",
        "moderation": f"{alias}.moderation",
        "point": f"{alias}.liaison_point_id",
        "day": _day_expression(alias),
        "created_at": f"{alias}.created_at",
        "support": f"{alias}.support_count",
        "wording_length": f"LENGTH({alias}.suggested_wording)",
        "body_length": f"LENGTH({alias}.body)",
        "cluster_id": f"{alias}.cluster_id",
    }


def _columns_of(rows: Sequence[Sequence[Any]], names: Sequence[str]) -> Columns:
    columns = [list(column) for column in zip(*rows, strict=True)] if rows else [[] for _ in names]
    cols = dict(zip(names, columns, strict=True))
    return Columns(cols, {int(comment_id): row for row, comment_id in enumerate(cols["id"])})


async def _comment_columns(where: str, values: Sequence[Any]) -> Columns:
    """The comments, in id order, read in one pass, as one list per column."""
    select = _comment_select()
    rows = await _tuples(
        f"SELECT {', '.join(select.values())} FROM comment c WHERE {where} ORDER BY c.id", values
    )
    return _columns_of(rows, list(select))


async def _comments_by_id(ids: Sequence[int]) -> Columns:
    """What describing a group reads of its members."""
    select = {
        name: column
        for name, column in _comment_select().items()
        if name in ("id", "lineage", "stance", "moderation", "created_at", "cluster_id")
    }
    rows: list[Sequence[Any]] = []
    for i in range(0, len(ids), 900):
        chunk = list(ids[i : i + 900])
        marks = ",".join("?" * len(chunk))
        rows += await _tuples(
            f"SELECT {', '.join(select.values())} FROM comment c WHERE c.id IN ({marks})", chunk
        )
    return _columns_of(rows, list(select))


@dataclass
class Changes:
    """The recorded changes of a draft's comments (comment_change), read in one statement with the
    comments as they are now, so each change and the comment's present values are seen together."""

    records: list[tuple[int, int]]  # (record, comment) read; deleted when the digest is stored
    before: dict[int, dict[str, Any]]  # per comment, its counted values before its first recorded change
    now: Columns  # the changed comments that still belong to the draft, as they are now
    gone: set[int]  # changed comments deleted or moved to another draft


async def _changes(draft_id: int) -> Changes:
    old = {
        "lineage": "q.lineage",
        "stance": "q.stance",
        "channel": "q.channel",
        "district": "q.district",
        "identity": "q.identity_type",
        "outcome": "q.outcome",
        "moderation": "q.moderation",
        "point": "q.liaison_point_id",
        "day": _day_expression("q"),
    }
    current = _comment_select()
    rows = await _tuples(
        f"SELECT q.id, q.comment_id, CASE WHEN c.draft_id = q.draft_id THEN 1 ELSE 0 END, "
        f"{', '.join(old.values())}, {', '.join(current.values())} "
        "FROM comment_change q LEFT JOIN comment c ON c.id = q.comment_id WHERE q.draft_id = ? ORDER BY q.id",
        [draft_id],
    )
    before: dict[int, dict[str, Any]] = {}
    present: dict[int, Sequence[Any]] = {}
    gone: set[int] = set()
    for row in rows:
        comment_id = int(row[1])
        if comment_id not in before:  # the earliest record holds what was counted
            before[comment_id] = dict(zip(old, row[3 : 3 + len(old)], strict=True))
        if row[2]:
            present[comment_id] = row[3 + len(old) :]
        else:
            gone.add(comment_id)
    return Changes(
        [(int(row[0]), int(row[1])) for row in rows],
        before,
        _columns_of(list(present.values()), list(current)),
        gone,
    )


def _unit(lineage: str, stance: str) -> str:
    return f"{lineage}/{stance}"


def _tally(tallies: Tallies, values: dict[str, Any], sign: int) -> None:
    """Add (sign 1) or take away (-1) one comment's values."""
    unit = tallies.setdefault("unit", {})
    key = _unit(values["lineage"], values["stance"])
    unit[key] = unit.get(key, 0) + sign
    for name in TALLIED:
        counts = tallies.setdefault(name, {})
        key = "" if values[name] is None else str(values[name])
        counts[key] = counts.get(key, 0) + sign


def _values(columns: Columns, comment_id: int) -> dict[str, Any]:
    row = columns.row_of[comment_id]
    return {name: columns.cols[name][row] for name in ("lineage", *TALLIED)}


def _ordered(name: str, counts: dict[str, int]) -> dict[str, int]:
    """Non-zero counts in order of the value (none first; liaison points by id)."""
    return {
        key: counts[key]
        for key in sorted(
            (k for k, n in counts.items() if n),
            key=lambda k: (k != "", int(k) if name == "point" and k else 0, k),
        )
    }


def _rank(entry: Sequence[int]) -> tuple[int, int, int, int]:
    """The order representatives are chosen in: most supported, longest wording, longest text, first."""
    comment_id, support, wording, body = entry
    return (-support, -wording, -body, comment_id)


def _entry(columns: Columns, comment_id: int) -> list[int]:
    row = columns.row_of[comment_id]
    cols = columns.cols
    return [
        comment_id,
        int(cols["support"][row] or 0),
        int(cols["wording_length"][row] or 0),
        int(cols["body_length"][row] or 0),
    ]


def _candidates(columns: Columns, ids: Sequence[int], in_cluster: set[int]) -> Candidates:
    """Per article and stance, the best CANDIDATES published comments outside every group."""
    by_key: dict[str, list[list[int]]] = defaultdict(list)
    cols = columns.cols
    for comment_id in ids:
        row = columns.row_of[comment_id]
        if cols["moderation"][row] == Moderation.PUBLISHED and comment_id not in in_cluster:
            by_key[_unit(cols["lineage"][row], cols["stance"][row])].append(_entry(columns, comment_id))
    candidates: Candidates = {}
    for key in sorted(by_key):
        best = sorted(by_key[key], key=_rank)
        candidates[key] = {"best": best[:CANDIDATES], "all": len(best) <= CANDIDATES}
    return candidates


def _update_candidates(
    previous: Candidates, leaving: set[int], arriving: list[list[int]], arriving_keys: list[str]
) -> Candidates | None:
    """The stored candidates without the comments that changed or joined a group, with the new and
    changed comments that are published singles. Comments never kept rank after the last one kept, so
    what ranks up to the last survivor is exact; None when fewer than needed remain exact."""
    adds: dict[str, list[list[int]]] = defaultdict(list)
    for entry, key in zip(arriving, arriving_keys, strict=True):
        adds[key].append(entry)
    updated: Candidates = {}
    for key in sorted(set(previous) | set(adds)):
        kept = previous.get(key, {"best": [], "all": True})
        survivors = [e for e in kept["best"] if e[0] not in leaving]
        if len(survivors) == len(kept["best"]) and key not in adds:
            updated[key] = kept
            continue
        merged = sorted(survivors + adds.get(key, []), key=_rank)
        if kept["all"]:
            best, complete = merged[:CANDIDATES], len(merged) <= CANDIDATES
        else:
            if not survivors:
                return None
            last = _rank(survivors[-1])
            best, complete = [e for e in merged if _rank(e) <= last][:CANDIDATES], False
            if len(best) < REPRESENTATIVES_PER_STANCE:
                return None
        if best or not complete:
            updated[key] = {"best": best, "all": complete}
    return updated


def _describe_one(
    rank: int,
    group: list[int],
    ids: Sequence[int],
    hashes: Sequence[str],
    sigs: fingerprint.Signatures,
    columns: Columns,
) -> dict[str, Any]:
    member_ids = [ids[i] for i in group]
    member_rows = [columns.row_of[m] for m in member_ids]
    cols = columns.cols
    of_members = operator.itemgetter(*member_rows)  # a group has two members or more: tuples
    # The costlier details (medoid, arrival profile) only for the groups anyone will look at.
    detailed = rank < DETAILED_CLUSTERS
    central = fingerprint.centre(sigs, group) if detailed else None
    times = sorted(datetime_from_row(cols["created_at"][r]) for r in member_rows) if detailed else []
    described = {
        "id": f"c{member_ids[0]}",
        "size": len(member_ids),
        "representative_id": ids[central.index] if central else member_ids[0],
        "comment_ids": member_ids,
        "variants": len({hashes[i] for i in group}),
        "by_article": dict(Counter(of_members(cols["lineage"]))),
        "by_stance": dict(Counter(of_members(cols["stance"]))),
        "hidden": of_members(cols["moderation"]).count(Moderation.HIDDEN),
    }
    if central is not None:  # the rest (thousands of pairs) are stored without details
        burst, peak = _burst(times)
        described |= {
            "min_similarity": round(central.min_similarity, 2),
            "burst": burst,
            "peak_15min": peak,
            "first_at": times[0].isoformat(),
            "last_at": times[-1].isoformat(),
        }
    return described


def _largest_first(groups: list[list[int]], ids: Sequence[int]) -> list[list[int]]:
    return sorted(groups, key=lambda g: (-len(g), ids[g[0]]))


def _finish_clusters(clusters: list[dict[str, Any]]) -> list[dict[str, Any]]:
    clusters.sort(key=lambda c: (-c["size"], c["id"]))
    return clusters


@dataclass
class Counted:
    """What a digest is made of, however it was reached (from every comment, or from the stored
    digest and what changed since)."""

    tallies: Tallies
    clusters: list[dict[str, Any]]
    candidates: Candidates
    ids: list[int]  # the comments counted (fingerprinted), in id order
    change_ids: list[int]  # change records taken into account (deleted with the digest stored)
    fingerprints: kept.Fingerprints | None  # of the whole draft, as read (None: a point's share)


async def _count_all(draft: Draft, point_id: int | None, previous: dict[str, Any] | None) -> Counted:
    """Everything from one read of the draft's (or the point's) comments."""
    where, values = _where(draft.id, point_id, "c")
    columns = await _comment_columns(where, values)
    change_ids: list[int] = []
    if point_id is None:
        # Changes recorded up to now are in what was just read, or are read now with the comment as it
        # is; either way the record is used up. A comment deleted after the read keeps its record
        # (the next refresh recounts without it).
        changes = await _changes(draft.id)
        for comment_id, row in changes.now.row_of.items():
            if comment_id in columns.row_of:
                for name, column in columns.cols.items():
                    column[columns.row_of[comment_id]] = changes.now.cols[name][row]
        read_anyway = changes.gone & set(columns.row_of)
        change_ids = [record for record, comment_id in changes.records if comment_id not in read_anyway]
    fps = [
        fp
        for fp in await _tuples(
            "SELECT comment_id, text_hash, signature FROM comment_fingerprint WHERE draft_id = ? "
            "ORDER BY comment_id",
            [draft.id],
        )
        if fp[0] in columns.row_of  # a liaison point's share: its comments only
    ]
    found = kept.Fingerprints.of(fps)
    ids, hashes, sigs = found.ids, found.hashes, found.sigs
    settled, settled_groups = _settled_grouping(previous if point_id is None else None, ids)
    groups = _largest_first(
        fingerprint.cluster(sigs, hashes, settled=settled, settled_groups=settled_groups), ids
    )
    clusters = _finish_clusters(
        [_describe_one(rank, g, ids, hashes, sigs, columns) for rank, g in enumerate(groups)]
    )
    if point_id is None:
        await _store_cluster_ids(columns, clusters)
    tallies: Tallies = {}
    for comment_id in ids:
        _tally(tallies, _values(columns, comment_id), 1)
    in_cluster = {m for c in clusters for m in c["comment_ids"]}
    return Counted(
        tallies,
        clusters,
        _candidates(columns, ids, in_cluster),
        ids,
        change_ids,
        found if point_id is None else None,
    )


async def _draft_fingerprints(draft_id: int, held: kept.Held | None) -> kept.Fingerprints:
    """Every fingerprint of the draft in comment id order: those this process read last time, if the
    stored rows up to the last of them are still exactly those, and the newer rows; else all afresh."""
    if held is not None and held.fingerprints is not None:
        rows = held.fingerprints
        last = rows.ids[-1] if rows.ids else 0
        [(count, total)] = await _tuples(
            "SELECT COUNT(*), COALESCE(SUM(comment_id), 0) FROM comment_fingerprint "
            "WHERE draft_id = ? AND comment_id <= ?",
            [draft_id, last],
        )
        if (int(count), int(total)) == (len(rows), held.id_sum):
            newer = await _tuples(
                "SELECT comment_id, text_hash, signature FROM comment_fingerprint "
                "WHERE draft_id = ? AND comment_id > ? ORDER BY comment_id",
                [draft_id, last],
            )
            return rows.extended(list(newer))
    every = await _tuples(
        "SELECT comment_id, text_hash, signature FROM comment_fingerprint WHERE draft_id = ? "
        "ORDER BY comment_id",
        [draft_id],
    )
    return kept.Fingerprints.of(list(every))


async def _count_changes(draft: Draft, previous: dict[str, Any], held: kept.Held | None) -> Counted | None:
    """The stored digest's counts with the comments that arrived since and the recorded changes of
    older ones; only groups that gained members or hold a changed comment are described again.
    None when the stored digest cannot be built on (the whole draft is then counted again)."""
    if previous.get("counting") != COUNTING:
        return None
    fps = await _draft_fingerprints(draft.id, held)
    ids = fps.ids
    settled, settled_groups = _settled_grouping(previous, ids)
    if settled == 0:
        return None
    # The new comments first, then the changes: a change committed in between is read with the
    # comment as it is after it, so nothing falls between the two reads.
    arrived = await _comment_columns("c.draft_id = ? AND c.id > ?", [draft.id, ids[settled - 1]])
    changes = await _changes(draft.id)
    if changes.gone or any(i not in arrived.row_of and i not in changes.now.row_of for i in ids[settled:]):
        return None  # a counted comment was deleted or moved: recount everything
    tallies: Tallies = {name: dict(counts) for name, counts in previous["tallies"].items()}
    for comment_id in ids[settled:]:
        source = changes.now if comment_id in changes.now.row_of else arrived
        _tally(tallies, _values(source, comment_id), 1)
    counted_before = set(ids[:settled])
    changed = {i for i in changes.before if i in counted_before}
    for comment_id in changed:
        _tally(tallies, changes.before[comment_id], -1)
        _tally(tallies, _values(changes.now, comment_id), 1)
    if any(n < 0 for counts in tallies.values() for n in counts.values()):
        return None  # not what was stored: recount rather than show a wrong figure

    hashes, sigs = fps.hashes, fps.sigs
    groups = _largest_first(
        fingerprint.cluster(sigs, hashes, settled=settled, settled_groups=settled_groups), ids
    )
    stored = {c["id"]: c for c in previous.get("clusters", [])}
    fresh: list[tuple[int, list[int]]] = []
    clusters: list[dict[str, Any]] = []
    for rank, group in enumerate(groups):
        before = stored.get(f"c{ids[group[0]]}")
        # A group keeps its first member's id and only grows: same id and size, same members.
        if (
            before is not None
            and before["size"] == len(group)
            and ("min_similarity" in before) == (rank < DETAILED_CLUSTERS)
            and not (changed and any(ids[i] in changed for i in group))
        ):
            before.pop("representative", None)  # set again below for the largest
            clusters.append(before)  # ``previous`` is used up: its unchanged groups are taken as they are
        else:
            fresh.append((rank, group))
    members = await _comments_by_id(sorted(ids[i] for _, g in fresh for i in g))
    described = [_describe_one(rank, g, ids, hashes, sigs, members) for rank, g in fresh]
    await _store_cluster_ids(members, described)
    clusters = _finish_clusters(clusters + described)

    in_cluster = {m for c in clusters for m in c["comment_ids"]}
    new = ids[settled:]
    entries: list[list[int]] = []
    keys: list[str] = []
    for source, comment_ids in (
        (arrived, [i for i in new if i not in changes.now.row_of]),
        (changes.now, [i for i in new if i in changes.now.row_of] + sorted(changed)),
    ):
        for comment_id in comment_ids:
            row = source.row_of[comment_id]
            if source.cols["moderation"][row] == Moderation.PUBLISHED and comment_id not in in_cluster:
                entries.append(_entry(source, comment_id))
                keys.append(_unit(source.cols["lineage"][row], source.cols["stance"][row]))
    candidates = _update_candidates(previous["candidates"], changed | in_cluster, entries, keys)
    if candidates is None:
        return None
    return Counted(tallies, clusters, candidates, ids, [record for record, _ in changes.records], fps)


async def compute(
    draft: Draft,
    *,
    point_id: int | None = None,
    progress: Progress | None = None,
    previous: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The whole digest as plain data (also what ``python -m portal digest --json`` prints).

    ``previous`` is the stored digest of the whole draft, if any: it is built on with the comments that
    came after it and the recorded changes of older ones (the result is the same as computing anew)."""
    data, _ = await _compute(draft, point_id=point_id, progress=progress, previous=previous)
    return data


async def _compute(
    draft: Draft,
    *,
    point_id: int | None = None,
    progress: Progress | None = None,
    previous: dict[str, Any] | None = None,
    held: kept.Held | None = None,
) -> tuple[dict[str, Any], Counted]:
    """The digest, and how it was counted (the change records it took into account, the fingerprints
    read). ``held``: what this process kept from writing ``previous``."""
    await index_new(draft.id, progress)
    if progress is not None:
        await progress(82, "正在归并相同或相近的意见")
    version = await drafts.latest_published(draft)
    units = await drafts.units_of(version) if version else []

    counted = (
        await _count_changes(draft, previous, held) if previous is not None and point_id is None else None
    )
    if counted is None:
        counted = await _count_all(draft, point_id, previous)
    tallies, clusters = counted.tallies, counted.clusters
    unit_counts: dict[str, Counter[str]] = defaultdict(Counter)
    for key, n in tallies.get("unit", {}).items():
        lineage, _, stance = key.rpartition("/")
        unit_counts[lineage][stance] += n
    breakdown = {name: _ordered(name, tallies.get(name, {})) for name in TALLIED}

    total = sum(sum(c.values()) for c in unit_counts.values())
    in_clusters = sum(c["size"] for c in clusters)
    distinct = total - in_clusters + len(clusters)
    if progress is not None:
        await progress(90, "正在统计关键词和代表性意见")

    term_rows = (
        await _tuples("SELECT lineage, term, n FROM term_count WHERE draft_id = ?", [draft.id])
        if point_id is None
        else []
    )
    by_lineage_terms: dict[str, Counter[str]] = defaultdict(Counter)
    overall: Counter[str] = Counter()
    for lineage, term, n in term_rows:
        by_lineage_terms[lineage][term] += int(n)
        overall[term] += int(n)

    cluster_of: dict[int, dict[str, Any]] = {}
    for c in clusters:
        for member in c["comment_ids"]:
            cluster_of[member] = c
    representatives = _representatives(clusters, counted.candidates)
    rep_bodies = await _fetch(
        sorted(
            {r for reps in representatives.values() for r in reps}
            | {c["representative_id"] for c in clusters[:200]}
        ),
        "body, stance, lineage, support_count",
    )

    lineages = [("", "whole", "草案整体")] + [(u.lineage, u.key, u.label + u.heading) for u in units]
    clustered_here: Counter[str] = Counter()
    groups_here: Counter[str] = Counter()
    for c in clusters:
        for lineage_key, n in c["by_article"].items():
            clustered_here[lineage_key] += n
            groups_here[lineage_key] += 1
    by_article = []
    for lineage, key, label in lineages:
        counts = unit_counts.get(lineage, Counter())
        by_article.append(
            {
                "key": key,
                "lineage": lineage,
                "label": label,
                "count": sum(counts.values()),
                "distinct": sum(counts.values()) - clustered_here[lineage] + groups_here[lineage],
                "by_stance": {s.value: counts.get(s.value, 0) for s in Stance},
                "keywords": [t for t, _ in keywords.top(by_lineage_terms[lineage].items(), 5)],
                "representatives": [
                    {
                        "id": rid,
                        "stance": rep_bodies[rid]["stance"],
                        "body": rep_bodies[rid]["body"],
                        "signatures": cluster_of[rid]["size"] if rid in cluster_of else 1,
                    }
                    for rid in representatives.get(lineage, [])
                    if rid in rep_bodies
                ],
            }
        )
    orphaned = sum(
        sum(c.values()) for lin, c in unit_counts.items() if lin not in {ln for ln, _, _ in lineages}
    )
    points = {p.id: p.name for p in await LiaisonPoint.all().only("id", "name")}
    for c in clusters[:200]:
        rep = rep_bodies.get(c["representative_id"])
        c["representative"] = rep["body"] if rep else ""
    ids = counted.ids
    data = {
        "draft_id": draft.id,
        "title": draft.title,
        "version": version.number if version else None,
        "point_id": point_id,
        "computed_at": now().isoformat(),
        "total": total,
        "distinct_opinions": distinct,
        "in_clusters": in_clusters,
        "orphaned": orphaned,
        "by_article": by_article,
        "by_stance": _labelled(breakdown["stance"], Stance),
        "by_channel": _labelled(breakdown["channel"], Channel),
        "by_district": dict(breakdown["district"]),
        "by_point": {points.get(int(k), k): n for k, n in breakdown["point"].items()},
        "by_identity": _labelled(breakdown["identity"], IdentityType),
        "by_outcome": _labelled(breakdown["outcome"], Outcome, empty="未处理"),
        "by_moderation": _labelled(breakdown["moderation"], Moderation),
        "per_day": dict(sorted(breakdown["day"].items())),
        "clusters": clusters,
        "grouping": fingerprint.METHOD,
        "grouped_through": ids[-1] if ids else 0,
        "grouped_count": len(ids),
        "keywords": [{"term": t, "weight": w} for t, w in keywords.top(overall.items(), 20)],
        "keyword_sample": await _counted(draft.id),
        "counting": COUNTING,
        "tallies": {name: _ordered(name, counts) for name, counts in sorted(tallies.items())},
        "candidates": counted.candidates,
    }
    return data, counted


def _labelled(counts: dict[str, int], enum: type[Any], empty: str = "未填写") -> list[dict[str, Any]]:
    rows = [{"value": k, "label": _label(k, enum) if k else empty, "count": n} for k, n in counts.items()]
    return sorted(rows, key=lambda r: -r["count"])


async def _counted(draft_id: int) -> int:
    rows = await _rows(
        "SELECT COUNT(*) AS n FROM comment_fingerprint WHERE draft_id = ? AND counted", [draft_id]
    )
    return int(rows[0]["n"])


def _representatives(clusters: list[dict[str, Any]], candidates: Candidates) -> dict[str, list[int]]:
    """Per article, a few comments that stand for its main positions: for each stance, the centre of the
    largest form-letter group first, then the most supported and most substantive single comments."""
    chosen: dict[str, list[int]] = defaultdict(list)
    seen_per: Counter[tuple[str, str]] = Counter()
    for c in clusters:
        lineage = max(c["by_article"], key=c["by_article"].get)
        stance = max(c["by_stance"], key=c["by_stance"].get)
        if seen_per[(lineage, stance)] < 1:
            chosen[lineage].append(c["representative_id"])
            seen_per[(lineage, stance)] += 1
    singles = sorted(
        (lineage, stance, _rank(entry))
        for key, kept in candidates.items()
        for lineage, _, stance in [key.rpartition("/")]
        for entry in kept["best"]
    )
    for lineage, stance, rank in singles:
        if seen_per[(lineage, stance)] < REPRESENTATIVES_PER_STANCE:
            chosen[lineage].append(rank[3])
            seen_per[(lineage, stance)] += 1
    return chosen


async def _store_cluster_ids(columns: Columns, clusters: list[dict[str, Any]]) -> None:
    """Write the cluster id of the comments read (for lists, exports and outcomes), touching only
    what changed."""
    conn = _conn()
    wanted = {member: c["id"] for c in clusters for member in c["comment_ids"]}
    changes = [
        [wanted.get(comment_id, ""), comment_id]
        for comment_id, current in zip(columns.cols["id"], columns.cols["cluster_id"], strict=True)
        if wanted.get(comment_id, "") != current
    ]
    if changes and conn.capabilities.dialect == "postgres":
        # One statement, not one per comment: a refresh re-labels a thousand or more.
        await conn.execute_query(
            "UPDATE comment SET cluster_id = v.cluster_id FROM unnest($1::text[], $2::bigint[]) "
            "AS v(cluster_id, id) WHERE comment.id = v.id",
            [[c for c, _ in changes], [i for _, i in changes]],
        )
    elif changes:
        await conn.execute_many(_sql(conn, "UPDATE comment SET cluster_id = ? WHERE id = ?"), changes)


# --- stored snapshots and refreshes ---------------------------------------------------------------


async def snapshot(draft_id: int) -> DigestSnapshot:
    snap, _ = await DigestSnapshot.get_or_create(draft_id=draft_id)
    return snap


async def _ensure_snapshot(draft_id: int) -> None:
    if not await DigestSnapshot.filter(draft_id=draft_id).exists():  # without reading the stored digest
        await snapshot(draft_id)


async def queue(draft_id: int) -> bool:
    """Ask for a refresh to be run (by the digest worker, or a process started for it), unless one is
    already queued or running. Any process may ask; one wins."""
    await _ensure_snapshot(draft_id)
    queued = (
        await DigestSnapshot.filter(draft_id=draft_id)
        .exclude(status__in=BUSY)
        .update(status="queued", progress=0, message="排队中", started_at=now())
    )
    if not queued:  # a run that was abandoned (its process died) is asked for again
        queued = await DigestSnapshot.filter(
            draft_id=draft_id, status__in=BUSY, started_at__lt=now() - STALE_RUN
        ).update(status="queued", progress=0, message="重新排队", started_at=now())
    return bool(queued)


async def queued() -> list[int]:
    """The drafts whose refresh waits for a process to run it, longest waiting first."""
    waiting = (
        await DigestSnapshot.filter(status="queued").order_by("started_at").values_list("draft_id", flat=True)
    )
    return [int(draft_id) for draft_id in waiting]  # type: ignore[call-overload]


async def claim(draft_id: int) -> bool:
    """Mark a refresh as running in this process — a queued one, or a new one — unless one already
    runs elsewhere (any process may try; one wins: the update is atomic)."""
    await _ensure_snapshot(draft_id)
    stale = now() - STALE_RUN
    claimed = (
        await DigestSnapshot.filter(draft_id=draft_id)
        .exclude(status="running")
        .update(status="running", progress=0, message="正在汇总", started_at=now())
    )
    if not claimed:
        claimed = await DigestSnapshot.filter(
            draft_id=draft_id, status="running", started_at__lt=stale
        ).update(status="running", progress=0, message="重新开始", started_at=now())
    return bool(claimed)


async def refresh(draft: Draft, *, claimed: bool = False) -> DigestSnapshot:
    """Bring the stored digest up to date (the caller may have claimed the run already)."""
    if not claimed and not await claim(draft.id):
        return await snapshot(draft.id)

    started = time.perf_counter()
    shown = started

    async def progress(percent: int, message: str) -> None:
        # The page polls every few seconds: a write a second is enough, and each is a commit.
        nonlocal shown
        if time.perf_counter() - shown >= PROGRESS_EVERY:
            shown = time.perf_counter()
            await DigestSnapshot.filter(draft_id=draft.id).update(progress=percent, message=message[:200])

    stored = await DigestSnapshot.get(draft_id=draft.id).only("draft_id", "computed_at", "started_at")
    held = kept.take(draft.id, stored.computed_at)  # what this process kept, if it wrote the stored digest
    previous = held.data if held is not None else None
    if previous is None and stored.computed_at is not None:
        previous = (await DigestSnapshot.get(draft_id=draft.id)).data
    try:
        data, counted = await _compute(draft, progress=progress, previous=previous, held=held)
    except Exception as exc:
        await DigestSnapshot.filter(draft_id=draft.id).update(
            status="failed", message=f"汇总失败：{exc}"[:200]
        )
        raise
    done = {
        "status": "idle",
        "progress": 100,
        "message": "",
        "computed_at": now(),
        "comment_count": data["total"],
        "seconds": round(time.perf_counter() - started, 2),
        "data": data,
    }
    async with in_transaction():
        # The change records this digest took into account go with it, not before.
        await DigestSnapshot.filter(draft_id=draft.id).update(**done)
        used = counted.change_ids
        for i in range(0, len(used), 900):
            await CommentChange.filter(id__in=used[i : i + 900]).delete()
    kept.keep(draft.id, done["computed_at"], data, counted.fingerprints)
    snap = DigestSnapshot(draft_id=draft.id, started_at=stored.started_at)
    snap.update_from_dict(done)
    return snap


async def is_stale(draft_id: int, snap: DigestSnapshot) -> bool:
    return snap.computed_at is None or await Comment.filter(draft_id=draft_id).count() != snap.comment_count


def per_day_series(per_day: dict[str, int]) -> list[tuple[str, int]]:
    """Every day from the first to the last, zero days included (a chart must not skip them)."""
    if not per_day:
        return []
    days = sorted(per_day)
    start, end = datetime.fromisoformat(days[0]).date(), datetime.fromisoformat(days[-1]).date()
    series = []
    day = start
    while day <= end:
        series.append((day.isoformat(), per_day.get(day.isoformat(), 0)))
        day += timedelta(days=1)
    return series


def heat(count: int, peak: int) -> int:
    """0..5: how hot an article is relative to the busiest one (for the heat-map table of contents)."""
    if count <= 0 or peak <= 0:
        return 0
    return min(5, 1 + int(4 * np.sqrt(count / peak)))
