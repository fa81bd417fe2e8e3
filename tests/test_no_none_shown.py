"""No page shows a missing value as the word "None": not in a form field (a form pre-filled with it
is saved, and published, as it is), not in an attribute, not in the text.

Every page of the route table is opened by every visitor the authorization matrix lets in, on the
demo data (tests/test_authorization_matrix.py: the same objects behind the path parameters), and
its HTML is read field by field. The forms that give typed text back when refused are also sent
empty, and the page that comes back is read the same way.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import replace
from html.parser import HTMLParser

import httpx
import jinja2
import pytest
import pytest_asyncio
from starlette.applications import Starlette

from portal.settings import Settings
from portal.web.templating import build_templates
from tests.test_authorization_matrix import (
    ALLOWED,
    CSRF_RE,
    MATRIX,
    all_routes,
    build_world,
    concrete,
    sign_in,
)

NONE_WORD = re.compile(r"(?<![A-Za-z_])None(?![A-Za-z_])")
# Visitors holding a role; the "other" point's or unit's visitors see the same pages with fewer rows.
VISITORS = ("anonymous", "admin", "liaison", "legislator", "organizer", "moderator", "reviewer")


class NoneFinder(HTMLParser):
    """Where a page shows "None": each place as (tag, where, the text around it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.forms = 0
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "form":
            self.forms += 1
        for name, value in attrs:
            if value is not None and NONE_WORD.search(value):
                self.found.append(f'<{tag} {name}="{value[:80]}">')
        if tag not in {"input", "meta", "link", "br", "img", "hr", "source", "col"}:
            self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        inside = self._stack[-1] if self._stack else ""
        if inside in {"script", "style"}:
            return
        if NONE_WORD.search(data):
            self.found.append(f"<{inside}>…{data.strip()[:80]}…")


def nones_in(html: str) -> tuple[list[str], int]:
    finder = NoneFinder()
    finder.feed(html)
    finder.close()
    return finder.found, finder.forms


def test_the_finder_sees_none_in_a_field_a_textarea_and_the_text():
    page = (
        '<form><input name="a" value="None"><textarea name="b">None</textarea>'
        '<select><option value="1">None</option></select></form><p>发言人：None</p>'
        '<script>var x = "None";</script><p>Nonesuch 与 None_x 不算</p>'
    )
    found, forms = nones_in(page)
    assert forms == 1
    assert found == [
        '<input value="None">',
        "<textarea>…None…",
        "<option>…None…",
        "<p>…发言人：None…",
    ]


# --- the environment: a missing value prints as nothing, an undefined name is still an error -------


def test_a_missing_value_prints_as_nothing_and_an_undefined_name_still_fails(settings: Settings):
    env = build_templates(settings).env
    page = env.from_string('<input value="{{ v.get("name") }}"><textarea>{{ body }}</textarea>{{ n }}')
    assert page.render(v={}, body=None, n=0) == '<input value=""><textarea></textarea>0'
    # Falsy values that are values are shown as they are.
    assert env.from_string("{{ a }}|{{ b }}|{{ c }}").render(a=0, b=False, c="") == "0|False|"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ nowhere }}").render()
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ v.missing_attribute }}").render(v=object())


# --- every page of the site -----------------------------------------------------------------------


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, rate_limits_enabled=False)


@pytest_asyncio.fixture
async def browsers(app: Starlette) -> AsyncIterator[dict[str, httpx.AsyncClient]]:
    clients: dict[str, httpx.AsyncClient] = {}
    for n, persona in enumerate(VISITORS):
        transport = httpx.ASGITransport(
            app=app, raise_app_exceptions=False, client=(f"192.0.2.{n + 1}", 5000)
        )
        clients[persona] = httpx.AsyncClient(transport=transport, base_url="http://testserver")
    yield clients
    for client in clients.values():
        await client.aclose()


def is_html(response: httpx.Response) -> bool:
    return response.headers.get("content-type", "").startswith("text/html")


async def test_no_page_shows_a_missing_value_as_none(app: Starlette, settings: Settings, browsers):
    world = await build_world(settings)
    for persona, client in browsers.items():
        if persona != "anonymous":
            await sign_in(client, world.users[persona])
    shown: list[str] = []
    pages_with_forms: set[str] = set()
    for method, path in sorted(all_routes()):
        rule = MATRIX[(method, path)]
        if method != "GET" or path == "/static":
            continue
        url = concrete(path, rule, world.params)
        for persona, client in browsers.items():
            if rule.expected[persona] != ALLOWED:
                continue
            response = await client.get(url)
            if not is_html(response):
                continue
            found, forms = nones_in(response.text)
            if forms:
                pages_with_forms.add(path)
            shown += [f"GET {url} as {persona}: {place}" for place in found]
    assert not shown, "pages showing None:\n" + "\n".join(shown)
    # The walk did reach the forms: the public ones and the staff ones of every area.
    assert {
        "/drafts/{draft_id:int}/comment",
        "/staff/meetings/new",
        "/staff/meetings/{meeting_id:int}",
        "/staff/comments/new",
        "/staff/drafts/new",
        "/staff/hearings/{hearing_id:int}",
        "/staff/decisions/{decision_id:int}",
        "/staff/reviews/new",
        "/staff/documents/new",
        "/decisions",
    } <= pages_with_forms, sorted(pages_with_forms)


# Forms that give back what was typed when they are refused: sent empty, by a visitor allowed to
# (the comment form on a draft open for comments).
REFUSED_FORMS: tuple[tuple[str, str, bool], ...] = (
    ("/drafts/{draft_id:int}/comment", "anonymous", False),
    ("/staff/password", "legislator", False),
    ("/staff/users", "admin", False),
    ("/staff/drafts/new", "legislator", False),
    ("/staff/comments/new", "liaison", False),
    ("/staff/meetings/new", "liaison", True),
    ("/staff/reviews/new", "reviewer", False),
    ("/staff/documents/new", "legislator", False),
)
OPEN_DRAFT = {"draft_id": "spare_draft_id"}


async def test_no_refused_form_gives_back_none(app: Starlette, settings: Settings, browsers):
    world = await build_world(settings)
    shown: list[str] = []
    for path, persona, multipart in REFUSED_FORMS:
        client = browsers[persona]
        if persona != "anonymous" and not client.cookies:
            await sign_in(client, world.users[persona])
        url = concrete(path, replace(MATRIX[("POST", path)], params=OPEN_DRAFT), world.params)
        form_page = await client.get(url)
        token = CSRF_RE.search(form_page.text)
        assert token, f"no CSRF field on {url}"
        files = [("file-other", ("", b"", "application/octet-stream"))] if multipart else None
        response = await client.post(url, data={"csrf_token": token.group(1)}, files=files)
        assert response.status_code == 400, f"POST {url} as {persona}: {response.status_code}"
        found, _ = nones_in(response.text)
        shown += [f"POST {url} as {persona}: {place}" for place in found]
    assert not shown, "refused forms showing None:\n" + "\n".join(shown)
