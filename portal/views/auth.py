"""Staff sign-in, sign-out and changing one's own password."""

from __future__ import annotations

from datetime import timedelta

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from portal.services import accounts, audit
from portal.web import flash
from portal.web.auth import (
    SESSION_TOKEN,
    TIMED_OUT,
    client_ip,
    current_user,
    require_role,
    sign_in,
    sign_out,
    staff_user,
)
from portal.web.forms import LoginForm, PasswordForm, read_form
from portal.web.preferences import safe_next
from portal.web.templating import render


def _render(
    request: Request, form: LoginForm, error: str = "", status: int = 200, notice: str = ""
) -> Response:
    return render(
        request, "auth/login.html", {"form": form, "error": error, "notice": notice}, status_code=status
    )


async def login_page(request: Request) -> Response:
    if await current_user(request) is not None:
        return RedirectResponse("/staff/", status_code=303)
    notice = ""
    if request.session.pop(TIMED_OUT, False):
        minutes = max(1, request.app.state.settings.staff_idle_timeout_seconds // 60)
        notice = f"您已超过 {minutes} 分钟没有操作，为保护账号安全，系统已自动退出登录。请重新登录。"
    form = LoginForm(next=safe_next(request.query_params.get("next"), "/staff/"))
    return _render(request, form, notice=notice)


def _policy(request: Request) -> accounts.ThrottlePolicy:
    settings = request.app.state.settings
    return accounts.ThrottlePolicy(
        max_failures=settings.login_max_failures, window=timedelta(seconds=settings.login_window_seconds)
    )


async def login(request: Request) -> Response:
    form = LoginForm.parse(await read_form(request))
    if not form.ok:
        return _render(request, form, status=400)
    try:
        user = await accounts.authenticate(
            form.username, form.password, ip=client_ip(request), policy=_policy(request)
        )
    except accounts.LoginThrottled as exc:
        return _render(request, form, str(exc), status=429)
    except accounts.InvalidCredentials as exc:
        return _render(request, form, str(exc), status=400)
    await sign_in(request, user)
    flash.add(request, f"欢迎，{user.display_name}。")
    return RedirectResponse(form.next, status_code=303)


async def logout(request: Request) -> Response:
    user = await current_user(request)
    if user is not None:
        await audit.record("logout", actor=user, ip=client_ip(request), object_type="user", object_id=user.id)
    await sign_out(request)
    flash.add(request, "您已安全退出。", "info")
    return RedirectResponse("/", status_code=303)


def _password_page(request: Request, form: PasswordForm, status: int = 200) -> Response:
    return render(request, "auth/password.html", {"form": form}, status_code=status)


@require_role()
async def password_page(request: Request) -> Response:
    return _password_page(request, PasswordForm())


@require_role()
async def change_password(request: Request) -> Response:
    form = PasswordForm.parse(await read_form(request))
    if form.ok:
        try:
            await accounts.change_password(
                staff_user(request),
                current=form.current_password,
                new=form.new_password,
                confirm=form.confirm_password,
                policy=_policy(request),
                ip=client_ip(request),
                keep_token=request.session.get(SESSION_TOKEN),
            )
        except accounts.PasswordRejected as exc:
            form.errors[exc.field] = str(exc)
        else:
            flash.add(request, "密码已修改。您在其他设备上的登录已全部退出。")
            return RedirectResponse("/staff/", status_code=303)
    return _password_page(request, form.without_passwords(), status=400)
