"""One-time messages carried in the signed session across a redirect."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from starlette.requests import Request

Level = Literal["success", "info", "warning", "error"]
SESSION_KEY = "_flashes"


def add(request: Request, message: str, level: Level = "success") -> None:
    request.session.setdefault(SESSION_KEY, []).append({"level": level, "message": message})
    # The session dict is only marked modified on assignment, not on in-place mutation.
    request.session[SESSION_KEY] = request.session[SESSION_KEY]


def pop_all(request: Request) -> list[dict[str, str]]:
    if "session" not in request.scope or SESSION_KEY not in request.session:
        return []
    messages: list[dict[str, str]] = request.session.pop(SESSION_KEY)
    return messages


def error_count(session: Mapping[str, Any] | None) -> int:
    """How many error messages wait in ``session`` (a view that refuses a form says so with one)."""
    waiting = session.get(SESSION_KEY) if session else None
    return sum(1 for m in waiting if m.get("level") == "error") if isinstance(waiting, list) else 0
