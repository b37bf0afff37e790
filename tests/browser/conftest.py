"""One headless Chromium (the system's, driven by Playwright) for the browser tests, and a server for it to open."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings
from mockserver.threaded import ThreadedServer, serve_in_thread
from tests.conftest import FROZEN_AT

#: Debian's chromium package; `make test` installs it when it is missing (Playwright's own download is never used).
CHROMIUM = Path(os.environ.get("MOCKSERVER_CHROMIUM", "/usr/bin/chromium"))


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Started once for these tests and closed after them."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package when it is")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield chromium
        finally:
            chromium.close()


def frozen_clock() -> Clock:
    clock = Clock()
    clock.freeze(FROZEN_AT)
    return clock


@pytest.fixture
def server() -> Iterator[ThreadedServer]:
    """A fresh server on a free loopback port, its clock frozen at FROZEN_AT."""
    with serve_in_thread(create_app(Settings(seed=1234), clock=frozen_clock())) as running:
        yield running


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()
