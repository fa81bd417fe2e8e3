"""Several OS processes writing to one SQLite file at once: nobody sees "database is locked", nothing
is lost, and a seat is never given twice (transactions that read before they write queue up)."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from portal.settings import PROJECT_ROOT
from tests import fault_workers

WRITERS = 4
COMMENTS_EACH = 30
OBSERVERS_EACH = 4


def worker(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.fault_workers", *args],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
    )


def finish(process: subprocess.Popen[str], timeout: float = 60) -> dict[str, list[str]]:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err
    result: dict[str, list[str]] = json.loads(out.strip().splitlines()[-1])
    return result


@pytest.fixture
def sqlite_file(tmp_path: Path) -> tuple[str, dict[str, int]]:
    url = f"sqlite://{tmp_path / 'portal.sqlite3'}"
    return url, finish(worker("setup", url))  # type: ignore[return-value]


async def test_concurrent_writer_processes_never_see_a_locked_database(sqlite_file):
    url, ids = sqlite_file
    start = time.time() + 3  # every process connected and waiting before the first write
    processes = [
        worker(
            "write",
            url,
            str(ids["draft"]),
            str(ids["hearing"]),
            f"w{n}",
            str(COMMENTS_EACH),
            str(OBSERVERS_EACH),
            str(start),
        )
        for n in range(WRITERS)
    ]
    results = await asyncio.to_thread(lambda: [finish(p) for p in processes])

    errors = [e for r in results for e in r["errors"]]
    assert errors == []
    receipts = {code for r in results for code in r["receipts"]}
    assert len(receipts) == WRITERS * COMMENTS_EACH
    with sqlite3.connect(url.removeprefix("sqlite://")) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        stored = {row[0] for row in conn.execute("SELECT receipt_code FROM comment")}
        statuses = dict(
            conn.execute("SELECT status, COUNT(*) FROM hearing_registration GROUP BY status").fetchall()
        )
    assert stored == receipts
    # First come, first served across processes: exactly the seats there are, the rest wait.
    assert statuses == {
        "selected": fault_workers.OBSERVER_SEATS,
        "waitlisted": WRITERS * OBSERVERS_EACH - fault_workers.OBSERVER_SEATS,
    }
