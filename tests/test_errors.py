"""Errors are shown as Chinese pages with the right status (JSON under /api/), never a bare trace."""

from __future__ import annotations

import httpx
from starlette.routing import Route
from tortoise import connections

from portal.models import LiaisonPoint


async def test_an_unknown_page_is_a_chinese_404(client, db):
    response = await client.get("/no-such-page")
    assert response.status_code == 404
    assert "页面不存在" in response.text
    assert '<html lang="zh-CN"' in response.text
    assert 'href="#main"' in response.text


async def test_an_unknown_liaison_point_says_so(client, db):
    response = await client.get("/liaison-points/NOPE")
    assert response.status_code == 404
    assert "未找到该基层立法联系点。" in response.text


async def test_a_wrong_method_is_a_405(client, db):
    response = await client.put("/liaison-points", headers={"X-CSRF-Token": "x"})
    assert response.status_code in (403, 405)
    token_page = await client.get("/staff/login")
    token = token_page.text.split('name="csrf_token" value="')[1].split('"')[0]
    response = await client.delete("/liaison-points", headers={"X-CSRF-Token": token})
    assert response.status_code == 405
    assert "不支持的请求方式" in response.text


async def test_api_errors_are_json(client, db):
    response = await client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json() == {
        "error": {"status": 404, "message": "您访问的页面不存在或已被移除，请检查网址是否正确。"}
    }


async def test_an_unexpected_failure_is_a_chinese_500_page(app, client):
    async def boom(request):
        raise RuntimeError("kaboom")

    app.router.routes.insert(0, Route("/boom", boom))
    response = await client.get("/boom")
    assert response.status_code == 500
    assert "系统错误" in response.text
    assert "kaboom" not in response.text


async def test_a_database_outage_is_a_503_page(app, client, monkeypatch):
    async def unreachable(*args, **kwargs):
        raise ConnectionRefusedError("db down")

    await LiaisonPoint.create(code="X", name="某联系点", district="天河", host_organisation="h")
    monkeypatch.setattr(connections.get("default"), "execute_query", unreachable)
    response = await client.get("/liaison-points")
    assert response.status_code == 503
    assert "服务暂不可用" in response.text
    assert response.headers["retry-after"] == "30"


async def test_an_oversized_form_is_a_413(client, db):
    page = await client.get("/staff/login")
    token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    body = "csrf_token=" + token + "&username=" + "a" * (1024 * 1024 + 10)
    response = await client.post(
        "/staff/login", content=body, headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 413
    assert "提交的内容过大" in response.text


async def test_the_error_pages_work_without_a_database_session(settings):
    """The 404 page renders even before the ORM is up (no query on the error path)."""
    from portal.app import create_app

    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        response = await c.get("/api/v1/unknown")
    assert response.status_code == 404


async def test_a_locked_sqlite_database_is_a_503_but_a_broken_query_is_a_500(app, client, monkeypatch):
    from tortoise.exceptions import OperationalError

    async def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    async def broken(*args, **kwargs):
        raise OperationalError('syntax error at or near "SELEC"')

    await LiaisonPoint.create(code="X", name="某联系点", district="天河", host_organisation="h")
    conn = connections.get("default")
    monkeypatch.setattr(conn, "execute_query", locked)
    assert (await client.get("/liaison-points")).status_code == 503
    monkeypatch.setattr(conn, "execute_query", broken)
    response = await client.get("/liaison-points")
    assert response.status_code == 500
    assert "SELEC" not in response.text


async def test_every_request_is_logged_as_one_structured_line(client, db, caplog):
    caplog.set_level("INFO", logger="portal.access")
    response = await client.get("/liaison-points?x=1")
    record = next(r for r in caplog.records if r.name == "portal.access")
    assert record.method == "GET"
    assert record.path == "/liaison-points"
    assert record.status == 200
    assert record.duration_ms >= 0
    assert record.request_id == response.headers["x-request-id"]
