"""The application factory: settings in, a Starlette app out."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import Response

from portal import db
from portal.logs import access_lines, configure_logging
from portal.memory import freeze_what_was_loaded
from portal.routes import build_routes
from portal.services import comments, files, search
from portal.services.view_counts import ViewCounter
from portal.settings import Settings
from portal.views import digest as digest_views
from portal.web import errors
from portal.web.csrf import CSRFMiddleware
from portal.web.limits import RequestBodyLimit, too_large_message
from portal.web.middleware import EveryResponseMiddleware
from portal.web.page_cache import InvalidateOnStaffWrites, PageCache, ServeCachedPages
from portal.web.pagination import RefuseNulInQuery
from portal.web.ratelimit import RateLimiter
from portal.web.templating import build_templates

log = logging.getLogger(__name__)

SESSION_COOKIE = "portal_session"
CSRF_MESSAGES = {"file_first": "表单格式不正确。"}


def create_app(settings: Settings | None = None, *, manage_database: bool = True) -> Starlette:
    """Build the app. Tests pass their own settings and start the ORM themselves (manage_database=False)."""
    settings = settings or Settings.from_env()
    settings.validate()
    files.prepare_dirs(settings.upload_dir)
    templates = build_templates(settings)
    page_cache = PageCache(
        ttl=settings.page_cache_seconds,
        max_bytes=settings.page_cache_max_mb * 1024 * 1024,
        redis_url=settings.redis_url,
    )

    async def csrf_failed(request: Request, fields: list[tuple[str, str]], reason: str) -> Response:
        if reason == "too_large":  # a form body on an upload route, past the form limit
            return errors.render_error(templates, request, 413, too_large_message(settings.max_form_bytes))
        if request.url.path.startswith("/api/"):
            # The open-data API is read-only: a form post there is answered as the wrong method, in JSON.
            response = errors.render_error(templates, request, 405, "开放数据接口只读，只接受 GET 请求。")
            response.headers["Allow"] = "GET, HEAD"
            return response
        message = CSRF_MESSAGES.get(reason, "页面已过期或来源无法验证，请刷新页面后重新提交。")
        return templates.TemplateResponse(
            request,
            "errors/csrf.html",
            {"status": 403, "title": "无法验证请求", "message": message, "fields": fields},
            status_code=403,
        )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if manage_database:
            await db.init_orm(settings)
            # jieba loads its dictionary on first use (about a second, blocking the event loop): do it
            # before serving, not in the first search of each worker.
            search.warm_up()
            freeze_what_was_loaded()
        log.info(
            "portal started", extra={"environment": settings.environment, "site_url": settings.public_url}
        )
        if not settings.site_url:  # development only: production refuses to start without it
            log.warning(
                "SITE_URL is not set: links in e-mails, calendar files and feeds use %s", settings.public_url
            )
        try:
            yield
        finally:
            await app.state.rate_limiter.aclose()
            try:
                await app.state.view_counter.flush()
            except Exception:
                log.exception("could not save the last page-view counts")
            await app.state.view_counter.aclose()
            await app.state.page_cache.aclose()
            if manage_database:
                await db.close_orm()
            log.info("portal stopped")
            access_lines.flush()

    middleware = [
        Middleware(ServeCachedPages, session_cookie=SESSION_COOKIE, hsts=settings.is_production),
        Middleware(EveryResponseMiddleware, hsts=settings.is_production),
        Middleware(RefuseNulInQuery),
        Middleware(
            SessionMiddleware,
            secret_key=settings.secret_key,
            session_cookie=SESSION_COOKIE,
            max_age=settings.session_max_age_seconds,
            same_site="lax",
            https_only=settings.is_production,
        ),
        # Before the CSRF check, which reads form bodies: one limit for every route's body, larger
        # ones declared by the upload routes (portal.web.limits).
        Middleware(RequestBodyLimit, default=settings.max_form_bytes),
        Middleware(
            CSRFMiddleware,
            on_failure=csrf_failed,
            max_scan_bytes=settings.max_form_bytes,
            origin_checked=frozenset({"/preferences/display"}),
        ),
        Middleware(InvalidateOnStaffWrites, also=(comments.forget_intake_state,)),
    ]
    app = Starlette(
        routes=build_routes(settings),
        middleware=middleware,
        exception_handlers=errors.handlers(templates),
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.templates = templates
    app.state.rate_limiter = RateLimiter(settings)
    app.state.view_counter = ViewCounter(settings.redis_url)
    app.state.page_cache = page_cache
    # Digest refreshes run in the digest worker, or in a separate process that inherits this configuration.
    app.state.digest_runner = digest_views.background_runner(
        {"DATABASE_URL": settings.database_url, "UPLOAD_DIR": str(settings.upload_dir)}
    )
    return app


def asgi() -> Starlette:
    """Entry point for uvicorn's --factory: configuration from the environment."""
    configure_logging()
    return create_app()
