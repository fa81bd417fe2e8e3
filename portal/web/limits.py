"""Request body limits: one for every route, larger ones declared by the routes that take uploads.

``RequestBodyLimit`` sits in front of everything that reads a body (the CSRF check reads forms before
routing; views read the rest), so the limit holds whatever the content type and wherever the CSRF
token travels (form field or ``X-CSRF-Token`` header). A body is refused with the portal's own 413
page before it is buffered: at once when its Content-Length says it is too big, else (chunked) as soon
as the bytes streamed in pass the limit.

Every route takes at most ``default`` bytes (``MAX_FORM_BYTES``). A route that takes files declares
its own limit in the route table, ``middleware=[Middleware(BodyLimitMiddleware, max_bytes=…)]``
(Starlette's ``max_body_size=`` on a Route or Mount is honoured too). The route is looked up only
for a body bigger than the default, which only uploads are.

Starlette's own ``max_body_size`` is not used for the limit itself: it answers with a bare English
"Content Too Large" whatever the handlers render, and a limit on the application would be checked
before routing with no way to let upload routes take more.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.exceptions import HTTPException
from starlette.middleware.body_limit import RequestBodyLimitMiddleware
from starlette.requests import Request
from starlette.routing import BaseRoute, Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from portal.web.errors import render_error
from portal.web.uploads import human_size

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def too_large_message(limit: int) -> str:
    return f"提交的内容超过了 {human_size(limit)} 的上限，请删减内容或缩小文件后重试。"


class BodyTooLarge(HTTPException):
    """Raised while the body is read: inside a view the 413 handler renders it, before routing (the
    CSRF check) ``RequestBodyLimit`` does."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, too_large_message(limit))


class BodyLimitMiddleware:
    """Declares a route's own, larger limit (uploads). ``RequestBodyLimit`` finds it in the route
    table and enforces it, from before the first byte is read; this layer itself only passes the
    request on."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)


def _own_limit(app: object) -> int | None:
    """The limit a route's middleware declares (the outermost declaration wins)."""
    for _ in range(8):  # a route's own middleware stack is a few layers deep at most
        if isinstance(app, BodyLimitMiddleware):
            return app.max_bytes
        if isinstance(app, RequestBodyLimitMiddleware):
            return app.max_body_size
        app = getattr(app, "app", None)
        if app is None:
            return None
    return None


def declared_limit(routes: Sequence[BaseRoute], scope: Scope) -> int | None:
    """The limit declared by the route that will answer ``scope`` (or by its Mount), if any."""
    for route in routes:
        match, child = route.matches(scope)
        if match != Match.FULL:
            continue
        own = _own_limit(getattr(route, "app", None))
        if isinstance(route, Mount):
            inner = declared_limit(route.routes, {**scope, **child})
            return inner if inner is not None else own
        return own
    return None


def _body_headers(scope: Scope) -> tuple[int | None, bool]:
    """(Content-Length when given as a number, whether the request says it has a body at all)."""
    length: int | None = None
    has_body = False
    for name, value in scope["headers"]:
        if name == b"content-length":
            has_body = True
            length = int(value) if value.isdigit() else None
        elif name == b"transfer-encoding":
            has_body = True
    return length, has_body


class RequestBodyLimit:
    """The limit on every request body (see the module's docstring); a request without a body passes
    untouched."""

    def __init__(self, app: ASGIApp, *, default: int) -> None:
        self.app = app
        self.default = default

    def _route_limit(self, scope: Scope) -> int:
        declared = declared_limit(scope["app"].routes, scope)
        return max(declared or 0, self.default)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length, has_body = _body_headers(scope)
        if not has_body and scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        limit = self.default
        looked_up = False
        if length is not None and length > limit:
            limit, looked_up = self._route_limit(scope), True
            if length > limit:
                await self._refuse(scope, receive, send, limit)
                return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received, limit, looked_up
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    if not looked_up:
                        limit, looked_up = self._route_limit(scope), True
                    if received > limit:
                        raise BodyTooLarge(limit)
            return message

        async def send_noted(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, send_noted)
        except BodyTooLarge as exc:  # read before routing (the CSRF check): no handler has seen it
            if started:
                raise
            await self._refuse(scope, receive, send, limit, exc.detail)

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, limit: int, message: str | None = None
    ) -> None:
        request = Request(scope, receive)
        response = render_error(
            scope["app"].state.templates, request, 413, message or too_large_message(limit)
        )
        response.headers["Connection"] = "close"  # the rest of the body is not read
        await response(scope, receive, send)
