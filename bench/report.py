"""The results table: each figure, its baseline from the same run, the ratio, the target, pass or fail."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from bench.burst import BurstResult
from bench.load import LoadResult


@dataclass(frozen=True)
class Row:
    database: str
    measure: str
    figure: str
    latency: str = ""
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    verdict: str = ""  # "pass", "FAIL", or "" for a figure without a target

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


COLUMNS = (
    ("database", "database"),
    ("measure", "measure"),
    ("figure", "figure"),
    ("latency", "latency"),
    ("baseline", "baseline (same run)"),
    ("ratio", "ratio"),
    ("target", "target"),
    ("verdict", "result"),
)


def _verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def _rps(result: LoadResult) -> str:
    return f"{result.rps:,.0f} req/s"


def _latency(result: LoadResult, percentiles: Sequence[str] = ("50", "99"), *, judged: str = "") -> str:
    """The percentiles; over several rounds each is the median of the rounds', and the judged one is
    followed by its range."""
    if result.requests == 0:
        # wrk reports no latency when nothing finished: every request took longer than the run.
        return f"none answered within {result.seconds:.0f} s"
    spread = result.extra.get("latency_range", {})
    shown = []
    for p in percentiles:
        text = f"p{p} {result.latency_ms[p]:g} ms"
        if p == judged and isinstance(spread, dict) and p in spread:
            low, high = spread[p]
            text += f" ({low:g}–{high:g})"
        shown.append(text)
    return " ".join(shown)


def _rounds(result: LoadResult) -> str:
    rounds = result.extra.get("rounds")
    return f"; {rounds} rounds" if rounds else ""


def _failures(result: LoadResult) -> str:
    return f"; {result.failed} failed" if result.failed else ""


def ceiling(database: str, measure: str, result: LoadResult) -> Row:
    return Row(database, measure, _rps(result) + _failures(result) + _rounds(result), _latency(result))


def throughput(
    database: str,
    measure: str,
    result: LoadResult,
    base: LoadResult,
    *,
    base_name: str,
    min_ratio: float,
    max_ms: float | None = None,
    percentile: str = "99",
    ratios: Sequence[float] = (),
) -> Row:
    """A throughput figure against its ceiling, with an optional latency bound at one percentile.

    ``ratios``: when the figure and its ceiling were measured in interleaved pairs, the ratio of each
    pair; the verdict is on their median (shown with its range), which drifts in the machine's speed
    between the rounds do not move."""
    ratio = result.rps / base.rps if base.rps else 0.0
    shown_ratio = f"{ratio:.1%}"
    if len(ratios) > 1:
        ratio = statistics.median(ratios)
        shown_ratio = f"{ratio:.1%} ({min(ratios):.1%}–{max(ratios):.1%})"
    elif ratios:
        ratio = ratios[0]
        shown_ratio = f"{ratio:.1%}"
    ok = ratio >= min_ratio and result.failed == 0 and result.requests > 0
    target = f"≥ {min_ratio:.0%}"
    if max_ms is not None:
        ok = ok and result.latency_ms[percentile] <= max_ms
        target += f", p{percentile} ≤ {max_ms:g} ms"
    shown = ("50", percentile) if percentile != "50" else ("50",)
    return Row(
        database,
        measure,
        _rps(result) + _failures(result) + _rounds(result),
        _latency(result, shown, judged=percentile if max_ms is not None else ""),
        f"{base_name} {base.rps:,.0f} req/s",
        shown_ratio,
        target,
        _verdict(ok),
    )


def latency_only(database: str, measure: str, result: LoadResult, *, percentile: str, max_ms: float) -> Row:
    ok = result.requests > 0 and result.latency_ms[percentile] <= max_ms and result.failed == 0
    cached = f"; page cache {result.cache_hits:.0%}" if result.cache else ""
    return Row(
        database,
        measure,
        _rps(result) + _failures(result) + cached + _rounds(result),
        _latency(result, ("50", percentile, "99"), judged=percentile),
        target=f"p{percentile} ≤ {max_ms:g} ms",
        verdict=_verdict(ok),
    )


def burst(database: str, result: BurstResult, *, clients: int) -> Row:
    p99 = result.percentile(99)
    ok = (
        result.server_errors == 0
        and result.transport_errors == 0
        and result.lost == 0
        and result.unexpected == 0
        and result.sent == result.submissions
        and len(result.receipts) == result.submissions
        and p99 <= 1000
        and result.seconds <= 60
    )
    statuses = ", ".join(f"{s}×{n}" for s, n in sorted(result.statuses.items()))
    sent = (
        f"{result.sent:,}"
        if result.sent == result.submissions
        else f"{result.sent:,} of {result.submissions:,}"
    )
    figure = (
        f"{sent} from {clients} clients in {result.seconds:.1f} s "
        f"({result.sent / result.seconds if result.seconds else 0:,.0f}/s); {statuses}; "
        f"{result.transport_errors} socket errors; receipts {len(result.receipts):,}, "
        f"lost {result.lost}, unexpected {result.unexpected}"
    )
    return Row(
        database,
        "burst: comment submissions",
        figure,
        f"p50 {result.percentile(50):.0f} ms p99 {p99:.0f} ms",
        target="≤ 60 s, 0 5xx, 0 lost, p99 ≤ 1 s",
        verdict=_verdict(ok),
    )


def digest(
    database: str, measure: str, seconds: float, peak_mb: float, *, max_s: float, max_mb: float | None
) -> Row:
    ok = seconds <= max_s and (max_mb is None or peak_mb <= max_mb)
    target = f"≤ {max_s:g} s" + (f", ≤ {max_mb / 1024:g} GB" if max_mb else "")
    return Row(
        database,
        measure,
        f"{seconds:.1f} s, peak RSS {peak_mb:,.0f} MB",
        target=target,
        verdict=_verdict(ok),
    )


def memory(database: str, peaks_mb: Sequence[float], *, limit_mb: float = 300) -> Row:
    ok = bool(peaks_mb) and max(peaks_mb) < limit_mb
    shown = ", ".join(f"{mb:.0f}" for mb in sorted(peaks_mb, reverse=True))
    return Row(
        database,
        "memory: peak RSS of each app process",
        f"{shown} MB",
        target=f"< {limit_mb:g} MB each",
        verdict=_verdict(ok),
    )


def scale_out(database: str, measure: str, one: LoadResult, two: LoadResult) -> Row:
    ratio = two.rps / one.rps if one.rps else 0.0
    return Row(
        database,
        f"scale-out: {measure}",
        f"2 workers {two.rps:,.0f} req/s",
        _latency(two),
        f"1 worker {one.rps:,.0f} req/s",
        f"{ratio:.2f}×",
        "2 workers > 1",
        _verdict(ratio > 1.0 and two.failed == 0),
    )


def format_table(rows: Sequence[Row]) -> str:
    """A Markdown table (readable in a terminal, pasteable into the docs)."""
    cells = [[label for _, label in COLUMNS]]
    cells += [[getattr(row, name) for name, _ in COLUMNS] for row in rows]
    widths = [max(_width(line[i]) for line in cells) for i in range(len(COLUMNS))]
    lines = []
    for n, line in enumerate(cells):
        lines.append("| " + " | ".join(_pad(c, w) for c, w in zip(line, widths, strict=True)) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def summary(rows: Sequence[Row]) -> str:
    judged = [r for r in rows if r.verdict]
    failed = [r for r in judged if r.verdict != "pass"]
    return f"{len(judged) - len(failed)} of {len(judged)} targets met" + (
        "; not met: " + "; ".join(f"{r.database} {r.measure}" for r in failed) if failed else ""
    )


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
