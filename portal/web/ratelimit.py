"""Abuse limits with the maintained ``limits`` package: in Redis when REDIS_URL is set (shared by every
app process), otherwise in this process's memory (fine for a single-process install)."""

from __future__ import annotations

import redis.asyncio
from limits import RateLimitItem, parse_many
from limits.aio.storage import Storage
from limits.aio.strategies import FixedWindowRateLimiter
from limits.storage import storage_from_string

from portal.settings import Settings


class RateLimiter:
    def __init__(self, settings: Settings) -> None:
        self.enabled = settings.rate_limits_enabled
        self._pool: redis.asyncio.ConnectionPool | None = None
        if settings.redis_url:
            # Our own pool, so its connections are closed when the app stops.
            self._pool = redis.asyncio.ConnectionPool.from_url(settings.redis_url.removeprefix("async+"))
            storage = storage_from_string(
                "async+redis://",
                implementation="redispy",
                key_prefix="portal",
                connection_pool=self._pool,  # type: ignore[arg-type]  # passed through to redis-py
            )
        else:
            storage = storage_from_string("async+memory://")
        assert isinstance(storage, Storage)
        self.storage = storage
        self._limiter = FixedWindowRateLimiter(storage)
        self.rules: dict[str, list[RateLimitItem]] = {
            "comment": parse_many(settings.comment_rate_limit),
            "comment_draft": parse_many(settings.comment_per_draft_rate_limit),
            "receipt": parse_many(settings.receipt_rate_limit),
            "hearing_code": parse_many(settings.hearing_code_rate_limit),
        }

    async def aclose(self) -> None:
        if self._pool is not None:
            await self._pool.aclose()

    async def allow(self, rule: str, *identifiers: str) -> bool:
        """Count one hit against every limit of ``rule``; False if any is exceeded."""
        if not self.enabled:
            return True
        allowed = True
        for item in self.rules[rule]:
            allowed = await self._limiter.hit(item, rule, *identifiers) and allowed
        return allowed
