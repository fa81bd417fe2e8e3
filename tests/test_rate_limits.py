"""Submissions and receipt lookups are limited per visitor: in memory, or in Redis across processes."""

from __future__ import annotations

import uuid
from dataclasses import replace

import httpx

from portal.app import create_app
from portal.models import Comment
from tests.conftest import Personas, publish_text
from tests.test_comments import post_comment


async def test_too_many_comments_get_a_429_with_the_text_kept(settings, people: Personas):
    app = create_app(replace(settings, comment_per_draft_rate_limit="2/minute"), manage_database=False)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        draft = await publish_text()
        for _ in range(2):
            assert (await post_comment(c, draft.id)).status_code == 303
        refused = await post_comment(c, draft.id, body="第三条意见，被限流")
    assert refused.status_code == 429
    assert "提交过于频繁" in refused.text and "第三条意见，被限流" in refused.text
    assert await Comment.all().count() == 2


async def test_receipt_lookups_are_limited(settings, people: Personas):
    app = create_app(replace(settings, receipt_rate_limit="3/minute"), manage_database=False)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        statuses = [(await c.get("/receipt", params={"code": "GZ-0000-0000"})).status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]


async def test_limits_can_be_switched_off_for_load_tests(settings, people: Personas):
    app = create_app(
        replace(settings, receipt_rate_limit="1/minute", rate_limits_enabled=False), manage_database=False
    )
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        statuses = {(await c.get("/receipt", params={"code": "GZ-0000-0000"})).status_code for _ in range(3)}
    assert statuses == {404}


async def test_limits_are_shared_through_redis_by_separate_app_processes(
    settings, people: Personas, redis_url
):
    shared = replace(
        settings,
        redis_url=redis_url,
        receipt_rate_limit="3/minute",
        secret_key=settings.secret_key + uuid.uuid4().hex,
    )  # a fresh visitor hash per run
    one, two = create_app(shared, manage_database=False), create_app(shared, manage_database=False)
    statuses = []
    try:
        for app in (one, two, one, two):
            transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
                statuses.append((await c.get("/receipt", params={"code": "GZ-0000-0000"})).status_code)
    finally:
        for app in (one, two):  # every Redis client the apps opened (no lifespan runs here)
            await app.state.rate_limiter.aclose()
            await app.state.page_cache.aclose()
            await app.state.view_counter.aclose()
    assert statuses == [404, 404, 404, 429]
