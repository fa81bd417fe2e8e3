"""Browser tests: Playwright driving Debian's Chromium against a real uvicorn process (tests/live_server.py)
on a fresh SQLite database with the demo data.

One browser for the whole session, a new context (cookies, viewport, JavaScript on or off) per test.
Every step of a journey leaves a screenshot in ``tests/e2e/artifacts/<test>/`` (``E2E_ARTIFACTS``
moves it); the folder is emptied when a session starts. ``make test-e2e`` runs the suite; the normal
``make test`` does not collect it (``norecursedirs`` in pyproject.toml).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, ViewportSize, sync_playwright

from tests.live_server import LiveServer, live_server

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
# Root needs --no-sandbox; the rest stop Chromium from calling home (the network is closed here, and
# without them it waits on Google's servers) and from starting the GPU process on a machine with none.
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


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: a browser test (tests/e2e)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    if ARTIFACTS.exists():
        shutil.rmtree(ARTIFACTS)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The portal with the demo data, on a free port, for this session only."""
    with live_server(tmp_path_factory.mktemp("e2e")) as running:
        yield running


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk (see README)")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    browser = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


class Browsing:
    """Opens contexts for one test and closes them at its end."""

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


@pytest.fixture
def browsing(browser: Browser, server: LiveServer) -> Iterator[Browsing]:
    session = Browsing(browser, server)
    yield session
    session.close()


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
    page.wait_for_url(re.compile(r"/staff/(\?.*)?$"))


Shot = Callable[[Page, str], Path]


@pytest.fixture
def shot(request: pytest.FixtureRequest, artifacts: Path) -> Shot:
    """``shot(page, "receipt")`` saves the page as ``artifacts/<test>/<nn>-receipt.png``."""
    folder = artifacts / re.sub(r"[^\w.-]+", "_", request.node.name)
    counter = iter(range(1, 1000))

    def take(page: Page, step: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{next(counter):02d}-{step}.png"
        # A whole long page (a draft of 300 articles) would be a picture tens of thousands of pixels
        # tall: beyond a few screens, keep what is in view, which is what the step is about.
        height = page.evaluate("document.documentElement.scrollHeight")
        page.screenshot(path=str(path), full_page=height <= 6000, animations="disabled")
        return path

    return take


# --- accessibility -----------------------------------------------------------------------------------

AXE = Axe()
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
