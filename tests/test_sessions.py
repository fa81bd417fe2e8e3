"""Staff sessions and passwords: fixation, logout that sticks, idle timeout, password policy,
changing one's password, and sign-in that does not tell which usernames exist."""

from __future__ import annotations

import json
from base64 import b64decode, b64encode
from datetime import timedelta

import httpx
import pytest
from itsdangerous import TimestampSigner
from tortoise.timezone import now

from portal.models import AuditEvent, LoginAttempt, StaffSession, User
from portal.services import accounts
from portal.settings import Settings
from tests.conftest import PASSWORD, Personas, csrf_token, login

COOKIE = "portal_session"
IDLE_NOTICE = "您已超过 30 分钟没有操作，为保护账号安全，系统已自动退出登录。请重新登录。"


def session_of(client: httpx.AsyncClient, settings: Settings) -> dict[str, object]:
    """What the signed session cookie holds, read as the server reads it."""
    cookie = client.cookies.get(COOKIE)
    assert cookie
    data: dict[str, object] = json.loads(b64decode(TimestampSigner(settings.secret_key).unsign(cookie)))
    return data


def planted_cookie(settings: Settings, content: dict[str, object]) -> str:
    """A session cookie an attacker made or obtained before the victim signs in."""
    return TimestampSigner(settings.secret_key).sign(b64encode(json.dumps(content).encode())).decode()


async def open_staff_page(client: httpx.AsyncClient, path: str = "/staff/") -> httpx.Response:
    return await client.get(path)


# --- session fixation -----------------------------------------------------------------------------


async def test_signing_in_starts_a_session_that_keeps_nothing_planted_before(
    client, settings, people: Personas
):
    fixed = planted_cookie(settings, {"_csrf": "planted-token", "planted": "attacker"})
    client.cookies.set(COOKIE, fixed, domain="testserver.local")
    response = await client.post(
        "/staff/login", data={"username": "lily", "password": PASSWORD, "csrf_token": "planted-token"}
    )
    assert response.status_code == 303
    after = session_of(client, settings)
    assert "planted" not in after
    assert after["_csrf"] != "planted-token"
    assert client.cookies.get(COOKIE) != fixed
    # The attacker's copy of the cookie from before sign-in is still nobody's session.
    attacker = httpx.AsyncClient(transport=client._transport, base_url="http://testserver")
    attacker.cookies.set(COOKIE, fixed)
    denied = await open_staff_page(attacker)
    assert denied.status_code == 303
    assert denied.headers["location"].startswith("/staff/login")
    await attacker.aclose()


async def test_the_csrf_token_of_the_login_page_is_not_the_one_after_sign_in(
    client, settings, people: Personas
):
    before = await csrf_token(client)
    await login(client, people.lily)
    after = await csrf_token(client, "/staff/")
    assert before != after
    assert session_of(client, settings)["_csrf"] == after


# --- logout ---------------------------------------------------------------------------------------


async def test_a_cookie_copied_before_logout_no_longer_works(client, other_client, people: Personas):
    await login(client, people.lily)
    stolen = client.cookies.get(COOKIE)
    token = await csrf_token(client, "/staff/")
    assert (await client.post("/staff/logout", data={"csrf_token": token})).status_code == 303

    other_client.cookies.set(COOKIE, stolen)
    replayed = await other_client.get("/staff/inbox")
    assert replayed.status_code == 303
    assert replayed.headers["location"].startswith("/staff/login")
    session = await StaffSession.get(user=people.lily)
    assert session.revoked_at is not None
    assert session.end_reason == "logout"
    assert await AuditEvent.filter(action="logout", actor_id=people.lily.id).exists()


async def test_logging_out_in_one_browser_keeps_the_other_signed_in(client, other_client, people: Personas):
    await login(client, people.lily)
    await login(other_client, people.lily)
    token = await csrf_token(client, "/staff/")
    await client.post("/staff/logout", data={"csrf_token": token})
    assert (await other_client.get("/staff/inbox")).status_code == 200
    assert await StaffSession.filter(user=people.lily, revoked_at=None).count() == 1


async def test_public_pages_leave_the_staff_session_alone(client, people: Personas):
    """Only staff requests look the session up: a public page neither ends nor refreshes it."""
    await login(client, people.lily)
    long_ago = now() - timedelta(seconds=1801)
    await StaffSession.filter(user=people.lily).update(last_seen_at=long_ago)
    assert (await client.get("/drafts")).status_code == 200
    session = await StaffSession.get(user=people.lily)
    assert session.revoked_at is None
    assert session.last_seen_at == long_ago


# --- idle timeout ---------------------------------------------------------------------------------


async def test_an_idle_session_ends_and_the_login_page_says_why(client, people: Personas):
    await login(client, people.lily)
    await StaffSession.filter(user=people.lily).update(last_seen_at=now() - timedelta(seconds=1801))

    response = await client.get("/staff/inbox")
    assert response.status_code == 303
    assert response.headers["location"] == "/staff/login?next=/staff/inbox"
    page = await client.get(response.headers["location"])
    assert IDLE_NOTICE in page.text
    # Said once; signing in again works.
    assert IDLE_NOTICE not in (await client.get("/staff/login")).text
    session = await StaffSession.get(user=people.lily)
    assert session.end_reason == "idle"
    assert await AuditEvent.filter(action="session_timeout", actor_id=people.lily.id).exists()
    await login(client, people.lily)
    assert (await client.get("/staff/inbox")).status_code == 200


async def test_activity_keeps_the_session_and_last_seen_is_written_at_most_once_a_minute(
    client, people: Personas
):
    await login(client, people.lily)
    recently = now() - timedelta(seconds=30)
    await StaffSession.filter(user=people.lily).update(last_seen_at=recently)
    assert (await client.get("/staff/inbox")).status_code == 200
    assert (await StaffSession.get(user=people.lily)).last_seen_at == recently

    almost_idle = now() - timedelta(seconds=1700)
    await StaffSession.filter(user=people.lily).update(last_seen_at=almost_idle)
    assert (await client.get("/staff/inbox")).status_code == 200
    assert (await StaffSession.get(user=people.lily)).last_seen_at > now() - timedelta(seconds=60)


def test_the_idle_timeout_comes_from_the_environment():
    assert Settings.from_env({}).staff_idle_timeout_seconds == 1800
    assert Settings.from_env({"STAFF_IDLE_TIMEOUT_SECONDS": "600"}).staff_idle_timeout_seconds == 600


# --- deactivation ---------------------------------------------------------------------------------


async def test_deactivating_a_user_ends_their_sessions_in_the_database(client, people: Personas):
    await login(client, people.lily)
    await accounts.set_active(people.lily, False, actor=people.alice, ip="")
    assert (await client.get("/staff/inbox")).status_code == 303
    assert (await StaffSession.get(user=people.lily)).end_reason == "deactivated"


# --- passwords ------------------------------------------------------------------------------------


async def change(
    client: httpx.AsyncClient, current: str, new: str, confirm: str | None = None
) -> httpx.Response:
    token = await csrf_token(client, "/staff/password")
    return await client.post(
        "/staff/password",
        data={
            "current_password": current,
            "new_password": new,
            "confirm_password": new if confirm is None else confirm,
            "csrf_token": token,
        },
    )


async def password_works(user: User, password: str) -> bool:
    await user.refresh_from_db()
    return accounts.verify_password(user.password_hash, password)


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("Sh0rt-pw", "密码至少需要 10 个字符。"),
        ("alllowercase-words", "密码需包含大写字母、小写字母、数字、符号中的至少三类。"),
        ("1234567890abc", "密码需包含大写字母、小写字母、数字、符号中的至少三类。"),
        ("Lily-2026-spring", "密码不能与用户名相同，也不能包含用户名。"),
        ("P@ssw0rd123", "这个密码过于常见，容易被猜中，请换一个。"),
        ("Aa123456789", "这个密码过于常见，容易被猜中，请换一个。"),
    ],
)
async def test_it_refuses_a_weak_new_password(client, people: Personas, new: str, message: str):
    await login(client, people.lily)
    response = await change(client, PASSWORD, new)
    assert response.status_code == 400
    assert message in response.text
    assert new not in response.text
    assert PASSWORD not in response.text
    assert await password_works(people.lily, PASSWORD)


async def test_it_changes_the_password_and_ends_the_other_sessions(client, other_client, people: Personas):
    await login(client, people.lily)
    await login(other_client, people.lily)
    response = await change(client, PASSWORD, "Spring-garden-42")
    assert response.status_code == 303
    assert "密码已修改。您在其他设备上的登录已全部退出。" in (await client.get("/staff/")).text
    assert await password_works(people.lily, "Spring-garden-42")
    assert (await client.get("/staff/inbox")).status_code == 200
    assert (await other_client.get("/staff/inbox")).status_code == 303
    assert await AuditEvent.filter(action="password_changed", actor_id=people.lily.id).exists()
    assert await StaffSession.filter(user=people.lily, end_reason="password_changed").count() == 1


async def test_it_refuses_a_mistyped_confirmation(client, people: Personas):
    await login(client, people.lily)
    response = await change(client, PASSWORD, "Spring-garden-42", "Spring-garden-43")
    assert response.status_code == 400
    assert "两次输入的新密码不一致。" in response.text
    assert await password_works(people.lily, PASSWORD)


async def test_a_wrong_current_password_counts_as_a_failed_sign_in(client, people: Personas):
    await login(client, people.lily)
    for _ in range(5):
        response = await change(client, "not-my-password", "Spring-garden-42")
        assert response.status_code == 400
        assert "当前密码不正确。" in response.text
    assert await LoginAttempt.filter(username="lily", succeeded=False).count() == 5
    blocked = await change(client, PASSWORD, "Spring-garden-42")
    assert "登录失败次数过多，请 15 分钟后再试。" in blocked.text
    assert await password_works(people.lily, PASSWORD)
    assert await AuditEvent.filter(action="password_change_failed", actor_id=people.lily.id).count() == 5


async def test_the_password_page_is_for_signed_in_staff_only(client, people: Personas):
    response = await client.get("/staff/password")
    assert response.status_code == 303
    assert response.headers["location"] == "/staff/login?next=/staff/password"


async def test_an_admin_cannot_create_an_account_with_a_password_containing_its_username(
    client, people: Personas
):
    await login(client, people.alice)
    token = await csrf_token(client, "/staff/users")
    response = await client.post(
        "/staff/users",
        data={
            "username": "zhangwei",
            "display_name": "张伟",
            "password": "Zhangwei-2026",
            "roles": "moderator",
            "csrf_token": token,
        },
    )
    assert response.status_code == 400
    assert "密码不能与用户名相同，也不能包含用户名。" in response.text
    assert 'value="张伟"' in response.text  # the other fields are kept
    assert "Zhangwei-2026" not in response.text
    assert not await User.exists(username="zhangwei")


# --- guessing and enumeration ---------------------------------------------------------------------


async def test_an_unknown_user_and_a_wrong_password_look_the_same(client, people: Personas):
    token = await csrf_token(client)
    wrong = await client.post(
        "/staff/login", data={"username": "lily", "password": "Wrong-pass-1", "csrf_token": token}
    )
    unknown = await client.post(
        "/staff/login", data={"username": "nobody", "password": "Wrong-pass-1", "csrf_token": token}
    )
    assert wrong.status_code == unknown.status_code == 400
    error = '<p class="flash flash-error" role="alert">用户名或密码不正确。</p>'
    assert error in wrong.text and error in unknown.text
    # The whole page is the same but for the username typed back into the form.
    assert wrong.text.replace('value="lily"', 'value="nobody"') == unknown.text


async def test_locking_out_an_unknown_user_looks_like_locking_out_a_real_one(client, people: Personas):
    token = await csrf_token(client)
    replies = {}
    for name in ("lily", "nobody"):
        for _ in range(5):
            await client.post(
                "/staff/login", data={"username": name, "password": "Wrong-pass-1", "csrf_token": token}
            )
        replies[name] = await client.post(
            "/staff/login", data={"username": name, "password": PASSWORD, "csrf_token": token}
        )
    for reply in replies.values():
        assert reply.status_code == 429
        assert "登录失败次数过多，请 15 分钟后再试。" in reply.text
    assert await AuditEvent.filter(action="login_locked").count() == 2
    assert await AuditEvent.filter(action="login_throttled").count() == 2
    assert not await StaffSession.exists()
