"""Accessibility in a real browser: axe-core on every public page type (standard display on a desktop,
large text on a phone) and on the main staff pages; the comment journey by keyboard alone; refused
forms announced and tied to their fields; text alternatives for charts; contrast in both display
modes; pages at 200% zoom and with text alone at 200%."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.browser import (
    AXE,
    DESKTOP,
    PHONE_LARGE_TEXT,
    TIMEOUT_MS,
    Browsing,
    Shot,
    Variant,
    assert_no_sideways_scroll,
    assert_readable_tables,
    axe_violations,
    describe,
    log_in,
)
from tests.live_server import LiveServer


@dataclass(frozen=True)
class Demo:
    """Addresses of the demo data that are not fixed numbers."""

    article: str  # a key of draft 1 (幼儿园条例, open for comments)
    document: str  # a library document's unified number


@pytest.fixture(scope="module")
def demo(server: LiveServer) -> Demo:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        reader = http.get("/drafts/1").text
        documents = http.get("/documents").text
    article = re.search(r'href="/drafts/1/articles/([\w-]+)"', reader)
    document = re.search(r'href="/documents/(GZ\d+)"', documents)
    assert article and document
    return Demo(article.group(1), document.group(1))


def public_pages(demo: Demo) -> dict[str, str]:
    return {
        "home": "/",
        "drafts": "/drafts",
        "reader": "/drafts/1",
        "article": f"/drafts/1/articles/{demo.article}",
        "compare": "/drafts/2/compare?from=1&to=2",
        "comment-form": f"/drafts/1/comment?article={demo.article}",
        "comments": "/drafts/1/comments",
        "feedback-report": "/drafts/4/feedback",
        "receipt-lookup": "/receipt",
        "receipt-not-found": "/receipt?code=GZ-0000-0000",
        "search": "/search?q=幼儿园",
        "documents": "/documents",
        "document": f"/documents/{demo.document}",
        "decisions": "/decisions",
        "decision": "/decisions/1",
        "hearings": "/hearings",
        "hearing-registration-open": "/hearings/1",
        "hearing-drawn": "/hearings/2",
        "hearing-reported": "/hearings/3",
        "hearing-verify": "/hearings/2/verify",
        "hearing-lookup": "/hearings/registration?code=HXXXX-XXXX",
        "liaison-points": "/liaison-points",
        "liaison-point": "/liaison-points/GZ-YX-01",
        "staff-login": "/staff/login",
        "not-found": "/drafts/999999",
    }


STAFF_PAGES = {
    "liaison": [
        *("/staff/", "/staff/inbox", "/staff/comments/new", "/staff/points/GZ-YX-01"),
        *("/staff/meetings", "/staff/meetings/new", "/staff/meetings/1"),
    ],
    "legislator": [
        *("/staff/drafts", "/staff/drafts/1", "/staff/drafts/1/digest", "/staff/drafts/1/comments"),
        *("/staff/comments/1", "/staff/drafts/4/feedback", "/staff/documents", "/staff/reviews"),
        "/staff/drafts/1/close",  # the confirmation step before ending a consultation (closes nothing)
    ],
    # Demo hearing 2 is held on an item of the organizer's unit (hearing 1 is on a draft of another body).
    "organizer": ["/staff/hearings", "/staff/hearings/2", "/staff/decisions", "/staff/decisions/1"],
    "moderator": ["/staff/moderation", "/staff/moderation/words"],
    "admin": ["/staff/users", "/staff/audit", "/staff/personal-data", "/staff/password"],
}


def open_context(browser: Browser, server: LiveServer, variant: Variant) -> BrowserContext:
    context = browser.new_context(
        base_url=server.url, viewport=variant.viewport, is_mobile=variant.mobile, has_touch=variant.mobile
    )
    context.set_default_timeout(TIMEOUT_MS)
    if variant.large_text:
        # The same cookie the header's switch sets (the journeys use the switch itself).
        context.add_cookies([{"name": "portal_display", "value": "elder", "url": server.url}])
    return context


def assert_no_serious_violations(page: Page, where: str) -> None:
    found = axe_violations(page)
    assert not found, f"{where}:\n{describe(found)}"


@pytest.mark.parametrize("variant", [DESKTOP, PHONE_LARGE_TEXT], ids=["desktop", "phone-large-text"])
def test_every_public_page_type_has_no_serious_axe_violations(
    variant: Variant, browser: Browser, server: LiveServer, demo: Demo, shot: Shot
) -> None:
    context = open_context(browser, server, variant)
    page = context.new_page()
    failures = []
    try:
        for name, path in public_pages(demo).items():
            page.goto(path)
            expect(page.locator("html")).to_have_class(
                "mode-elder" if variant.large_text else "mode-standard"
            )
            found = axe_violations(page)
            try:
                if variant.mobile:
                    assert_readable_tables(page, path)
            except AssertionError as exc:
                failures.append(str(exc))
            if found:
                shot(page, name)
                failures.append(f"{name} {path}:\n{describe(found)}")
    finally:
        context.close()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("variant", [DESKTOP, PHONE_LARGE_TEXT], ids=["desktop", "phone-large-text"])
def test_the_main_staff_pages_have_no_serious_axe_violations(
    variant: Variant, browser: Browser, server: LiveServer, shot: Shot
) -> None:
    # Staff work at a desk, but liaison-point staff also answer their inbox on a phone, some of them
    # in the large-text display: every main staff page in both, and none may scroll sideways.
    failures = []
    for username, paths in STAFF_PAGES.items():
        context = open_context(browser, server, variant)
        page = context.new_page()
        try:
            log_in(page, username)
            for path in paths:
                page.goto(path)
                expect(page.get_by_role("navigation", name="工作台导航")).to_be_visible()
                found = axe_violations(page)
                try:
                    assert_no_sideways_scroll(page, path)
                    if variant.mobile:
                        assert_readable_tables(page, path)
                except AssertionError as exc:
                    failures.append(str(exc))
                if found:
                    shot(page, path.strip("/").replace("/", "-"))
                    failures.append(f"{username} {path}:\n{describe(found)}")
        finally:
            context.close()
    assert not failures, "\n".join(failures)


# --- keyboard -----------------------------------------------------------------------------------------

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), id: el.id, type: el.type || "",
    text: (el.innerText || el.value || "").trim().slice(0, 40),
    name: el.getAttribute("name") || "", href: el.getAttribute("href") || "",
    index: [...document.querySelectorAll("*")].indexOf(el),
    focusVisible: el.matches(":focus-visible"),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== "none",
    onScreen: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
  };
}"""
TABBABLE = """() => [...document.querySelectorAll(
  'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')]
  .filter(el => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length
    && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[aria-hidden=true]')).length"""


class Keyboard:
    """Tab through a page the way a keyboard user does, checking each stop shows where focus is."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.stops: list[dict[str, object]] = []

    def tab(self, *, back: bool = False) -> dict[str, object]:
        self.page.keyboard.press("Shift+Tab" if back else "Tab")
        focused = self.page.evaluate(FOCUSED)
        assert focused, "Tab left the page's content"
        assert focused["focusVisible"] and (focused["outline"] or focused["shadow"]), (
            f"no visible focus on {focused}"
        )
        assert focused["onScreen"], f"the focused element is off screen: {focused}"
        self.stops.append(focused)
        return focused  # type: ignore[no-any-return]

    def tab_to(self, matches: str, limit: int = 80) -> dict[str, object]:
        for _ in range(limit):
            focused = self.tab()
            if re.search(matches, f"{focused['tag']} #{focused['id']} {focused['text']} {focused['href']}"):
                return focused
        raise AssertionError(f"{matches!r} not reached in {limit} presses of Tab: {self.stops[-5:]}")


def test_the_comment_journey_can_be_done_with_the_keyboard_alone(browsing: Browsing, shot: Shot) -> None:
    page = browsing.open(DESKTOP)
    page.goto("/drafts/1")
    keys = Keyboard(page)
    first = keys.tab()
    assert first["text"] == "跳到主要内容"  # the skip link comes first and shows itself
    shot(page, "skip-link")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    keys.tab_to(r"^a .*对草案整体发表意见")
    shot(page, "comment-button")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("对草案整体发表意见")

    stance = keys.tab_to(r"^input #stance-1")
    assert stance["type"] == "radio"
    page.keyboard.press("ArrowRight")  # within a radio group the arrows choose: 反对
    page.keyboard.press("ArrowRight")  # 修改建议
    assert page.evaluate("document.activeElement.value") == "amend"
    keys.tab_to(r"^textarea #body")
    opinion = "建议草案明确普惠性幼儿园的认定标准和财政补助办法，由区教育部门每年公布名单。"
    page.keyboard.type(opinion)
    expect(page.locator("#body-count")).to_contain_text(f"已输入 {len(opinion)} 字")
    keys.tab_to(r"^select #district")
    page.keyboard.press("ArrowDown")  # the first district
    shot(page, "form-filled")
    keys.tab_to(r"^button .*提交意见")
    shot(page, "submit-focused")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/receipt\?code=GZ-"))
    expect(page.locator(".receipt-code")).to_have_text(re.compile(r"GZ-[0-9A-Z]{4}-[0-9A-Z]{4}"))
    expect(page.locator("dl.facts")).to_contain_text("修改建议")
    shot(page, "receipt")


def test_tab_goes_through_the_whole_comment_form_and_back_without_a_trap(browsing: Browsing) -> None:
    page = browsing.open(DESKTOP)
    page.goto("/drafts/1/comment")
    tabbable = page.evaluate(TABBABLE)
    keys = Keyboard(page)
    # Radio buttons of one group are one stop for Tab: count the groups, not the buttons.
    radios = page.locator("input[type=radio]").count()
    groups = page.evaluate(
        "new Set([...document.querySelectorAll('input[type=radio]')].map(r => r.name)).size"
    )
    expected = tabbable - radios + groups
    for _ in range(expected):
        keys.tab()
    assert keys.stops[-1]["href"] == "/api/v1/openapi.json"  # the footer's last link: the end, reached
    visited = [s["index"] for s in keys.stops]
    assert visited == sorted(set(visited)), f"focus went back or round in a loop: {keys.stops}"
    # And back again with Shift+Tab from the end to the submit button.
    for _ in range(10):
        if keys.tab(back=True)["text"] == "提交意见":
            break
    else:
        raise AssertionError("Shift+Tab did not get back to the submit button")


# --- refused forms ------------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", [DESKTOP, PHONE_LARGE_TEXT], ids=["desktop", "phone-large-text"])
def test_a_refused_comment_is_announced_and_each_error_is_tied_to_its_field(
    variant: Variant, browsing: Browsing, shot: Shot
) -> None:
    page = browsing.open(variant)
    page.goto("/drafts/1/comment")
    page.get_by_role("button", name="提交意见").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("请按提示修改后重新提交")
    expect(summary).to_be_focused()  # read first, and Tab continues from there
    body = page.get_by_role("textbox", name=re.compile(r"^意见内容"))
    expect(body).to_have_attribute("aria-invalid", "true")
    expect(body).to_have_accessible_description("请填写意见内容。")
    described = body.get_attribute("aria-describedby") or ""
    message = page.locator(f"#{described}").inner_text()
    assert message and message in summary.inner_text()
    stance = page.get_by_role("group", name="您的态度")
    expect(stance).to_have_attribute("aria-invalid", "true")
    expect(stance).to_have_accessible_description("请选择您的态度（赞成、反对、修改建议或其他）。")
    assert_no_serious_violations(page, "refused comment form")
    shot(page, "refused")

    summary.get_by_role("link", name=message).click()  # each listed error leads to its field
    expect(body).to_be_focused()


def test_a_refused_hearing_registration_is_announced_and_tied_to_its_fields(
    browsing: Browsing, shot: Shot
) -> None:
    page = browsing.open(PHONE_LARGE_TEXT)
    page.goto("/hearings/1")
    page.get_by_role("button", name="提交报名").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("报名未成功")
    expect(summary).to_be_focused()
    links = summary.get_by_role("link").all()
    assert links, "the summary lists the problems"
    for link in links:
        field = page.locator(link.get_attribute("href") or "")
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(link.inner_text())
    assert_no_serious_violations(page, "refused registration")
    shot(page, "refused")


# --- text alternatives and contrast -------------------------------------------------------------------


def test_charts_and_images_have_text_alternatives(browsing: Browsing, shot: Shot) -> None:
    page = browsing.staff("legislator")
    page.goto("/staff/drafts/1/digest")
    expect(page.get_by_role("list", name="主要数字")).to_be_visible(timeout=60_000)
    charts = page.locator("svg[role=img]")
    assert charts.count() >= 4
    for chart in charts.all():
        name = chart.evaluate(
            "svg => svg.getAttribute('aria-labelledby').split(' ')"
            ".map(id => document.getElementById(id).textContent.trim()).join(' ')"
        )
        assert re.search(r"\d+ 条|单日最多 \d+ 条", name), name  # the figures, not only a title
    # Each bar chart also has its figures as a (visually hidden) table.
    assert page.locator("figure.chart .visually-hidden table caption").count() >= 3
    shot(page, "digest-charts")
    for path in ("/", "/drafts/1", "/liaison-points/GZ-YX-01", "/hearings/3", "/staff/drafts/1/digest"):
        page.goto(path)
        missing = page.evaluate(
            "[...document.images].filter(i => !i.hasAttribute('alt')).map(i => i.src)"
            ".concat([...document.querySelectorAll('svg')].filter(s => s.getAttribute('role') !== 'img'"
            " && s.getAttribute('aria-hidden') !== 'true').map(s => s.outerHTML.slice(0, 60)))"
        )
        assert not missing, f"{path}: {missing}"


@pytest.mark.parametrize("large_text", [False, True], ids=["standard", "large-text"])
def test_text_contrast_passes_in_both_display_modes(
    large_text: bool, browser: Browser, server: LiveServer
) -> None:
    context = open_context(browser, server, PHONE_LARGE_TEXT if large_text else DESKTOP)
    page = context.new_page()
    try:
        for path in ("/drafts/1/comment", "/hearings/1"):
            page.goto(path)
            result = AXE.run(page, options={"runOnly": ["color-contrast"], "resultTypes": ["passes"]})
            checked = sum(len(r["nodes"]) for r in result.response["passes"])
            assert checked > 20, f"{path}: color-contrast looked at only {checked} elements"
            assert not result.response["violations"], f"{path}:\n{describe(result.response['violations'])}"
            undecided = [
                (n["target"], n["any"][0]["data"]) for r in result.response["incomplete"] for n in r["nodes"]
            ]
            # axe cannot decide text over a gradient or an image (the site has neither), nor a text
            # of one character such as a table's "—" (styled like the cells it does judge).
            assert all(
                data["messageKey"] in {"pseudoContent", "bgOverlap", "shortTextContent"}
                for _, data in undecided
            ), f"{path}: {undecided}"
    finally:
        context.close()


# --- zoom ---------------------------------------------------------------------------------------------

ZOOM_PAGES = ["/", "/drafts/1", "/drafts/1/comment", "/hearings/1", "/liaison-points", "/receipt"]


def double_text(page: Page) -> None:
    # Through the CSSOM: the site's Content-Security-Policy refuses an injected <style>.
    page.evaluate("document.documentElement.style.setProperty('font-size', '200%', 'important')")


@pytest.fixture
def zoomed(browser: Browser, server: LiveServer) -> Iterator[Page]:
    # A 1280×900 window at 200% browser zoom lays pages out as 640×450 CSS pixels at twice the density.
    context = browser.new_context(
        base_url=server.url, viewport={"width": 640, "height": 450}, device_scale_factor=2
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("mode", ["page-zoom", "text-only-zoom"])
def test_pages_at_200_percent_zoom_lose_no_content(
    mode: str, zoomed: Page, browsing: Browsing, shot: Shot
) -> None:
    page = zoomed if mode == "page-zoom" else browsing.open(DESKTOP)
    for path in ZOOM_PAGES:
        page.goto(path)
        if mode == "text-only-zoom":
            # Text alone at 200% (a browser's minimum font size / text-zoom setting): the root size doubles.
            double_text(page)
        assert_no_sideways_scroll(page, f"{path} ({mode})")
        heading = page.get_by_role("heading", level=1)
        expect(heading).to_be_visible()
        expect(
            page.get_by_role("navigation", name="主导航").get_by_role("link", name="回执查询")
        ).to_be_visible()
        shot(page, path.strip("/").replace("/", "-") or "home")
    page.goto("/drafts/1/comment")
    if mode == "text-only-zoom":
        double_text(page)
    button = page.get_by_role("button", name="提交意见")
    button.scroll_into_view_if_needed()
    expect(button).to_be_in_viewport()
