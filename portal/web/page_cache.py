"""A cache of rendered public pages, shared by every anonymous visitor of one process.

What is cached: the 200 responses of the endpoints decorated with ``@cached_page`` (the draft reader,
the draft list, the home page and the open-data list endpoints), as identity, gzip and brotli bytes, with
a strong ETag (a hash of the body) and a Last-Modified time.

Who gets a cached page: anonymous GET/HEAD requests only. A request from a signed-in staff member, a
request carrying a flash message, or one with a query parameter the endpoint does not read bypasses the
cache entirely: it is rendered as before and marked ``Cache-Control: private, no-store``. A render that
writes to the session (a CSRF token, a flash) or sets a cookie is never stored, so a cached page can
hold nothing that belongs to one visitor, and a cached response never carries Set-Cookie.

Key: (path, query, display mode, generation). The query is the tuple of its decoded (name, value)
pairs ordered by name, the values of one name in the order sent (the endpoint reads the last one): a
tuple, never a string joined with "&" and "=", so an escaped "&" or "=" inside a value cannot make one
query's key equal another's (``?q=a%26status%3Dx`` is not ``?q=a&status=x``). The display mode
(standard / elder) changes the ``<html>`` class, so each mode has its own entry; responses say
``Vary: Accept-Encoding, Cookie`` so a browser or CDN never hands one visitor's variant to another.

Freshness: an entry is fresh for ``PAGE_CACHE_SECONDS`` (10 s by default). The per-article comment
counts on the reader are therefore at most that old, and a change nobody announced (a command-line
import, a comment) shows within that time in every process. A request that finds its entry expired
renders it again while concurrent requests for the same key are served the expired entry (for at
most one more TTL), so a burst never renders one page many times at once. When the new render has
the same body, the old Last-Modified is kept, so If-Modified-Since keeps answering 304.

Invalidation: every successful write of a signed-in staff member (publishing a version, withdrawing,
publishing the feedback report, moderating, …; ``InvalidateOnStaffWrites``) bumps the generation
once its response is ready, and the whole cache of that process is dropped; an anonymous request
drops nothing. Staff writes are rare, so dropping everything is cheaper to get right than tracking
which page shows which object. With ``REDIS_URL`` the generation is also a Redis counter (INCR) that
every process reads at most once a second, so other processes drop their pages within about a
second; without Redis they rely on the TTL. A render that started before a bump is stored under the
old generation, which nobody reads any more.
"""

from __future__ import annotations

import asyncio
import functools
import gzip
import hashlib
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from operator import itemgetter

import brotli
import redis.asyncio
from starlette.datastructures import QueryParams
from starlette.requests import Request, cookie_parser
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from portal.web import csrf, flash
from portal.web.auth import SESSION_USER, verified_user
from portal.web.middleware import log_request, request_ids, security_headers
from portal.web.preferences import display_mode_of

log = logging.getLogger(__name__)

Clock = Callable[[], float]
Query = tuple[tuple[str, str], ...]
Key = tuple[str, Query, str, tuple[int, int]]
Endpoint = Callable[[Request], Awaitable[Response]]

GZIP_LEVEL = 6
# Brotli: what browsers ask for first (Accept-Encoding: gzip, deflate, br). At this quality it
# compresses as fast as gzip at level 6 and the 306-article reader page comes to 37 KB instead of
# 46 KB; bytes on the wire are most of what a cache hit costs.
BROTLI_QUALITY = 5
ENTRY_OVERHEAD = 512  # bytes counted per entry beyond its bodies (key, headers, bookkeeping)
MAX_ASKED = 10_000  # keys remembered for the admission rule (a few hundred bytes each)
# Staff requests that change no public content: signing in and out must not empty the cache.
NOT_CONTENT_CHANGES = frozenset({"/staff/login", "/staff/logout", "/staff/password"})


@dataclass(frozen=True)
class CachedPage:
    identity: bytes
    gzipped: bytes
    brotli: bytes
    etag: str  # strong, quoted; the compressed representations' tags are derived from it
    last_modified: float  # wall-clock seconds
    created: float  # the cache clock, for freshness
    media_type: str

    @property
    def gzip_etag(self) -> str:
        return self.etag[:-1] + '-gzip"'

    @property
    def brotli_etag(self) -> str:
        return self.etag[:-1] + '-br"'

    @property
    def size(self) -> int:
        return len(self.identity) + len(self.gzipped) + len(self.brotli) + ENTRY_OVERHEAD

    def body(self, coding: str) -> bytes:
        """The page in ``coding`` ("br", "gzip" or "identity")."""
        return self.brotli if coding == "br" else self.gzipped if coding == "gzip" else self.identity

    def raw_headers(self, coding: str) -> list[tuple[bytes, bytes]]:
        """The headers of a 200 of this page in ``coding`` that are the same on every request (the
        front door sends them as they are; Cache-Control and X-Cache are added per request)."""
        return (
            self._raw_brotli if coding == "br" else self._raw_gzip if coding == "gzip" else self._raw_identity
        )

    @functools.cached_property
    def _raw_identity(self) -> list[tuple[bytes, bytes]]:
        return self._raw(self.etag, self.identity, ())

    @functools.cached_property
    def _raw_gzip(self) -> list[tuple[bytes, bytes]]:
        return self._raw(self.gzip_etag, self.gzipped, ((b"content-encoding", b"gzip"),))

    @functools.cached_property
    def _raw_brotli(self) -> list[tuple[bytes, bytes]]:
        return self._raw(self.brotli_etag, self.brotli, ((b"content-encoding", b"br"),))

    def _raw(self, etag: str, body: bytes, extra: Iterable[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
        return [
            (b"content-length", str(len(body)).encode()),
            (b"content-type", self.media_type.encode("latin-1")),
            (b"etag", etag.encode("latin-1")),
            (b"last-modified", formatdate(self.last_modified, usegmt=True).encode()),
            (b"vary", b"Accept-Encoding, Cookie"),
            *extra,
        ]


class PageCache:
    """An LRU of rendered pages bounded in bytes, fresh for ``ttl`` seconds, dropped on invalidation."""

    def __init__(
        self,
        *,
        ttl: float,
        max_bytes: int,
        redis_url: str = "",
        clock: Clock = time.monotonic,  # tests pass their own, to age pages without sleeping
        wall_clock: Clock = time.time,
        poll_seconds: float = 1.0,
        namespace: str = "portal",
    ) -> None:
        self.ttl = ttl
        self.max_bytes = max_bytes
        self.poll_seconds = poll_seconds
        self.generation_key = f"{namespace}:page-cache:generation"
        self._clock = clock
        self._wall_clock = wall_clock
        self._entries: OrderedDict[Key, CachedPage] = OrderedDict()
        self._bytes = 0
        # Keys of endpoints with an admission rule, by when they were last asked for (bounded).
        self._asked: OrderedDict[Key, float] = OrderedDict()
        self._inflight: dict[Key, asyncio.Future[CachedPage | None]] = {}
        self._local_generation = 0
        self._remote_generation = 0
        self._last_poll = -float("inf")
        self._polling = False
        self._redis: redis.asyncio.Redis | None = (
            redis.asyncio.Redis.from_url(
                redis_url.removeprefix("async+"), socket_timeout=0.5, socket_connect_timeout=0.5
            )
            if redis_url
            else None
        )

    @property
    def enabled(self) -> bool:
        return self.ttl > 0 and self.max_bytes > 0

    @property
    def size(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    async def aclose(self) -> None:
        if self._redis is not None:
            await self._redis.aclose()

    # --- generations ------------------------------------------------------------------------------

    async def generation(self) -> tuple[int, int]:
        """This process's own bump count and the shared Redis counter (read at most once a second)."""
        if (
            self._redis is not None
            and not self._polling
            and self._clock() - self._last_poll >= self.poll_seconds
        ):
            self._polling = True
            self._last_poll = self._clock()
            try:
                remote = int(await self._redis.get(self.generation_key) or 0)
            except Exception:
                log.warning("page cache: could not read the shared generation; relying on the TTL")
            else:
                if remote != self._remote_generation:
                    self._remote_generation = remote
                    self.clear()
            finally:
                self._polling = False
        return self._local_generation, self._remote_generation

    async def invalidate(self) -> None:
        """Public content changed: drop every page here, and tell the other processes through Redis."""
        self._local_generation += 1
        self.clear()
        if self._redis is None:
            return
        try:
            self._remote_generation = int(await self._redis.incr(self.generation_key))
        except Exception:
            log.warning("page cache: could not publish the invalidation; other processes use the TTL")

    def clear(self) -> None:
        self._entries.clear()
        self._bytes = 0
        self._asked.clear()

    def admitted(self, key: Key) -> bool:
        """For endpoints whose keys are mostly asked for once (search queries): is the page stored
        already, or was it asked for within the last TTL? If not, remember that it was asked for now.
        Pages asked for once are then never compressed and stored, so a stream of distinct queries
        neither costs that work nor pushes popular pages out of memory."""
        if key in self._entries:
            return True
        now = self._clock()
        last = self._asked.pop(key, None)
        self._asked[key] = now
        if len(self._asked) > MAX_ASKED:
            self._asked.popitem(last=False)
        return last is not None and now - last < self.ttl

    def max_age(self, page: CachedPage) -> int:
        """Whole seconds the page stays fresh, for Cache-Control."""
        return max(0, int(self.ttl - (self._clock() - page.created)))

    # --- entries ----------------------------------------------------------------------------------

    def _store(self, key: Key, page: CachedPage) -> None:
        old = self._entries.pop(key, None)
        if old is not None:
            self._bytes -= old.size
        if page.size > self.max_bytes:
            return
        self._entries[key] = page
        self._bytes += page.size
        while self._bytes > self.max_bytes:
            _, evicted = self._entries.popitem(last=False)
            self._bytes -= evicted.size

    def make_page(self, body: bytes, media_type: str, previous: CachedPage | None) -> CachedPage:
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        if previous is not None and previous.etag == etag:
            # Same content as before: keep its bytes and its Last-Modified, just fresh again.
            return CachedPage(
                previous.identity,
                previous.gzipped,
                previous.brotli,
                etag,
                previous.last_modified,
                self._clock(),
                media_type,
            )
        return CachedPage(
            body,
            gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0),
            brotli.compress(body, quality=BROTLI_QUALITY),
            etag,
            float(int(self._wall_clock())),
            self._clock(),
            media_type,
        )

    def fresh(self, key: Key) -> CachedPage | None:
        """The entry for ``key`` if it is within its TTL (no render, no waiting)."""
        entry = self._entries.get(key)
        if entry is None or self._clock() - entry.created >= self.ttl:
            return None
        self._entries.move_to_end(key)
        return entry

    async def fetch(
        self, key: Key, render: Callable[[CachedPage | None], Awaitable[CachedPage | None]]
    ) -> tuple[CachedPage | None, str]:
        """The page for ``key`` and how it was found ("hit", "stale", "miss"); None: not cacheable.

        Only one render per key runs at a time: concurrent requests wait for it, or get the expired
        entry while it runs, if that is less than two TTLs old.
        """
        fresh = self.fresh(key)
        if fresh is not None:
            return fresh, "hit"
        entry = self._entries.get(key)
        age = self._clock() - entry.created if entry is not None else None
        pending = self._inflight.get(key)
        if pending is not None:
            if entry is not None and age is not None and age < 2 * self.ttl:
                return entry, "stale"
            page = await asyncio.shield(pending)
            if page is not None:
                return page, "hit"
        future: asyncio.Future[CachedPage | None] = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        page = None
        try:
            page = await render(entry)
            if page is not None:
                self._store(key, page)
        finally:
            if self._inflight.get(key) is future:
                del self._inflight[key]
            future.set_result(page)
        return page, "miss"


# --- HTTP -----------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)  # browsers send a handful of distinct values
def content_coding(accept_encoding: str) -> str:
    """The coding to send the page in: "br" or "gzip" when Accept-Encoding allows it (listed, or
    covered by *, without q=0), brotli first when both are equally welcome; else "identity"."""
    weights: dict[str, float] = {}
    for item in accept_encoding.split(","):
        coding, _, params = item.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        weights[coding.strip().lower()] = q
    star = weights.get("*", 0.0)
    br, gz = weights.get("br", star), weights.get("gzip", star)
    if br > 0 and br >= gz:
        return "br"
    return "gzip" if gz > 0 else "identity"


def _opaque_tags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


@dataclass(frozen=True)
class Asked:
    """What a GET asks of the cache, read from the request's raw headers in one pass (a cache hit is
    answered from this alone, without Starlette's Request and its header and cookie lookups)."""

    path: str
    # The decoded parameters ordered by name (stable: the values of one name keep their order, which
    # decides what the endpoint reads), so that the order of different names makes no other entry.
    query: Query
    mode: str  # the display mode (standard or large text) the page is rendered in
    cookies: dict[str, str]
    accept_encoding: str
    if_none_match: str | None
    if_modified_since: str | None

    @classmethod
    def of(cls, scope: Scope) -> Asked:
        headers = dict(scope["headers"])  # ASGI header names are lower case
        # Every Cookie header (a client may split its cookies over several), not only one of them.
        cookie = b"; ".join(value for name, value in scope["headers"] if name == b"cookie")
        cookies = cookie_parser(cookie.decode("latin-1")) if cookie else {}
        query: Query = ()
        if scope.get("query_string"):
            query = tuple(sorted(QueryParams(scope["query_string"]).multi_items(), key=itemgetter(0)))
        if_none_match = headers.get(b"if-none-match")
        if_modified_since = headers.get(b"if-modified-since")
        return cls(
            path=scope["path"],
            query=query,
            mode=display_mode_of(cookies),
            cookies=cookies,
            accept_encoding=headers.get(b"accept-encoding", b"").decode("latin-1"),
            if_none_match=if_none_match.decode("latin-1") if if_none_match is not None else None,
            if_modified_since=if_modified_since.decode("latin-1") if if_modified_since is not None else None,
        )


def not_modified(asked: Asked, page: CachedPage) -> bool:
    """Conditional GET: If-None-Match (weak comparison, either representation) wins over If-Modified-Since."""
    if asked.if_none_match is not None:
        tags = _opaque_tags(asked.if_none_match)
        return "*" in tags or bool(tags & {page.etag, page.gzip_etag, page.brotli_etag})
    if_modified_since = asked.if_modified_since
    if if_modified_since:
        try:
            since = parsedate_to_datetime(if_modified_since).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        return page.last_modified <= since
    return False


def page_answer(
    asked: Asked, page: CachedPage, *, state: str, max_age: int
) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """Status, headers and body of the answer with ``page``: brotli or gzip when accepted, 304 when the
    browser's copy is current."""
    coding = content_coding(asked.accept_encoding)
    per_request = [
        (b"cache-control", f"public, max-age={max_age}, stale-while-revalidate={max_age}".encode()),
        (b"x-cache", state.encode()),
    ]
    headers = page.raw_headers(coding)
    if not_modified(asked, page):
        kept = [h for h in headers if h[0] not in (b"content-length", b"content-type", b"content-encoding")]
        return 304, kept + per_request, b""
    return 200, headers + per_request, page.body(coding)


def page_response(request: Request, page: CachedPage, *, state: str, max_age: int) -> Response:
    status, headers, body = page_answer(Asked.of(request.scope), page, state=state, max_age=max_age)
    response = Response(body, status_code=status)
    response.raw_headers = headers
    return response


def _bypass(response: Response) -> Response:
    response.headers.setdefault("Cache-Control", "private, no-store")
    response.headers["X-Cache"] = "bypass"
    return response


def cacheable_request(request: Request, params: frozenset[str]) -> bool:
    """Anonymous, no flash waiting, and only query parameters the endpoint reads."""
    if request.method not in ("GET", "HEAD"):
        return False
    session = request.scope.get("session") or {}
    if SESSION_USER in session or flash.SESSION_KEY in session:
        return False
    return all(name in params for name in request.query_params)


def cache_key(asked: Asked, generation: tuple[int, int]) -> Key:
    return (asked.path, asked.query, asked.mode, generation)


def cached_page(params: Iterable[str] = (), *, asked_twice: bool = False) -> Callable[[Endpoint], Endpoint]:
    """Serve this public endpoint from the page cache; ``params`` are the query parameters it reads.

    ``asked_twice``: store a page only when it is asked for a second time within the TTL (for pages
    keyed by free text, such as search results); the first request is rendered, marked ``X-Cache:
    miss`` and not stored."""
    allowed = frozenset(params)

    def decorate(endpoint: Endpoint) -> Endpoint:
        @functools.wraps(endpoint)
        async def serve(request: Request) -> Response:
            cache: PageCache = request.app.state.page_cache
            if not cache.enabled or not cacheable_request(request, allowed):
                return _bypass(await endpoint(request))
            key = cache_key(Asked.of(request.scope), await cache.generation())
            if asked_twice and not cache.admitted(key):
                response = await endpoint(request)
                response.headers["X-Cache"] = "miss"
                return response
            uncached: Response | None = None

            async def render(previous: CachedPage | None) -> CachedPage | None:
                nonlocal uncached
                response = await endpoint(request)
                session = request.scope.get("session")
                body = getattr(response, "body", None)
                token = session.get(csrf.SESSION_KEY) if session else None
                if (
                    response.status_code != 200
                    or not isinstance(body, bytes)
                    or "set-cookie" in response.headers
                    or "content-encoding" in response.headers
                    or getattr(session, "modified", False)
                    or (token and token.encode() in body)  # a form with this visitor's token
                ):
                    uncached = response
                    return None
                media_type = response.headers.get("content-type", "text/html; charset=utf-8")
                return cache.make_page(body, media_type, previous)

            page, state = await cache.fetch(key, render)
            if page is None:
                if uncached is None:  # another request's render was not storable: render our own
                    uncached = await endpoint(request)
                return _bypass(uncached)
            return page_response(request, page, state=state, max_age=cache.max_age(page))

        return serve

    return decorate


class ServeCachedPages:
    """Answer a visitor who has no session with a fresh cached page before anything else runs: the
    outermost layer of the application, in front of the access log, the security headers, the
    session, CSRF and routing. Most of the cost of a cache hit is those layers, not the page (under
    load each wrapper around ``send`` cost a hit more than a tenth of its throughput), so a hit does
    their part itself: the security headers and the request id go out with the page's prepared
    headers, and the access line is written here.

    Only GET/HEAD requests without the session cookie take this path. Such a request is anonymous
    and has no flash waiting, so it is exactly a request ``@cached_page`` would serve from the cache;
    and an entry exists only for a path and query that a decorated endpoint stored, so a parameter
    the endpoint does not read finds nothing here and goes the long way. Anything not fresh in the
    cache (a miss, an expired page, a visitor with a session) goes the long way too, where the
    decorator renders, coalesces and bypasses as before.
    """

    def __init__(self, app: ASGIApp, *, session_cookie: str, hsts: bool = False) -> None:
        self.app = app
        self.session_cookie = session_cookie
        self.security_headers = security_headers(hsts=hsts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        cache: PageCache = scope["app"].state.page_cache
        if not len(cache):
            await self.app(scope, receive, send)
            return
        asked = Asked.of(scope)
        if self.session_cookie in asked.cookies:
            await self.app(scope, receive, send)
            return
        page = cache.fresh(cache_key(asked, await cache.generation()))
        if page is None:
            await self.app(scope, receive, send)
            return
        # Sent as prepared messages: a hit is most of the traffic in a burst, and building a Response
        # object was a good part of its cost.
        status, headers, body = page_answer(asked, page, state="hit", max_age=cache.max_age(page))
        request_id = request_ids.next()
        headers += self.security_headers
        headers.append((b"x-request-id", request_id.encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        log_request(scope, request_id, status, started)


class InvalidateOnStaffWrites:
    """Bump the page-cache generation when a signed-in staff member's write succeeds, before its
    response leaves.

    Doing this here rather than in each view means a new staff action cannot forget it. A write that
    counts: an unsafe request under /staff/ (not signing in or out, not a password change) for which
    the staff guard verified a live staff session (``auth.verified_user``), answered below 400 without
    an error message flashed on the way (the views' way of saying "nothing was done"). An anonymous
    visitor's post (sent to the sign-in page with a 303), a refused CSRF token, a missing role (403)
    and a refused form (400, or a 303 back with an error) change nothing and drop nothing: otherwise
    anyone could empty the cache of every process with one request. Citizens' own writes (comments,
    附议) only change counts, which the TTL refreshes.

    ``also``: other per-process caches to forget at the same moment (what comment intake keeps for a
    second: read again at once in this process, within the second in the others).
    """

    def __init__(self, app: ASGIApp, *, also: Iterable[Callable[[], None]] = ()) -> None:
        self.app = app
        self.also = tuple(also)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] in ("GET", "HEAD", "OPTIONS", "TRACE")
            or not scope["path"].startswith("/staff/")
            or scope["path"] in NOT_CONTENT_CHANGES
        ):
            await self.app(scope, receive, send)
            return

        cache: PageCache = scope["app"].state.page_cache
        errors_before = flash.error_count(scope.get("session"))

        async def send_after_invalidating(message: Message) -> None:
            if (
                message["type"] == "http.response.start"
                and message["status"] < 400
                and verified_user(scope) is not None
                and flash.error_count(scope.get("session")) == errors_before
            ):
                await cache.invalidate()
                for forget in self.also:
                    forget()
            await send(message)

        await self.app(scope, receive, send_after_invalidating)
