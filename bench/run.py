"""The benchmark harness (issue 11): ``make bench`` or ``python -m bench.run``.

For each database (SQLite, PostgreSQL or both) it builds a scratch database with the demo data, the
民事诉讼法 corpus as an open draft and N comments (bench/dataset.py), times the digest, then serves
the baseline app and the portal under uvicorn as production does and drives them with wrk, and
prints one table: every figure with its baseline from the same run, the ratio, target and result.
Each throughput figure and its ceiling are measured in interleaved pairs (a few rounds of each, in
turn), so that a drift in the shared machine's speed moves both; the ratio is the median of the pairs'.

    .venv/bin/python -m bench.run                        # full: 100,000 comments, SQLite and PostgreSQL
    .venv/bin/python -m bench.run --quick                # smoke run: 2,000 comments, short measurements
    .venv/bin/python -m bench.run --database sqlite --duration 5 --comments 20000
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from bench import burst, load, report
from bench.report import Row
from bench.server import ROOT, digest_worker, peak_rss_mb, production_env, uvicorn

SEARCH_WORDS = ("诉讼", "证据", "调解", "管辖", "执行", "上诉", "当事人", "小额诉讼", "财产保全", "司法确认")
DISTINCT_QUERIES = 87_000  # nearly all the generator makes: a disjoint slice for each round and one more
RESULTS = ROOT / "bench" / "results"
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"


@dataclass(frozen=True)
class Options:
    databases: list[str]
    comments: int
    duration: float
    rounds: int
    warmup: float
    connections: int
    search_connections: int
    workers: int
    burst: int
    burst_clients: int
    burst_seconds: float
    postgres_url: str
    digest: bool
    workdir: Path


def parse_args(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--comments", type=int, help="comments in the dataset (default 100000)")
    parser.add_argument("--duration", type=float, help="seconds per measurement (default 6)")
    parser.add_argument(
        "--rounds",
        type=int,
        help="rounds of each measurement: pairs with its ceiling, interleaved (default 3; quick 2)",
    )
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument(
        "--search-connections",
        type=int,
        default=8,
        help="connections of the moderate-load search measure (default 8; the others use --connections)",
    )
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes (default 2)")
    parser.add_argument("--burst", type=int, help="submissions in the burst (default 20000)")
    parser.add_argument("--burst-clients", type=int, default=64)
    parser.add_argument(
        "--burst-seconds",
        type=float,
        help="time bound of the burst: no new submission after it (default 180; quick 60)",
    )
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES),
        help="a PostgreSQL server where a scratch database may be created and dropped "
        "(env BENCH_POSTGRES_URL; default %(default)s)",
    )
    parser.add_argument("--no-digest", action="store_true", help="skip the digest timings")
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run (about 3.5 minutes) on a small dataset"
    )
    args = parser.parse_args(argv)
    quick = args.quick
    duration = args.duration or (2.0 if quick else 6.0)
    return Options(
        databases=["sqlite", "postgres"] if args.database == "both" else [args.database],
        comments=args.comments if args.comments is not None else (2_000 if quick else 100_000),
        duration=duration,
        rounds=max(1, args.rounds or (2 if quick else 3)),
        warmup=1.0 if quick else 2.0,
        connections=args.connections,
        search_connections=args.search_connections,
        workers=args.workers,
        burst=args.burst if args.burst is not None else (2_000 if quick else 20_000),
        burst_clients=args.burst_clients,
        burst_seconds=args.burst_seconds or (60.0 if quick else 180.0),
        postgres_url=args.postgres_url,
        digest=not args.no_digest,
        workdir=Path(tempfile.mkdtemp(prefix="portal-bench-")),
    )


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def machine() -> list[str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    memory_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line
    )
    wrk = subprocess.run([load.ensure_wrk(), "-v"], capture_output=True, text=True)
    wrk_version = (wrk.stdout or wrk.stderr).splitlines()[0].split(" Copyright")[0]
    return [
        f"machine: {os.cpu_count()} cores ({cpu}), {memory_kb / 1024 / 1024:.0f} GiB; "
        f"Python {platform.python_version()}; {wrk_version}",
        "note: wrk, the burst client and the servers share these cores, so every figure includes the "
        "load generator's own CPU use; ratios to the baselines of the same run are the figures to compare.",
    ]


def search_queries(count: int, *, seed: int = 11) -> list[str]:
    """Distinct queries a reader might type, from the words of the benchmark draft (jieba's default
    mode, as a query is segmented): each word of two or more characters once, then pairs of words
    from one paragraph (both words of a pair occur together, so most pairs find something); shuffled."""
    import random
    import re

    import jieba

    from bench.dataset import CORPUS

    jieba.setLogLevel(60)
    word = re.compile(r"^\w{2,}$")
    paragraphs = [
        list(dict.fromkeys(w for w in jieba.cut(line) if word.match(w) and not w.isdigit()))
        for line in CORPUS.read_text(encoding="utf-8").splitlines()
    ]
    rng = random.Random(seed)
    singles = list(dict.fromkeys(w for words in paragraphs for w in words))
    rng.shuffle(singles)
    queries = dict.fromkeys(singles)
    tries = 0
    while len(queries) < count and tries < count * 20:
        tries += 1
        words = rng.choice(paragraphs)
        if len(words) >= 2:
            first, second = rng.sample(words, 2)
            queries.setdefault(f"{first} {second}")
    chosen = list(queries)[:count]
    rng.shuffle(chosen)
    return chosen


# --- databases ------------------------------------------------------------------------------------


@contextmanager
def scratch_database(kind: str, options: Options) -> Iterator[str]:
    """An empty database, deleted afterwards: a file in the work folder, or a PostgreSQL database."""
    if kind == "sqlite":
        path = options.workdir / "bench.sqlite3"
        try:
            yield f"sqlite://{path}"
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    from portal.schema_check import ScratchDatabase

    scratch = ScratchDatabase.beside(options.postgres_url, "bench")
    asyncio.run(scratch.create())
    try:
        yield scratch.url
    finally:
        asyncio.run(scratch.drop())


def postgres_available(url: str) -> bool:
    import asyncpg

    async def ping() -> None:
        conn = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1), timeout=5)
        await conn.close()

    try:
        asyncio.run(ping())
    except Exception as exc:
        say(f"PostgreSQL at {url} is not reachable ({exc}); skipping it")
        return False
    return True


def child_json(args: list[str], env: dict[str, str]) -> tuple[dict[str, object], float, float]:
    """Run a Python child process: (the JSON of its last line, wall seconds, its peak RSS in MB)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:  # a file, not a pipe: a chatty child cannot block on it
        process = subprocess.Popen(
            [sys.executable, *args], env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=err
        )
        assert process.stdout is not None
        out = process.stdout.read()
        # wait4 rather than wait: the peak RSS of this child alone.
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        if process.returncode:
            err.seek(0)
            raise RuntimeError(f"{' '.join(args)} failed:\n{err.read().decode(errors='replace')[-3000:]}")
    return json.loads(out.decode().strip().splitlines()[-1]), wall, usage.ru_maxrss / 1024


# --- one database ---------------------------------------------------------------------------------


def bench_database(kind: str, options: Options, run_id: str) -> list[Row]:
    rows: list[Row] = []
    with scratch_database(kind, options) as url:
        say(f"{kind}: building the dataset ({options.comments:,} comments) …")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        env.pop("REDIS_URL", None)
        data, wall, _ = child_json(
            ["-m", "bench.dataset", "--database-url", url, "--comments", str(options.comments)], env
        )
        draft = int(str(data["draft_id"]))
        samples = [(str(k), str(s), str(b)) for k, s, b in data["samples"]]  # type: ignore[attr-defined]
        rows.append(
            Row(
                kind,
                "dataset",
                f"{data['comments']:,} comments on {data['articles']} articles in {wall:.0f} s",
            )
        )
        if options.digest:
            rows += digest(kind, url, draft, env, options.workdir)
        child_json(["-m", "bench.dataset", "--database-url", url, "--checkpoint"], env)
        rows += baselines_and_portal(kind, url, draft, samples, options, run_id)
    return rows


def digest(kind: str, url: str, draft: int, env: dict[str, str], workdir: Path) -> list[Row]:
    """The digest as production runs it: asked of the digest worker (started before, as in the
    Procfile) the way the staff page asks, and timed from asking to the stored result; first from
    nothing, then a refresh after 1,000 new comments. The worker's peak RSS covers both."""
    say(f"{kind}: digest from nothing, then a refresh after 1,000 new comments, by the digest worker …")
    step_env = {**env, "BENCH_DATABASE_URL": url}
    script = str(ROOT / "bench" / "digest_bench.py")
    worker_env = production_env(url, workdir / "uploads")
    # Polling every 0.1 s, so that the time from asking to the stored result is the digest's own.
    with digest_worker(worker_env, log=workdir / f"{kind}-digest-worker.log", poll=0.1) as worker:
        full, _, _ = child_json([script, "queue", "--draft", str(draft)], step_env)
        full_mb = peak_rss_mb(worker.pid) or 0.0
        child_json([script, "add", "--draft", str(draft), "--comments", "1000"], step_env)
        incr, _, _ = child_json([script, "queue", "--draft", str(draft)], step_env)
        worker_mb = peak_rss_mb(worker.pid) or 0.0
    return [
        report.digest(
            kind,
            f"digest: full, all comments (the worker's own count {full['seconds']} s)",
            float(str(full["waited"])),
            full_mb,
            max_s=20,
            max_mb=1024,
        ),
        report.digest(
            kind,
            f"digest: refresh after 1,000 new (the worker's own count {incr['seconds']} s)",
            float(str(incr["waited"])),
            worker_mb,
            max_s=2,
            max_mb=None,
        ),
    ]


Measure = Callable[[float], load.LoadResult]


@dataclass
class Paired:
    """A portal figure and its ceiling measured in turn, round after round (A B, B A, A B …)."""

    base: list[load.LoadResult]
    portal: list[load.LoadResult]

    @property
    def ratios(self) -> list[float]:
        return [p.rps / b.rps if b.rps else 0.0 for b, p in zip(self.base, self.portal, strict=True)]


def paired(base: Measure, portal: Measure, options: Options) -> Paired:
    """Both after a warm-up, then ``options.rounds`` pairs, the order swapped every round.

    The machine's speed drifts over minutes (these are shared machines: the same server's ceiling moved
    by a fifth between runs), so a figure and the ceiling it is divided by are measured next to each
    other, several times; the verdict is on the median of the pairs' ratios."""
    base(options.warmup)
    portal(options.warmup)
    result = Paired([], [])
    for round_ in range(options.rounds):
        if round_ % 2 == 0:
            result.base.append(base(options.duration))
            result.portal.append(portal(options.duration))
        else:
            result.portal.append(portal(options.duration))
            result.base.append(base(options.duration))
    return result


def baselines_and_portal(
    kind: str, url: str, draft: int, samples: list[tuple[str, str, str]], options: Options, run_id: str
) -> list[Row]:
    """The baseline app and the portal run side by side (only one is under load at a time): each
    throughput figure is measured in interleaved pairs with its ceiling."""
    env = production_env(url, options.workdir / "uploads")
    log = options.workdir / f"{kind}-server.log"
    conns = options.connections

    subprocess.run([sys.executable, "-m", "bench.baseline_app", "prepare"], env=env, cwd=ROOT, check=True)
    pages = {
        "reader": [f"/drafts/{draft}"],
        "drafts": ["/drafts"],
        "home": ["/"],
        "api_drafts": ["/api/v1/drafts"],
        "api_comments": [f"/api/v1/drafts/{draft}/comments"],
    }
    pairs: dict[str, Paired] = {}
    results: dict[str, load.LoadResult] = {}
    with (
        uvicorn("bench.baseline_app:asgi", env, workers=options.workers, log=log, ready_path="/ok") as base,
        uvicorn("portal.app:asgi", env, workers=options.workers, log=log) as portal,
    ):

        def ok(d: float) -> load.LoadResult:
            load.settle(portal.url)
            return load.get(base.url, ["/ok"], duration=d, connections=conns)

        for name, paths in pages.items():
            say(f"{kind}: GET {paths[0]} and GET /ok, {options.rounds} pairs of {options.duration:g} s …")

            def page(d: float, paths: list[str] = paths) -> load.LoadResult:
                load.settle(portal.url)
                return load.get(portal.url, paths, duration=d, connections=conns)

            pairs[name] = paired(ok, page, options)
        load.settle(portal.url)
        say(f"{kind}: GET /search?q= with 10 fixed words (page cache) …")
        words = [f"/search?q={quote(word)}" for word in SEARCH_WORDS]
        load.get(portal.url, words, duration=options.warmup, connections=conns)
        results["search"] = load.get(portal.url, words, duration=options.duration, connections=conns)
        # The ten words above are answered from the page cache after their first request in each
        # process: search itself is measured with queries that are never repeated within a run (the
        # rounds of the saturating measure take disjoint slices of the list).
        queries = [f"/search?q={quote(q)}" for q in search_queries(DISTINCT_QUERIES)]
        per_round = len(queries) // (options.rounds + 1)
        say(
            f"{kind}: GET /search?q= with distinct queries, {conns} connections, "
            f"{options.rounds} rounds of {options.duration:g} s …"
        )
        rounds = []
        for round_ in range(options.rounds):
            load.settle(portal.url)
            rounds.append(
                load.get(
                    portal.url,
                    queries[round_ * per_round : (round_ + 1) * per_round],
                    duration=options.duration,
                    connections=conns,
                    distinct=True,
                )
            )
        results["search_distinct"] = load.combined(rounds)
        load.settle(portal.url)
        say(f"{kind}: GET /search?q= with distinct queries, {options.search_connections} connections …")
        results["search_moderate"] = load.get(
            portal.url,
            queries[options.rounds * per_round :],
            duration=options.duration,
            connections=options.search_connections,
            distinct=True,
        )
        load.settle(portal.url)
        say(f"{kind}: collecting {conns} visitor sessions from the comment form …")
        forms = load.collect_forms(portal.url, draft, conns)
        body = samples[0][2]
        say(f"{kind}: POST comments and POST /insert, {options.rounds} pairs of {options.duration:g} s …")
        sent = iter(range(1_000_000))

        def insert(d: float) -> load.LoadResult:
            load.settle(portal.url)
            return load.post_fixed(base.url, "/insert", body, duration=d, connections=conns)

        def intake(d: float) -> load.LoadResult:
            load.settle(portal.url)
            return load.post_comments(
                portal.url, draft, forms, samples, f"{run_id}-{next(sent)}", duration=d, connections=conns
            )

        pairs["comments"] = paired(insert, intake, options)
        load.settle(portal.url)
        say(f"{kind}: burst of {options.burst:,} submissions from {options.burst_clients} clients …")
        bursted = burst.run(
            portal.url,
            url,
            draft,
            samples,
            f"{run_id}-burst",
            submissions=options.burst,
            clients=options.burst_clients,
            max_seconds=options.burst_seconds,
        )
        peaks = portal.sampler.worker_peaks()

    oks = load.combined([r for name in pages for r in pairs[name].base])
    inserts = load.combined(pairs["comments"].base)
    for name in pages:
        results[name] = load.combined(pairs[name].portal)
    comments = load.combined(pairs["comments"].portal)
    rows = [
        report.ceiling(kind, f"ceiling: bare GET /ok ({options.workers} workers)", oks),
        report.ceiling(kind, f"ceiling: bare POST /insert, one row ({options.workers} workers)", inserts),
    ]
    # The reader's target, then the lists' (the issue's figures).
    page_targets = {
        "reader": (f"reader /drafts/{draft} (306 articles)", 0.5, 100),
        "drafts": ("draft list /drafts", 0.3, 150),
        "home": ("home /", 0.3, 150),
        "api_drafts": ("API /api/v1/drafts", 0.3, 150),
        "api_comments": (f"API /api/v1/drafts/{draft}/comments", 0.3, 150),
    }
    rows += [
        report.throughput(
            kind,
            label,
            results[name],
            load.combined(pairs[name].base),
            ratios=pairs[name].ratios,
            base_name="/ok",
            min_ratio=min_ratio,
            max_ms=max_ms,
        )
        for name, (label, min_ratio, max_ms) in page_targets.items()
    ]
    rows += [
        report.latency_only(
            kind,
            f"search /search?q=, 10 fixed words, {conns} connections (page cache)",
            results["search"],
            percentile="95",
            max_ms=50,
        ),
        report.latency_only(
            kind,
            f"search /search?q=, distinct queries, {conns} connections",
            results["search_distinct"],
            percentile="95",
            max_ms=50,
        ),
        report.latency_only(
            kind,
            f"search /search?q=, distinct queries, {options.search_connections} connections (moderate load)",
            results["search_moderate"],
            percentile="95",
            max_ms=50,
        ),
        report.throughput(
            kind,
            "comment intake POST (sustained)",
            comments,
            inserts,
            ratios=pairs["comments"].ratios,
            base_name="/insert",
            min_ratio=0.6,
        ),
        report.burst(kind, bursted, clients=options.burst_clients),
        report.memory(kind, peaks),
    ]
    if kind == "postgres" and options.workers > 1:
        rows += scale_out(kind, env, log, draft, results, options)
    return rows


def scale_out(
    kind: str, env: dict[str, str], log: Path, draft: int, many: dict[str, load.LoadResult], options: Options
) -> list[Row]:
    """The reader and list endpoints again with one worker, against the figures with --workers N."""
    rows = []
    with uvicorn("portal.app:asgi", env, workers=1, log=log) as portal:
        for name, path in (
            ("reader", f"/drafts/{draft}"),
            ("drafts", "/drafts"),
            ("api_drafts", "/api/v1/drafts"),
        ):
            say(f"{kind}: 1 worker, GET {path} …")
            load.get(portal.url, [path], duration=options.warmup, connections=options.connections)
            one = load.get(portal.url, [path], duration=options.duration, connections=options.connections)
            rows.append(report.scale_out(kind, path, one, many[name]))
    return rows


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    try:
        header = machine()
    except load.WrkMissing as exc:
        print(exc, file=sys.stderr)
        return 2
    run_id = f"bench-{uuid.uuid4().hex[:8]}"
    command = "python -m bench.run " + " ".join(argv if argv is not None else sys.argv[1:])
    header += [
        f"command: {command.strip()}",
        f"servers: uvicorn --loop uvloop --http httptools --workers {options.workers}, "
        "PORTAL_ENV=production, RATE_LIMITS_ENABLED=false, no REDIS_URL",
        f"load: wrk -t2 -c{options.connections} -d{options.duration:g}s after a {options.warmup:g} s "
        f"warm-up; each throughput figure and its ceiling in {options.rounds} interleaved pairs (ratio: "
        "median of the pairs', range in brackets), distinct-query search in "
        f"{options.rounds} rounds at -c{options.connections} (percentiles: medians of the rounds') and "
        f"one at -c{options.search_connections}; burst: {options.burst:,} submissions from "
        f"{options.burst_clients} asyncio/httpx clients, "
        f"stopped after {options.burst_seconds:g} s",
    ]
    rows: list[Row] = []
    started = time.perf_counter()
    for kind in options.databases:
        if kind == "postgres" and not postgres_available(options.postgres_url):
            rows.append(Row(kind, "skipped", f"no PostgreSQL at {options.postgres_url}"))
            continue
        measured = bench_database(kind, options, run_id)
        print(report.format_table(measured), file=sys.stderr, flush=True)  # kept if a later step fails
        rows += measured
    header.append(f"finished {datetime.now():%Y-%m-%d %H:%M} in {time.perf_counter() - started:.0f} s")
    text = "\n".join([*header, "", report.format_table(rows), "", report.summary(rows)])
    print(text)
    RESULTS.mkdir(exist_ok=True)
    stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
    (RESULTS / f"{stamp}.txt").write_text(text + "\n", encoding="utf-8")
    (RESULTS / f"{stamp}.json").write_text(
        json.dumps({"header": header, "rows": [r.as_dict() for r in rows]}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    say(f"saved bench/results/{stamp}.txt and .json; server log in {options.workdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
