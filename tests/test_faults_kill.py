"""The app process is killed (SIGKILL) in the middle of a burst of comments: every comment for which a
citizen got a receipt is in the database afterwards. A real uvicorn server, real HTTP clients, the
database opened directly after the kill; on SQLite, and on PostgreSQL when TEST_DATABASE_URL points
at a server."""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest
import pytest_asyncio

from portal.schema_check import ScratchDatabase
from portal.settings import PROJECT_ROOT
from tests.conftest import CSRF_RE
from tests.live_server import free_port
from tests.test_faults_sqlite import finish, worker

RECEIPT_RE = re.compile(r"code=(GZ-[0-9A-Z]{4}-[0-9A-Z]{4})")
CLIENTS = 8
KILL_AFTER_SECONDS = 1.5
SERVE = ("--host", "127.0.0.1", "--log-level", "warning")


@pytest_asyncio.fixture(params=["sqlite", "postgres"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite://{tmp_path / 'portal.sqlite3'}"
        return
    server = os.environ.get("TEST_DATABASE_URL", "")
    if not server.startswith(("postgres://", "postgresql://")):
        pytest.skip("TEST_DATABASE_URL does not point at PostgreSQL")
    scratch = ScratchDatabase.beside(server, "kill")
    await scratch.create()
    try:
        yield scratch.url
    finally:
        await scratch.drop()


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], str, str, int]]:
    draft = finish(worker("setup", database_url))["draft"]
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "RATE_LIMITS_ENABLED": "false",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "PYTHONPATH": str(PROJECT_ROOT),
    }
    env.pop("REDIS_URL", None)
    log = tmp_path / "uvicorn.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "portal.app:asgi", "--factory", *SERVE, "--port", str(port)],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 20
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.time() > deadline:
            process.kill()
            process.wait()
            raise AssertionError(log.read_text())
        time.sleep(0.2)
    try:
        yield process, base, database_url, int(draft)  # type: ignore[call-overload]
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()


async def citizen(
    base: str, draft_id: int, n: int, acknowledged: dict[str, str], stop: asyncio.Event
) -> None:
    """One browser: read the form once, then submit comments until the server is gone."""
    async with httpx.AsyncClient(base_url=base, timeout=5) as client:
        try:
            page = await client.get(f"/drafts/{draft_id}/comment")
        except httpx.TransportError:
            return  # a slow machine: killed before this browser had its form
        match = CSRF_RE.search(page.text)
        assert match
        i = 0
        while not stop.is_set():
            body = f"进程被杀时提交的意见 {n}-{i}"
            i += 1
            data = {
                "csrf_token": match.group(1),
                "submission_key": secrets.token_urlsafe(24),
                "stance": "amend",
                "body": body,
            }
            try:
                response = await client.post(f"/drafts/{draft_id}/comment", data=data)
            except httpx.TransportError:
                return  # killed mid-request: no receipt, so nothing was promised
            if response.status_code == 303:
                found = RECEIPT_RE.search(response.headers["location"])
                assert found, response.headers["location"]
                acknowledged[found.group(1)] = body


async def stored_comments(database_url: str) -> dict[str, str]:
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite://")) as conn:
            return dict(conn.execute("SELECT receipt_code, body FROM comment").fetchall())
    conn = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
    try:
        return {
            r["receipt_code"]: r["body"] for r in await conn.fetch("SELECT receipt_code, body FROM comment")
        }
    finally:
        await conn.close()


async def test_every_acknowledged_comment_survives_a_killed_server(server):
    process, base, database_url, draft_id = server
    acknowledged: dict[str, str] = {}
    stop = asyncio.Event()
    burst = [asyncio.create_task(citizen(base, draft_id, n, acknowledged, stop)) for n in range(CLIENTS)]
    await asyncio.sleep(KILL_AFTER_SECONDS)
    in_flight_before_kill = len(acknowledged)
    os.kill(process.pid, signal.SIGKILL)
    await asyncio.to_thread(process.wait)
    stop.set()
    await asyncio.gather(*burst)

    assert process.returncode == -signal.SIGKILL
    assert in_flight_before_kill >= 10, "the burst never got going"
    stored = await stored_comments(database_url)
    missing = {code: body for code, body in acknowledged.items() if stored.get(code) != body}
    assert missing == {}
    # Nothing is stored that a citizen did not send (at most the requests cut off by the kill).
    assert len(stored) - len(acknowledged) <= CLIENTS
