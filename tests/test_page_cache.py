"""Public pages served from the page cache: the same bytes for every anonymous visitor, compressed,
revalidated with 304, refreshed after the TTL or at once after a staff change, never for staff."""

from __future__ import annotations

import asyncio
import gzip
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import timedelta
from types import SimpleNamespace

import brotli
import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import request_response
from starlette.types import Receive, Scope, Send

from portal.app import create_app
from portal.models import Comment, Draft, Moderation, Stance
from portal.services import drafts
from portal.services.calendar import today
from portal.settings import Settings
from portal.views import comments as comment_views
from portal.web.page_cache import Asked, PageCache, ServeCachedPages, cache_key, cached_page, page_response
from tests.conftest import Personas, counted_queries, csrf_token, login, publish_text

BROWSER = {"Accept-Encoding": "gzip, deflate, br"}
TTL = 10.0


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(app: Starlette) -> Clock:
    """The app's page cache on a clock the test moves by hand."""
    fake = Clock()
    app.state.page_cache = PageCache(ttl=TTL, max_bytes=64 * 1024 * 1024, clock=fake)
    return fake


async def draft_with_comment(people: Personas) -> Draft:
    draft = await publish_text()
    await add_comment(draft, people, "tiao-1")
    return draft


async def add_comment(draft: Draft, people: Personas, key: str) -> None:
    version = await drafts.latest_published(draft)
    assert version is not None
    unit = await drafts.unit_by_key(version, key)
    assert unit is not None
    n = await Comment.all().count()
    await Comment.create(
        draft=draft,
        version=version,
        provision=unit,
        unit_key=key,
        lineage=unit.lineage,
        body="建议增加公众参与的规定。",
        stance=Stance.AMEND,
        liaison_point=people.tianhe,
        routing_reason="least_loaded",
        receipt_code=f"PC-{n:08d}",
    )


async def raw_get(
    client: httpx.AsyncClient, path: str, headers: dict[str, str]
) -> tuple[httpx.Response, bytes]:
    async with client.stream("GET", path, headers=headers) as response:
        raw = b"".join([chunk async for chunk in response.aiter_raw()])
    return response, raw


async def test_the_second_anonymous_visit_is_served_without_touching_the_database(
    client, people: Personas, clock: Clock
):
    draft = await draft_with_comment(people)
    first = await client.get(f"/drafts/{draft.id}", headers=BROWSER)
    assert first.headers["x-cache"] == "miss"
    with counted_queries() as statements:
        second = await client.get(f"/drafts/{draft.id}", headers=BROWSER)
    assert statements == []
    assert second.headers["x-cache"] == "hit"
    assert second.text == first.text
    assert "1 条意见" in second.text
    assert second.headers["cache-control"].startswith("public, max-age=")
    assert second.headers["vary"] == "Accept-Encoding, Cookie"
    # The security headers are added to cached pages as to any other.
    assert "frame-ancestors 'none'" in second.headers["content-security-policy"]
    assert second.headers["x-content-type-options"] == "nosniff"


async def test_brotli_or_gzip_is_sent_as_accepted_and_decompresses_to_the_page(
    client, people: Personas, clock: Clock
):
    draft = await draft_with_comment(people)
    path = f"/drafts/{draft.id}"
    plain, plain_bytes = await raw_get(client, path, {"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert "广州市测试条例（草案）" in plain_bytes.decode()
    # A browser (gzip, deflate, br) gets brotli, the smallest.
    packed, packed_bytes = await raw_get(client, path, BROWSER)
    assert packed.headers["content-encoding"] == "br"
    assert int(packed.headers["content-length"]) == len(packed_bytes)
    assert brotli.decompress(packed_bytes) == plain_bytes
    # A client that knows only gzip gets gzip.
    zipped, zipped_bytes = await raw_get(client, path, {"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert gzip.decompress(zipped_bytes) == plain_bytes
    assert len(packed_bytes) < len(zipped_bytes) < len(plain_bytes)
    # Each representation has its own strong tag.
    assert len({plain.headers["etag"], zipped.headers["etag"], packed.headers["etag"]}) == 3
    # q=0 refuses a coding; * stands for those not named.
    for accept, coding in (
        ("gzip;q=0, br", "br"),
        ("br;q=0, gzip", "gzip"),
        ("gzip;q=0, br;q=0", None),
        ("*", "br"),
        ("br;q=0, *", "gzip"),
        ("gzip;q=1.0, br;q=0.5", "gzip"),
    ):
        answer, _ = await raw_get(client, path, {"Accept-Encoding": accept})
        assert answer.headers.get("content-encoding") == coding, accept


async def test_a_browser_revalidating_gets_304_with_no_body(client, people: Personas, clock: Clock):
    draft = await draft_with_comment(people)
    page = await client.get(f"/drafts/{draft.id}", headers=BROWSER)
    etag, modified = page.headers["etag"], page.headers["last-modified"]
    same = await client.get(f"/drafts/{draft.id}", headers={**BROWSER, "If-None-Match": etag})
    assert same.status_code == 304 and same.content == b""
    assert same.headers["etag"] == etag
    weak = await client.get(f"/drafts/{draft.id}", headers={**BROWSER, "If-None-Match": f"W/{etag}"})
    assert weak.status_code == 304
    since = await client.get(f"/drafts/{draft.id}", headers={**BROWSER, "If-Modified-Since": modified})
    assert since.status_code == 304
    # The same content rendered again after the TTL keeps its date and tag.
    clock.advance(TTL + 1)
    again = await client.get(f"/drafts/{draft.id}", headers={**BROWSER, "If-None-Match": etag})
    assert again.status_code == 304
    assert again.headers["last-modified"] == modified
    # New content: a new tag, and the old one no longer matches.
    await add_comment(draft, people, "tiao-2")
    clock.advance(TTL + 1)
    changed = await client.get(f"/drafts/{draft.id}", headers={**BROWSER, "If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag
    assert "已收到意见 <strong>2</strong> 条" in changed.text


async def test_a_new_comment_shows_once_the_counts_are_older_than_the_ttl(
    client, people: Personas, clock: Clock
):
    draft = await draft_with_comment(people)
    assert "已收到意见 <strong>1</strong> 条" in (await client.get(f"/drafts/{draft.id}")).text
    await add_comment(draft, people, "tiao-2")
    clock.advance(TTL - 1)
    cached = await client.get(f"/drafts/{draft.id}")
    assert cached.headers["x-cache"] == "hit"
    assert "已收到意见 <strong>1</strong> 条" in cached.text
    assert cached.headers["cache-control"].startswith("public, max-age=1,")
    clock.advance(2)
    fresh = await client.get(f"/drafts/{draft.id}")
    assert fresh.headers["x-cache"] == "miss"
    assert "已收到意见 <strong>2</strong> 条" in fresh.text


async def test_a_new_version_published_shows_after_the_ttl(client, people: Personas, clock: Clock):
    draft = await draft_with_comment(people)
    assert "第 1 版" in (await client.get(f"/drafts/{draft.id}")).text
    await drafts.add_version(draft, TEXT_V2, label="修改稿", actor=None)
    draft = await Draft.get(id=draft.id)
    await drafts.publish(draft, opens=today(), closes=today() + timedelta(days=60), actor=None)
    clock.advance(TTL + 1)
    page = (await client.get(f"/drafts/{draft.id}")).text
    assert "第 2 版（修改稿）" in page
    assert "新增的一条。" in page


async def test_a_staff_change_shows_at_once(client, other_client, people: Personas, clock: Clock):
    draft = await draft_with_comment(people)
    assert "草案已撤回" not in (await other_client.get(f"/drafts/{draft.id}")).text
    await login(client, people.alice)
    token = await csrf_token(client, f"/staff/drafts/{draft.id}")
    response = await client.post(
        f"/staff/drafts/{draft.id}/withdraw", data={"reason": "需要重新论证。", "csrf_token": token}
    )
    assert response.status_code == 303
    page = await other_client.get(f"/drafts/{draft.id}")  # no time has passed
    assert "草案已撤回" in page.text and "需要重新论证。" in page.text
    listed = await other_client.get("/drafts")
    assert listed.headers["x-cache"] == "miss"


async def test_an_anonymous_post_to_a_staff_address_drops_no_page(
    client, other_client, people: Personas, clock: Clock
):
    """A visitor with a session of their own holds a valid CSRF token; their post to a staff form is
    sent to the sign-in page (303), and must not empty the cache of every visitor."""
    draft = await draft_with_comment(people)
    await other_client.get(f"/drafts/{draft.id}")  # stored
    token = await csrf_token(client, f"/drafts/{draft.id}/comment")
    path = f"/staff/drafts/{draft.id}/withdraw"
    for answer in (
        await client.post(path, headers={"X-CSRF-Token": token}),
        await client.post(path, data={"reason": "随便撤回", "csrf_token": token}),
        await client.post(path, data={"reason": "没有令牌"}),
    ):
        assert answer.status_code in (303, 403)
    assert answer.status_code == 403
    assert (await other_client.get(f"/drafts/{draft.id}")).headers["x-cache"] == "hit"


async def test_a_refused_staff_write_drops_no_page(client, other_client, people: Personas, clock: Clock):
    draft = await draft_with_comment(people)
    await login(client, people.alice)
    token = await csrf_token(client, f"/staff/drafts/{draft.id}")
    closed = await client.post(
        f"/staff/drafts/{draft.id}/close", data={"reason": "上位法已修改。", "csrf_token": token}
    )
    assert closed.status_code == 303
    assert "征求意见已结束" in (await other_client.get(f"/drafts/{draft.id}")).text  # dropped, stored again
    # Closing again is refused: back to the draft's page with the reason, nothing changed, nothing dropped.
    again = await client.post(f"/staff/drafts/{draft.id}/close", data={"csrf_token": token})
    assert again.status_code == 303
    assert "只有正在征求意见的草案可以结束征求意见。" in (await client.get(again.headers["location"])).text
    assert (await other_client.get(f"/drafts/{draft.id}")).headers["x-cache"] == "hit"
    # Nor does a form refused with 400.
    withdrawn = await client.post(
        f"/staff/drafts/{draft.id}/withdraw", data={"reason": " ", "csrf_token": token}
    )
    assert withdrawn.status_code == 400
    assert (await other_client.get(f"/drafts/{draft.id}")).headers["x-cache"] == "hit"


async def test_signed_in_staff_never_get_a_cached_page(client, other_client, people: Personas, clock: Clock):
    draft = await draft_with_comment(people)
    await other_client.get(f"/drafts/{draft.id}")  # an anonymous visitor fills the cache
    await login(client, people.leo)
    await add_comment(draft, people, "tiao-2")  # not announced: the cache still has one comment
    staff = await client.get(f"/drafts/{draft.id}", headers=BROWSER)
    assert staff.headers["x-cache"] == "bypass"
    assert staff.headers["cache-control"] == "private, no-store"
    assert "etag" not in staff.headers
    assert "已收到意见 <strong>2</strong> 条" in staff.text
    # What staff were shown was not kept for anyone else.
    anonymous = await other_client.get(f"/drafts/{draft.id}")
    assert anonymous.headers["x-cache"] == "hit"
    assert "已收到意见 <strong>1</strong> 条" in anonymous.text


async def test_cached_pages_never_set_a_cookie(app: Starlette, client, people: Personas, clock: Clock):
    draft = await draft_with_comment(people)
    # A visitor who already holds a session (the comment form gave them a CSRF token) …
    await csrf_token(client, f"/drafts/{draft.id}/comment")
    assert "portal_session" in client.cookies
    for _ in range(2):
        page = await client.get(f"/drafts/{draft.id}")
        assert "set-cookie" not in page.headers
        assert "csrf_token" not in page.text
    # … and a first-time visitor.
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as newcomer:
        for path in (f"/drafts/{draft.id}", "/drafts", "/", "/api/v1/drafts"):
            response = await newcomer.get(path)
            assert response.status_code == 200
            assert "set-cookie" not in response.headers, path
        assert not newcomer.cookies


async def test_elder_mode_has_its_own_cached_variant(client, other_client, people: Personas, clock: Clock):
    draft = await draft_with_comment(people)
    client.cookies.set("portal_display", "elder")
    for _ in range(2):
        elder = await client.get(f"/drafts/{draft.id}")
        standard = await other_client.get(f"/drafts/{draft.id}")
        assert '<html lang="zh-CN" class="mode-elder">' in elder.text
        assert "退出长者模式" in elder.text
        assert '<html lang="zh-CN" class="mode-standard">' in standard.text
    assert elder.headers["x-cache"] == standard.headers["x-cache"] == "hit"


async def test_a_page_with_a_flash_message_is_not_cached(client, people: Personas, clock: Clock):
    draft = await draft_with_comment(people)
    await client.get(f"/drafts/{draft.id}")
    switched = await client.post(
        "/preferences/display",
        data={"mode": "elder", "next": f"/drafts/{draft.id}"},
        headers={"Origin": "http://testserver"},
    )
    assert switched.status_code == 303
    with_flash = await client.get(f"/drafts/{draft.id}")
    assert with_flash.headers["x-cache"] == "bypass"
    assert "已切换到长者模式" in with_flash.text
    after = await client.get(f"/drafts/{draft.id}")
    assert after.headers["x-cache"] == "miss"  # the elder variant, first time
    assert "已切换到长者模式" not in after.text
    assert '<html lang="zh-CN" class="mode-elder">' in after.text


async def test_unknown_query_parameters_and_errors_are_not_cached(client, people: Personas, clock: Clock):
    draft = await draft_with_comment(people)
    tracked = await client.get(f"/drafts/{draft.id}?utm_source=weibo")
    assert tracked.status_code == 200 and tracked.headers["x-cache"] == "bypass"
    for _ in range(2):
        missing = await client.get(f"/drafts/{draft.id}?version=9")
        assert missing.status_code == 404
        assert "没有第 9 版文本" in missing.text
        assert missing.headers.get("x-cache") not in ("hit", "miss")
    old = await client.get(f"/drafts/{draft.id}?version=1")
    assert old.headers["x-cache"] == "miss"


async def test_lists_home_and_api_are_cached_too(client, people: Personas, clock: Clock):
    draft = await draft_with_comment(people)
    for path in (
        "/",
        "/drafts",
        "/drafts?status=open&page=1",
        "/api/v1/drafts",
        "/api/v1/liaison-points",
        f"/api/v1/drafts/{draft.id}/comments",
        f"/api/v1/drafts/{draft.id}/comments?limit=10",
        f"/api/v1/drafts/{draft.id}/stats",
    ):
        first = await client.get(path, headers=BROWSER)
        with counted_queries() as statements:
            second = await client.get(path, headers=BROWSER)
        assert (first.headers["x-cache"], second.headers["x-cache"]) == ("miss", "hit"), path
        assert statements == [], path
        assert second.content == first.content
    items = (await client.get("/api/v1/drafts")).json()["items"]
    assert [d["id"] for d in items] == [draft.id]
    assert (await client.get("/api/v1/drafts")).headers["content-type"] == "application/json"


async def test_a_page_holding_the_visitors_own_form_token_is_never_stored(
    app: Starlette, client, people: Personas, clock: Clock
):
    """Defence in depth: an endpoint marked cacheable by mistake whose page carries a form with the
    visitor's CSRF token (here: the comment list with its 附议 buttons) is served but never kept."""
    draft = await draft_with_comment(people)
    await Comment.filter(draft=draft).update(moderation=Moderation.PUBLISHED)
    token = await csrf_token(client, f"/drafts/{draft.id}/comment")
    route = next(r for r in app.routes if getattr(r, "path", "") == "/drafts/{draft_id:int}/comments")
    listing = cached_page(params=("article", "page", "order"))(comment_views.draft_comments)
    monkeypatch_endpoint = route.app  # type: ignore[attr-defined]
    try:
        route.app = request_response(listing)  # type: ignore[attr-defined]
        for _ in range(2):
            page = await client.get(f"/drafts/{draft.id}/comments")
            assert token in page.text
            assert page.headers["x-cache"] == "bypass"
    finally:
        route.app = monkeypatch_endpoint  # type: ignore[attr-defined]
    assert len(app.state.page_cache) == 0


async def test_a_burst_on_a_cold_page_renders_it_once(client, people: Personas, clock: Clock):
    draft = await draft_with_comment(people)
    with counted_queries() as burst:
        pages = await asyncio.gather(*[client.get(f"/drafts/{draft.id}") for _ in range(8)])
    with counted_queries() as one:
        clock.advance(TTL * 3)  # too old to serve: rendered again, once
        await client.get(f"/drafts/{draft.id}")
    assert len({p.text for p in pages}) == 1
    assert sorted(p.headers["x-cache"] for p in pages) == ["hit"] * 7 + ["miss"]
    assert len(burst) == len(one)


async def test_pages_are_not_cached_when_the_cache_is_off(settings: Settings, db, people: Personas):
    app = create_app(replace(settings, page_cache_seconds=0), manage_database=False)
    draft = await draft_with_comment(people)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as c:
        await c.get(f"/drafts/{draft.id}")
        await add_comment(draft, people, "tiao-2")
        page = await c.get(f"/drafts/{draft.id}")
    assert page.headers["x-cache"] == "bypass"
    assert "已收到意见 <strong>2</strong> 条" in page.text


@asynccontextmanager
async def two_processes(
    settings: Settings, redis_url: str
) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient, Clock]]:
    """Two app processes sharing one Redis page cache (one clock for both): a client of each."""
    shared = replace(settings, redis_url=redis_url)
    first, second = (create_app(shared, manage_database=False) for _ in range(2))
    clock = Clock()
    namespace = f"test-{id(clock)}"
    for app in (first, second):
        app.state.page_cache = PageCache(
            ttl=TTL, max_bytes=1 << 24, redis_url=shared.redis_url, clock=clock, namespace=namespace
        )
    transport = httpx.ASGITransport
    try:
        async with (
            httpx.AsyncClient(transport=transport(app=first), base_url="http://testserver") as one,
            httpx.AsyncClient(transport=transport(app=second), base_url="http://testserver") as other,
        ):
            yield one, other, clock
    finally:
        for app in (first, second):
            await app.state.page_cache.aclose()
            await app.state.rate_limiter.aclose()
            await app.state.view_counter.aclose()


async def test_a_change_in_one_process_reaches_another_through_redis(
    settings: Settings, people: Personas, redis_url: str
):
    draft = await draft_with_comment(people)
    async with two_processes(settings, redis_url) as (staff, visitor, clock):
        assert "草案已撤回" not in (await visitor.get(f"/drafts/{draft.id}")).text
        await login(staff, people.alice)
        token = await csrf_token(staff, f"/staff/drafts/{draft.id}")
        await staff.post(
            f"/staff/drafts/{draft.id}/withdraw", data={"reason": "撤回重拟。", "csrf_token": token}
        )
        clock.advance(1.1)  # the other process reads the shared generation once a second
        page = await visitor.get(f"/drafts/{draft.id}")
        assert page.headers["x-cache"] == "miss"
        assert "草案已撤回" in page.text


async def test_an_anonymous_post_in_one_process_drops_nothing_in_another(
    settings: Settings, people: Personas, redis_url: str
):
    draft = await draft_with_comment(people)
    async with two_processes(settings, redis_url) as (stranger, visitor, clock):
        await visitor.get(f"/drafts/{draft.id}")  # stored in the second process
        token = await csrf_token(stranger, f"/drafts/{draft.id}/comment")
        answer = await stranger.post(f"/staff/drafts/{draft.id}/withdraw", headers={"X-CSRF-Token": token})
        assert answer.status_code == 303
        clock.advance(1.1)  # the second process has read the shared generation again
        assert (await visitor.get(f"/drafts/{draft.id}")).headers["x-cache"] == "hit"


TEXT_V2 = """# 广州市测试条例

## 第一章 总则

第一条 为了规范城市绿化管理，制定本条例。

第二条 本条例适用于本市行政区域内的城市绿化规划、建设、保护和管理。

第三条 新增的一条。
"""


FRONT_SCOPE = {"type": "http", "method": "GET", "path": "/drafts/7", "query_string": b"", "headers": []}


async def test_a_visitor_without_a_session_gets_a_fresh_page_before_the_session_and_routing_layers():
    clock = Clock()
    cache = PageCache(ttl=TTL, max_bytes=1 << 20, clock=clock)
    reached: list[str] = []

    async def behind(scope: Scope, receive: Receive, send: Send) -> None:
        reached.append(f"{scope['method']} {scope['path']}?{scope['query_string'].decode()}")
        await PlainTextResponse("rendered")(scope, receive, send)

    front = ServeCachedPages(behind, session_cookie="portal_session")

    async def portal(scope: Scope, receive: Receive, send: Send) -> None:
        scope["app"] = SimpleNamespace(state=SimpleNamespace(page_cache=cache))
        await front(scope, receive, send)

    async def stored(path: str, query: str = "") -> None:
        scope = {"type": "http", "method": "GET", "path": path, "query_string": query.encode(), "headers": []}
        key = cache_key(Asked.of(scope), await cache.generation())
        page = cache.make_page("<p>已缓存的页面</p>".encode(), "text/html; charset=utf-8", None)
        await cache.fetch(key, lambda previous: asyncio.sleep(0, page))

    await stored("/drafts/7")
    await stored("/drafts", "page=2")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=portal), base_url="http://t") as c:
        hit = await c.get("/drafts/7", headers=BROWSER)
        assert hit.headers["x-cache"] == "hit" and hit.text == "<p>已缓存的页面</p>"
        # The same headers as the decorator's answer for the same page.
        page = cache.fresh(cache_key(Asked.of(FRONT_SCOPE), await cache.generation()))
        assert page is not None
        expected = page_response(
            Request({**FRONT_SCOPE, "headers": [(b"accept-encoding", b"gzip, deflate, br")]}),
            page,
            state="hit",
            max_age=10,
        )
        for name in ("etag", "last-modified", "vary", "content-encoding", "content-type", "cache-control"):
            assert hit.headers[name] == expected.headers[name], name
        assert int(hit.headers["content-length"]) == len(page.brotli)
        revalidated = await c.get("/drafts/7", headers={**BROWSER, "If-None-Match": hit.headers["etag"]})
        assert revalidated.status_code == 304 and revalidated.content == b""
        assert (
            revalidated.headers["etag"] == hit.headers["etag"] and "content-length" not in revalidated.headers
        )
        plain = await c.get("/drafts/7", headers={"Accept-Encoding": "identity"})
        assert plain.text == "<p>已缓存的页面</p>" and "content-encoding" not in plain.headers
        assert (await c.get("/drafts?page=2")).text == "<p>已缓存的页面</p>"
        assert (await c.head("/drafts/7")).status_code == 200
        assert reached == []
        # Everything else goes the long way: a session, another query, a POST, an expired page.
        assert (await c.get("/drafts/7", headers={"Cookie": "portal_session=x"})).text == "rendered"
        assert (await c.get("/drafts?page=3")).text == "rendered"
        assert (await c.get("/drafts?page=2&utm=x")).text == "rendered"
        assert (await c.post("/drafts/7")).text == "rendered"
        clock.advance(TTL)
        assert (await c.get("/drafts/7")).text == "rendered"
    assert reached == [
        "GET /drafts/7?",
        "GET /drafts?page=3",
        "GET /drafts?page=2&utm=x",
        "POST /drafts/7?",
        "GET /drafts/7?",
    ]


async def test_a_hit_answered_at_the_front_door_has_the_security_headers_a_request_id_and_an_access_line(
    client, people: Personas, clock: Clock, caplog: pytest.LogCaptureFixture
):
    """A hit carries what every other response carries: the security headers, a request id, and its
    access line (the front door answers before the layers that add them elsewhere, so it adds them
    itself)."""
    draft = await draft_with_comment(people)
    await client.get(f"/drafts/{draft.id}", headers=BROWSER)  # stored
    with caplog.at_level(logging.INFO, logger="portal.access"):
        hit = await client.get(f"/drafts/{draft.id}", headers=BROWSER)
    assert hit.headers["x-cache"] == "hit"
    assert "frame-ancestors 'none'" in hit.headers["content-security-policy"]
    assert hit.headers["x-frame-options"] == "DENY" and hit.headers["referrer-policy"] == "same-origin"
    lines = [r for r in caplog.records if r.name == "portal.access"]
    assert len(lines) == 1
    line = lines[0].__dict__
    assert line["request_id"] == hit.headers["x-request-id"]
    assert (line["method"], line["path"], line["status"]) == ("GET", f"/drafts/{draft.id}", 200)
    assert line["duration_ms"] >= 0 and line["client"] == "203.0.113.7"


async def test_the_library_list_is_cached_once_asked_for_twice(client, people: Personas, clock: Clock):
    for path in ("/documents", "/documents?q=%E6%9D%A1%E4%BE%8B&page=1", "/documents?status=in_force"):
        answers = []
        for _ in range(3):
            with counted_queries() as statements:
                response = await client.get(path, headers=BROWSER)
            answers.append((response.headers["x-cache"], bool(statements)))
        # Asked once: rendered, not stored; asked again: stored; then served without the database.
        assert answers == [("miss", True), ("miss", True), ("hit", False)], path
    assert (await client.get("/documents?unknown=1", headers=BROWSER)).headers["x-cache"] == "bypass"


async def test_an_escaped_ampersand_in_a_value_never_serves_another_querys_page(
    client, other_client, people: Personas, clock: Clock
):
    """``?q=测试%26status%3Dopen`` searches for the text "测试&status=open"; asked twice it must not be
    what the visitors of ``?q=测试&status=open`` (a search and a status filter) are served."""
    await draft_with_comment(people)
    for _ in range(2):
        poisoned = await client.get("/drafts?q=%E6%B5%8B%E8%AF%95%26status%3Dopen")
    assert '<input id="f-q" name="q" value="测试&amp;status=open" maxlength="50">' in poisoned.text
    honest = await other_client.get("/drafts?q=%E6%B5%8B%E8%AF%95&status=open")
    assert honest.headers["x-cache"] == "miss"
    assert '<input id="f-q" name="q" value="测试" maxlength="50">' in honest.text
    assert '<option value="open" selected>' in honest.text


async def test_repeated_parameters_in_another_order_are_another_page(
    client, other_client, people: Personas, clock: Clock
):
    """The endpoint reads the last value of a repeated parameter, so the order of one name's values
    is part of the key (the order of different names is not)."""
    await draft_with_comment(people)
    for _ in range(2):
        first = await client.get("/drafts?q=%E7%94%B2&q=%E4%B9%99")  # q=甲&q=乙: searches 乙
    assert 'value="乙"' in first.text
    other = await other_client.get("/drafts?q=%E4%B9%99&q=%E7%94%B2")  # searches 甲
    assert other.headers["x-cache"] == "miss" and 'value="甲"' in other.text
    reordered = await other_client.get("/drafts?status=open&q=%E7%94%B2")
    again = await other_client.get("/drafts?q=%E7%94%B2&status=open")
    assert again.headers["x-cache"] == "hit" and again.text == reordered.text
