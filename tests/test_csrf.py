"""Every unsafe request carries the session's CSRF token, or it is refused with a Chinese 403."""

from __future__ import annotations

from tests.conftest import PASSWORD, Personas, csrf_token, login


async def test_it_refuses_a_form_without_a_token(client, people: Personas):
    response = await client.post("/staff/login", data={"username": "alice", "password": PASSWORD})
    assert response.status_code == 403
    assert "无法验证请求" in response.text
    assert "页面已过期或来源无法验证，请刷新页面后重新提交。" in response.text
    assert (await client.get("/staff/")).status_code == 303


async def test_it_refuses_a_token_from_another_session(client, other_client, people: Personas):
    theirs = await csrf_token(other_client)
    await csrf_token(client)  # our own session exists, with a different token
    response = await client.post(
        "/staff/login", data={"username": "alice", "password": PASSWORD, "csrf_token": theirs}
    )
    assert response.status_code == 403


async def test_it_gives_the_submitted_text_back_when_refusing(client, people: Personas):
    await csrf_token(client)
    response = await client.post(
        "/preferences/display",
        data={"mode": "elder", "next": "/", "comment": "我建议第十条增加听证程序。", "password": "secret-1"},
    )
    assert response.status_code == 403
    assert "我建议第十条增加听证程序。" in response.text
    assert "secret-1" not in response.text


async def test_it_accepts_the_token_in_a_header(client, people: Personas):
    token = await csrf_token(client)
    response = await client.post(
        "/preferences/display", data={"mode": "elder"}, headers={"X-CSRF-Token": token}
    )
    assert response.status_code == 303


async def test_it_reads_the_token_from_a_multipart_form(client, people: Personas):
    token = await csrf_token(client)
    ok = await client.post(
        "/preferences/display", files={"csrf_token": (None, token), "mode": (None, "elder")}
    )
    assert ok.status_code == 303
    wrong = await client.post(
        "/preferences/display", files={"csrf_token": (None, "forged"), "mode": (None, "elder")}
    )
    assert wrong.status_code == 403


async def test_it_refuses_a_file_sent_before_the_token(client, people: Personas):
    token = await csrf_token(client)
    response = await client.post(
        "/preferences/display",
        files=[("upload", ("a.txt", b"hello", "text/plain")), ("csrf_token", (None, token))],
    )
    assert response.status_code == 403
    assert "表单格式不正确。" in response.text


async def test_it_refuses_other_content_types(client, people: Personas):
    await csrf_token(client)
    response = await client.post(
        "/preferences/display", content=b'{"mode": "elder"}', headers={"content-type": "application/json"}
    )
    assert response.status_code == 403


async def test_a_body_that_is_not_utf8_is_refused_not_crashed(client, people: Personas):
    await csrf_token(client)
    response = await client.post(
        "/preferences/display",
        content=b"mode=\xff\xfe&csrf_token=\xc3",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 403


async def test_logout_needs_the_token_too(client, people: Personas):
    await login(client, people.alice)
    response = await client.post("/staff/logout", data={})
    assert response.status_code == 403
    assert (await client.get("/staff/")).status_code == 200
