"""Staff sign-in and sign-out."""

from __future__ import annotations

from datetime import timedelta

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from portal.services import accounts, audit
from portal.web import flash
from portal.web.auth import client_ip, current_user, sign_in, sign_out
from portal.web.forms import LoginForm, read_form
from portal.web.preferences import safe_next
from portal.web.templating import render


def _render(request: Request, form: LoginForm, error: str = "", status: int = 200) -> Response:
    return render(request, "auth/login.html", {"form": form, "error": error}, status_code=status)


async def login_page(request: Request) -> Response:
    if await current_user(request) is not None:
        return RedirectResponse("/staff/", status_code=303)
    return _render(request, LoginForm(next=safe_next(request.query_params.get("next"), "/staff/")))


async def login(request: Request) -> Response:
    form = LoginForm.parse(await read_form(request))
    if not form.ok:
        return _render(request, form, status=400)
    settings = request.app.state.settings
    policy = accounts.ThrottlePolicy(
        max_failures=settings.login_max_failures, window=timedelta(seconds=settings.login_window_seconds)
    )
    try:
        user = await accounts.authenticate(form.username, form.password, ip=client_ip(request), policy=policy)
    except accounts.LoginThrottled as exc:
        return _render(request, form, str(exc), status=429)
    except accounts.InvalidCredentials as exc:
        return _render(request, form, str(exc), status=400)
    sign_in(request, user)
    flash.add(request, f"欢迎，{user.display_name}。")
    return RedirectResponse(form.next, status_code=303)


async def logout(request: Request) -> Response:
    user = await current_user(request)
    if user is not None:
        await audit.record("logout", actor=user, ip=client_ip(request), object_type="user", object_id=user.id)
    sign_out(request)
    flash.add(request, "您已安全退出。", "info")
    return RedirectResponse("/", status_code=303)
