"""Errors are exceptions carrying a status, rendered by one handler: a Chinese page, or JSON under /api/."""

from __future__ import annotations

import errno
import http
import logging
from collections.abc import Awaitable, Callable

import asyncpg
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.templating import Jinja2Templates
from tortoise.exceptions import DBConnectionError
from tortoise.exceptions import OperationalError as DBOperationalError
from tortoise.exceptions import ValidationError as DBValidationError

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
    507: ("存储空间不足", "服务器暂时无法保存文件，您的提交未被保存，请稍后重试或联系管理员。"),
}
CANNOT_SAVE_FILES = TITLES[507][1]
# A database failure while a form was being submitted: the page lists what was typed.
UNAVAILABLE_WITH_FIELDS = "服务暂时不可用，您的内容尚未提交，已附在下方。请复制保存，或稍后重试。"
FAILED_WITH_FIELDS = "系统出现了意外错误，您的内容尚未提交，已附在下方。请复制保存，稍后重试。"
# A value that no field parser checked, refused by int(), the database driver or Tortoise's field
# validation. Each is a bug (portal.web.forms parses every field before it reaches these), so it stays
# a 500, logged with its trace, where monitoring and the fuzz tests see it; a 400 would tell the person
# their input was wrong when the site was, and hide the bug. Only what they typed is not lost.
UNCHECKED_VALUE: tuple[type[Exception], ...] = (DBValidationError, OverflowError, ValueError)
# Never echoed on the generic failure page: tokens, the honeypot, passwords and contact details
# (short to retype, and not to be shown on a page that may be left open, printed or photographed).
_HIDDEN_FIELDS = ("csrf", "submission_key", "password", "phone", "contact", "email", "id_number")
FIELD_LABELS = {
    "body": "意见内容",
    "quote": "引用的原文",
    "suggested_wording": "建议修改为",
    "statement": "拟陈述的意见",
    "title": "标题",
    "remark": "意见和建议",
    "name": "姓名",
    "district": "所在区",
    "stance": "态度",
    "minutes": "会议纪要",
    "public_summary": "公开摘要",
    "place": "会议地点",
    "summary": "摘要",
    "reason": "理由",
}

ExceptionHandler = Callable[[Request, Exception], Awaitable[Response]]
# Database unreachable or overloaded: a 503 ("try again"), not a 500 ("we broke"). Tortoise passes
# asyncpg's connection-level errors through untranslated: a server that restarts or is killed
# (ConnectionDoesNotExistError, AdminShutdown), is starting up (CannotConnectNowError), has run out
# of connections, memory or disk (class 53), or whose connection broke (class 08).
UNAVAILABLE: tuple[type[Exception], ...] = (
    DBConnectionError,
    ConnectionError,
    TimeoutError,
    asyncpg.exceptions.ConnectionDoesNotExistError,
    asyncpg.exceptions.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,
    asyncpg.exceptions.InsufficientResourcesError,
)
# Disk full or over quota while saving a file: 507; the upload folder not writable: 503.
_NO_SPACE = (errno.ENOSPC, errno.EDQUOT)
_NOT_WRITABLE = (errno.EACCES, errno.EPERM, errno.EROFS)
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
    templates: Jinja2Templates,
    request: Request,
    status: int,
    message: str | None = None,
    fields: list[tuple[str, str]] | None = None,
) -> Response:
    title = TITLES.get(status, ("出错了", ""))[0]
    text = _message_for(status, message)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": {"status": status, "message": text}}, status_code=status)
    context = {"status": status, "title": title, "message": text, "fields": fields or []}
    response = templates.TemplateResponse(request, "errors/error.html", context, status_code=status)
    if fields:
        response.headers["Cache-Control"] = "no-store"  # typed text stays in this browser only
    return response


def visible_fields(fields: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The typed text worth giving back, with Chinese labels; tokens, passwords and contacts left out."""
    from portal.web.forms import HONEYPOT

    return [
        (FIELD_LABELS.get(name, name), value)
        for name, value in fields
        if value.strip() and name != HONEYPOT and not any(h in name for h in _HIDDEN_FIELDS)
    ]


async def submitted_fields(request: Request) -> list[tuple[str, str]]:
    """The text fields of a form the view had read, or could still read, when the failure came."""
    if request.method in ("GET", "HEAD") or request.url.path.startswith("/api/"):
        return []
    streamed: list[tuple[str, str]] | None = getattr(request.state, "submitted_fields", None)
    if streamed is not None:  # an upload form, read by portal.web.uploads
        return list(streamed)
    try:
        form = await request.form()  # the form the view parsed (cached), or the unread body
    except Exception:  # the body was streamed elsewhere (uploads) or cannot be parsed
        return []
    return [(k, v) for k, v in form.multi_items() if not isinstance(v, UploadFile)]


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
        log.warning("database unavailable: %r", exc)
        fields = visible_fields(await submitted_fields(request))
        message = UNAVAILABLE_WITH_FIELDS if fields else None
        response = render_error(templates, request, 503, message, fields)
        response.headers["Retry-After"] = "30"
        return response

    async def storage_failed(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, OSError)
        if exc.errno in _NO_SPACE:
            status = 507
        elif exc.errno in _NOT_WRITABLE:
            status = 503
        else:
            log.exception("file system error", exc_info=exc)
            return render_error(templates, request, 500)
        log.error("cannot write files: %s", errno.errorcode.get(exc.errno or 0, exc.errno))
        fields = visible_fields(await submitted_fields(request))
        response = render_error(templates, request, status, CANNOT_SAVE_FILES, fields)
        response.headers["Retry-After"] = "300"
        return response

    async def unchecked_value(request: Request, exc: Exception) -> Response:
        log.error("unchecked value reached %s: %r", request.url.path, exc, exc_info=exc)
        fields = visible_fields(await submitted_fields(request))
        return render_error(templates, request, 500, FAILED_WITH_FIELDS if fields else None, fields)

    async def server_error(request: Request, exc: Exception) -> Response:
        return render_error(templates, request, 500)

    table: dict[int | type[Exception], ExceptionHandler] = {HTTPException: http_error, 500: server_error}
    table[OSError] = storage_failed  # ConnectionError (an OSError too) stays with `unavailable`
    for exc_type in (*UNAVAILABLE, DBOperationalError):
        table[exc_type] = unavailable
    for exc_type in UNCHECKED_VALUE:
        table[exc_type] = unchecked_value
    return table
