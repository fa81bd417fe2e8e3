"""Errors are exceptions carrying a status, rendered by one handler: a Chinese page, or JSON under /api/."""

from __future__ import annotations

import http
import logging
from collections.abc import Awaitable, Callable

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.templating import Jinja2Templates
from tortoise.exceptions import DBConnectionError
from tortoise.exceptions import OperationalError as DBOperationalError

log = logging.getLogger(__name__)

TITLES: dict[int, tuple[str, str]] = {
    400: ("请求有误", "提交的内容格式不正确，请检查后重试。"),
    403: ("无权访问", "您没有权限进行此操作。"),
    404: ("页面不存在", "您访问的页面不存在或已被移除，请检查网址是否正确。"),
    405: ("不支持的请求方式", "此地址不支持这种请求方式。"),
    413: ("提交的内容过大", "您提交的内容或文件超过了大小限制，请缩小后重试。"),
    422: ("无法处理的内容", "提交的内容未通过校验，请检查后重试。"),
    429: ("请求过于频繁", "您的操作过于频繁，请稍后再试。"),
    500: ("系统错误", "系统出现了意外错误，我们已记录此问题，请稍后重试。"),
    503: ("服务暂不可用", "系统正在维护或繁忙，请稍后重试。您的内容尚未提交，请先自行保存。"),
}

ExceptionHandler = Callable[[Request, Exception], Awaitable[Response]]
# Database unreachable or overloaded: a 503 ("try again"), not a 500 ("we broke").
UNAVAILABLE = (DBConnectionError, ConnectionError, TimeoutError)
# OperationalError also covers SQL mistakes on PostgreSQL; only these messages mean "busy or gone".
_TRANSIENT_MARKERS = ("database is locked", "connection", "unable to open database", "too many clients")


def is_transient(exc: Exception) -> bool:
    if isinstance(exc, UNAVAILABLE):
        return True
    text = str(exc).lower()
    return isinstance(exc, DBOperationalError) and any(marker in text for marker in _TRANSIENT_MARKERS)


def _message_for(status: int, detail: str | None) -> str:
    default = TITLES.get(status, ("", "请求未能完成。"))[1]
    if not detail:
        return default
    try:
        # Starlette fills in the English reason phrase when a handler gave no detail.
        if detail == http.HTTPStatus(status).phrase:
            return default
    except ValueError:
        pass
    return detail


def render_error(
    templates: Jinja2Templates, request: Request, status: int, message: str | None = None
) -> Response:
    title = TITLES.get(status, ("出错了", ""))[0]
    text = _message_for(status, message)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": {"status": status, "message": text}}, status_code=status)
    return templates.TemplateResponse(
        request, "errors/error.html", {"status": status, "title": title, "message": text}, status_code=status
    )


def handlers(templates: Jinja2Templates) -> dict[int | type[Exception], ExceptionHandler]:
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        response = render_error(templates, request, exc.status_code, exc.detail)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    async def unavailable(request: Request, exc: Exception) -> Response:
        if not is_transient(exc):
            log.exception("database error", exc_info=exc)
            return render_error(templates, request, 500)
        log.warning("database unavailable: %s", exc)
        response = render_error(templates, request, 503)
        response.headers["Retry-After"] = "30"
        return response

    async def server_error(request: Request, exc: Exception) -> Response:
        return render_error(templates, request, 500)

    table: dict[int | type[Exception], ExceptionHandler] = {HTTPException: http_error, 500: server_error}
    for exc_type in (*UNAVAILABLE, DBOperationalError):
        table[exc_type] = unavailable
    return table
