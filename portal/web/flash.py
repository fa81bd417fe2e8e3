"""One-time messages carried in the signed session across a redirect."""

from __future__ import annotations

from typing import Literal

from starlette.requests import Request

Level = Literal["success", "info", "warning", "error"]
_KEY = "_flashes"


def add(request: Request, message: str, level: Level = "success") -> None:
    request.session.setdefault(_KEY, []).append({"level": level, "message": message})
    # The session dict is only marked modified on assignment, not on in-place mutation.
    request.session[_KEY] = request.session[_KEY]


def pop_all(request: Request) -> list[dict[str, str]]:
    if "session" not in request.scope or _KEY not in request.session:
        return []
    messages: list[dict[str, str]] = request.session.pop(_KEY)
    return messages
