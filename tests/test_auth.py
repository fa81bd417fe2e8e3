"""Staff sign-in: success, failure, throttling, sign-out, and sessions that end with the account."""

from __future__ import annotations

from portal.models import AuditEvent, LoginAttempt
from portal.services import accounts
from tests.conftest import PASSWORD, Personas, csrf_token, login


async def test_it_logs_in_and_lands_on_the_dashboard(client, people: Personas):
    response = await login(client, people.alice)
    assert response.headers["location"] == "/staff/"
    dashboard = await client.get("/staff/")
    assert dashboard.status_code == 200
    assert "欢迎，Alice。" in dashboard.text
    assert await AuditEvent.filter(action="login", actor_id=people.alice.id).exists()


async def test_it_returns_to_the_page_that_asked_for_login(client, people: Personas):
    first = await client.get("/staff/users")
    assert first.status_code == 303
    assert first.headers["location"] == "/staff/login?next=/staff/users"
    token = await csrf_token(client, first.headers["location"])
    response = await client.post(
        "/staff/login",
        data={"username": "alice", "password": PASSWORD, "csrf_token": token, "next": "/staff/users"},
    )
    assert response.headers["location"] == "/staff/users"


async def test_it_never_redirects_off_site_after_login(client, people: Personas):
    token = await csrf_token(client)
    response = await client.post(
        "/staff/login",
        data={"username": "alice", "password": PASSWORD, "csrf_token": token, "next": "//evil.example/"},
    )
    assert response.headers["location"] == "/staff/"


async def test_it_rejects_a_wrong_password_without_saying_which_part_was_wrong(client, people: Personas):
    token = await csrf_token(client)
    wrong = await client.post(
        "/staff/login", data={"username": "alice", "password": "nope", "csrf_token": token}
    )
    unknown = await client.post(
        "/staff/login", data={"username": "nobody", "password": "nope", "csrf_token": token}
    )
    for response in (wrong, unknown):
        assert response.status_code == 400
        assert "用户名或密码不正确。" in response.text
    # The username typed is kept, the password is not echoed back.
    assert 'value="alice"' in wrong.text
    assert 'value="nope"' not in wrong.text
    assert await LoginAttempt.filter(succeeded=False).count() == 2
    assert await AuditEvent.filter(action="login_failed").count() == 2
    assert (await client.get("/staff/")).status_code == 303


async def test_it_asks_for_both_fields(client, people: Personas):
    token = await csrf_token(client)
    response = await client.post("/staff/login", data={"username": " ", "password": "", "csrf_token": token})
    assert response.status_code == 400
    assert "请输入用户名。" in response.text
    assert "请输入密码。" in response.text


async def test_it_throttles_repeated_failures_even_with_the_right_password_afterwards(
    client, people: Personas
):
    token = await csrf_token(client)
    for _ in range(5):
        r = await client.post(
            "/staff/login", data={"username": "alice", "password": "bad", "csrf_token": token}
        )
        assert r.status_code == 400
    blocked = await client.post(
        "/staff/login", data={"username": "alice", "password": PASSWORD, "csrf_token": token}
    )
    assert blocked.status_code == 429
    assert "登录失败次数过多，请 15 分钟后再试。" in blocked.text
    assert (await client.get("/staff/")).status_code == 303
    assert await AuditEvent.filter(action="login_throttled").exists()


async def test_throttling_is_per_account_so_colleagues_can_still_log_in(client, people: Personas):
    token = await csrf_token(client)
    for _ in range(5):
        await client.post("/staff/login", data={"username": "alice", "password": "bad", "csrf_token": token})
    await login(client, people.leo)
    assert (await client.get("/staff/")).status_code == 200


async def test_it_logs_out_and_the_old_cookie_no_longer_works(client, people: Personas):
    await login(client, people.alice)
    stolen_cookie = client.cookies.get("portal_session")
    token = await csrf_token(client, "/staff/")
    response = await client.post("/staff/logout", data={"csrf_token": token})
    assert response.status_code == 303
    assert (await client.get("/staff/")).status_code == 303
    assert await AuditEvent.filter(action="logout", actor_id=people.alice.id).exists()
    # Deactivating the account ends even a session cookie copied before logout.
    await accounts.set_active(people.alice, False, actor=people.leo, ip="")
    client.cookies.set("portal_session", stolen_cookie)
    assert (await client.get("/staff/")).status_code == 303


async def test_a_deactivated_user_cannot_log_in(client, people: Personas):
    people.mona.active = False
    await people.mona.save()
    token = await csrf_token(client)
    response = await client.post(
        "/staff/login", data={"username": "mona", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 400
    assert "用户名或密码不正确。" in response.text


async def test_login_starts_a_new_session_with_a_new_csrf_token(client, people: Personas):
    before = await csrf_token(client)
    await login(client, people.alice)
    after = await csrf_token(client, "/staff/")
    assert before != after


async def test_passwords_are_stored_as_argon2_hashes(db):
    stored = accounts.hash_password("Correct-horse-1")
    assert stored.startswith("$argon2id$")
    assert accounts.verify_password(stored, "Correct-horse-1")
    assert not accounts.verify_password(stored, "correct-horse-1")
    assert not accounts.verify_password("not-a-hash", "x")
