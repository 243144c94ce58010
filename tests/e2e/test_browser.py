"""What a visitor sees and does in a real browser: navigation, filters, languages, phone, keys."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from almanac.events.models import Event
from tests import factories

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("transactional_db")]

EN_TITLE = "IURC China Webinar: Regional Innovation & Smart Sustainable Specialization Strategies"
ZH_TITLE = "IURC China 研讨会:区域创新与智慧专业化战略"
SEED_WEEK = "/en/calendar/week/2022-05-29/"


@pytest.fixture
def webinar() -> Event:
    return factories.seed_webinar()


def url_re(live_server: LiveServer, path: str) -> re.Pattern[str]:
    """The full URL of ``path`` on the live server, with any query string, as a pattern."""
    return re.compile(re.escape(f"{live_server.url}{path}") + r"(\?.*)?$")


def main_text(page: Page) -> str:
    return page.locator("main").inner_text()


def heading(page: Page) -> str:
    return page.locator("h1").inner_text().strip()


def test_week_view_and_its_navigation(page: Page, live_server: LiveServer, webinar: Event) -> None:
    page.goto(live_server.url + SEED_WEEK)

    assert heading(page) == "May 29 - June 04"
    assert main_text(page).count(EN_TITLE) == 1
    expect(page.locator(".event-title a", has_text=EN_TITLE)).to_have_count(1)
    expect(page.get_by_text("No events", exact=True)).to_have_count(6)

    page.get_by_role("link", name="Next", exact=True).click()
    expect(page).to_have_url(url_re(live_server, "/en/calendar/week/2022-06-05/"))
    assert heading(page) == "June 05 - June 11"

    page.get_by_role("link", name="Previous", exact=True).click()
    expect(page).to_have_url(url_re(live_server, "/en/calendar/week/2022-05-29/"))
    page.get_by_role("link", name="Previous", exact=True).click()
    expect(page).to_have_url(url_re(live_server, "/en/calendar/week/2022-05-22/"))
    assert heading(page) == "May 22 - May 28"
    assert EN_TITLE not in main_text(page)

    year_back = page.locator(".year-switcher a", has_text="<")
    expect(year_back).to_have_text("<")
    year_back.click()
    expect(page).to_have_url(url_re(live_server, "/en/calendar/week/2021-05-22/"))
    expect(page.locator(".year-switcher .year")).to_have_text("2021")
    assert heading(page) == "May 16 - May 22"


def test_month_navigation_and_date_picker(
    page: Page, live_server: LiveServer, webinar: Event
) -> None:
    page.goto(live_server.url + "/en/calendar/month/2022-06/")

    assert heading(page) == "June 2022"
    table = page.locator("table.month")
    expect(table).to_be_visible()
    expect(table.locator("a", has_text=EN_TITLE)).to_have_count(1)
    assert table.inner_text().count(EN_TITLE) == 1

    page.get_by_role("link", name="Next", exact=True).click()
    expect(page).to_have_url(url_re(live_server, "/en/calendar/month/2022-07/"))
    assert heading(page) == "July 2022"
    assert EN_TITLE not in main_text(page)

    page.locator("input#go-date").fill("2022-06-02")
    page.get_by_role("button", name="Go", exact=True).click()
    expect(page).to_have_url(url_re(live_server, "/en/calendar/month/2022-06/"))
    assert heading(page) == "June 2022"
    expect(page.locator("table.month a", has_text=EN_TITLE)).to_have_count(1)


def test_open_an_event_and_go_back(page: Page, live_server: LiveServer, webinar: Event) -> None:
    page.goto(live_server.url + SEED_WEEK)

    page.locator(".event-title a", has_text=EN_TITLE).click()
    expect(page).to_have_url(url_re(live_server, f"/en/events/{webinar.slug}/"))
    expect(page.locator("h1")).to_have_count(1)
    assert heading(page) == EN_TITLE

    back = page.get_by_role("link", name="Back to the calendar")
    expect(back).to_have_text("← Back to the calendar")
    back.click()
    # The week holding the event, whichever of its days the link names.
    week_of_may_29 = r"/en/calendar/week/2022-(05-(29|30|31)|06-0[1-4])/$"
    expect(page).to_have_url(re.compile(re.escape(live_server.url) + week_of_may_29))
    assert heading(page) == "May 29 - June 04"
    assert main_text(page).count(EN_TITLE) == 1


def test_category_filter_narrows_and_survives_navigation(
    page: Page, live_server: LiveServer
) -> None:
    workshops = factories.category("workshops")
    lectures = factories.category("lectures", colour="#b3261e")
    factories.event("Budget workshop", day=date(2022, 6, 8), categories=[workshops])
    factories.event("Open lecture", day=date(2022, 6, 15), categories=[lectures])

    page.goto(live_server.url + "/en/calendar/month/2022-06/")
    table = page.locator("table.month")
    expect(table.locator("a", has_text="Budget workshop")).to_have_count(1)
    expect(table.locator("a", has_text="Open lecture")).to_have_count(1)

    page.locator("details.facets > summary").click()
    expect(page.locator("details.facets > summary")).to_have_text("Filters")
    page.get_by_label("Workshops", exact=True).check()
    page.get_by_role("button", name="Apply filters", exact=True).click()

    expect(page).to_have_url(
        re.compile(r"/en/calendar/month/2022-06/\?(.*&)?category=workshops(&|$)")
    )
    assert "category=lectures" not in page.url
    expect(table.locator("a", has_text="Budget workshop")).to_have_count(1)
    expect(table.locator("a", has_text="Open lecture")).to_have_count(0)
    assert "Open lecture" not in main_text(page)
    expect(page.get_by_label("Workshops", exact=True)).to_be_checked()

    next_link = page.get_by_role("link", name="Next", exact=True)
    assert re.search(r"[?&]category=workshops(&|$)", next_link.get_attribute("href") or "")
    next_link.click()
    expect(page).to_have_url(
        re.compile(r"/en/calendar/month/2022-07/\?(.*&)?category=workshops(&|$)")
    )
    expect(page.get_by_label("Workshops", exact=True)).to_be_checked()


def test_chinese_week_and_language_switcher(
    page: Page, live_server: LiveServer, webinar: Event
) -> None:
    page.goto(live_server.url + "/zh-hans/calendar/week/2022-05-29/")

    text = main_text(page)
    assert text.count(ZH_TITLE) == 1
    assert EN_TITLE not in text
    expect(page.locator(".event-title a", has_text=ZH_TITLE)).to_have_count(1)

    english = page.locator("nav.languages a[hreflang='en']")
    expect(english).to_have_text("English")
    english.click()
    expect(page).to_have_url(url_re(live_server, SEED_WEEK))
    assert heading(page) == "May 29 - June 04"
    assert main_text(page).count(EN_TITLE) == 1


PHONE_PAGES = {
    "week": SEED_WEEK,
    "month": "/en/calendar/month/2022-06/",
    "day": "/en/calendar/day/2022-06-02/",
    "4days": "/en/calendar/4days/2022-06-01/",
    "posterboard": "/en/calendar/posterboard/2022-06/",
    "list": "/en/events/",
    "event": "/en/events/iurc-china-webinar-regional-innovation/",
}


@pytest.mark.parametrize("name", list(PHONE_PAGES))
def test_no_sideways_scrolling_on_a_phone(
    phone_page: Page, live_server: LiveServer, webinar: Event, name: str
) -> None:
    # Something upcoming, so the list shows a long title too.
    factories.event(EN_TITLE + " (follow-up)", day=date.today() + timedelta(days=10))

    response = phone_page.goto(live_server.url + PHONE_PAGES[name])
    assert response is not None and response.status == 200
    expect(phone_page.locator("main")).to_contain_text("IURC China Webinar")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{PHONE_PAGES[name]} is {width}px wide on a 360px phone"


def test_first_tab_reaches_the_skip_link(
    page: Page, live_server: LiveServer, webinar: Event
) -> None:
    page.goto(live_server.url + SEED_WEEK)

    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({tag: document.activeElement.tagName,"
        " text: document.activeElement.innerText.trim(),"
        " href: document.activeElement.getAttribute('href')})"
    )
    assert focused == {"tag": "A", "text": "Skip to content", "href": "#main"}
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
