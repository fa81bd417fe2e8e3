"""Browser tests: Playwright driving Debian's Chromium against a real uvicorn process (tests/live_server.py)
on a fresh SQLite database with the demo data.

One browser for the whole session, a new context (cookies, viewport, JavaScript on or off) per test.
Every step of a journey leaves a screenshot in ``tests/e2e/artifacts/<test>/`` (``E2E_ARTIFACTS``
moves it); the folder is emptied when a session starts. ``make test-e2e`` runs the suite; the normal
``make test`` does not collect it (``norecursedirs`` in pyproject.toml).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, FloatRect, Page, Playwright, sync_playwright

from tests.e2e.browser import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    PAGE_WEIGHT,
    Browsing,
    Shot,
    assert_no_sideways_scroll,
)
from tests.live_server import LiveServer, live_server


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: a browser test (tests/e2e)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if PAGE_WEIGHT:
        terminalreporter.section("page weight (first load, empty cache)")
        for page, (total, requests, html) in PAGE_WEIGHT.items():
            size, markup = f"{total / 1024:.1f} KB", f"{html / 1024:.1f} KB"
            terminalreporter.line(f"{page}: {size} transferred in {requests} requests (HTML {markup})")
    terminalreporter.line(f"screenshots: {ARTIFACTS}")


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


@pytest.fixture
def browsing(browser: Browser, server: LiveServer) -> Iterator[Browsing]:
    session = Browsing(browser, server)
    yield session
    session.close()


@pytest.fixture
def shot(request: pytest.FixtureRequest, artifacts: Path) -> Shot:
    """``shot(page, "receipt")`` saves the page as ``artifacts/<test>/<nn>-receipt.png``."""
    folder = artifacts / re.sub(r"[^\w.-]+", "_", request.node.name)
    counter = iter(range(1, 1000))

    def take(page: Page, step: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        page.wait_for_load_state()
        if page.viewport_size and page.viewport_size["width"] < 700:
            assert_no_sideways_scroll(page, f"{step} ({page.url})")
        path = folder / f"{next(counter):02d}-{step}.png"
        # A whole long page (a draft of 300 articles) would be a picture tens of thousands of pixels
        # tall: keep at most 5,000 pixels of it, from a little above what is in view (where the step
        # acted) or from the top.
        height, top, width = page.evaluate(
            "[document.documentElement.scrollHeight, scrollY, document.documentElement.clientWidth]"
        )
        if height <= 5000:
            page.screenshot(path=str(path), full_page=True, animations="disabled")
        else:
            y = max(0, min(top - 600, height - 5000))
            clip: FloatRect = {"x": 0, "y": y, "width": width, "height": 5000}
            page.screenshot(path=str(path), full_page=True, clip=clip, animations="disabled")
        return path

    return take
