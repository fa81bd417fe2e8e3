"""Cross-cutting ASGI middleware: security headers, request ids and structured access lines."""

from __future__ import annotations

import itertools
import os
import secrets
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from portal.logs import access_lines

# No inline script anywhere: scripts and styles come from /static only.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def security_headers(*, hsts: bool) -> list[tuple[bytes, bytes]]:
    """The security headers of every response (also sent by the page cache's front door)."""
    headers = {
        "content-security-policy": CONTENT_SECURITY_POLICY,
        "x-content-type-options": "nosniff",
        "referrer-policy": "same-origin",
        "x-frame-options": "DENY",
        "permissions-policy": "camera=(), microphone=(), geolocation=()",
    }
    if hsts:
        headers["strict-transport-security"] = "max-age=31536000; includeSubDomains"
    return [(name.encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]


class RequestIds:
    """Request ids unique across processes without asking the kernel for randomness on every request:
    a random prefix per process (drawn again in a forked child) and a counter."""

    def __init__(self) -> None:
        self.reseed()
        os.register_at_fork(after_in_child=self.reseed)

    def reseed(self) -> None:
        self._prefix = secrets.token_hex(4)
        self._counter = itertools.count()

    def next(self) -> str:
        return f"{self._prefix}{next(self._counter) & 0xFFFFFFFF:08x}"


request_ids = RequestIds()


class EveryResponseMiddleware:
    """What every response gets: the security headers (one the response sets itself is kept), a
    request id, and one JSON access line (method, path, status, duration, request id).

    One layer rather than one per concern: under load each wrapper around ``send`` costs a request
    noticeably more than its work (two separate layers held comment intake 15% lower).
    """

    def __init__(self, app: ASGIApp, *, hsts: bool) -> None:
        self.app = app
        self.headers = security_headers(hsts=hsts)
        self.names = frozenset(name for name, _ in self.headers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = request_ids.next()
        scope.setdefault("state", {})["request_id"] = request_id
        status = 500

        async def send_enveloped(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                raw = list(message.get("headers", ()))
                own = {name.lower() for name, _ in raw} & self.names
                raw.extend(self.headers if not own else [h for h in self.headers if h[0] not in own])
                raw.append((b"x-request-id", request_id.encode("latin-1")))
                message["headers"] = raw
            await send(message)

        try:
            await self.app(scope, receive, send_enveloped)
        finally:
            log_request(scope, request_id, status, started)


def log_request(scope: Scope, request_id: str, status: int, started: float) -> None:
    """The access line of a request (also written by the page cache's front door)."""
    client = scope.get("client")
    access_lines.record(
        request_id=request_id,
        method=scope["method"],
        path=scope["path"],
        status=status,
        duration_ms=round((time.perf_counter() - started) * 1000, 2),
        client=client[0] if client else "",
    )
