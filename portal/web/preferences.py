"""Display preferences a visitor chooses (elder-friendly mode), kept in a plain cookie.

A cookie rather than the session, so the choice survives a staff logout and needs no account.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from starlette.requests import Request

DisplayMode = Literal["standard", "elder"]
COOKIE = "portal_display"
ONE_YEAR = 365 * 24 * 60 * 60


def display_mode(request: Request) -> DisplayMode:
    return display_mode_of(request.cookies)


def display_mode_of(cookies: Mapping[str, str]) -> DisplayMode:
    return "elder" if cookies.get(COOKIE) == "elder" else "standard"


def safe_next(target: str | None, default: str = "/") -> str:
    """Only same-site paths may be redirected to (no //host or scheme)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target
