"""The digest worker runs the refreshes staff ask for; without a live worker the web process starts a
process of its own for each, as before."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from tortoise.timezone import now

from portal.models import CommentFingerprint, DigestSnapshot, Stance, WorkerBeat
from portal.services.digest import build, kept, worker
from portal.views import digest as digest_views
from tests.conftest import Personas, demo_site, login, publish_text
from tests.test_digest import LETTER, SAME_TOPIC, _submit, _without_times


async def test_a_refresh_is_queued_once_and_claimed_by_one_process(db, people: Personas):
    draft = await publish_text()
    assert await build.queue(draft.id) is True
    assert await build.queue(draft.id) is False  # already waiting
    snap = await DigestSnapshot.get(draft_id=draft.id)
    assert snap.status == "queued" and snap.message == "排队中"
    assert await build.queued() == [draft.id]
    assert await build.claim(draft.id) is True  # the first process to look takes it
    assert await build.claim(draft.id) is False
    assert await build.queued() == []
    assert await build.queue(draft.id) is False  # running: not asked for twice


async def test_a_queued_run_nobody_took_is_queued_again_once_stale(db, people: Personas):
    draft = await publish_text()
    assert await build.queue(draft.id) is True
    await DigestSnapshot.filter(draft_id=draft.id).update(started_at=now() - build.STALE_RUN - timedelta(1))
    assert await build.queue(draft.id) is True
    assert (await DigestSnapshot.get(draft_id=draft.id)).message == "重新排队"


async def test_the_worker_runs_what_is_queued_and_only_that(db, people: Personas):
    waiting, running = await publish_text(), await publish_text()
    for text in [LETTER] * 6 + SAME_TOPIC:
        await _submit(waiting, text)
    await _submit(running, LETTER)
    await build.queue(waiting.id)
    assert await build.claim(running.id)  # being refreshed by another process
    assert await worker.run_queued() == 1
    done = await DigestSnapshot.get(draft_id=waiting.id)
    assert done.status == "idle" and done.computed_at is not None
    assert done.comment_count == 10 and done.data["distinct_opinions"] == 5
    other = await DigestSnapshot.get(draft_id=running.id)
    assert other.status == "running" and other.computed_at is None
    assert await worker.run_queued() == 0


async def test_a_worker_is_alive_while_it_beats(db):
    assert await worker.alive() is False
    await worker.beat()
    assert await worker.alive() is True
    beat = await WorkerBeat.get(name="digest")
    assert beat.pid == os.getpid()
    await WorkerBeat.filter(name="digest").update(beat_at=now() - worker.ALIVE_WITHIN - timedelta(seconds=1))
    assert await worker.alive() is False
    await worker.beat()  # the same row again
    assert await worker.alive() is True and await WorkerBeat.all().count() == 1


async def _serve_until_idle(draft_id: int) -> None:
    """Run the worker's serving loop until the draft's digest is no longer busy, then stop it."""
    stop = asyncio.Event()
    serving = asyncio.create_task(worker.serve(0.01, stop=stop))
    try:
        for _ in range(500):
            if (await DigestSnapshot.get(draft_id=draft_id)).status not in build.BUSY:
                break
            await asyncio.sleep(0.01)
    finally:
        stop.set()
        await asyncio.wait_for(serving, 5)
        gc.unfreeze()  # serve() froze this test process's objects, as a worker's start-up does


async def test_the_serving_loop_beats_runs_and_stops(db, people: Personas):
    draft = await publish_text()
    await _submit(draft, LETTER)
    await build.queue(draft.id)
    await _serve_until_idle(draft.id)
    assert (await DigestSnapshot.get(draft_id=draft.id)).comment_count == 1
    assert await worker.alive()


@pytest.fixture
def spawned(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    calls: list[tuple[Any, ...]] = []

    async def fake_exec(*args: Any, **kwargs: Any) -> None:
        calls.append(args)

    monkeypatch.setattr(digest_views.asyncio, "create_subprocess_exec", fake_exec)
    return calls


async def test_without_a_live_worker_the_web_starts_a_process(db, spawned: list[tuple[Any, ...]]):
    run = digest_views.background_runner({"DATABASE_URL": "sqlite://:memory:"})
    await run(7)
    assert spawned == [(sys.executable, "-m", "portal", "digest", "7")]
    await worker.beat()
    await run(8)
    assert len(spawned) == 1  # the worker will take draft 8


async def test_a_stale_digest_is_left_to_a_live_worker(app, client, people: Personas, spawned):
    draft = await publish_text()
    await _submit(draft, LETTER)
    app.state.digest_runner = digest_views.background_runner({})  # as the real app has it
    await worker.beat()
    await login(client, people.leo)
    page = await client.get(f"/staff/drafts/{draft.id}/digest")
    assert spawned == []
    assert "正在汇总" in page.text and "排队中" in page.text
    assert (await DigestSnapshot.get(draft_id=draft.id)).status == "queued"
    await worker.run_queued()
    page = await client.get(f"/staff/drafts/{draft.id}/digest")
    assert "<strong>1</strong> 条意见" in page.text and "data-refresh-while-running" not in page.text


def _wait_for(check: Any, timeout: float) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_the_worker_command_refreshes_a_queued_digest_and_stops_on_sigterm(tmp_path: Path):
    path = tmp_path / "w.sqlite3"
    env = demo_site(path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "portal", "digest-worker", "--poll", "0.2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        with sqlite3.connect(path) as conn:
            _wait_for(lambda: conn.execute("SELECT pid FROM worker_beat").fetchone(), 60)
            conn.execute(
                "INSERT INTO digest_snapshot (draft_id, status, progress, message, started_at, "
                "comment_count, seconds, data) "
                "VALUES (5, 'queued', 0, '排队中', CURRENT_TIMESTAMP, 0, 0, '{}') "
                "ON CONFLICT (draft_id) DO UPDATE SET status = 'queued'"
            )
            conn.commit()
            status, count = _wait_for(
                lambda: conn.execute(
                    "SELECT status, comment_count FROM digest_snapshot WHERE draft_id = 5 AND status = 'idle'"
                ).fetchone(),
                120,
            )
        assert status == "idle" and count > 0
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "汇总进程已启动" in out


# --- what a worker keeps from one refresh to the next ------------------------------------------------


async def test_a_second_refresh_reads_only_the_new_fingerprints_and_equals_one_from_nothing(
    db, people: Personas, monkeypatch: pytest.MonkeyPatch
):
    kept.forget()
    draft = await publish_text()
    for i in range(6):
        await _submit(draft, LETTER + ("谢谢！" if i % 2 else ""))
    await build.refresh(draft)
    read: list[int] = []
    of = kept.Fingerprints.of.__func__  # type: ignore[attr-defined]

    def spy(cls: type[kept.Fingerprints], rows: list[Any]) -> kept.Fingerprints:
        read.append(len(rows))
        return of(cls, rows)

    monkeypatch.setattr(kept.Fingerprints, "of", classmethod(spy))
    for text in SAME_TOPIC[:3]:
        await _submit(draft, text)
    await _submit(draft, LETTER)
    held = (await build.refresh(draft)).data
    assert read == [4]  # the six read last time were held, not read again
    kept.forget()
    await DigestSnapshot.filter(draft_id=draft.id).delete()
    anew = (await build.refresh(draft)).data
    assert read[-1] == 10
    assert _without_times(held) == _without_times(anew)
    assert held["total"] == 10 and [c["size"] for c in held["clusters"]] == [7]


async def test_held_fingerprints_are_read_again_when_the_stored_rows_differ(db, people: Personas):
    draft = await publish_text()
    made = [await _submit(draft, text) for text in [LETTER, *SAME_TOPIC, LETTER]]
    await build.index_new(draft.id)
    everything = await build._draft_fingerprints(draft.id, None)
    assert everything.ids == [c.id for c in made]

    def holding(rows: kept.Fingerprints) -> kept.Held:
        return kept.Held(now(), {}, rows, sum(rows.ids))

    # A comment that committed late, with a lower id than one held: its row was not there last time.
    late = 2
    without = kept.Fingerprints(
        everything.ids[:late] + everything.ids[late + 1 :],
        everything.hashes[:late] + everything.hashes[late + 1 :],
        np.delete(everything.sigs, late, axis=0),
    )
    again = await build._draft_fingerprints(draft.id, holding(without))
    assert again.ids == everything.ids and (again.sigs == everything.sigs).all()
    # Held rows that match the stored ones are used as they are, the newer rows read on top.
    first_four = kept.Fingerprints(everything.ids[:4], ["held"] * 4, everything.sigs[:4])
    on_top = await build._draft_fingerprints(draft.id, holding(first_four))
    assert on_top.ids == everything.ids and on_top.hashes[:4] == ["held"] * 4
    assert on_top.hashes[4:] == everything.hashes[4:]


async def test_what_was_kept_is_used_only_for_the_digest_this_process_stored(db):
    at = now()
    kept.keep(7, at, {"total": 1}, None)
    assert kept.take(7, at + timedelta(microseconds=1)) is None  # another process stored a newer one
    assert kept.take(7, at) is None  # and it was dropped
    kept.keep(7, at, {"total": 1}, None)
    held = kept.take(7, at)
    assert held is not None and held.data == {"total": 1}
    assert kept.take(7, at) is None  # taken: a failed refresh does not leave it behind
    for draft_id in range(kept.DRAFTS_KEPT + 1):
        kept.keep(draft_id, at, {}, None)
    assert kept.take(0, at) is None and kept.take(kept.DRAFTS_KEPT, at) is not None


async def test_new_comments_are_fingerprinted_in_batches_with_progress(
    db, people: Personas, monkeypatch: pytest.MonkeyPatch
):
    draft = await publish_text()
    for text in [LETTER] * 3 + SAME_TOPIC:
        await _submit(draft, text)
    assert await build.index_new(draft.id) == 7
    monkeypatch.setattr(build, "BATCH", 2)
    made = [await _submit(draft, text) for text in [*SAME_TOPIC, LETTER]]
    said: list[tuple[int, str]] = []

    async def progress(percent: int, message: str) -> None:
        said.append((percent, message))

    assert await build.index_new(draft.id, progress) == 5
    assert said == [
        (32, "已分析 2 / 5 条新意见"),
        (64, "已分析 4 / 5 条新意见"),
        (80, "已分析 5 / 5 条新意见"),
    ]
    done = set(await CommentFingerprint.filter(draft_id=draft.id).values_list("comment_id", flat=True))
    assert {c.id for c in made} <= done and len(done) == 12
    assert await build.index_new(draft.id) == 0


async def test_the_worker_carries_on_when_the_database_is_away_for_a_moment(
    db, people: Personas, monkeypatch: pytest.MonkeyPatch
):
    draft = await publish_text()
    await _submit(draft, LETTER)
    await build.queue(draft.id)
    real = build.queued
    failures = [OSError("connection refused")]

    async def flaky() -> list[int]:
        if failures:
            raise failures.pop()
        return await real()

    monkeypatch.setattr(build, "queued", flaky)
    await _serve_until_idle(draft.id)
    assert failures == [] and (await DigestSnapshot.get(draft_id=draft.id)).comment_count == 1


async def test_a_queued_refresh_of_a_draft_deleted_since_is_dropped(db, people: Personas):
    await build.queue(424242)
    assert await worker.run_queued() == 0
    assert (await DigestSnapshot.get(draft_id=424242)).status == "idle"
    assert await build.queued() == []


async def test_a_digest_is_the_same_in_memory_as_stored(db, people: Personas):
    """What a worker keeps is the digest as computed; the next refresh must see the same as a process
    that reads it back from the database: so a digest holds nothing JSON would change (tuples, keys
    that are not strings)."""
    draft = await publish_text()
    for i in range(6):
        await _submit(draft, LETTER + ("谢谢！" if i % 2 else ""), district="白云")
    for text in SAME_TOPIC:
        await _submit(draft, text, unit="tiao-1", stance=Stance.AMEND)
    data = (await build.refresh(draft)).data
    assert json.loads(json.dumps(data, default=str)) == data
    stored = (await DigestSnapshot.get(draft_id=draft.id)).data
    assert stored == data
