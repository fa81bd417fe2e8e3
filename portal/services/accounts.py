"""Staff accounts: password hashing, authentication with throttling, user administration."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from tortoise.timezone import now

from portal.models import LiaisonPoint, LoginAttempt, Role, User
from portal.services import audit

_hasher = PasswordHasher()
# Verified against when the username is unknown, so both paths take the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))
MIN_PASSWORD_LENGTH = 10


class AccountError(Exception):
    """A domain error whose message is shown to the user as it is (Chinese)."""


class InvalidCredentials(AccountError):
    pass


class LoginThrottled(AccountError):
    pass


@dataclass(frozen=True)
class ThrottlePolicy:
    max_failures: int
    window: timedelta


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_session_nonce() -> str:
    return secrets.token_hex(16)


async def _recent_failures(policy: ThrottlePolicy, *, username: str, ip: str) -> tuple[int, int]:
    since = now() - policy.window
    by_user = await LoginAttempt.filter(username=username, succeeded=False, created_at__gte=since).count()
    by_ip = await LoginAttempt.filter(ip=ip, succeeded=False, created_at__gte=since).count() if ip else 0
    return by_user, by_ip


async def authenticate(username: str, password: str, *, ip: str, policy: ThrottlePolicy) -> User:
    """Return the active user with these credentials, or raise with a message safe to show.

    The message never says whether the username exists.
    """
    username = username.strip()[:64]
    by_user, by_ip = await _recent_failures(policy, username=username, ip=ip)
    # An address may try a few accounts (a shared office), but not sweep through many.
    if by_user >= policy.max_failures or by_ip >= policy.max_failures * 4:
        minutes = max(1, int(policy.window.total_seconds() // 60))
        await audit.record("login_throttled", actor=None, ip=ip, detail={"username": username})
        raise LoginThrottled(f"登录失败次数过多，请 {minutes} 分钟后再试。")

    user = await User.get_or_none(username=username)
    valid = verify_password(user.password_hash if user else _DUMMY_HASH, password)
    succeeded = bool(user and user.active and valid)
    await LoginAttempt.create(username=username, ip=ip[:64], succeeded=succeeded)
    if not succeeded or user is None:
        await audit.record("login_failed", actor=None, ip=ip, detail={"username": username})
        raise InvalidCredentials("用户名或密码不正确。")
    user.last_login_at = now()
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    await user.save(update_fields=["last_login_at", "password_hash"])
    await audit.record("login", actor=user, ip=ip, object_type="user", object_id=user.id)
    return user


async def user_for_session(user_id: object, nonce: object) -> User | None:
    """The signed-in user, if the session still matches an active account."""
    if not isinstance(user_id, int) or not isinstance(nonce, str):
        return None
    user = await User.get_or_none(id=user_id, active=True).select_related("liaison_point")
    if user is None or not secrets.compare_digest(user.session_nonce, nonce):
        return None
    return user


def validate_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符。")
    if password.isdigit() or password.isalpha():
        raise AccountError("密码需同时包含字母和数字或符号。")


async def create_user(
    *,
    username: str,
    display_name: str,
    password: str,
    roles: list[Role],
    liaison_point: LiaisonPoint | None = None,
    organisation: str = "",
    actor: User | None = None,
    ip: str = "",
) -> User:
    """Create a staff account; a liaison user must be bound to exactly one point."""
    if not roles:
        raise AccountError("请至少选择一个角色。")
    if Role.LIAISON in roles and liaison_point is None:
        raise AccountError("联系点工作人员必须绑定一个基层立法联系点。")
    if Role.LIAISON not in roles and liaison_point is not None:
        raise AccountError("只有联系点工作人员可以绑定联系点。")
    validate_password(password)
    if await User.exists(username=username):
        raise AccountError(f"用户名 {username} 已被使用。")
    user = await User.create(
        username=username,
        display_name=display_name,
        password_hash=hash_password(password),
        roles=[r.value for r in roles],
        liaison_point=liaison_point,
        organisation=organisation.strip()[:100],
        session_nonce=new_session_nonce(),
    )
    await audit.record(
        "user_created",
        actor=actor,
        ip=ip,
        object_type="user",
        object_id=user.id,
        detail={"username": username, "roles": user.roles},
    )
    return user


async def set_active(user: User, active: bool, *, actor: User, ip: str) -> None:
    if user.id == actor.id and not active:
        raise AccountError("不能停用自己的账号。")
    user.active = active
    # Deactivation ends every session of that user at once.
    user.session_nonce = new_session_nonce()
    await user.save(update_fields=["active", "session_nonce"])
    await audit.record(
        "user_activated" if active else "user_deactivated",
        actor=actor,
        ip=ip,
        object_type="user",
        object_id=user.id,
    )


async def list_users() -> list[User]:
    return await User.all().select_related("liaison_point").order_by("username")
