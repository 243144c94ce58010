"""The viewer's time zone in a real browser: detected, switched with the control, kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from tests import factories

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("transactional_db")]

SEED_WEEK = "/en/calendar/week/2022-05-29/"


def seed_time(page: Page) -> str:
    return page.locator(".event .event-time time").first.inner_text()


def test_switching_the_zone_shows_the_seed_webinar_at_15_in_shanghai(
    page: Page, live_server: LiveServer
) -> None:
    factories.seed_webinar()
    page.goto(live_server.url + SEED_WEEK)
    assert seed_time(page) == "09:00–11:00"

    page.get_by_text("Times shown in Europe/Brussels").click()
    page.get_by_label("Show times in").select_option("Asia/Shanghai")
    page.get_by_role("button", name="Set", exact=True).click()

    expect(page.locator("summary", has_text="Times shown in Asia/Shanghai")).to_be_visible()
    assert seed_time(page) == "15:00–17:00"
    assert "09:00–11:00 CEST" in page.locator(".event .other-times").inner_text()
    # The choice is remembered on the next page, and the language is independent of it.
    page.get_by_role("link", name="简体中文").click()
    assert seed_time(page) == "15:00–17:00"


def test_the_browser_zone_is_detected_on_the_first_visit(
    browser: Browser, live_server: LiveServer
) -> None:
    factories.seed_webinar()
    context = browser.new_context(locale="en-US", timezone_id="America/New_York")
    try:
        page = context.new_page()
        page.goto(live_server.url + SEED_WEEK)
        expect(page.locator("summary", has_text="Times shown in America/New_York")).to_be_visible()
        assert seed_time(page) == "03:00–05:00"
        assert page.locator(".event .zone-label").first.inner_text() == "your time"
    finally:
        context.close()


def test_zone_search_without_javascript(browser: Browser, live_server: LiveServer) -> None:
    factories.seed_webinar()
    context = browser.new_context(java_script_enabled=False, timezone_id="Europe/Brussels")
    try:
        page = context.new_page()
        page.goto(live_server.url + SEED_WEEK)
        page.get_by_text("Times shown in Europe/Brussels").click()
        page.get_by_label("Find a time zone").fill("kathmandu")
        page.locator(".zone-control").get_by_role("button", name="Search").click()
        page.get_by_label("Asia/Kathmandu").check()
        page.get_by_role("button", name="Show times in this zone").click()
        assert seed_time(page) == "12:45–14:45"
    finally:
        context.close()
