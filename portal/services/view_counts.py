"""Page-view counts for library documents without a database write per view.

A view is counted in Redis (HINCRBY, shared by every app process) when REDIS_URL is set, otherwise in
this process's memory. Every ``flush_seconds`` one process moves the counts into the database in one
UPDATE per document: with Redis the hash is renamed away atomically first, so two processes never add
the same views twice and views counted during a flush land in the next one. Counts not yet flushed
are lost if a process dies without Redis; a view counter may be a few seconds behind, never wrong by
more than that.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Callable

import redis.asyncio
from tortoise.expressions import F

from portal.models import NormativeDocument


class ViewCounter:
    def __init__(
        self,
        redis_url: str = "",
        *,
        flush_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
        namespace: str = "portal",
    ) -> None:
        self.flush_seconds = flush_seconds
        self.hash_key = f"{namespace}:views:document"
        self.flush_marker_key = f"{namespace}:views:flush-due"
        self._clock = clock
        self._redis: redis.asyncio.Redis | None = (
            redis.asyncio.Redis.from_url(redis_url.removeprefix("async+")) if redis_url else None
        )
        self._pending: Counter[int] = Counter()
        self._last_flush = clock()

    async def aclose(self) -> None:
        if self._redis is not None:
            await self._redis.aclose()

    async def hit(self, document_id: int) -> bool:
        """Count one view; True when it is this process's turn to flush (do it after the response)."""
        if self._redis is None:
            self._pending[document_id] += 1
            return self._clock() - self._last_flush >= self.flush_seconds
        await self._redis.hincrby(self.hash_key, str(document_id), 1)
        # Whoever sets the marker first in each interval flushes for every process.
        return bool(
            await self._redis.set(self.flush_marker_key, "1", nx=True, px=int(self.flush_seconds * 1000))
        )

    async def flush(self) -> int:
        """Add the counted views to the database; returns how many views were written."""
        self._last_flush = self._clock()
        if self._redis is None:
            counts, self._pending = self._pending, Counter()
        else:
            counts = await self._take_from_redis()
        written: list[int] = []
        try:
            for document_id, views in counts.items():
                await NormativeDocument.filter(id=document_id).update(views=F("views") + views)
                written.append(document_id)
        except Exception:
            await self._put_back(Counter({k: v for k, v in counts.items() if k not in written}))
            raise
        return sum(counts.values())

    async def _put_back(self, counts: Counter[int]) -> None:
        """Keep views the database refused for the next flush."""
        if self._redis is None:
            self._pending.update(counts)
            return
        for document_id, views in counts.items():
            await self._redis.hincrby(self.hash_key, str(document_id), views)

    async def _take_from_redis(self) -> Counter[int]:
        assert self._redis is not None
        taken = f"{self.hash_key}:flushing:{uuid.uuid4().hex}"
        try:
            await self._redis.rename(self.hash_key, taken)
        except redis.ResponseError:  # no such key: nothing counted since the last flush
            return Counter()
        raw = await self._redis.hgetall(taken)
        await self._redis.delete(taken)
        return Counter({int(key): int(value) for key, value in raw.items()})
