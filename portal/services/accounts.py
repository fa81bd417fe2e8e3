"""Staff accounts: password hashing, authentication with throttling, user administration."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from tortoise.queryset import QuerySet
from tortoise.timezone import now

from portal.models import LiaisonPoint, LoginAttempt, Role, StaffSession, User
from portal.services import audit

_hasher = PasswordHasher()
# Verified against when the username is unknown, so both paths take the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))
MIN_PASSWORD_LENGTH = 10
MIN_PASSWORD_CLASSES = 3
# A session's last_seen_at is written at most this often: one write a minute, not one per request.
SESSION_TOUCH_INTERVAL = timedelta(seconds=60)
# Passwords that pass the length and character-class rules yet head every leaked-password list
# (compared case-insensitively). Short on purpose: the rules above already refuse most of them.
COMMON_PASSWORDS = frozenset(
    {
        "password123",
        "password@123",
        "password!123",
        "p@ssw0rd123",
        "p@ssword123",
        "passw0rd!23",
        "passw0rd123",
        "qwerty@123",
        "qwerty123456",
        "qwer1234!@#$",
        "admin@12345",
        "admin123456",
        "admin@123456",
        "abc@123456",
        "abcd@12345",
        "abc123456789",
        "aa123456789",
        "a1234567890",
        "1qaz@wsx3edc",
        "1qaz2wsx#edc",
        "1qaz!qaz2wsx",
        "1qaz2wsx3edc",
        "welcome@123",
        "welcome123!",
        "iloveyou123",
        "woaini@1314",
        "woaini1314!",
        "zxcvbnm@123",
        "qq123456789",
        "changeme123",
        "letmein@123",
        "12345678@abc",
        "123456789@qq",
        "huawei@123",
        "huawei12#$",
        "root@123456",
    }
)


class AccountError(Exception):
    """A domain error whose message is shown to the user as it is (Chinese)."""


class InvalidCredentials(AccountError):
    pass


class LoginThrottled(AccountError):
    pass


class PasswordRejected(AccountError):
    """A password change refused; ``field`` names the form field the message belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


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
        await audit.record("login_throttled", actor=None, ip=ip, detail={"username": username})
        raise LoginThrottled(_throttled_message(policy))

    user = await User.get_or_none(username=username)
    valid = verify_password(user.password_hash if user else _DUMMY_HASH, password)
    succeeded = bool(user and user.active and valid)
    await LoginAttempt.create(username=username, ip=ip[:64], succeeded=succeeded)
    if not succeeded or user is None:
        await audit.record("login_failed", actor=None, ip=ip, detail={"username": username})
        if by_user + 1 == policy.max_failures:
            # The failure that pauses sign-in for this name (known or not: the log may say so).
            await audit.record("login_locked", actor=None, ip=ip, detail={"username": username})
        raise InvalidCredentials("用户名或密码不正确。")
    user.last_login_at = now()
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    await user.save(update_fields=["last_login_at", "password_hash"])
    await audit.record("login", actor=user, ip=ip, object_type="user", object_id=user.id)
    return user


def _throttled_message(policy: ThrottlePolicy) -> str:
    minutes = max(1, int(policy.window.total_seconds() // 60))
    return f"登录失败次数过多，请 {minutes} 分钟后再试。"


# --- sessions -------------------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def start_session(user: User, *, ip: str) -> str:
    """Record a new signed-in browser and return the token its cookie carries."""
    token = secrets.token_urlsafe(32)
    await StaffSession.create(token_hash=_token_hash(token), user=user, last_seen_at=now(), ip=ip[:64])
    return token


@dataclass(frozen=True)
class SessionCheck:
    user: User | None
    timed_out: bool = False  # ended just now for inactivity (the login page says so)


async def resume_session(
    token: object, *, user_id: object, nonce: object, idle_timeout: timedelta | None, ip: str = ""
) -> SessionCheck:
    """The user of a live session: one indexed lookup, and a write at most once a minute."""
    if not isinstance(token, str) or not token or not isinstance(user_id, int) or not isinstance(nonce, str):
        return SessionCheck(None)
    session = await StaffSession.get_or_none(token_hash=_token_hash(token), revoked_at=None).select_related(
        "user", "user__liaison_point"
    )
    if session is None or session.user_id != user_id:
        return SessionCheck(None)
    user = session.user
    if not user.active or not secrets.compare_digest(user.session_nonce, nonce):
        return SessionCheck(None)
    moment = now()
    if idle_timeout is not None and moment - session.last_seen_at > idle_timeout:
        await _revoke(StaffSession.filter(id=session.id), "idle")
        await audit.record("session_timeout", actor=user, ip=ip, object_type="user", object_id=user.id)
        return SessionCheck(None, timed_out=True)
    if moment - session.last_seen_at >= SESSION_TOUCH_INTERVAL:
        await StaffSession.filter(id=session.id).update(last_seen_at=moment)
    return SessionCheck(user)


async def end_session(token: object, reason: str) -> None:
    if isinstance(token, str) and token:
        await _revoke(StaffSession.filter(token_hash=_token_hash(token)), reason)


async def end_sessions_of(user: User, reason: str, *, keep_token: object = None) -> int:
    """End every session of ``user`` (but the one whose token is ``keep_token``)."""
    query = StaffSession.filter(user=user)
    if isinstance(keep_token, str) and keep_token:
        query = query.exclude(token_hash=_token_hash(keep_token))
    return await _revoke(query, reason)


async def _revoke(query: QuerySet[StaffSession], reason: str) -> int:
    return await query.filter(revoked_at=None).update(revoked_at=now(), end_reason=reason)


# --- passwords ------------------------------------------------------------------------------------


def password_problem(password: str, username: str = "") -> str:
    """Why this password may not be used (a message for the form), or "" when it may."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符。"
    classes = sum(
        (
            any("A" <= ch <= "Z" for ch in password),
            any("a" <= ch <= "z" for ch in password),
            any(ch.isdigit() for ch in password),
            any(not (ch.isascii() and ch.isalnum()) for ch in password),
        )
    )
    if classes < MIN_PASSWORD_CLASSES:
        return "密码需包含大写字母、小写字母、数字、符号中的至少三类。"
    name = username.strip().lower()
    if name and (password.lower() == name or (len(name) >= 3 and name in password.lower())):
        return "密码不能与用户名相同，也不能包含用户名。"
    if password.lower() in COMMON_PASSWORDS:
        return "这个密码过于常见，容易被猜中，请换一个。"
    return ""


def validate_password(password: str, username: str = "") -> None:
    problem = password_problem(password, username)
    if problem:
        raise AccountError(problem)


async def change_password(
    user: User,
    *,
    current: str,
    new: str,
    confirm: str,
    policy: ThrottlePolicy,
    ip: str,
    keep_token: object = None,
) -> None:
    """Set a new password after checking the current one; other sessions of the user end.

    A wrong current password counts as a failed sign-in, so this form cannot be used to guess it.
    """
    by_user, _ = await _recent_failures(policy, username=user.username, ip="")
    if by_user >= policy.max_failures:
        await audit.record("login_throttled", actor=user, ip=ip, detail={"username": user.username})
        raise PasswordRejected("current_password", _throttled_message(policy))
    if not verify_password(user.password_hash, current):
        await LoginAttempt.create(username=user.username, ip=ip[:64], succeeded=False)
        await audit.record("password_change_failed", actor=user, ip=ip, object_type="user", object_id=user.id)
        raise PasswordRejected("current_password", "当前密码不正确。")
    problem = password_problem(new, user.username)
    if problem:
        raise PasswordRejected("new_password", problem)
    if new != confirm:
        raise PasswordRejected("confirm_password", "两次输入的新密码不一致。")
    if new == current:
        raise PasswordRejected("new_password", "新密码不能与当前密码相同。")
    user.password_hash = hash_password(new)
    await user.save(update_fields=["password_hash"])
    ended = await end_sessions_of(user, "password_changed", keep_token=keep_token)
    await audit.record(
        "password_changed",
        actor=user,
        ip=ip,
        object_type="user",
        object_id=user.id,
        detail={"other_sessions_ended": ended},
    )


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
    validate_password(password, username)
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
    if not active:
        await end_sessions_of(user, "deactivated")
    await audit.record(
        "user_activated" if active else "user_deactivated",
        actor=actor,
        ip=ip,
        object_type="user",
        object_id=user.id,
    )


async def list_users() -> list[User]:
    return await User.all().select_related("liaison_point").order_by("username")
