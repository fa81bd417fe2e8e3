"""The digest of a draft: what was said, article by article, with form letters counted as one opinion
with N signatures (ACUS 2021-1), keywords and representative comments.

The per-comment work (near-duplicate signature, word counts) is done once per comment and stored, so a
refresh after new comments only fingerprints the new ones; clustering all stored signatures and the
counting done in SQL take a second or two even for 100,000 comments. The result is stored in
DigestSnapshot and the staff page is served from it.
"""

from __future__ import annotations

import bisect
import operator
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.timezone import now

from portal.db import datetime_from_row
from portal.models import Comment, CommentFingerprint, DigestSnapshot, Draft, LiaisonPoint, Moderation
from portal.models.comments import Channel, IdentityType, Outcome, Stance
from portal.services import drafts
from portal.services.digest import fingerprint, keywords

BATCH = 4000
KEYWORD_SAMPLE_PER_UNIT = 40  # comments per article whose words are counted (a sample keeps refreshes fast)
BURST_WINDOW = timedelta(minutes=15)
BURST_MIN = 10
REPRESENTATIVES_PER_STANCE = 2
DETAILED_CLUSTERS = 500  # the largest groups get a medoid and an arrival profile; the rest only counts
STALE_RUN = timedelta(minutes=30)
PROGRESS_EVERY = 1.0  # seconds between progress writes

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
    """Rows as the driver returns them, read by position (no dict per row: for the large reads)."""
    conn = _conn()
    _, rows = await conn.execute_query(_sql(conn, sql), list(values))
    return rows  # type: ignore[return-value]  # declared as dicts, but sqlite3.Row / asyncpg.Record


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
    pending = max(
        1,
        await Comment.filter(draft_id=draft_id).count()
        - await CommentFingerprint.filter(draft_id=draft_id).count(),
    )
    done = 0
    last_id = 0
    while True:
        batch = await _rows(
            "SELECT c.id AS id, c.body AS body, c.suggested_wording AS wording, c.lineage AS lineage "
            "FROM comment c LEFT JOIN comment_fingerprint f ON f.comment_id = c.id "
            "WHERE c.draft_id = ? AND f.comment_id IS NULL AND c.id > ? ORDER BY c.id LIMIT ?",
            [draft_id, last_id, BATCH],
        )
        if not batch:
            return done
        last_id = batch[-1]["id"]
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


def _day_expression() -> str:
    """The local (Beijing) date of created_at, in the dialect of the database."""
    if _conn().capabilities.dialect == "postgres":
        return "to_char(c.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')"
    return "strftime('%Y-%m-%d', c.created_at, '+8 hours')"


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
    position = {comment_id: row for row, comment_id in enumerate(ids[:settled])}
    groups = []
    for c in previous.get("clusters", []):
        rows = [position.get(int(member), -1) for member in c["comment_ids"]]
        if min(rows) < 0:
            return 0, []
        groups.append(rows)
    return settled, groups


def _describe(
    groups: list[list[int]],
    ids: Sequence[int],
    hashes: Sequence[str],
    sigs: fingerprint.Signatures,
    rows: Sequence[int],
    cols: dict[str, tuple[Any, ...]],
) -> list[dict[str, Any]]:
    """Each group as the digest shows it, largest first. Groups hold fingerprint indices; ``rows``
    gives each one's row in the comment columns."""
    lineages, stances, moderations, created = (
        cols["lineage"],
        cols["stance"],
        cols["moderation"],
        cols["created_at"],
    )
    # The costlier details (medoid, arrival profile) only for the groups anyone will look at.
    groups.sort(key=lambda g: (-len(g), ids[g[0]]))
    clusters: list[dict[str, Any]] = []
    for rank, group in enumerate(groups):
        member_ids = [ids[i] for i in group]
        member_rows = [rows[i] for i in group]
        of_members = operator.itemgetter(*member_rows)  # a group has two members or more: tuples
        detailed = rank < DETAILED_CLUSTERS
        central = fingerprint.centre(sigs, group) if detailed else None
        times = sorted(datetime_from_row(created[r]) for r in member_rows) if detailed else []
        burst, peak = _burst(times) if detailed else (False, 0)
        clusters.append(
            {
                "id": f"c{member_ids[0]}",
                "size": len(member_ids),
                "representative_id": ids[central.index] if central else member_ids[0],
                "comment_ids": member_ids,
                "variants": len({hashes[i] for i in group}),
                "min_similarity": round(central.min_similarity, 2) if central else None,
                "burst": burst,
                "peak_15min": peak,
                "first_at": times[0].isoformat() if times else None,
                "last_at": times[-1].isoformat() if times else None,
                "by_article": dict(Counter(of_members(lineages))),
                "by_stance": dict(Counter(of_members(stances))),
                "hidden": of_members(moderations).count(Moderation.HIDDEN),
            }
        )
    clusters.sort(key=lambda c: (-c["size"], c["id"]))
    return clusters


def _breakdown(values: Sequence[Any]) -> dict[str, int]:
    """How many comments have each value (as text; none is ""), in order of the value."""
    counts: dict[str, int] = {}
    for value, n in sorted(
        Counter(values).items(), key=lambda item: (item[0] is not None, "" if item[0] is None else item[0])
    ):
        key = "" if value is None else str(value)
        counts[key] = counts.get(key, 0) + n
    return counts


def _comment_select() -> dict[str, str]:
    return {
        "id": "c.id",
        "lineage": "c.lineage",
        "stance": "c.stance",
        "channel": "c.channel",
        "district": "c.district",
        "identity": "c.identity_type",
        "outcome": "c.outcome",
        "moderation": "c.moderation",
        "point": "c.liaison_point_id",
        "day": _day_expression(),
        "created_at": "c.created_at",
        "support": "c.support_count",
        "wording_length": "LENGTH(c.suggested_wording)",
        "body_length": "LENGTH(c.body)",
        "cluster_id": "c.cluster_id",
    }


async def _comment_columns(where: str, values: Sequence[Any]) -> dict[str, tuple[Any, ...]]:
    """The comments, in id order, read in one pass (every count, group and choice is made from it),
    as one tuple per column."""
    select = _comment_select()
    rows = await _tuples(
        f"SELECT {', '.join(select.values())} FROM comment c WHERE {where} ORDER BY c.id", values
    )
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in select]
    return dict(zip(select, columns, strict=True))


async def compute(
    draft: Draft,
    *,
    point_id: int | None = None,
    progress: Progress | None = None,
    previous: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The whole digest as plain data (also what ``python -m portal digest --json`` prints).

    ``previous`` is the stored digest of the whole draft, if any: its groups are kept and only the
    comments that came after it are placed among them (the result is the same as grouping anew)."""
    await index_new(draft.id, progress)
    if progress is not None:
        await progress(82, "正在归并相同或相近的意见")
    version = await drafts.latest_published(draft)
    units = await drafts.units_of(version) if version else []
    where, values = _where(draft.id, point_id, "c")

    cols = await _comment_columns(where, values)
    unit_counts: dict[str, Counter[str]] = defaultdict(Counter)
    for (lineage, stance), n in Counter(zip(cols["lineage"], cols["stance"], strict=True)).items():
        unit_counts[lineage][stance] += n
    breakdown = {
        name: _breakdown(cols[name])
        for name in ("stance", "channel", "district", "point", "identity", "outcome", "moderation", "day")
    }

    row_of = {comment_id: row for row, comment_id in enumerate(cols["id"])}
    fps = [
        fp
        for fp in await _tuples(
            "SELECT comment_id, text_hash, signature FROM comment_fingerprint WHERE draft_id = ? "
            "ORDER BY comment_id",
            [draft.id],
        )
        if fp[0] in row_of  # a liaison point's share: its comments only
    ]
    ids = [int(fp[0]) for fp in fps]
    hashes = [fp[1] for fp in fps]
    sigs = fingerprint.from_bytes([bytes(fp[2]) for fp in fps])
    settled, settled_groups = _settled_grouping(previous if point_id is None else None, ids)
    groups = fingerprint.cluster(sigs, hashes, settled=settled, settled_groups=settled_groups)
    clusters = _describe(groups, ids, hashes, sigs, [row_of[i] for i in ids], cols)
    if point_id is None:
        await _store_cluster_ids(cols, clusters)

    total = sum(sum(c.values()) for c in unit_counts.values())
    in_clusters = sum(c["size"] for c in clusters)
    distinct = total - in_clusters + len(clusters)
    if progress is not None:
        await progress(90, "正在统计关键词和代表性意见")

    term_rows = (
        await _rows("SELECT lineage, term, n FROM term_count WHERE draft_id = ?", [draft.id])
        if point_id is None
        else []
    )
    by_lineage_terms: dict[str, Counter[str]] = defaultdict(Counter)
    overall: Counter[str] = Counter()
    for row in term_rows:
        by_lineage_terms[row["lineage"]][row["term"]] += int(row["n"])
        overall[row["term"]] += int(row["n"])

    cluster_of: dict[int, dict[str, Any]] = {}
    for c in clusters:
        for member in c["comment_ids"]:
            cluster_of[member] = c
    representatives = _representatives(cols, clusters)
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
    for c in clusters:
        rep = rep_bodies.get(c["representative_id"])
        c["representative"] = rep["body"] if rep else ""
    return {
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
    }


def _labelled(counts: dict[str, int], enum: type[Any], empty: str = "未填写") -> list[dict[str, Any]]:
    rows = [{"value": k, "label": _label(k, enum) if k else empty, "count": n} for k, n in counts.items()]
    return sorted(rows, key=lambda r: -r["count"])


async def _counted(draft_id: int) -> int:
    rows = await _rows(
        "SELECT COUNT(*) AS n FROM comment_fingerprint WHERE draft_id = ? AND counted", [draft_id]
    )
    return int(rows[0]["n"])


def _representatives(
    cols: dict[str, tuple[Any, ...]], clusters: list[dict[str, Any]]
) -> dict[str, list[int]]:
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
    in_cluster = {m for c in clusters for m in c["comment_ids"]}
    ids, lineages, stances = cols["id"], cols["lineage"], cols["stance"]
    support, wording, body = cols["support"], cols["wording_length"], cols["body_length"]
    singles = [
        row
        for row, (comment_id, moderation) in enumerate(zip(ids, cols["moderation"], strict=True))
        if moderation == Moderation.PUBLISHED and comment_id not in in_cluster
    ]
    singles.sort(
        key=lambda r: (lineages[r], stances[r], -support[r], -(wording[r] or 0), -(body[r] or 0), ids[r])
    )
    for row in singles:
        key = (lineages[row], stances[row])
        if seen_per[key] < REPRESENTATIVES_PER_STANCE:
            chosen[lineages[row]].append(int(ids[row]))
            seen_per[key] += 1
    return chosen


async def _store_cluster_ids(cols: dict[str, tuple[Any, ...]], clusters: list[dict[str, Any]]) -> None:
    """Write each comment's cluster id (for lists, exports and outcomes), touching only what changed."""
    conn = _conn()
    wanted = {member: c["id"] for c in clusters for member in c["comment_ids"]}
    changes = [
        [wanted.get(comment_id, ""), comment_id]
        for comment_id, current in zip(cols["id"], cols["cluster_id"], strict=True)
        if wanted.get(comment_id, "") != current
    ]
    if changes:
        await conn.execute_many(_sql(conn, "UPDATE comment SET cluster_id = ? WHERE id = ?"), changes)


# --- stored snapshots and refreshes ---------------------------------------------------------------


async def snapshot(draft_id: int) -> DigestSnapshot:
    snap, _ = await DigestSnapshot.get_or_create(draft_id=draft_id)
    return snap


async def claim(draft_id: int) -> bool:
    """Mark a refresh as running, unless one already is (any process may try; one wins)."""
    if not await DigestSnapshot.filter(draft_id=draft_id).exists():  # without reading the stored digest
        await snapshot(draft_id)
    stale = now() - STALE_RUN
    claimed = (
        await DigestSnapshot.filter(draft_id=draft_id)
        .exclude(status="running")
        .update(status="running", progress=0, message="排队中", started_at=now())
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

    snap = await snapshot(draft.id)
    try:
        data = await compute(draft, progress=progress, previous=snap.data if snap.computed_at else None)
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
    await DigestSnapshot.filter(draft_id=draft.id).update(**done)
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
