"""The elder-friendly mode a visitor can switch on, accessible markup, and the security headers."""

from __future__ import annotations

from portal.app import create_app
from tests.conftest import production

SAME_SITE = {"Origin": "http://testserver"}


async def test_elder_mode_is_switched_on_and_persists(client, db):
    response = await client.post(
        "/preferences/display", data={"mode": "elder", "next": "/liaison-points"}, headers=SAME_SITE
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/liaison-points"
    assert "portal_display=elder" in response.headers["set-cookie"]
    page = await client.get("/liaison-points")
    assert '<html lang="zh-CN" class="mode-elder">' in page.text
    assert "已切换到长者模式" in page.text
    assert "退出长者模式" in page.text
    # Still on after more pages: the choice lives in a cookie, not in one response.
    assert 'class="mode-elder"' in (await client.get("/")).text


async def test_elder_mode_can_be_switched_off(client, db):
    await client.post("/preferences/display", data={"mode": "elder"}, headers=SAME_SITE)
    await client.post("/preferences/display", data={"mode": "standard"}, headers=SAME_SITE)
    assert 'class="mode-standard"' in (await client.get("/")).text


async def test_the_display_switch_needs_no_token_and_starts_no_session(client, db):
    home = (await client.get("/")).text
    switch = home[home.index('<form class="display-toggle"') :]
    switch = switch[: switch.index("</form>")]
    assert "csrf_token" not in switch
    assert 'name="mode" value="elder"' in switch


async def test_the_display_switch_accepts_fetch_metadata_and_a_referer_of_this_site(client, db):
    fetched = await client.post(
        "/preferences/display", data={"mode": "elder"}, headers={"Sec-Fetch-Site": "same-origin"}
    )
    assert fetched.status_code == 303
    referred = await client.post(
        "/preferences/display", data={"mode": "elder"}, headers={"Referer": "http://testserver/drafts"}
    )
    assert referred.status_code == 303


async def test_another_site_cannot_switch_the_display(client, db):
    for headers in (
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://testserver"},
        {"Referer": "https://evil.example/page"},
        {},
    ):
        response = await client.post("/preferences/display", data={"mode": "elder"}, headers=headers)
        assert response.status_code == 403, headers
        assert "无法验证请求" in response.text
        assert "portal_display" not in response.headers.get("set-cookie", "")


async def test_the_display_switch_never_redirects_off_site(client, db):
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = await client.post(
            "/preferences/display", data={"mode": "elder", "next": target}, headers=SAME_SITE
        )
        assert response.headers["location"] == "/"


async def test_pages_have_landmarks_a_skip_link_and_labels(client, db):
    home = (await client.get("/")).text
    assert '<a class="skip-link" href="#main">跳到主要内容</a>' in home
    assert '<main id="main"' in home
    assert 'role="banner"' in home and 'role="contentinfo"' in home
    assert '<nav class="site-nav" aria-label="主导航">' in home
    login = (await client.get("/staff/login")).text
    assert '<label for="username">用户名</label>' in login
    assert '<label for="password">密码</label>' in login


async def test_every_response_carries_security_headers(client, db):
    response = await client.get("/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert "strict-transport-security" not in response.headers


async def test_the_session_cookie_is_httponly_and_samesite(client, db):
    response = await client.get("/staff/login")
    cookie = response.headers["set-cookie"].lower()
    assert "portal_session=" in cookie
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert "secure" not in cookie


async def test_production_marks_cookies_secure_and_sends_hsts(settings, db):
    import httpx

    app = create_app(production(settings))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://portal.example") as c:
        response = await c.get("/staff/login")
    assert "secure" in response.headers["set-cookie"].lower()
    assert response.headers["strict-transport-security"].startswith("max-age=")


async def test_no_page_loads_anything_from_another_site(client, db):
    home = (await client.get("/")).text
    assert "http://" not in home.replace("http://testserver", "")
    assert "https://" not in home
    css = await client.get("/static/css/portal.css")
    assert css.status_code == 200
    assert "@import" not in css.text and "url(http" not in css.text
