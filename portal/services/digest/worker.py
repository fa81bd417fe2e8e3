"""The digest worker: a long-lived process that runs the refreshes staff ask for.

A refresh started in a process of its own first loads the word segmenter's dictionary (over half a
second) and imports numpy; the worker does that once and then only counts. The web processes queue a
refresh in the database (``build.queue``); the worker looks for queued ones every ``poll`` seconds,
claims each (one process wins, so several workers may run) and runs it. While it runs it writes a
heartbeat (``WorkerBeat``), from which the web processes know whether anyone will pick a queued run
up; when no worker is alive they start a process for the run instead (``python -m portal digest``).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import socket
from datetime import timedelta

from tortoise.timezone import now

from portal.memory import freeze_what_was_loaded
from portal.models import DigestSnapshot, Draft, WorkerBeat
from portal.services.digest import build, keywords

NAME = "digest"
BEAT_EVERY = timedelta(seconds=5)
ALIVE_WITHIN = timedelta(seconds=20)  # a worker silent for longer is taken to be gone

log = logging.getLogger("portal.digest.worker")


async def beat() -> None:
    """Say this worker is alive (one row per kind of worker; any of several running workers may write)."""
    fields = {"beat_at": now(), "host": socket.gethostname()[:64], "pid": os.getpid()}
    if not await WorkerBeat.filter(name=NAME).update(**fields):
        await WorkerBeat.get_or_create(name=NAME, defaults=fields)


async def alive() -> bool:
    """Whether a digest worker has said it is alive recently."""
    return await WorkerBeat.filter(name=NAME, beat_at__gte=now() - ALIVE_WITHIN).exists()


def warm_up() -> None:
    """Load what every refresh needs (the segmenter's dictionary) before the first one is asked for."""
    keywords.load()
    freeze_what_was_loaded()  # a refresh makes many objects: full collections must not walk the dictionary


async def run_queued() -> int:
    """Run every queued refresh this process can claim; the number run."""
    ran = 0
    for draft_id in await build.queued():
        if not await build.claim(draft_id):
            continue  # another worker took it
        draft = await Draft.get_or_none(id=draft_id)
        if draft is None:  # deleted since it was asked for: nothing to count
            await DigestSnapshot.filter(draft_id=draft_id).update(status="idle", message="")
            continue
        try:
            snap = await build.refresh(draft, claimed=True)
        except Exception:  # recorded on the snapshot as failed by refresh(); the worker carries on
            log.exception("digest refresh of draft %s failed", draft_id)
            continue
        ran += 1
        log.info("digest of draft %s refreshed in %s s", draft_id, snap.seconds)
        gc.collect()  # a refresh builds large short-lived structures: give the memory back at once
    return ran


async def serve(poll: float, *, stop: asyncio.Event | None = None) -> None:
    """Beat, run what is queued, sleep ``poll`` seconds; until ``stop`` is set."""
    stop = stop or asyncio.Event()
    warm_up()
    beaten_at = None
    while not stop.is_set():
        try:
            if beaten_at is None or now() - beaten_at >= BEAT_EVERY:
                await beat()
                beaten_at = now()
            await run_queued()
        except Exception:  # the database away for a moment: try again at the next poll
            log.exception("the digest worker could not reach the database")
        with contextlib.suppress(TimeoutError):  # woken early by a stop
            await asyncio.wait_for(stop.wait(), timeout=poll)
