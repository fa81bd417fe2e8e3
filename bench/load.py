"""Drive a server with wrk and read its figures: throughput, latency percentiles, responses by status.

wrk (Debian's package ``wrk``, 4.x with LuaJIT) runs a script made of a generated ``bench`` table (the
paths, the headers, the visitor sessions) followed by bench/lua/common.lua (counting and the JSON
summary) and one of bench/lua/get.lua or bench/lua/comment.lua.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import httpx

LUA = Path(__file__).resolve().parent / "lua"
BROWSER_HEADERS = {
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126 Safari/537.36",
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "zh-CN,zh;q=0.9",
    "Accept-Encoding": "gzip, deflate, br",
}
INSTALL_HINT = "wrk is not installed: run `sudo apt-get install -y wrk` (Debian/Ubuntu) and try again."


class WrkMissing(RuntimeError):
    pass


def ensure_wrk() -> str:
    """The path of wrk; installed with apt-get when missing and running as root."""
    found = shutil.which("wrk")
    if found:
        return found
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing; installing it with apt-get (running as root) …", flush=True)
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=False, capture_output=True)
        if subprocess.run(["sh", "-c", "command -v wrk"], capture_output=True).returncode != 0:
            subprocess.run(["apt-get", "update"], check=False, capture_output=True)
            subprocess.run(["apt-get", "install", "-y", "wrk"], check=False, capture_output=True)
        found = shutil.which("wrk")
        if found:
            return found
    raise WrkMissing(INSTALL_HINT)


@dataclass(frozen=True)
class Form:
    """One visitor: the session cookie and the CSRF token of a comment form page."""

    cookie: str
    token: str


@dataclass
class LoadResult:
    requests: int
    seconds: float
    latency_ms: dict[str, float]
    statuses: dict[str, int]
    errors: dict[str, int]
    bytes: int = 0
    extra: dict[str, object] = field(default_factory=dict)
    cache: dict[str, int] = field(default_factory=dict)  # X-Cache answers: hit, miss, stale, bypass

    @property
    def cache_hits(self) -> float:
        """Share of the responses served from the page cache (hit or stale)."""
        answered = sum(self.cache.values())
        return (self.cache.get("hit", 0) + self.cache.get("stale", 0)) / answered if answered else 0.0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status.startswith("5"))

    @property
    def failed(self) -> int:
        """Responses that are neither 2xx nor 3xx, plus socket errors and time-outs."""
        bad = sum(n for status, n in self.statuses.items() if not status.startswith(("2", "3")))
        return bad + sum(n for kind, n in self.errors.items() if kind != "status")


def combined(results: Sequence[LoadResult]) -> LoadResult:
    """One figure for the same measurement made in several rounds: the requests, statuses and errors of
    all of them, over their total time (the mean throughput), and each latency percentile the median of
    the rounds' (the lower of the middle two: percentiles of separate runs cannot be merged), with its
    lowest and highest in ``extra["latency_range"]``."""
    if len(results) == 1:
        return results[0]
    answered = [r for r in results if r.requests] or list(results)
    percentiles = set.intersection(*(set(r.latency_ms) for r in answered))
    statuses: dict[str, int] = {}
    errors: dict[str, int] = {}
    cache: dict[str, int] = {}
    for result in results:
        for into, counts in ((statuses, result.statuses), (errors, result.errors), (cache, result.cache)):
            for key, n in counts.items():
                into[key] = into.get(key, 0) + n
    return LoadResult(
        requests=sum(r.requests for r in results),
        seconds=sum(r.seconds for r in results),
        latency_ms={p: statistics.median_low(r.latency_ms[p] for r in answered) for p in percentiles},
        statuses=statuses,
        errors=errors,
        bytes=sum(r.bytes for r in results),
        extra={
            "rounds": len(results),
            "latency_range": {
                p: (min(r.latency_ms[p] for r in answered), max(r.latency_ms[p] for r in answered))
                for p in percentiles
            },
        },
        cache=cache,
    )


def lua_literal(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"[{lua_literal(k)}] = {lua_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, Sequence):
        return "{" + ", ".join(lua_literal(v) for v in value) + "}"
    if value is None:
        return "nil"
    raise TypeError(f"no Lua literal for {type(value).__name__}")


def script(kind: str, config: Mapping[str, object]) -> str:
    """The text of a wrk script: the config table, the shared code, then the kind's request()."""
    return "\n".join(
        (
            f"bench = {lua_literal(config)}",
            (LUA / "common.lua").read_text(encoding="utf-8"),
            (LUA / f"{kind}.lua").read_text(encoding="utf-8"),
        )
    )


def parse(output: str) -> LoadResult:
    """wrk's output: the BENCH_JSON line printed by common.lua's done()."""
    match = re.search(r"^BENCH_JSON (\{.*\})$", output, re.MULTILINE)
    if not match:
        raise RuntimeError(f"wrk printed no BENCH_JSON line:\n{output[-2000:]}")
    data = json.loads(match.group(1))
    return LoadResult(
        requests=int(data["requests"]),
        seconds=data["duration_us"] / 1e6,
        latency_ms={p: round(us / 1000, 2) for p, us in data["latency_us"].items()},
        statuses={str(k): int(v) for k, v in data["statuses"].items()},
        errors={k: int(v) for k, v in data["errors"].items() if v},
        bytes=int(data["bytes"]),
        extra={"latency_mean_ms": round(data["latency_mean_us"] / 1000, 2)},
        cache={str(k): int(v) for k, v in data.get("cache", {}).items()},
    )


def run_wrk(
    base_url: str,
    kind: str,
    config: Mapping[str, object],
    *,
    duration: float,
    connections: int,
    threads: int = 2,
    timeout: float = 10.0,
) -> LoadResult:
    wrk = ensure_wrk()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", encoding="utf-8", delete=False) as f:
        f.write(script(kind, config))
    try:
        done = subprocess.run(
            [
                wrk,
                f"-t{min(threads, connections)}",
                f"-c{connections}",
                f"-d{max(1, round(duration))}s",
                f"--timeout={timeout:g}s",
                "--latency",
                "-s",
                f.name,
                base_url,
            ],
            capture_output=True,
            text=True,
            timeout=duration + timeout + 60,
        )
    finally:
        os.unlink(f.name)
    if done.returncode:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    return parse(done.stdout)


def get(
    base_url: str,
    paths: Sequence[str],
    *,
    duration: float,
    connections: int,
    headers: Mapping[str, str] = BROWSER_HEADERS,
    distinct: bool = False,
    threads: int = 2,
) -> LoadResult:
    """GET the paths in turn; ``distinct``: no path twice until every one was requested (the threads
    take turns through the list instead of each walking it)."""
    config: dict[str, object] = {
        "paths": list(paths),
        "method": "GET",
        "headers": dict(headers),
        "body": None,
    }
    if distinct:
        config["stride"] = min(threads, connections)
    return run_wrk(base_url, "get", config, duration=duration, connections=connections, threads=threads)


def settle(base_url: str, *, quiet_ms: float = 50.0, max_seconds: float = 60.0) -> float:
    """Wait until the server answers /healthz within ``quiet_ms`` three times in a row: requests that
    a previous measurement left queued (wrk stops waiting, the server does not) must not be counted in
    the next one. Returns the seconds waited."""
    started = time.monotonic()
    quiet = 0
    with httpx.Client(base_url=base_url, timeout=max_seconds) as client:
        while quiet < 3 and time.monotonic() - started < max_seconds:
            t = time.monotonic()
            try:
                client.get("/healthz")
            except httpx.TransportError:
                quiet = 0
                time.sleep(0.2)
                continue
            quiet = quiet + 1 if (time.monotonic() - t) * 1000 <= quiet_ms else 0
            time.sleep(0.05)
    return time.monotonic() - started


def post_fixed(base_url: str, path: str, body: str, *, duration: float, connections: int) -> LoadResult:
    headers = {**BROWSER_HEADERS, "Content-Type": "text/plain; charset=utf-8"}
    config = {"paths": [path], "method": "POST", "headers": headers, "body": body}
    return run_wrk(base_url, "get", config, duration=duration, connections=connections)


def comment_fields(samples: Sequence[tuple[str, str, str]]) -> list[str]:
    """URL-encoded form fields (everything but the CSRF token and the submission key)."""
    from portal.services.liaison import DISTRICT_ORDER

    return [
        urlencode(
            {
                "body": body,
                "stance": stance,
                "unit_key": key,
                "identity_type": "individual",
                "district": DISTRICT_ORDER[i % len(DISTRICT_ORDER)],
            }
        )
        for i, (key, stance, body) in enumerate(samples)
    ]


def post_comments(
    base_url: str,
    draft_id: int,
    forms: Sequence[Form],
    samples: Sequence[tuple[str, str, str]],
    run_id: str,
    *,
    duration: float,
    connections: int,
) -> LoadResult:
    config = {
        "path": f"/drafts/{draft_id}/comment",
        "headers": BROWSER_HEADERS,
        "forms": [{"cookie": f.cookie, "token": f.token} for f in forms],
        "bodies": comment_fields(samples),
        "run_id": run_id,
    }
    return run_wrk(base_url, "comment", config, duration=duration, connections=connections)


TOKEN_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def fetch_form(client: httpx.Client, draft_id: int) -> Form:
    """Open the comment form as a new visitor: the session cookie it sets and the token in the page."""
    page = client.get(f"/drafts/{draft_id}/comment", headers=BROWSER_HEADERS)
    page.raise_for_status()
    token = TOKEN_RE.search(page.text)
    # The cookie is Secure in production; read it from Set-Cookie (the client will not send it over http).
    cookie = next(
        (
            v.split(";", 1)[0]
            for k, v in page.headers.multi_items()
            if k.lower() == "set-cookie" and v.startswith("portal_session=")
        ),
        None,
    )
    if token is None or cookie is None:
        raise RuntimeError("the comment form gave no session cookie or CSRF token")
    return Form(cookie=cookie, token=token.group(1))


def collect_forms(base_url: str, draft_id: int, count: int) -> list[Form]:
    forms = []
    for _ in range(count):
        with httpx.Client(base_url=base_url, timeout=30) as client:
            forms.append(fetch_form(client, draft_id))
    return forms
