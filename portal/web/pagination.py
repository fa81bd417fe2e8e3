"""Query-string parameters for pagination and public filters, refused with a Chinese 400 when malformed."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from portal.services import levels
from portal.web.convertors import MAX_ID
from portal.web.errors import render_error

NUL_IN_QUERY = "网址的查询参数中含有无效字符（%00），请检查网址后重试。"


class RefuseNulInQuery:
    """A query string carrying NUL (%00) is refused with a 400 before any view reads it: no parameter
    of this site holds one, and PostgreSQL refuses text with NUL, so a filter, a search or a lookup by
    it would fail in the database (every view reads its parameters as text)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        query: bytes = scope.get("query_string", b"") if scope["type"] == "http" else b""
        if b"%00" in query or b"\x00" in query:
            request = Request(scope, receive)
            await render_error(scope["app"].state.templates, request, 400, NUL_IN_QUERY)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def int_param(request: Request, name: str, *, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """A whole-number query parameter; by default any value an integer column (an id) can hold, so a
    larger one is refused here rather than overflowing in the database (a page number times the page
    size is an offset: pages take a smaller maximum)."""
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        raise HTTPException(400, f"参数 {name} 必须是非负整数。")
    value = int(raw)
    if not minimum <= value <= maximum:
        raise HTTPException(400, f"参数 {name} 必须在 {minimum} 至 {maximum} 之间。")
    return value


def level_filter(request: Request) -> levels.LevelFilter:
    """?level= and ?district= of a public list; a value that is not a level or district is a 400."""
    try:
        return levels.parse_filter(
            request.query_params.get("level", ""), request.query_params.get("district", "")[:32]
        )
    except levels.LevelError as exc:
        raise HTTPException(400, str(exc)) from exc
