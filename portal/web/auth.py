"""Who is signed in, and the one guard every staff route goes through."""

from __future__ import annotations

import functools
import hashlib
import hmac
from collections.abc import Awaitable, Callable
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from portal.models import LiaisonPoint, Role, User
from portal.services import accounts
from portal.web import csrf

SESSION_USER = "uid"
SESSION_NONCE = "unonce"

Endpoint = Callable[[Request], Awaitable[Response]]


def client_ip(request: Request) -> str:
    return request.client.host if request.client else ""


def ip_hash(request: Request) -> str:
    """A salted hash of the address: enough to count and limit, never the address itself."""
    secret = request.app.state.settings.secret_key.encode()
    return hmac.new(secret, b"ip:" + client_ip(request).encode(), hashlib.sha256).hexdigest()[:32]


async def current_user(request: Request) -> User | None:
    if hasattr(request.state, "user"):  # already resolved for this request
        user: User | None = request.state.user
        return user
    user = await accounts.user_for_session(
        request.session.get(SESSION_USER), request.session.get(SESSION_NONCE)
    )
    if user is None and SESSION_USER in request.session:
        # Deactivated, or signed out elsewhere: drop the stale identity.
        request.session.pop(SESSION_USER, None)
        request.session.pop(SESSION_NONCE, None)
    request.state.user = user
    return user


def sign_in(request: Request, user: User) -> None:
    """Start a fresh session: nothing from before login (a planted token, old flashes) carries over."""
    request.session.clear()
    request.session[SESSION_USER] = user.id
    request.session[SESSION_NONCE] = user.session_nonce
    csrf.rotate(request)
    request.state.user = user


def sign_out(request: Request) -> None:
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


def staff_user(request: Request) -> User:
    """The user a guarded endpoint runs for (set by ``require_role``)."""
    user: User | None = request.state.user
    assert user is not None, "staff_user() called outside require_role"
    return user
