"""Public pages that belong to no particular area: home, health, display preferences."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from portal import db
from portal.services import drafts, liaison
from portal.web import flash
from portal.web.errors import is_transient
from portal.web.forms import read_form, text
from portal.web.page_cache import cached_page
from portal.web.preferences import COOKIE, ONE_YEAR, safe_next
from portal.web.templating import render


@cached_page()
async def home(request: Request) -> Response:
    groups = await liaison.grouped_by_district()
    return render(
        request,
        "home.html",
        {
            "groups": groups,
            "point_count": sum(len(g.points) for g in groups),
            "open_drafts": await drafts.open_drafts(limit=6),
            "days_left": drafts.days_left,
        },
    )


async def healthz(request: Request) -> Response:
    try:
        await db.ping()
    except Exception as exc:
        if not (is_transient(exc) or isinstance(exc, OSError)):
            raise
        return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
    return JSONResponse({"status": "ok", "database": "ok"})


async def set_display(request: Request) -> Response:
    form = await read_form(request)
    mode = text(form, "mode", max_length=16)
    response = RedirectResponse(safe_next(text(form, "next", max_length=500)), status_code=303)
    if mode == "elder":
        response.set_cookie(COOKIE, "elder", max_age=ONE_YEAR, httponly=True, samesite="lax")
        flash.add(request, "已切换到长者模式：大字号、高对比度。", "info")
    else:
        response.delete_cookie(COOKIE)
        flash.add(request, "已恢复标准显示。", "info")
    return response
