"""The viewer's zone: ?tz=, the remembered choice, the detected zone; dual and audience times."""

from __future__ import annotations

from datetime import date, time

import pytest

from almanac.i18n.middleware import CHOICE_COOKIE, DETECTED_COOKIE
from tests import factories

pytestmark = pytest.mark.django_db

SEED_WEEK = "/en/calendar/week/2022-05-29/"


@pytest.fixture
def webinar():
    return factories.seed_webinar()


def day_block(html: str, day: str) -> str:
    """The HTML of one day of a week page, from its heading to the next day's."""
    start = html.index(f'datetime="{day}"')
    end = html.find('<li class="day', start)
    return html[start : end if end != -1 else len(html)]


@pytest.mark.parametrize(
    "zone,expected",
    [
        ("Europe/Brussels", ">09:00–11:00<"),
        ("Asia/Shanghai", ">15:00–17:00<"),
        ("America/New_York", ">03:00–05:00<"),
    ],
)
def test_seed_webinar_on_june_2_in_each_zone(client, webinar, zone, expected):
    html = client.get(f"{SEED_WEEK}?tz={zone}").content.decode()
    assert expected in day_block(html, "2022-06-02")
    assert html.count("No events") == 6


def test_other_zone_shows_the_event_zone_time_labelled(client, webinar):
    html = client.get(f"{SEED_WEEK}?tz=Asia/Shanghai").content.decode()
    assert '<time datetime="2022-06-02T09:00:00+02:00">09:00–11:00</time> CEST' in html


def test_audience_zones_are_shown_beside_the_time(client):
    factories.event("China webinar", audience_zones=["Asia/Shanghai"])
    html = client.get("/en/calendar/day/2022-06-02/").content.decode()
    assert ">09:00–11:00<" in html
    assert (
        '<time datetime="2022-06-02T15:00:00+08:00">15:00–17:00</time> China Standard Time' in html
    )


def test_calendar_audience_zones_apply_to_its_events(client):
    cal = factories.calendar("latam", audience_zones=["America/Sao_Paulo"])
    factories.event("Latam call", cal=cal)
    html = client.get("/en/calendar/day/2022-06-02/").content.decode()
    assert "04:00–06:00</time> Brasilia Standard Time" in html


def test_evening_in_brussels_is_the_next_day_in_shanghai(client):
    factories.event("Late call", day=date(2022, 6, 1), start=time(23, 30), end=time(23, 45))
    brussels = client.get(SEED_WEEK).content.decode()
    shanghai = client.get(f"{SEED_WEEK}?tz=Asia/Shanghai").content.decode()
    assert "Late call" in day_block(brussels, "2022-06-01")
    assert "Late call" in day_block(shanghai, "2022-06-02")
    assert "Late call" not in day_block(shanghai, "2022-06-01")
    assert "(-1 day)" in day_block(shanghai, "2022-06-02")


def test_all_day_event_keeps_its_day_in_every_zone(client):
    factories.event("Open day", day=date(2022, 6, 2), start=None, end=None)
    for zone in ("Pacific/Honolulu", "Asia/Tokyo"):
        html = client.get(f"{SEED_WEEK}?tz={zone}").content.decode()
        assert "Open day" in day_block(html, "2022-06-02")


def test_unknown_zone_is_a_400_with_a_message(client):
    response = client.get(f"{SEED_WEEK}?tz=Mars/Olympus")
    assert response.status_code == 400
    assert "“Mars/Olympus” is not a time zone" in response.content.decode()


def test_chosen_zone_wins_over_detected_and_url_wins_over_both(client, webinar):
    client.cookies[DETECTED_COOKIE] = "America/New_York"
    assert ">03:00–05:00<" in client.get(SEED_WEEK).content.decode()
    client.cookies[CHOICE_COOKIE] = "Asia/Shanghai"
    html = client.get(SEED_WEEK).content.decode()
    assert ">15:00–17:00<" in html and ">your time<" in html
    assert ">09:00–11:00<" in client.get(f"{SEED_WEEK}?tz=Europe/Brussels").content.decode()


def test_broken_zone_cookie_is_ignored(client, webinar):
    client.cookies[CHOICE_COOKIE] = "Nowhere/Land"
    response = client.get(SEED_WEEK)
    assert response.status_code == 200
    assert ">09:00–11:00<" in response.content.decode()


def test_language_and_zone_are_independent(client, webinar):
    html = client.get("/zh-hans/calendar/week/2022-05-29/?tz=America/New_York").content.decode()
    assert "IURC China 研讨会:区域创新与智慧专业化战略" in html
    assert ">03:00–05:00<" in html


def test_zone_from_the_url_is_kept_in_navigation_links(client, webinar):
    html = client.get(f"{SEED_WEEK}?tz=Asia/Shanghai&category=x").content.decode()
    assert (
        'rel="next" href="/en/calendar/week/2022-06-05/?category=x&amp;tz=Asia%2FShanghai"' in html
    )
    assert 'href="/zh-hans/calendar/week/2022-05-29/?tz=Asia/Shanghai&amp;category=x"' in html


def test_choosing_a_zone_sets_the_cookie_and_returns(client):
    response = client.post("/en/timezone/", {"tz": "Asia/Kathmandu", "next": SEED_WEEK})
    assert response.status_code == 302
    assert response["Location"] == SEED_WEEK
    assert response.cookies[CHOICE_COOKIE].value == "Asia/Kathmandu"
    forget = client.post("/en/timezone/", {"tz": "auto", "next": SEED_WEEK})
    assert forget.cookies[CHOICE_COOKIE].value == ""


def test_choosing_a_bad_zone_or_an_outside_next(client):
    assert client.post("/en/timezone/", {"tz": "Atlantis", "next": SEED_WEEK}).status_code == 400
    response = client.post("/en/timezone/", {"tz": "UTC", "next": "https://evil.example/"})
    assert response["Location"] == "/en/calendar/"


def test_zone_search_lists_matching_zones(client):
    html = client.get("/en/timezone/?q=shang").content.decode()
    assert 'type="radio" name="tz" value="Asia/Shanghai"' in html
    assert 'type="radio" name="tz" value="Europe/Brussels"' not in html
    assert "No time zone matches" in client.get("/en/timezone/?q=zzzz").content.decode()


def test_event_page_shows_event_zone_audience_and_viewer_times(client):
    event = factories.event("China webinar", audience_zones=["Asia/Shanghai"])
    client.cookies[CHOICE_COOKIE] = "America/New_York"
    html = client.get(f"/en/events/{event.slug}/").content.decode()
    assert "Thursday, June 2, 2022 09:00</time>" in html
    assert "Central European Summer Time (Europe/Brussels)" in html
    assert "15:00–17:00</time> China Standard Time" in html
    assert ">03:00–05:00</time> your time (America/New_York)" in html
    assert 'href="/en/calendar/week/2022-06-02/?tz=Europe/Brussels"' in html


def test_month_cells_show_the_event_zone_time_too(client, webinar):
    html = client.get("/en/calendar/month/2022-06/?tz=Asia/Shanghai").content.decode()
    assert '<span class="cell-time">15:00</span>' in html
    assert (
        '<span class="cell-other"><span class="other-time"><time datetime="2022-06-02T09:00:00+02:00">09:00–11:00</time> CEST</span></span>'
        in html
    )


def test_multi_day_event_fills_every_month_cell_it_spans(client):
    factories.event(
        "Summit", day=date(2022, 6, 29), start=time(9), end=time(17), end_day=date(2022, 7, 2)
    )
    june = client.get("/en/calendar/month/2022-06/").content.decode()
    # June 29 and 30 are in June; July 1 and 2 are the grid's trailing days.
    assert june.count('Summit<span class="visually-hidden">') == 4
    assert june.count('<span class="cell-time">09:00</span> Summit<') == 1  # the first day only
