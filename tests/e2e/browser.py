"""What the browser tests share: the Chromium to launch and how, the ways a page is looked at
(desktop, phone, phone with large text), contexts per test, signing in, axe-core, and a few steps
several journeys take (the organizer scheduling a hearing)."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

from portal.services.calendar import LOCAL_TZ
from tests.live_server import LiveServer

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
# Root needs --no-sandbox; the rest stop Chromium from calling home (the network is closed here, and
# without them it waits on Google's servers) and from starting a GPU process on a machine with none.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", Path(__file__).resolve().parent / "artifacts"))
DEMO_PASSWORD = "Demo-2026-portal"
TIMEOUT_MS = 20_000  # a shared 2-core machine: generous, but a hang still fails within the minute
PAGE_WEIGHT: dict[str, tuple[int, int, int]] = {}  # page → (bytes, requests, HTML bytes), for the summary


@dataclass(frozen=True)
class Variant:
    """How a journey is looked at: a desktop window, a phone, a phone with the large-text (长者) mode."""

    name: str
    width: int
    height: int
    mobile: bool = False
    large_text: bool = False

    @property
    def viewport(self) -> ViewportSize:
        return {"width": self.width, "height": self.height}


DESKTOP = Variant("desktop", 1280, 900)
PHONE = Variant("phone", 375, 812, mobile=True)
PHONE_LARGE_TEXT = Variant("phone-large-text", 375, 812, mobile=True, large_text=True)
VARIANTS = [DESKTOP, PHONE, PHONE_LARGE_TEXT]

Shot = Callable[[Page, str], Path]


class Browsing:
    """Opens browser contexts (each its own cookies) for one test; the fixture closes them after it."""

    def __init__(self, browser: Browser, server: LiveServer) -> None:
        self.browser = browser
        self.server = server
        self.contexts: list[BrowserContext] = []

    def open(self, variant: Variant = DESKTOP, *, javascript: bool = True, **options: Any) -> Page:
        context = self.browser.new_context(
            base_url=self.server.url,
            viewport=variant.viewport,
            is_mobile=variant.mobile,
            has_touch=variant.mobile,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            java_script_enabled=javascript,
            **options,
        )
        context.set_default_timeout(TIMEOUT_MS)
        self.contexts.append(context)
        page = context.new_page()
        if variant.large_text:
            switch_to_large_text(page)
        return page

    def staff(self, username: str, variant: Variant = DESKTOP) -> Page:
        page = self.open(variant)
        log_in(page, username)
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def switch_to_large_text(page: Page) -> None:
    """Turn the large-text mode on the way a visitor does: the button in the header."""
    page.goto("/")
    page.get_by_role("button", name="长者模式（大字号）").click()
    page.wait_for_selector("html.mode-elder")


def log_in(page: Page, username: str) -> None:
    page.goto("/staff/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.locator("main").get_by_role("button", name="登录").click()
    expect(page.get_by_role("navigation", name="工作台导航")).to_be_visible()


OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1)
    .filter(el => !el.closest('.table, .table-scroll, .hp-field, .visually-hidden, .skip-link'))
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + [...el.classList].join('.'))
    .slice(0, 5);
  return {scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""


def assert_no_sideways_scroll(page: Page, where: str = "") -> None:
    """Nothing wider than the window (WCAG 1.4.10 reflow): data tables scroll inside themselves."""
    measured = page.evaluate(OVERFLOW)
    assert measured["scroll"] <= measured["client"] and not measured["wide"], (
        f"{where or page.url} scrolls sideways: {measured}"
    )


NARROW_COLUMNS = """() => {
  const narrower = (el, chars) =>
    el.getBoundingClientRect().width < chars * parseFloat(getComputedStyle(el).fontSize);
  const headings = [...document.querySelectorAll('.table th')]
    .filter(th => !th.matches(':has(> .visually-hidden:only-child)'));  // a column of row checkboxes
  return headings.filter(th => narrower(th, 4)).map(th => th.innerText.trim())
    .concat([...document.querySelectorAll('.table .cell-text')].filter(td => narrower(td, 10))
      .map(td => td.innerText.trim().slice(0, 10) + '…'));
}"""


def assert_readable_tables(page: Page, where: str = "") -> None:
    """No table column squeezed narrower than four characters, nor a comment's text narrower than ten
    (on a phone, in the large-text display a heading would otherwise stand one character a line and a
    comment a few): a wide table scrolls inside itself instead."""
    narrow = page.evaluate(NARROW_COLUMNS)
    assert not narrow, (
        f"{where or page.url}: squeezed columns (headings under 4 characters, texts under 10): {narrow}"
    )


def flash(page: Page) -> str:
    """The messages shown after a form was handled (a redirect's flash)."""
    return page.locator(".flashes").inner_text()


# Each hearing a session schedules is held on a day of its own (40 days ahead, then 41...): two in the
# same room at the same time would stop at the clash warning, which is not what those journeys are about.
_HEARING_DAYS = itertools.count(40)


def schedule_hearing(organizer: Page, title: str) -> str:
    """As the organizer: schedule a hearing 40 days or more ahead on the first decision item of their
    unit, with seats for citizens and registration open until ten days before it, publish its notice
    (which opens registration), and return the address of its staff page."""
    organizer.get_by_role("navigation", name="工作台导航").get_by_role("link", name="听证会").click()
    # The form takes Guangzhou's wall-clock time, whatever the machine's own time zone.
    here = datetime.now(LOCAL_TZ)
    start = (here + timedelta(days=next(_HEARING_DAYS))).replace(hour=9, minute=30)

    def fill(label: str, value: str) -> None:
        organizer.get_by_label(label, exact=True).fill(value)

    fill("名称", title)
    fill("听证事项", "停车收费标准调整方案")
    fill("地点", "广州市人大常委会机关第二会议室")
    fill("开始时间", f"{start:%Y-%m-%dT%H:%M}")
    fill("结束时间", f"{start + timedelta(hours=3):%Y-%m-%dT%H:%M}")
    fill("报名开始", f"{here - timedelta(hours=1):%Y-%m-%dT%H:%M}")
    fill("报名截止", f"{start - timedelta(days=10):%Y-%m-%dT%H:%M}")
    fill("市民代表陈述人名额", "2")
    fill("市民代表旁听名额", "5")
    # A hearing is held on an item of the organizer's own unit (the list offers only those).
    organizer.get_by_label("关联决策事项", exact=True).select_option(index=1)
    organizer.get_by_role("button", name="创建").click()
    assert "听证会已创建" in flash(organizer)
    organizer.get_by_role("button", name="发布公告并开放报名").click()
    expect(organizer.locator("main")).to_contain_text("正在报名")
    return organizer.url


def close_registration_early(organizer: Page, reason: str) -> None:
    """As the organizer, on a hearing's staff page: end registration before the deadline the notice gave,
    with the public reason and the confirmation the form asks for (the draw may run after it)."""
    section = organizer.get_by_role("region", name="提前截止报名")
    section.get_by_label("提前截止的理由（公开）").fill(reason)
    section.get_by_label("我确认提前截止报名并公开理由").check()
    section.get_by_role("button", name="提前截止报名").click()
    assert "报名已提前截止" in flash(organizer)


# --- accessibility -----------------------------------------------------------------------------------

AXE = Axe()  # axe-core as shipped by axe-playwright-python; every rule, best practices included
BLOCKING = {"serious", "critical"}


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations on the page as it is now."""
    result = AXE.run(page)
    return [v for v in result.response["violations"] if v["impact"] in BLOCKING]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])}×): {v['help']} — {targets}")
    return "\n".join(lines)
