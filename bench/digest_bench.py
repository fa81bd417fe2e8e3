"""Digest benchmark: 100,000 comments on the 306 articles of 民事诉讼法, 20% of them in form-letter
campaigns, then (1) a digest from nothing, (2) a refresh after 1,000 new comments.

Each measured step runs in a fresh process, so its wall time and peak memory (RSS) are its own.

    .venv/bin/python bench/digest_bench.py                 # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/digest_bench.py --postgres
    .venv/bin/python bench/digest_bench.py --comments 20000  # a quicker run
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CAMPAIGNS = (
    "坚决反对扩大小额诉讼程序的适用范围，小额诉讼一审终审，当事人失去了上诉的权利，请立法机关慎重考虑。",
    "建议在线诉讼必须征得当事人同意，老年人不会使用智能手机，不能强制网上开庭。",
    "强烈呼吁提高证人出庭作证的经济补偿标准，保障证人的合法权益，否则没人愿意出庭。",
    "我们支持独任制扩大适用，基层法院案多人少，简化程序可以提高效率，早日解决纠纷。",
    "反对取消司法确认程序的期限限制，调解协议应当及时申请确认，否则容易引发新的纠纷。",
)
OPENERS = ("", "", "尊敬的领导：", "您好！", "我是一名普通市民，")
CLOSERS = ("", "", "谢谢！", "望采纳。", "——一位关心立法的群众")
TEMPLATES = (
    "建议将{label}中的“{snippet}”修改得更明确一些，{reason}。",
    "{label}规定“{snippet}”，{reason}，建议增加具体的操作程序。",
    "对{label}有意见：{snippet}。{reason}，希望立法时充分考虑。",
    "我在基层工作多年，{label}涉及的“{snippet}”在实践中经常引起争议，{reason}。",
    "支持{label}的规定，{reason}，但“{snippet}”的标准需要细化。",
)
WHO = (
    "作为一名执业律师",
    "我在法院工作",
    "作为企业法务",
    "我是社区调解员",
    "作为人大代表",
    "我是普通市民",
    "作为高校教师",
    "我打过两次官司",
    "作为基层干部",
    "我是外来务工人员",
    "作为退休法官",
    "我从事物业管理",
)
REASONS = (
    "这关系到当事人的诉讼权利",
    "实践中各地法院做法不一",
    "应当兼顾效率和公正",
    "要防止程序被滥用",
    "群众对此反映强烈",
    "建议参考其他法律的规定",
    "不利于保护弱势一方",
    "执行中容易产生新的矛盾",
    "希望明确时限和责任",
    "应当给当事人更多选择",
)


def generate_texts(n: int, units: list[tuple[str, str]], rng: random.Random) -> list[tuple[str, str, str]]:
    """(unit key, stance, text): 80% individual comments of realistic length, 20% campaign letters."""
    rows: list[tuple[str, str, str]] = []
    campaign_n = n // 5
    for _ in range(n - campaign_n):
        key, text = rng.choice(units)
        clauses = [c for c in text.replace("；", "，").replace("。", "，").split("，") if 4 <= len(c) <= 30]
        parts = [
            rng.choice(TEMPLATES).format(
                label=f"第{key.split('-')[1]}条",
                snippet=rng.choice(clauses) if clauses else text[:12],
                reason=rng.choice(REASONS),
            )
            for _ in range(max(1, int(rng.lognormvariate(0.3, 0.6))))
        ]
        opener = f"{rng.choice(WHO)}（{rng.randrange(1, 40)}年），" if rng.random() < 0.7 else ""
        rows.append(
            (key, rng.choice(("support", "oppose", "amend", "amend", "other")), opener + "".join(parts))
        )
    for i in range(campaign_n):
        letter = CAMPAIGNS[i % len(CAMPAIGNS)]
        if rng.random() < 0.1:
            letter = letter.replace("建议", "恳请").replace("反对", "不同意")
        key = units[(i % len(CAMPAIGNS)) * 37 % len(units)][0]
        rows.append((key, "oppose", rng.choice(OPENERS) + letter + rng.choice(CLOSERS)))
    rng.shuffle(rows)
    return rows


async def setup(database_url: str, n: int) -> int:
    from tortoise import Tortoise
    from tortoise.timezone import now

    from portal import db
    from portal.models import Comment, DraftKind, LiaisonPoint, Stance
    from portal.services import demo, drafts, search
    from portal.services.calendar import local_date
    from portal.services.digest import changes

    await Tortoise.init(config=db.tortoise_config(database_url))
    await Tortoise.generate_schemas(safe=True)
    await search.install_schema()
    await changes.install_schema()
    await demo.seed()
    text = (ROOT / "portal" / "corpus" / "minshi-susong-fa-2023.md").read_text(encoding="utf-8")
    draft = await drafts.create_draft(
        drafts.DraftInput(
            title="民事诉讼法（修正草案）基准", kind=DraftKind.LOCAL_REGULATION, drafting_body="基准"
        ),
        text,
        actor=None,
    )
    # Open for twenty days already: the comments below are dated inside the window.
    started = now() - timedelta(days=20)
    await drafts.publish(
        draft,
        opens=local_date(started),
        closes=local_date(started) + timedelta(days=30),
        actor=None,
        at=started,
    )
    version = await drafts.latest_published(draft)
    assert version is not None
    provisions = await drafts.units_of(version)
    units = [(p.key, p.text) for p in provisions]
    lineage = {p.key: p.lineage for p in provisions}
    points = [p.id for p in await LiaisonPoint.all()]
    rng = random.Random(2026)
    batch = []
    for i, (key, stance, body) in enumerate(generate_texts(n, units, rng)):
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
                moderation="published",
                receipt_code=f"BN-{i:09d}",
                district=rng.choice(demo_districts()),
                created_at=started + timedelta(seconds=i * 17),
            )
        )
        if len(batch) == 5000:
            await Comment.bulk_create(batch)
            batch = []
    if batch:
        await Comment.bulk_create(batch)
    await Tortoise.close_connections()
    return draft.id


def demo_districts() -> tuple[str, ...]:
    from portal.services.liaison import DISTRICT_ORDER

    return DISTRICT_ORDER


async def add_comments(database_url: str, draft_id: int, n: int) -> None:
    from tortoise import Tortoise

    from portal import db
    from portal.models import Comment, DraftVersion, Provision

    await Tortoise.init(config=db.tortoise_config(database_url))
    version = await DraftVersion.filter(draft_id=draft_id).order_by("-number").first()
    assert version is not None
    provisions = await Provision.filter(version=version).exclude(key="")
    template = await Comment.filter(draft_id=draft_id).first()
    assert template is not None
    rng = random.Random(7)
    rows = generate_texts(n, [(p.key, p.text) for p in provisions], rng)
    lineage = {p.key: p.lineage for p in provisions}
    await Comment.bulk_create(
        [
            Comment(
                draft_id=draft_id,
                version_id=version.id,
                unit_key=k,
                lineage=lineage[k],
                body=b,
                stance=s,
                liaison_point_id=template.liaison_point_id,
                routing_reason="least_loaded",
                moderation="published",
                receipt_code=f"BX-{uuid.uuid4().hex[:12]}",
            )
            for i, (k, s, b) in enumerate(rows)
        ]
    )
    await Tortoise.close_connections()


async def digest(database_url: str, draft_id: int) -> dict[str, object]:
    from tortoise import Tortoise

    from portal import db
    from portal.models import Draft
    from portal.services.digest import build

    await Tortoise.init(config=db.tortoise_config(database_url))
    draft = await Draft.get(id=draft_id)
    started = time.perf_counter()
    snap = await build.refresh(draft)
    seconds = time.perf_counter() - started
    data = snap.data
    await Tortoise.close_connections()
    clusters = data["clusters"]
    assert isinstance(clusters, list)
    return {
        "seconds": round(seconds, 2),
        "total": data["total"],
        "distinct": data["distinct_opinions"],
        "clusters": len(clusters),
        "largest": [c["size"] for c in clusters[:5]],
    }


async def queue_and_wait(database_url: str, draft_id: int) -> dict[str, object]:
    """Ask the running digest worker for a refresh, as the staff page does, and wait for it: the
    refresh's own time (what the page shows) and the wait from asking to the result."""
    from tortoise import Tortoise

    from portal import db
    from portal.models import DigestSnapshot
    from portal.services.digest import build, worker

    await Tortoise.init(config=db.tortoise_config(database_url))
    deadline = time.monotonic() + 120
    while not await worker.alive():
        if time.monotonic() > deadline:
            raise RuntimeError("no digest worker is running")
        await asyncio.sleep(0.1)
    started = time.perf_counter()
    if not await build.queue(draft_id):
        raise RuntimeError("a refresh of this draft is already queued or running")
    shown = ("draft_id", "status", "message", "seconds", "comment_count")  # not the digest itself
    while (snap := await DigestSnapshot.get(draft_id=draft_id).only(*shown)).status in build.BUSY:  # noqa: ASYNC110 (another process)
        await asyncio.sleep(0.02)
    waited = time.perf_counter() - started
    await Tortoise.close_connections()
    if snap.status != "idle":
        raise RuntimeError(f"the refresh failed: {snap.message}")
    return {"seconds": snap.seconds, "waited": round(waited, 2), "total": snap.comment_count}


def measured(step: list[str], env: dict[str, str]) -> tuple[dict[str, object], float, float]:
    """Run one step in a child process: (its JSON result, wall seconds, peak RSS in MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, *step], env=env, capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - started
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return json.loads(done.stdout.strip().splitlines()[-1]), wall, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", nargs="?", default="all", choices=["all", "setup", "add", "digest", "queue"])
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--draft", type=int, default=0)
    parser.add_argument(
        "--postgres", action="store_true", help="use DATABASE_URL (an empty PostgreSQL database)"
    )
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if args.step == "setup":
        print(json.dumps({"draft": asyncio.run(setup(url, args.comments))}))
        return
    if args.step == "add":
        asyncio.run(add_comments(url, args.draft, args.comments))
        print(json.dumps({"added": args.comments}))
        return
    if args.step == "digest":
        print(json.dumps(asyncio.run(digest(url, args.draft))))
        return
    if args.step == "queue":  # a digest worker must be running on the same database
        print(json.dumps(asyncio.run(queue_and_wait(url, args.draft))))
        return
    folder = tempfile.mkdtemp(prefix="portal-bench-")
    url = os.environ["DATABASE_URL"] if args.postgres else f"sqlite://{folder}/bench.sqlite3"
    env = {**os.environ, "BENCH_DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    print(f"Setting up {args.comments} comments on {url.split('://')[0]} …", file=sys.stderr)
    made, setup_wall, _ = measured(["setup", "--comments", str(args.comments)], env)
    draft = str(made["draft"])
    full, full_wall, full_peak = measured(["digest", "--draft", draft], env)
    measured(["add", "--draft", draft, "--comments", "1000"], env)
    incr, incr_wall, incr_peak = measured(["digest", "--draft", draft], env)
    print(f"\nDigest benchmark ({args.comments} comments, 20% in 5 campaigns; setup {setup_wall:.0f} s)\n")
    print(f"{'step':<34}{'digest s':>10}{'process s':>11}{'peak RSS MB':>13}  result")
    for label, result, wall, peak in (
        ("full digest from nothing", full, full_wall, full_peak),
        ("refresh after 1,000 new comments", incr, incr_wall, incr_peak),
    ):
        print(f"{label:<34}{result['seconds']:>10}{wall:>11.1f}{peak:>13.0f}  {result}")


if __name__ == "__main__":
    main()
