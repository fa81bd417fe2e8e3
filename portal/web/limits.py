"""Request body limits that answer with the portal's own 413 page.

Starlette's ``max_body_size`` answers an oversized Content-Length with a bare English
"Content Too Large" no matter what the handlers render, so upload routes use this instead.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from portal.web.errors import render_error


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _message(self) -> str:
        return f"提交的内容超过了 {self.max_bytes // (1024 * 1024)} MB 的上限，请缩小文件后重试。"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        # Digits only, as HTTP writes them (int() would also read "١٢" and choke on "²"); a number too
        # long to convert is too large anyway.
        if (
            declared.isascii()
            and declared.isdigit()
            and (len(declared) > 18 or int(declared) > self.max_bytes)
        ):
            # Refuse before reading a byte of the body.
            request = Request(scope, receive)
            response = render_error(scope["app"].state.templates, request, 413, self._message())
            await response(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Raised inside the endpoint's form parsing, so the 413 handler renders it.
                    raise HTTPException(413, self._message())
            return message

        await self.app(scope, counted, send)
