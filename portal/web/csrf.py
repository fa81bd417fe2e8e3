"""CSRF protection: one middleware checks a session-bound token on every unsafe request.

The token lives in the signed session and is sent back in a form field (``csrf_token``) or, for
scripts, the ``X-CSRF-Token`` header. Starlette ships no CSRF protection; asgi-csrf was considered
but it skips the check for requests without cookies (a first-time citizen's comment would go
unprotected) and fails with a 500 on a body that is not UTF-8, so the check is written here on top
of python-multipart's streaming parser.

When the check fails on a form, the failure handler gets the submitted text fields, so the page
can give a citizen their text back instead of losing it.

A few paths (``origin_checked``) are posted from forms that carry no token, because the form sits on
pages served from the shared page cache (the display-mode switch in every page's header): a token
there would be one visitor's token shown to everybody. For those paths the browser's own word on
where the form came from is checked instead (OWASP's "verifying origin with standard headers"):
``Sec-Fetch-Site: same-origin``, or else an ``Origin`` (failing that, a ``Referer``) of this site.
A page on another site cannot forge these headers. A request with none of them still needs the
token, so nothing is accepted on trust. Only paths whose worst misuse is harmless belong there: the
display switch only sets a cookie with the visitor's preferred text size.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from portal.web import urlencoded

SESSION_KEY = "_csrf"
FORM_FIELD = "csrf_token"
HEADER = "x-csrf-token"
# Where an url-encoded body this check parsed is left for the view (portal.web.forms.read_form).
PARSED_FORM = "portal.parsed_form"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

FailureHandler = Callable[[Request, list[tuple[str, str]], str], Awaitable[Response]]


def token_for(request: Request) -> str:
    """The visitor's token, created on first use (so any page with a form starts a session)."""
    token = request.session.get(SESSION_KEY)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_KEY] = token
    return token


def rotate(request: Request) -> None:
    """A new token after login, so a token seen before authentication is worth nothing after."""
    request.session[SESSION_KEY] = secrets.token_urlsafe(32)


class _TokenFound(Exception):
    def __init__(self, value: str) -> None:
        self.value = value


class _FileBeforeToken(Exception):
    pass


class _MultipartTokenScanner:
    """Feed multipart bytes until the token field ends; a file part before it is refused."""

    def __init__(self, boundary: bytes) -> None:
        self._header_field = b""
        self._header_value = b""
        self._disposition = b""
        self._data = bytearray()
        self._is_token = False
        self.parser = MultipartParser(
            boundary,
            callbacks={
                "on_part_begin": self._part_begin,
                "on_header_field": self._header_field_cb,
                "on_header_value": self._header_value_cb,
                "on_header_end": self._header_end,
                "on_headers_finished": self._headers_finished,
                "on_part_data": self._part_data,
                "on_part_end": self._part_end,
            },
        )

    def _part_begin(self) -> None:
        self._disposition = b""
        self._data.clear()
        self._is_token = False

    def _header_field_cb(self, data: bytes, start: int, end: int) -> None:
        self._header_field += data[start:end]

    def _header_value_cb(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def _header_end(self) -> None:
        if self._header_field.lower() == b"content-disposition":
            self._disposition = self._header_value
        self._header_field = b""
        self._header_value = b""

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        if b"filename" in options:
            raise _FileBeforeToken
        self._is_token = options.get(b"name") == FORM_FIELD.encode()

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._is_token:
            self._data += data[start:end]

    def _part_end(self) -> None:
        if self._is_token:
            raise _TokenFound(self._data.decode("utf-8", "replace"))


class CSRFMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        on_failure: FailureHandler,
        max_scan_bytes: int,
        origin_checked: frozenset[str] = frozenset(),
    ) -> None:
        self.app = app
        self.on_failure = on_failure
        self.max_scan_bytes = max_scan_bytes
        self.origin_checked = origin_checked

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        expected = scope["session"].get(SESSION_KEY)
        headers = Headers(scope=scope)
        if isinstance(expected, str) and expected and _same(headers.get(HEADER, ""), expected):
            await self.app(scope, receive, send)
            return
        if scope["path"] in self.origin_checked and same_origin(scope, headers):
            await self.app(scope, receive, send)
            return

        content_type, options = parse_options_header(headers.get("content-type", ""))
        buffered: list[Message] = []
        fields: list[tuple[str, str]] = []
        submitted = ""
        reason = "missing"
        if content_type == b"application/x-www-form-urlencoded":
            body = await self._read_all(receive, buffered)
            if body is None:
                reason = "too_large"
            else:
                fields = urlencoded.parse(body.decode("utf-8", "replace"))
                submitted = next((v for k, v in fields if k == FORM_FIELD), "")
        elif content_type == b"multipart/form-data" and options.get(b"boundary"):
            try:
                await self._scan_multipart(options[b"boundary"], receive, buffered)
            except _TokenFound as found:
                submitted = found.value
            except _FileBeforeToken:
                reason = "file_first"
            except ValueError:
                reason = "malformed"

        if isinstance(expected, str) and expected and submitted and _same(submitted, expected):
            if fields:  # the view reads the form from here rather than parsing the body again
                scope[PARSED_FORM] = fields
            await self.app(scope, _replay(buffered, receive), send)
            return
        request = Request(scope, _replay(buffered, receive))
        visible = [(k, v) for k, v in fields if k != FORM_FIELD and "password" not in k]
        response = await self.on_failure(request, visible, reason)
        await response(scope, receive, send)

    async def _read_all(self, receive: Receive, buffered: list[Message]) -> bytes | None:
        """The whole body, or None once it grows past the scan limit."""
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return bytes(body)
            buffered.append(message)
            body += message.get("body", b"")
            if len(body) > self.max_scan_bytes:
                return None
            if not message.get("more_body", False):
                return bytes(body)

    async def _scan_multipart(self, boundary: bytes, receive: Receive, buffered: list[Message]) -> None:
        scanner = _MultipartTokenScanner(boundary)
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return
            buffered.append(message)
            chunk = message.get("body", b"")
            seen += len(chunk)
            scanner.parser.write(chunk)
            if seen > self.max_scan_bytes or not message.get("more_body", False):
                return


def same_origin(scope: Scope, headers: Headers) -> bool:
    """The browser says the request comes from a page of this site (None of the headers: False)."""
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    source = headers.get("origin") or headers.get("referer")
    if not source or source == "null":
        return False
    parts = urlsplit(source)
    host = headers.get("host", "")
    return bool(host) and parts.scheme == scope.get("scheme", "http") and parts.netloc == host


def _same(given: str, expected: str) -> bool:
    return secrets.compare_digest(given.encode(), expected.encode())


def _replay(buffered: list[Message], receive: Receive) -> Receive:
    pending = list(buffered)

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay
