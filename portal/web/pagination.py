"""Query-string parameters for pagination and public filters, refused with a Chinese 400 when malformed."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request

from portal.services import levels
from portal.web.convertors import MAX_ID


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
