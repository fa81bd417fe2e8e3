"""portal/services/periodic.py: a value read at most once per interval, by one request at a time."""

from __future__ import annotations

import asyncio

from portal.services.periodic import Periodic


class Source:
    """Counts its reads; each read waits until ``release`` is set (a slow query)."""

    def __init__(self) -> None:
        self.reads = 0
        self.release = asyncio.Event()
        self.release.set()

    async def read(self) -> int:
        self.reads += 1
        value = self.reads
        await self.release.wait()
        return value


async def test_requests_at_the_same_moment_read_it_once():
    source = Source()
    source.release.clear()
    kept = Periodic(source.read, seconds=lambda: 60.0)
    waiting = [asyncio.ensure_future(kept.get()) for _ in range(20)]
    await asyncio.sleep(0)
    source.release.set()
    assert await asyncio.gather(*waiting) == [1] * 20
    assert source.reads == 1


async def test_an_old_value_is_read_again_and_others_use_it_meanwhile():
    source = Source()
    interval = [60.0]
    kept = Periodic(source.read, seconds=lambda: interval[0])
    assert await kept.get() == 1
    interval[0] = 0.0  # the value is now old
    source.release.clear()
    reader = asyncio.ensure_future(kept.get())
    await asyncio.sleep(0)  # the first request to find it old reads it …
    assert source.reads == 2
    assert await kept.get() == 1  # … the others go on with the last value instead of waiting
    source.release.set()
    assert await reader == 2 and kept.value == 2


async def test_forget_reads_afresh_at_the_next_use():
    source = Source()
    kept = Periodic(source.read, seconds=lambda: 60.0)
    assert await kept.get() == 1
    assert await kept.get() == 1
    kept.forget()
    assert kept.value is None
    assert await kept.get() == 2
