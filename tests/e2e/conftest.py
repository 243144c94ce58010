"""Browser tests: Playwright driving the system Chromium against pytest-django's live server.

Where /usr/bin/chromium is absent the tests skip, except under CI=true, where they fail:
a CI run that silently skipped its browser tests would prove nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

# Playwright's sync API keeps an asyncio loop running in the main thread; Django would
# otherwise refuse the ORM calls the tests make (factories, fixtures) from that thread.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEFAULT_TIMEOUT_MS = 10_000
E2E_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/e2e gets the ``e2e`` marker (``-m "not e2e"`` leaves them out)."""
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def _unavailable(reason: str) -> NoReturn:
    """Skip locally; fail under CI=true, where a missing browser is a broken pipeline."""
    if _in_ci():
        pytest.fail(f"CI=true but the browser tests cannot run: {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless system Chromium for the whole session."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        _unavailable(
            f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium); "
            "never `playwright install`"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - playwright is a dev dependency
        _unavailable(f"the playwright package is missing ({exc})")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


def _context(browser: Browser, width: int, height: int) -> BrowserContext:
    """English first, in Brussels: what the assertions about times expect."""
    ctx = browser.new_context(
        locale="en-GB", timezone_id="Europe/Brussels", viewport={"width": width, "height": height}
    )
    ctx.set_default_timeout(DEFAULT_TIMEOUT_MS)
    return ctx


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser context (cookies, storage) per test, desktop size."""
    ctx = _context(browser, 1280, 900)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    tab = context.new_page()
    try:
        yield tab
    finally:
        tab.close()


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    """A page in a phone-sized context: a 360x740 viewport."""
    ctx = _context(browser, 360, 740)
    try:
        yield ctx.new_page()
    finally:
        ctx.close()
