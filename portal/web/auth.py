"""Who is signed in, and the one guard every staff route goes through."""

from __future__ import annotations

import functools
import hmac
from collections.abc import Awaitable, Callable
from datetime import timedelta
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import Scope

from portal.models import LiaisonPoint, Role, User
from portal.services import accounts
from portal.web import csrf

SESSION_USER = "uid"
SESSION_NONCE = "unonce"
SESSION_TOKEN = "sid"  # the StaffSession token: revoked on the server, the cookie is worth nothing
TIMED_OUT = "timed_out"  # set when a session ends for inactivity, read once by the login page
_IDENTITY = (SESSION_USER, SESSION_NONCE, SESSION_TOKEN)

Endpoint = Callable[[Request], Awaitable[Response]]


def client_ip(request: Request) -> str:
    return request.client.host if request.client else ""


def ip_hash(request: Request) -> str:
    """A salted hash of the address: enough to count and limit, never the address itself."""
    secret = request.app.state.settings.secret_key.encode()
    # hmac.digest: the one-shot C implementation (hmac.new builds a Python object and two hashes).
    return hmac.digest(secret, b"ip:" + client_ip(request).encode(), "sha256").hex()[:32]


def idle_timeout(request: Request) -> timedelta | None:
    seconds: int = request.app.state.settings.staff_idle_timeout_seconds
    return timedelta(seconds=seconds) if seconds > 0 else None


async def current_user(request: Request) -> User | None:
    """The signed-in staff user. Only sessions that claim one cost a database lookup."""
    if hasattr(request.state, "user"):  # already resolved for this request
        user: User | None = request.state.user
        return user
    user = None
    if SESSION_USER in request.session:
        check = await accounts.resume_session(
            request.session.get(SESSION_TOKEN),
            user_id=request.session.get(SESSION_USER),
            nonce=request.session.get(SESSION_NONCE),
            idle_timeout=idle_timeout(request),
            ip=client_ip(request),
        )
        user = check.user
        if user is None:
            # Signed out, timed out, deactivated or a cookie from before sign-in: drop the identity.
            for key in _IDENTITY:
                request.session.pop(key, None)
            if check.timed_out:
                request.session[TIMED_OUT] = True
    request.state.user = user
    return user


async def sign_in(request: Request, user: User) -> None:
    """Start a fresh session: nothing from before login (a planted token, old flashes) carries over."""
    request.session.clear()
    request.session[SESSION_USER] = user.id
    request.session[SESSION_NONCE] = user.session_nonce
    request.session[SESSION_TOKEN] = await accounts.start_session(user, ip=client_ip(request))
    csrf.rotate(request)
    request.state.user = user


async def sign_out(request: Request) -> None:
    """End the session here and on the server, so a copy of the cookie is worth nothing."""
    await accounts.end_session(request.session.get(SESSION_TOKEN), "logout")
    request.session.clear()
    request.state.user = None


def require_role(*roles: Role) -> Callable[[Endpoint], Endpoint]:
    """Staff endpoints only: anonymous visitors go to the login page, other roles get 403.

    With no roles given, any signed-in staff user may pass. The roles are kept on the endpoint
    (``required_roles``) so the route table can be checked as a whole.
    """

    def decorate(endpoint: Endpoint) -> Endpoint:
        @functools.wraps(endpoint)
        async def guarded(request: Request) -> Response:
            user = await current_user(request)
            if user is None:
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                return RedirectResponse(f"/staff/login?next={quote(target)}", status_code=303)
            if roles and not user.has_role(*roles):
                raise HTTPException(403, "您的账号没有访问此页面的权限。")
            return await endpoint(request)

        guarded.required_roles = roles  # type: ignore[attr-defined]
        return guarded

    return decorate


def ensure_point_access(user: User, point: LiaisonPoint) -> None:
    """A liaison user sees only their own point; others' points do not exist for them (404)."""
    if user.has_role(Role.ADMIN):
        return
    if user.has_role(Role.LIAISON) and user.liaison_point_id == point.id:
        return
    raise HTTPException(404, "未找到该联系点。")


def verified_user(scope: Scope) -> User | None:
    """The staff user whose session ``current_user`` checked during this request, or None: nobody
    signed in, or no guarded endpoint ran (for middleware, which sees the scope, not the Request)."""
    user = (scope.get("state") or {}).get("user")
    return user if isinstance(user, User) else None


def staff_user(request: Request) -> User:
    """The user a guarded endpoint runs for (set by ``require_role``)."""
    user: User | None = request.state.user
    assert user is not None, "staff_user() called outside require_role"
    return user
