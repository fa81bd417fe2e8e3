"""What a first visit costs: bytes on the wire (Chromium's own count, headers included, compressed as
sent) and requests, for the home page and the reader of an open demo draft (62 articles), with an empty
cache. The reader stays under 300 KB and nothing is fetched from another origin. The figures are
printed at the end of the run and written to artifacts/page-weight.md (docs/performance.md quotes
them)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from tests.e2e.browser import DESKTOP, PAGE_WEIGHT, PHONE, TIMEOUT_MS, Variant
from tests.live_server import LiveServer

READER_BUDGET = 300 * 1024
PAGES = {"home": "/", "reader": "/drafts/1"}  # 62 articles, open: a comment button on each


def first_load(browser: Browser, server: LiveServer, path: str, variant: Variant) -> list[tuple[str, int]]:
    """(url, bytes received) of every request of a first load in a fresh, cache-less context."""
    context = browser.new_context(base_url=server.url, viewport=variant.viewport, is_mobile=variant.mobile)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on(
        "Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"]))
    )
    cdp.on("Network.loadingFailed", lambda e: sizes.__setitem__(e["requestId"], 0))
    try:
        page.goto(path, wait_until="networkidle")
        return [(urls[r], sizes.get(r, 0)) for r in urls]
    finally:
        context.close()


@pytest.mark.parametrize("variant", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", list(PAGES))
def test_first_load_weight(
    name: str, variant: Variant, browser: Browser, server: LiveServer, artifacts: Path
) -> None:
    requests = first_load(browser, server, PAGES[name], variant)
    origin = urlsplit(server.url).netloc
    foreign = [url for url, _ in requests if urlsplit(url).netloc != origin]
    assert not foreign, f"third-party requests: {foreign}"
    total = sum(size for _, size in requests)
    html = next(size for url, size in requests if urlsplit(url).path == PAGES[name])
    PAGE_WEIGHT[f"{name} ({variant.name})"] = (total, len(requests), html)
    if name == "reader":
        assert total < READER_BUDGET, f"reader first load {total / 1024:.1f} KB: {requests}"
    lines = ["| page | transferred | requests | of which the HTML |", "|---|---|---|---|"]
    lines += [
        f"| {key} `{PAGES[key.split()[0]]}` | {t / 1024:.1f} KB | {n} | {h / 1024:.1f} KB |"
        for key, (t, n, h) in PAGE_WEIGHT.items()
    ]
    (artifacts / "page-weight.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
