"""Build a benchmark database: migrations, the demo data, 民事诉讼法 as an open draft, N comments.

The comments are bulk-inserted (never through HTTP) with the text generator of the digest benchmark:
80% individual comments of realistic length written from the article they comment on, 20% in five
form-letter campaigns. They are spread over the 306 articles unevenly, as real drafts draw them (a
Zipf-like weight: a few articles draw most of the comments), 3% wait in pre-moderation, and their
arrival times follow the burst seen on real drafts (most comments in the first three days).

    .venv/bin/python -m bench.dataset --database-url sqlite:///tmp/b.sqlite3 --comments 100000

prints one JSON line: the draft's id, some of its article keys and the counts.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path

from bench.digest_bench import generate_texts

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "portal" / "corpus" / "minshi-susong-fa-2023.md"
DRAFT_TITLE = "中华人民共和国民事诉讼法（修正草案·基准）"
BATCH = 5000


@dataclass(frozen=True)
class Dataset:
    database_url: str
    draft_id: int
    articles: int
    article_keys: list[str]
    comments: int
    seconds: float
    # Comments for the load generator to send: (article key, stance, text), from the same generator.
    samples: list[tuple[str, str, str]]


def migrate(database_url: str) -> None:
    """The same command an operator runs (aerich keeps class-level state: a process of its own)."""
    subprocess.run(
        [sys.executable, "-m", "portal", "migrate"],
        env={**_env(), "DATABASE_URL": database_url},
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}


def article_weights(n: int, rng: random.Random) -> list[int]:
    """How many times each article is put in the draw: Zipf-like (1/rank), ranks shuffled over the text."""
    ranks = list(range(1, n + 1))
    rng.shuffle(ranks)
    return [max(1, round(300 / rank)) for rank in ranks]


async def populate(database_url: str, comments: int, *, seed: int = 2026) -> Dataset:
    from tortoise import Tortoise, connections
    from tortoise.timezone import now

    from portal import db
    from portal.models import Comment, DraftKind, LiaisonPoint, Moderation, Stance
    from portal.services import demo, drafts
    from portal.services.calendar import local_date
    from portal.services.liaison import DISTRICT_ORDER

    started = time.perf_counter()
    await Tortoise.init(config=db.tortoise_config(database_url))
    try:
        await demo.seed()
        draft = await drafts.create_draft(
            drafts.DraftInput(
                title=DRAFT_TITLE, kind=DraftKind.LOCAL_REGULATION, drafting_body="市人大常委会法工委"
            ),
            CORPUS.read_text(encoding="utf-8"),
            actor=None,
        )
        # Open for twenty days already: the comments below are dated inside the window.
        opened = now() - timedelta(days=20)
        await drafts.publish(
            draft,
            opens=local_date(opened),
            closes=local_date(opened) + timedelta(days=30),
            actor=None,
            at=opened,
        )
        version = await drafts.latest_published(draft)
        assert version is not None
        provisions = await drafts.units_of(version)
        rng = random.Random(seed)
        weights = article_weights(len(provisions), rng)
        weighted = [(p.key, p.text) for p, w in zip(provisions, weights, strict=True) for _ in range(w)]
        lineage = {p.key: p.lineage for p in provisions}
        points = [p.id for p in await LiaisonPoint.filter(active=True)]
        batch: list[Comment] = []
        for i, (key, stance, body) in enumerate(generate_texts(comments, weighted, rng)):
            # 73% of a draft's comments arrive in its first three days (SPEC §6); the rest trickle in.
            offset = rng.uniform(0, 3) if rng.random() < 0.73 else rng.uniform(3, 20)
            batch.append(
                Comment(
                    draft_id=draft.id,
                    version_id=version.id,
                    unit_key=key,
                    lineage=lineage[key],
                    body=body,
                    stance=Stance(stance),
                    liaison_point_id=rng.choice(points),
                    routing_reason="least_loaded",
                    moderation=Moderation.PENDING if rng.random() < 0.03 else Moderation.PUBLISHED,
                    receipt_code=f"BN{i:010d}",
                    district=rng.choice(DISTRICT_ORDER),
                    created_at=opened + timedelta(days=offset),
                )
            )
            if len(batch) == BATCH:
                await Comment.bulk_create(batch)
                batch = []
        if batch:
            await Comment.bulk_create(batch)
        total = await Comment.filter(draft_id=draft.id).count()
        conn = connections.get("default")
        if conn.capabilities.dialect == "postgres":
            # Statistics for the planner, as autovacuum would gather them on a live server (it may be
            # off on a test server: then every table still looks empty to the planner, and the
            # search query, for one, filters every row instead of using its GIN index).
            await conn.execute_script("ANALYZE")
        samples = generate_texts(200, [(p.key, p.text) for p in provisions], random.Random(seed + 1))
    finally:
        await Tortoise.close_connections()
    return Dataset(
        database_url=database_url,
        draft_id=draft.id,
        articles=len(provisions),
        article_keys=[p.key for p in provisions],
        comments=total,
        seconds=round(time.perf_counter() - started, 1),
        samples=samples,
    )


def build(database_url: str, comments: int) -> Dataset:
    """Migrate an empty database and fill it (run as a child process by bench.run)."""
    migrate(database_url)
    return asyncio.run(populate(database_url, comments))


async def checkpoint(database_url: str) -> None:
    """Write out what the last steps (the load, the digest) left in the log, before anything is timed:
    otherwise the server's background flush of them (PostgreSQL's checkpointer, SQLite's next
    automatic checkpoint) competes with the measurements for the two cores."""
    from tortoise import Tortoise, connections

    from portal import db

    await Tortoise.init(config=db.tortoise_config(database_url))
    try:
        conn = connections.get("default")
        if conn.capabilities.dialect == "postgres":
            await conn.execute_script("CHECKPOINT")
        else:
            await conn.execute_script("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        await Tortoise.close_connections()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--database-url", required=True, help="an empty database (sqlite:// or postgres://)")
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument(
        "--checkpoint", action="store_true", help="only write out the database's log (before measuring)"
    )
    args = parser.parse_args()
    if args.checkpoint:
        asyncio.run(checkpoint(args.database_url))
        print(json.dumps({"checkpoint": True}))
        return
    print(json.dumps(asdict(build(args.database_url, args.comments)), ensure_ascii=False))


if __name__ == "__main__":
    main()
