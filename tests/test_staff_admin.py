"""Admins manage accounts; every staff write leaves an audit event they can read."""

from __future__ import annotations

import re

from portal.models import AuditEvent, User
from tests.conftest import Personas, csrf_token, login


async def test_an_admin_creates_a_liaison_user_bound_to_a_point(client, people: Personas):
    await login(client, people.alice)
    token = await csrf_token(client, "/staff/users")
    response = await client.post(
        "/staff/users",
        data={
            "username": "zhou.min",
            "display_name": "周敏",
            "password": "Liaison-2026",
            "roles": "liaison",
            "point_code": "GZ-T-02",
            "csrf_token": token,
        },
    )
    assert response.status_code == 303
    user = await User.get(username="zhou.min").select_related("liaison_point")
    assert user.roles == ["liaison"]
    assert user.liaison_point is not None and user.liaison_point.code == "GZ-T-02"
    event = await AuditEvent.get(action="user_created")
    assert event.actor_id == people.alice.id
    assert event.object_id == str(user.id)
    assert event.ip == "203.0.113.7"
    page = await client.get("/staff/users")
    assert "已创建账号 zhou.min。" in page.text
    assert "周敏" in page.text


async def test_a_new_user_can_hold_several_roles(client, people: Personas):
    await login(client, people.alice)
    token = await csrf_token(client, "/staff/users")
    await client.post(
        "/staff/users",
        data={
            "username": "wu",
            "display_name": "吴",
            "password": "Several-roles-1",
            "roles": ["legislator", "organizer"],
            "csrf_token": token,
        },
    )
    assert (await User.get(username="wu")).roles == ["legislator", "organizer"]


async def test_it_refuses_a_liaison_user_without_a_point_and_keeps_the_form(client, people: Personas):
    await login(client, people.alice)
    token = await csrf_token(client, "/staff/users")
    response = await client.post(
        "/staff/users",
        data={
            "username": "nopoint",
            "display_name": "无点",
            "password": "Good-password-1",
            "roles": "liaison",
            "csrf_token": token,
        },
    )
    assert response.status_code == 400
    assert "联系点工作人员必须绑定一个基层立法联系点。" in response.text
    assert 'value="nopoint"' in response.text
    assert "Good-password-1" not in response.text
    assert not await User.exists(username="nopoint")


async def test_it_explains_each_invalid_field(client, people: Personas):
    await login(client, people.alice)
    token = await csrf_token(client, "/staff/users")
    response = await client.post(
        "/staff/users",
        data={
            "username": "有 空格",
            "display_name": "",
            "password": "",
            "roles": "superuser",
            "csrf_token": token,
        },
    )
    assert response.status_code == 400
    for message in (
        "用户名只能包含英文字母、数字和 . _ -。",
        "请输入姓名或显示名称。",
        "请设置初始密码。",
        "请选择有效的角色。",
    ):
        assert message in response.text
    assert await User.all().count() == 6


async def test_it_refuses_a_weak_password_and_a_taken_username(client, people: Personas):
    await login(client, people.alice)
    token = await csrf_token(client, "/staff/users")
    weak = await client.post(
        "/staff/users",
        data={
            "username": "weak",
            "display_name": "弱",
            "password": "1234567890",
            "roles": "moderator",
            "csrf_token": token,
        },
    )
    assert "密码需包含大写字母、小写字母、数字、符号中的至少三类。" in weak.text
    assert weak.status_code == 400
    assert not await User.exists(username="weak")
    taken = await client.post(
        "/staff/users",
        data={
            "username": "leo",
            "display_name": "重名",
            "password": "Another-pass-1",
            "roles": "moderator",
            "csrf_token": token,
        },
    )
    assert "用户名 leo 已被使用。" in taken.text


async def test_an_admin_deactivates_a_user_and_their_session_ends(client, other_client, people: Personas):
    await login(other_client, people.leo)
    assert (await other_client.get("/staff/")).status_code == 200
    await login(client, people.alice)
    token = await csrf_token(client, "/staff/users")
    response = await client.post(
        f"/staff/users/{people.leo.id}/active", data={"active": "0", "csrf_token": token}
    )
    assert response.status_code == 303
    await people.leo.refresh_from_db()
    assert not people.leo.active
    assert (await other_client.get("/staff/")).status_code == 303
    assert await AuditEvent.filter(action="user_deactivated", object_id=str(people.leo.id)).exists()


async def test_an_admin_cannot_deactivate_themselves(client, people: Personas):
    await login(client, people.alice)
    token = await csrf_token(client, "/staff/users")
    await client.post(f"/staff/users/{people.alice.id}/active", data={"active": "0", "csrf_token": token})
    await people.alice.refresh_from_db()
    assert people.alice.active
    assert "不能停用自己的账号。" in (await client.get("/staff/users")).text


async def test_the_audit_log_lists_logins_newest_first_and_filters(client, other_client, people: Personas):
    await login(other_client, people.lily)
    await login(client, people.alice)
    page = await client.get("/staff/audit")
    assert page.status_code == 200
    assert page.text.index("<td>alice</td>") < page.text.index("<td>lily</td>")
    filtered = await client.get("/staff/audit?action=login_failed")
    assert "没有符合条件的记录。" in filtered.text


async def test_the_audit_log_pages_backwards(client, people: Personas):
    for i in range(60):
        await AuditEvent.create(action="probe", object_id=str(i))
    await login(client, people.alice)
    first = await client.get("/staff/audit?action=probe")
    assert first.text.count("<td>probe</td>") == 50
    assert "更早的记录" in first.text
    link = re.search(r'<a href="([^"]+)">更早的记录</a>', first.text).group(1).replace("&amp;", "&")
    second = await client.get(link)
    assert second.text.count("<td>probe</td>") == 10


async def test_an_admin_gives_an_organizer_their_unit(client, people: Personas):
    await login(client, people.alice)
    token = await csrf_token(client, "/staff/users")
    await client.post(
        "/staff/users",
        data={
            "username": "chen",
            "display_name": "陈",
            "password": "Organizer-2026",
            "roles": "organizer",
            "organisation": "广州市交通运输局",
            "csrf_token": token,
        },
    )
    assert (await User.get(username="chen")).organisation == "广州市交通运输局"
    assert "广州市交通运输局" in (await client.get("/staff/users")).text
