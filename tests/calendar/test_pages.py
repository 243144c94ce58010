"""Every public page renders, in both languages, with the right events and status codes."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from django.utils.html import escape

from tests import factories

pytestmark = pytest.mark.django_db

EN_TITLE = "IURC China Webinar: Regional Innovation & Smart Sustainable Specialization Strategies"
ZH_TITLE = "IURC China 研讨会:区域创新与智慧专业化战略"


@pytest.fixture
def webinar():
    return factories.seed_webinar()


def test_seed_week_shows_the_webinar_once_and_six_empty_days(client, webinar):
    html = client.get("/en/calendar/week/2022-05-29/").content.decode()
    assert html.count(f">{escape(EN_TITLE)}<") == 1
    assert html.count("No events") == 6
    assert "May 29 - June 04" in html
    assert ">09:00–11:00<" in html


def test_seed_week_lists_every_day_with_number_and_full_date(client, webinar):
    html = client.get("/en/calendar/week/2022-06-01/").content.decode()
    for number, full in [("29", "May 29, 2022"), ("01", "June 1, 2022"), ("04", "June 4, 2022")]:
        assert f'<span class="day-number" aria-hidden="true">{number}</span>' in html
        assert full in html


def test_chinese_week_shows_the_same_event_in_chinese(client, webinar):
    html = client.get("/zh-hans/calendar/week/2022-05-29/").content.decode()
    assert html.count(ZH_TITLE) == 1
    assert EN_TITLE not in html
    assert "2022年6月2日" in html
    assert f'href="/zh-hans/events/{webinar.slug}/"' in html


def test_week_has_year_switcher_and_period_navigation(client, webinar):
    html = client.get("/en/calendar/week/2022-05-29/").content.decode()
    assert 'href="/en/calendar/week/2021-05-29/"' in html
    assert 'href="/en/calendar/week/2023-05-29/"' in html
    assert 'rel="prev" href="/en/calendar/week/2022-05-22/"' in html
    assert 'rel="next" href="/en/calendar/week/2022-06-05/"' in html


@pytest.mark.parametrize(
    "url",
    [
        "/en/calendar/month/2022-06/",
        "/en/calendar/day/2022-06-02/",
        "/en/calendar/4days/2022-06-01/",
        "/en/calendar/posterboard/2022-06/",
        "/en/events/?past=1",
    ],
)
def test_each_view_shows_the_webinar(client, webinar, url):
    response = client.get(url)
    assert response.status_code == 200
    assert escape(EN_TITLE) in response.content.decode()


def test_month_is_a_table_with_weekday_headers_starting_sunday(client, webinar):
    html = client.get("/en/calendar/month/2022-06/").content.decode()
    assert '<table class="month">' in html
    assert '<th scope="col" abbr="Sunday">Sun</th>' in html
    assert html.index('abbr="Sunday"') < html.index('abbr="Monday"')


def test_busy_month_day_shows_plus_n_more(client):
    cal = factories.calendar()
    for hour in range(8, 14):
        factories.event(
            f"Talk at {hour}", cal=cal, day=date(2022, 6, 15), start=time(hour), end=time(hour, 45)
        )
    html = client.get("/en/calendar/month/2022-06/").content.decode()
    assert "+3 more" in html
    day = client.get("/en/calendar/day/2022-06-15/").content.decode()
    assert all(f"Talk at {hour}" in day for hour in range(8, 14))


def test_list_shows_upcoming_and_archive_separately(client, webinar):
    future = factories.event("Future forum", day=date(2099, 1, 5))
    upcoming = client.get("/en/events/").content.decode()
    archive = client.get("/en/events/?past=1").content.decode()
    assert future.t.title in upcoming and escape(EN_TITLE) not in upcoming
    assert escape(EN_TITLE) in archive and future.t.title not in archive


def test_event_page_shows_details_and_highlights_after_the_event(client, webinar):
    html = client.get(f"/en/events/{webinar.slug}/").content.decode()
    assert f'<h1 lang="en">{escape(EN_TITLE)}</h1>' in html
    assert "Read the highlights from the event" in html
    assert 'href="/en/calendar/week/2022-06-02/"' in html  # back to the calendar at that date
    assert "Central European Summer Time" in html


def test_event_page_in_a_missing_language_falls_back_and_says_so(client, settings):
    event = factories.event("Only English")
    html = client.get(f"/zh-hans/events/{event.slug}/").content.decode()
    assert "Only English" in html
    assert 'role="note"' in html


def test_drafts_are_hidden_from_visitors_but_previewable_by_staff(client, admin_client):
    draft = factories.event("Secret draft", status="draft")
    assert client.get(f"/en/events/{draft.slug}/").status_code == 404
    assert "Secret draft" not in client.get("/en/calendar/week/2022-06-02/").content.decode()
    preview = admin_client.get(f"/en/events/{draft.slug}/")
    assert preview.status_code == 200
    assert "Draft preview" in preview.content.decode()


def test_cancelled_event_stays_listed_and_is_marked(client):
    factories.event("Called off", status="cancelled")
    html = client.get("/en/calendar/week/2022-06-02/").content.decode()
    assert "Called off" in html
    assert "Cancelled" in html


@pytest.mark.parametrize("kind", ["category", "tag", "venue", "organizer"])
def test_taxonomy_pages_list_their_events(client, kind):
    item = getattr(factories, kind)(f"the-{kind}")
    related = {"category": "categories", "tag": "tags", "organizer": "organizers"}
    past = factories.event(f"Past with {kind}", **({"venue": item} if kind == "venue" else {}))
    future = factories.event(
        f"Future with {kind}", day=date(2099, 3, 1), **({"venue": item} if kind == "venue" else {})
    )
    factories.event(f"Unrelated to {kind}")
    if kind in related:
        for event in (past, future):
            getattr(event, related[kind]).add(item)
    html = client.get(f"/en/{kind}/the-{kind}/").content.decode()
    assert f"Past with {kind}" in html and f"Future with {kind}" in html
    assert f"Unrelated to {kind}" not in html


def test_venue_page_links_to_openstreetmap(client):
    factories.venue("egmont", latitude=Decimal("50.8386"), longitude=Decimal("4.3612"))
    html = client.get("/en/venue/egmont/").content.decode()
    assert (
        "https://www.openstreetmap.org/?mlat=50.8386&amp;mlon=4.3612#map=16/50.8386/4.3612" in html
    )


def test_category_page_includes_events_of_subcategories(client):
    parent = factories.category("cooperation")
    child = factories.category("webinars", parent=parent)
    factories.event("Child event").categories.add(child)
    html = client.get("/en/category/cooperation/").content.decode()
    assert "Child event" in html
    assert 'href="/en/category/webinars/"' in html


def test_calendar_scope_shows_only_that_calendar_in_its_zone(client):
    shanghai = factories.calendar("china-desk", timezone="Asia/Shanghai", first_weekday=0)
    factories.event(
        "Shanghai briefing",
        cal=shanghai,
        day=date(2022, 6, 2),
        start=time(15),
        end=time(17),
        zone="Asia/Shanghai",
    )
    factories.event("Elsewhere")
    html = client.get("/en/c/china-desk/calendar/week/2022-06-02/").content.decode()
    assert "Shanghai briefing" in html and "Elsewhere" not in html
    assert ">15:00–17:00<" in html
    assert "May 30 - June 05" in html  # weeks start on Monday in this calendar


def test_calendar_root_redirects_to_its_week(client):
    factories.calendar("china-desk")
    response = client.get("/en/c/china-desk/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/c/china-desk/calendar/week/")


def test_legacy_event_calendar_wd_link_redirects_to_the_week(client):
    response = client.get("/ecwd_calendar/calendar/?date=2022-5-29&t=week")
    assert response.status_code == 301
    assert response["Location"] == "/en/calendar/week/2022-05-29/"


def test_date_picker_goes_to_the_chosen_date_in_the_same_view(client):
    response = client.get("/en/calendar/go/?view=month&date=2022-06-02&category=x")
    assert response.status_code == 302
    assert response["Location"] == "/en/calendar/month/2022-06/?category=x"


@pytest.mark.parametrize(
    "url",
    [
        "/en/calendar/week/2022-02-30/",
        "/en/calendar/week/not-a-date/",
        "/en/calendar/week/0000-01-01/",
        "/en/calendar/month/99999-01/",
        "/en/calendar/month/2022-13/",
        "/en/calendar/day/2022-6-31/",
        "/en/events/no-such-event/",
        "/en/category/no-such-category/",
        "/en/c/no-such-calendar/calendar/week/2022-06-02/",
        "/xx/calendar/week/2022-06-02/",
        "/en/events/?page=999",
        "/en/events/?page=abc",
    ],
)
def test_bad_urls_get_a_proper_404_page(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_impossible_date_says_why(client):
    html = client.get("/en/calendar/week/2022-02-30/").content.decode()
    assert "2022-02-30 is not a date in the calendar." in html


@pytest.mark.parametrize("raw", ["2022-02-30", "yesterday", "", "99999-01-01"])
def test_bad_date_picker_input_gets_400(client, raw):
    response = client.get(f"/en/calendar/go/?view=week&date={raw}")
    assert response.status_code == 400
    assert "That date could not be read" in response.content.decode()


def test_bad_legacy_date_gets_400(client):
    assert client.get("/ecwd_calendar/calendar/?date=2022-2-30&t=week").status_code == 400


def test_navigation_stops_at_the_supported_years(client):
    html = client.get("/en/calendar/week/1900-01-03/").content.decode()
    assert 'rel="prev"' not in html
    assert 'rel="next"' in html


def test_root_and_language_home_redirect_to_this_week(client):
    assert client.get("/").status_code == 302
    response = client.get("/en/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/calendar/week/")


def test_language_switcher_keeps_the_page_and_filters(client, webinar):
    html = client.get("/en/calendar/week/2022-05-29/?category=webinar").content.decode()
    assert 'href="/zh-hans/calendar/week/2022-05-29/?category=webinar"' in html
    assert 'hreflang="zh-hans"' in html


def test_script_in_content_never_reaches_the_page(client):
    factories.event(
        "<script>alert(1)</script>Title",
        translations={
            "en": {
                "title": "<script>alert(1)</script>Title",
                "description": "<p onclick='x()'>Hi<script>bad()</script></p>",
            }
        },
    )
    html = client.get("/en/calendar/week/2022-06-02/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Title" in html
    assert "bad()" not in html and "onclick" not in html


def test_list_gives_the_end_date_of_a_multi_day_event(client):
    factories.event(
        "Summit", day=date(2099, 6, 21), start=time(9), end=time(17), end_day=date(2099, 6, 23)
    )
    html = client.get("/en/events/").content.decode()
    assert "09:00 – June 23, 17:00" in html
    assert "continues" not in html


def test_week_marks_the_days_a_multi_day_event_continues(client):
    factories.event(
        "Summit", day=date(2022, 6, 1), start=time(9), end=time(17), end_day=date(2022, 6, 3)
    )
    html = client.get("/en/calendar/week/2022-06-01/").content.decode()
    assert html.count(">Summit<") == 3
    assert ">09:00–…<" in html and ">…–…<" in html and ">…–17:00<" in html
