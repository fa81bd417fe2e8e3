"""Every staff route checks the role on the server, and a liaison user sees only their own point."""

from __future__ import annotations

import pytest

from portal.routes import build_routes
from portal.settings import Settings
from tests.conftest import Personas, login

ADMIN_PAGES = ["/staff/users", "/staff/audit"]


async def test_anonymous_visitors_are_sent_to_login(client, people: Personas):
    for path in ["/staff/", "/staff/points/GZ-T-01", *ADMIN_PAGES]:
        response = await client.get(path)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/staff/login?next=")


@pytest.mark.parametrize("persona", ["lily", "ben", "leo", "olga", "mona"])
async def test_only_admins_open_admin_pages(client, people: Personas, persona: str):
    await login(client, getattr(people, persona))
    for path in ADMIN_PAGES:
        response = await client.get(path)
        assert response.status_code == 403, path
        assert "您的账号没有访问此页面的权限。" in response.text


async def test_admins_open_admin_pages(client, people: Personas):
    await login(client, people.alice)
    for path in ADMIN_PAGES:
        assert (await client.get(path)).status_code == 200, path


async def test_a_liaison_user_opens_their_own_point(client, people: Personas):
    await login(client, people.lily)
    response = await client.get("/staff/points/GZ-T-01")
    assert response.status_code == 200
    assert "猎德街道基层立法联系点" in response.text
    assert "Lily（lily）" in response.text


async def test_another_points_workspace_does_not_exist_for_a_liaison_user(client, people: Personas):
    await login(client, people.lily)
    response = await client.get("/staff/points/GZ-T-02")
    assert response.status_code == 404
    assert "南华西" not in response.text


@pytest.mark.parametrize("persona", ["leo", "olga", "mona"])
async def test_other_roles_cannot_open_point_workspaces(client, people: Personas, persona: str):
    await login(client, getattr(people, persona))
    assert (await client.get("/staff/points/GZ-T-01")).status_code == 403


async def test_an_admin_opens_any_point(client, people: Personas):
    await login(client, people.alice)
    assert (await client.get("/staff/points/GZ-T-02")).status_code == 200


async def test_a_user_with_several_roles_gets_the_union(client, people: Personas):
    people.leo.roles = ["legislator", "admin"]
    await people.leo.save()
    await login(client, people.leo)
    assert (await client.get("/staff/users")).status_code == 200


async def test_a_liaison_user_cannot_post_to_admin_actions(client, people: Personas):
    await login(client, people.lily)
    from tests.conftest import csrf_token

    token = await csrf_token(client, "/staff/")
    response = await client.post(
        f"/staff/users/{people.ben.id}/active", data={"active": "0", "csrf_token": token}
    )
    assert response.status_code == 403
    await people.ben.refresh_from_db()
    assert people.ben.active


def test_every_staff_route_declares_its_roles():
    """A new staff route without the guard fails here rather than in production."""
    staff = next(r for r in build_routes(Settings()) if getattr(r, "path", "") == "/staff")
    public_staff_routes = {"/login", "/logout"}
    for route in staff.routes:  # type: ignore[attr-defined]
        if route.path in public_staff_routes:
            continue
        assert hasattr(route.endpoint, "required_roles"), f"/staff{route.path} has no require_role guard"
