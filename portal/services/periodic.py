"""A value each process reads from the database at most once per interval, by one request at a time.

For what every submission needs and staff rarely change (the routing load, the sensitive words): read
per request, it would be most of a request's cost under a burst. Read again once it is older than the
interval, by one request: the others go on with the value of a moment ago rather than all running the
same query at the same moment (on PostgreSQL a stampede of the routing-load aggregates took intake from
900 to 100 submissions a second). A change made in another process shows here within the interval;
the process that makes one calls ``forget``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Periodic(Generic[T]):
    """``read()``'s result (never None), kept for ``seconds()`` (a function, called at each use, so
    that the interval can be changed)."""

    def __init__(self, read: Callable[[], Awaitable[T]], *, seconds: Callable[[], float]) -> None:
        self._read = read
        self._seconds = seconds
        self._value: T | None = None
        self._read_at = 0.0
        self._reading: tuple[asyncio.AbstractEventLoop, asyncio.Lock] | None = None

    @property
    def value(self) -> T | None:
        """What was read last (None before the first read and after ``forget``), fresh or not."""
        return self._value

    def forget(self) -> None:
        """Read afresh at the next use."""
        self._value = None

    def _fresh(self) -> bool:
        return self._value is not None and time.monotonic() - self._read_at < self._seconds()

    def _lock(self) -> asyncio.Lock:
        """One reader at a time in this process (a lock of the running event loop)."""
        loop = asyncio.get_running_loop()
        if self._reading is None or self._reading[0] is not loop:
            self._reading = (loop, asyncio.Lock())
        return self._reading[1]

    async def get(self) -> T:
        value = self._value
        if value is not None and self._fresh():
            return value
        lock = self._lock()
        if value is not None and lock.locked():
            return value  # another request is reading it: this one goes on with the last value
        async with lock:
            if self._value is None or not self._fresh():
                self._value = await self._read()
                self._read_at = time.monotonic()
            return self._value
