"""The benchmark harness itself works: its dataset builder, script generation, result parsing,
receipt check and table. Nothing here is timed and wrk is never run."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

from bench import load, report
from bench.burst import BurstResult, verify

REPO = Path(__file__).resolve().parent.parent


def fake_load(rps: float, p99_ms: float, statuses: dict[str, int] | None = None) -> load.LoadResult:
    seconds = 10.0
    return load.LoadResult(
        requests=int(rps * seconds),
        seconds=seconds,
        latency_ms={"50": p99_ms / 3, "75": p99_ms / 2, "90": p99_ms / 1.5, "95": p99_ms / 1.2, "99": p99_ms},
        statuses=statuses or {"200": int(rps * seconds)},
        errors={},
    )


def test_the_dataset_builder_makes_an_open_draft_with_its_comments(tmp_path: Path) -> None:
    url = f"sqlite://{tmp_path / 'bench.sqlite3'}"
    done = subprocess.run(
        [sys.executable, "-m", "bench.dataset", "--database-url", url, "--comments", "200"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    built = json.loads(done.stdout.strip().splitlines()[-1])
    assert built["articles"] == 306
    assert built["comments"] == 200
    assert len(built["samples"]) == 200
    with sqlite3.connect(tmp_path / "bench.sqlite3") as conn:
        (status,) = conn.execute("SELECT status FROM draft WHERE id = ?", (built["draft_id"],)).fetchone()
        on_articles = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT unit_key) FROM comment WHERE draft_id = ? AND unit_key != ''",
            (built["draft_id"],),
        ).fetchone()
        points = conn.execute("SELECT COUNT(*) FROM liaison_point").fetchone()[0]
    assert status == "open"
    assert on_articles[0] == 200 and on_articles[1] > 20  # spread over many articles
    assert points >= 22  # the demo data is there too


def test_the_comment_script_carries_the_sessions_and_escapes_text() -> None:
    text = load.script(
        "comment",
        {"path": "/drafts/1/comment", "forms": [{"cookie": 'a"b', "token": "t"}], "run_id": "r\n1"},
    )
    assert 'bench = {["path"] = "/drafts/1/comment"' in text
    assert '"a\\"b"' in text and '"r\\n1"' in text
    assert "function done(summary, latency, requests)" in text
    assert "submission_key=" in text


def test_it_reads_the_summary_line_of_wrk() -> None:
    line = (
        'BENCH_JSON {"requests":1200,"duration_us":2000000,"bytes":5000,'
        '"errors":{"connect":0,"read":0,"write":0,"status":3,"timeout":1},'
        '"statuses":{"200":1197,"503":3},"latency_us":{"50":1500,"99":9000,"95":7000},'
        '"latency_mean_us":2000.5,"latency_max_us":12000}'
    )
    result = load.parse("Running 2s test\n" + line + "\n")
    assert result.rps == 600
    assert result.latency_ms["99"] == 9.0
    assert result.server_errors == 3
    assert result.failed == 4  # three 503s and one time-out


def test_a_burst_finds_lost_and_unexpected_receipts() -> None:
    result = BurstResult(submissions=3, seconds=1.0, latencies_ms=[10, 20, 30], statuses=Counter({"303": 3}))
    result.receipts = {"k-1": "GZ1", "k-2": "GZ2", "k-3": "GZ3"}
    verify(result, {"k-1": "GZ1", "k-3": "GZX", "k-4": "GZ4"})
    assert (result.lost, result.unexpected) == (2, 1)
    verify(result, {"k-1": "GZ1", "k-2": "GZ2", "k-3": "GZ3"})
    assert (result.lost, result.unexpected) == (0, 0)


def test_the_table_shows_ratios_targets_and_verdicts() -> None:
    ceiling = fake_load(10_000, 20)
    rows = [
        report.ceiling("sqlite", "ceiling: bare GET /ok", ceiling),
        report.throughput(
            "sqlite", "reader", fake_load(6_000, 80), ceiling, base_name="/ok", min_ratio=0.5, max_ms=100
        ),
        report.throughput(
            "sqlite", "home /", fake_load(6_000, 400), ceiling, base_name="/ok", min_ratio=0.3, max_ms=150
        ),
        report.memory("sqlite", [180.0, 350.0]),
        report.scale_out("postgres", "/drafts", fake_load(400, 90), fake_load(700, 80)),
    ]
    nothing = load.LoadResult(requests=0, seconds=10.0, latency_ms={"50": 0, "99": 0}, statuses={}, errors={})
    stuck = report.throughput("sqlite", "stuck", nothing, ceiling, base_name="/ok", min_ratio=0.3, max_ms=150)
    assert (stuck.latency, stuck.verdict) == ("none answered within 10 s", "FAIL")
    table = report.format_table(rows)
    lines = table.splitlines()
    assert lines[0].startswith("| database")
    assert len({len(line) for line in lines[2:]}) == 1  # aligned columns
    assert "60.0%" in table and "1.75×" in table
    verdicts = [row.verdict for row in rows]
    assert verdicts == ["", "pass", "FAIL", "FAIL", "pass"]
    assert report.summary(rows) == (
        "2 of 4 targets met; not met: sqlite home /; sqlite memory: peak RSS of each app process"
    )


def test_search_is_also_measured_with_queries_never_repeated() -> None:
    from bench.run import search_queries

    queries = search_queries(3000)
    assert len(queries) == len(set(queries)) == 3000
    assert all(q.strip() and len(q) <= 100 for q in queries)
    assert any(" " in q for q in queries) and any(" " not in q for q in queries)
    assert search_queries(3000) == queries  # the same list in every run
    # The threads take turns through the list instead of each walking all of it.
    text = load.script("get", {"paths": ["/a", "/b"], "method": "GET", "headers": {}, "stride": 2})
    assert '["stride"] = 2' in text and "bench.stride" in text


def test_it_reads_how_the_page_cache_answered_and_shows_it() -> None:
    line = (
        'BENCH_JSON {"requests":100,"duration_us":1000000,"bytes":5000,"errors":{},'
        '"statuses":{"200":100},"cache":{"hit":75,"miss":25},"latency_us":{"50":1500,"99":9000,"95":7000},'
        '"latency_mean_us":2000.5,"latency_max_us":12000}'
    )
    result = load.parse(line)
    assert result.cache == {"hit": 75, "miss": 25} and result.cache_hits == 0.75
    row = report.latency_only("sqlite", "search", result, percentile="95", max_ms=50)
    assert "page cache 75%" in row.figure and row.verdict == "pass"
    result.cache = {"miss": 100}
    assert "page cache 0%" in report.latency_only("sqlite", "s", result, percentile="95", max_ms=5).figure


def test_a_figure_and_its_ceiling_are_measured_in_turn_and_judged_on_the_median_ratio() -> None:
    from bench.run import paired, parse_args

    options = parse_args(["--rounds", "4", "--duration", "3"])
    calls: list[tuple[str, float]] = []
    # The machine's speed for each measurement in order: it halves during the third pair.
    speeds = iter([1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 1.0, 1.0])  # warm-ups, then 4 pairs

    def measure(name: str, rps: float):  # type: ignore[no-untyped-def]
        def run(duration: float) -> load.LoadResult:
            calls.append((name, duration))
            return fake_load(rps * next(speeds), 50)

        return run

    pair = paired(measure("base", 10_000), measure("portal", 6_000), options)
    # Warm-ups first, then the order swaps every round: A B, B A, A B, B A.
    assert [name for name, _ in calls] == ["base", "portal"] + ["base", "portal", "portal", "base"] * 2
    assert calls[0][1] == calls[1][1] == options.warmup and {d for _, d in calls[2:]} == {3}
    assert pair.ratios == [0.6, 0.6, 0.6, 0.6]  # the slow pair moved both
    row = report.throughput(
        "sqlite",
        "reader",
        load.combined(pair.portal),
        load.combined(pair.base),
        base_name="/ok",
        min_ratio=0.5,
        ratios=[0.55, 0.6, 0.62, 0.4],
    )
    assert row.ratio == "57.5% (40.0%–62.0%)" and row.verdict == "pass"
    assert "; 4 rounds" in row.figure


def test_rounds_are_combined_into_one_figure_with_the_median_percentiles() -> None:
    rounds = [fake_load(1_000, 60), fake_load(2_000, 30), fake_load(1_500, 45)]
    rounds[1].statuses["503"] = 2
    one = load.combined(rounds)
    assert one.requests == 45_000 and one.seconds == 30.0 and one.rps == 1_500
    assert one.latency_ms["99"] == 45 and one.server_errors == 2
    row = report.latency_only("sqlite", "search", one, percentile="99", max_ms=50)
    assert "p99 45 ms (30–60)" in row.latency and "; 3 rounds" in row.figure
    assert row.verdict == "FAIL"  # a 503 in any round fails it
    assert load.combined([rounds[0]]) is rounds[0]
