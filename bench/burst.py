"""A burst of comment submissions: N forms from C concurrent visitors, every receipt checked.

Each of the C clients opens the comment form once (its own session and CSRF token), then submits
comments as fast as the server answers, each with a fresh submission key, and records the receipt
code of every 303 redirect. Afterwards the database must hold exactly those receipts for this run's
submission keys: none lost, none the clients were not told about.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import httpx

from bench.load import BROWSER_HEADERS, Form, comment_fields, fetch_form
from portal.db import normalise_url


@dataclass
class BurstResult:
    submissions: int
    seconds: float
    latencies_ms: list[float]
    sent: int = 0  # submissions sent before the time bound
    statuses: Counter[str] = field(default_factory=Counter)
    transport_errors: int = 0
    receipts: dict[str, str] = field(default_factory=dict)  # submission key -> receipt code
    lost: int = -1  # receipts given but not in the database
    unexpected: int = -1  # comments of this run in the database that no client got a receipt for

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status.startswith("5"))


async def _client(
    client: httpx.AsyncClient,
    draft_id: int,
    form: Form,
    fields: Sequence[str],
    jobs: asyncio.Queue[int],
    run_id: str,
    result: BurstResult,
    deadline: float,
) -> None:
    headers = {
        **BROWSER_HEADERS,
        "Cookie": form.cookie,
        "Content-Type": "application/x-www-form-urlencoded",
    }
    while time.monotonic() < deadline:
        try:
            n = jobs.get_nowait()
        except asyncio.QueueEmpty:
            return
        result.sent += 1
        key = f"{run_id}-{n}"
        body = f"csrf_token={form.token}&submission_key={key}&{fields[n % len(fields)]}"
        started = time.perf_counter()
        try:
            response = await client.post(f"/drafts/{draft_id}/comment", content=body, headers=headers)
        except httpx.TransportError:
            result.transport_errors += 1
            continue
        result.latencies_ms.append((time.perf_counter() - started) * 1000)
        result.statuses[str(response.status_code)] += 1
        if response.status_code == 303:
            code = parse_qs(urlsplit(response.headers["location"]).query).get("code", [""])[0]
            result.receipts[key] = code


async def burst(
    base_url: str,
    draft_id: int,
    samples: Sequence[tuple[str, str, str]],
    run_id: str,
    *,
    submissions: int,
    clients: int,
    max_seconds: float,
) -> BurstResult:
    """Clients stop taking new submissions after max_seconds (the run is bounded in time too)."""
    forms = []
    with httpx.Client(base_url=base_url, timeout=30) as sync:
        for _ in range(clients):
            sync.cookies.clear()
            forms.append(fetch_form(sync, draft_id))
    fields = comment_fields(samples)
    jobs: asyncio.Queue[int] = asyncio.Queue()
    for n in range(submissions):
        jobs.put_nowait(n)
    result = BurstResult(submissions=submissions, seconds=0.0, latencies_ms=[])
    async with contextlib.AsyncExitStack() as stack:
        # Made before the clock starts: making an httpx client takes ~20 ms of this event loop (its
        # TLS context), which, done by each client as it started, held up the first submissions of
        # the others by a second and counted in their latency.
        http_clients = [
            await stack.enter_async_context(
                httpx.AsyncClient(base_url=base_url, timeout=60, follow_redirects=False)
            )
            for _ in forms
        ]
        started = time.perf_counter()
        deadline = time.monotonic() + max_seconds
        await asyncio.gather(
            *(
                _client(client, draft_id, form, fields, jobs, run_id, result, deadline)
                for client, form in zip(http_clients, forms, strict=True)
            )
        )
        result.seconds = time.perf_counter() - started
    return result


async def stored_receipts(database_url: str, run_id: str) -> dict[str, str]:
    """submission key -> receipt code of every comment of this run, read with the raw driver."""
    url = normalise_url(database_url)
    pattern = f"{run_id}-%"
    if url.startswith("sqlite://"):
        import sqlite3

        path = url.removeprefix("sqlite://").split("?", 1)[0]
        with sqlite3.connect(path) as conn:
            rows = conn.execute(
                "SELECT submission_key, receipt_code FROM comment WHERE submission_key LIKE ?", (pattern,)
            ).fetchall()
        return {k: v for k, v in rows}
    import asyncpg

    conn = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        records = await conn.fetch(
            "SELECT submission_key, receipt_code FROM comment WHERE submission_key LIKE $1", pattern
        )
    finally:
        await conn.close()
    return {r["submission_key"]: r["receipt_code"] for r in records}


def verify(result: BurstResult, stored: dict[str, str]) -> None:
    """Every receipt a client got is in the database, and nothing else of this run is."""
    result.lost = sum(1 for key, code in result.receipts.items() if stored.get(key) != code)
    result.unexpected = sum(1 for key in stored if key not in result.receipts)


def run(
    base_url: str,
    database_url: str,
    draft_id: int,
    samples: Sequence[tuple[str, str, str]],
    run_id: str,
    *,
    submissions: int,
    clients: int,
    max_seconds: float,
) -> BurstResult:
    result = asyncio.run(
        burst(
            base_url,
            draft_id,
            samples,
            run_id,
            submissions=submissions,
            clients=clients,
            max_seconds=max_seconds,
        )
    )
    verify(result, asyncio.run(stored_receipts(database_url, run_id)))
    return result
