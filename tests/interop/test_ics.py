"""iCalendar export: what calendar clients read from /events/<slug>.ics and /feeds/….ics.

The files are read back with ``icalendar`` and expanded with ``recurring_ical_events``
(an independent RFC 5545 implementation), and the occurrences it finds are compared
with those Almanac itself shows.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from django.test import override_settings
from django.utils import timezone
from django.utils.http import http_date

from almanac.events import services
from almanac.events.models import Event, Organizer
from almanac.events.queries import occurrences_between
from almanac.interop.ics import plain_text
from tests import factories

pytestmark = pytest.mark.django_db

EN_TITLE = "IURC China Webinar: Regional Innovation & Smart Sustainable Specialization Strategies"
ZH_TITLE = "IURC China 研讨会:区域创新与智慧专业化战略"
BRUSSELS = ZoneInfo("Europe/Brussels")
AHEAD = date(2099, 6, 2)  # inside every feed's window, whatever today is


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar: icalendar.Calendar) -> list[icalendar.Event]:
    return list(calendar.walk("VEVENT"))


def uids(calendar: icalendar.Calendar) -> set[str]:
    return {str(v["UID"]) for v in vevents(calendar)}


def raw_lines(response) -> list[str]:
    """Content lines, unfolded (RFC 5545 3.1), for exact assertions on the wire format."""
    return response.content.decode().replace("\r\n ", "").split("\r\n")


@pytest.fixture
def webinar() -> Event:
    event = factories.seed_webinar(factories.calendar("iurc"))
    event.audience_zones = ["Asia/Shanghai"]
    return services.save_event(event)


# The seed webinar


def test_seed_webinar_is_one_vevent_at_0900_brussels(client, webinar):
    response = client.get(f"/events/{webinar.slug}.ics")
    calendar = parse(response)
    (vevent,) = vevents(calendar)
    assert vevent["DTSTART"].dt == datetime(2022, 6, 2, 9, 0, tzinfo=BRUSSELS)
    assert vevent["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert vevent["DTEND"].dt == datetime(2022, 6, 2, 11, 0, tzinfo=BRUSSELS)
    assert "DTSTART;TZID=Europe/Brussels:20220602T090000" in raw_lines(response)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    assert calendar.get_missing_tzids() == set()
    assert str(vevent["SUMMARY"]) == EN_TITLE
    assert str(vevent["UID"]) == webinar.uid
    assert vevent["SEQUENCE"] == webinar.sequence
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert str(vevent["URL"]) == f"http://testserver/en/events/{webinar.slug}/"
    assert "RRULE" not in vevent


def test_calendar_properties(client, webinar):
    calendar = parse(client.get("/feeds/iurc.ics"))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//Almanac//Almanac events calendar//EN"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Iurc"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Brussels"
    assert str(parse(client.get("/feeds/all.ics"))["X-WR-CALNAME"]) == "Almanac"


def test_chinese_summary_with_lang_parameter(client, webinar):
    (vevent,) = vevents(parse(client.get(f"/events/{webinar.slug}.ics?lang=zh-hans")))
    assert str(vevent["SUMMARY"]) == ZH_TITLE
    assert str(vevent["URL"]) == f"http://testserver/zh-hans/events/{webinar.slug}/"
    assert "欧盟自2002年以来实施了区域创新战略(RIS)。" in str(vevent["DESCRIPTION"])


def test_language_falls_back_to_the_default_when_there_is_no_translation(client):
    event = factories.event("English only", cal=factories.calendar("c"))
    (vevent,) = vevents(parse(client.get(f"/events/{event.slug}.ics?lang=zh-hans")))
    assert str(vevent["SUMMARY"]) == "English only"


def test_description_is_plain_text_with_times_in_audience_zones(client, webinar):
    (vevent,) = vevents(parse(client.get(f"/events/{webinar.slug}.ics")))
    assert str(vevent["DESCRIPTION"]) == (
        "In the past two decades, regional innovation development policies have been widely "
        "discussed.\n\n"
        "Times: 09:00–11:00 Central European Summer Time (Europe/Brussels) · "
        "15:00–17:00 China Standard Time (Asia/Shanghai)\n\n"
        f"http://testserver/en/events/{webinar.slug}/"
    )


def test_plain_text_keeps_paragraphs_lists_and_link_targets():
    html = (
        "<h2>Objectives</h2><p>Share &amp; learn<br>together.</p>"
        '<ul><li>One</li><li><a href="https://ex.org/a">Two</a></li></ul>'
    )
    assert (
        plain_text(html)
        == "Objectives\n\nShare & learn\ntogether.\n\n- One\n- Two (https://ex.org/a)"
    )


def test_location_geo_categories_and_organizer(client):
    hall = factories.venue("hall", latitude=Decimal("50.846700"), longitude=Decimal("4.352400"))
    talks = factories.category("talks")
    city = factories.organizer("city")
    Organizer.objects.filter(pk=city.pk).update(email="events@city.example")
    event = factories.event("In the hall", venue=hall, categories=[talks], organizers=[city])
    (vevent,) = vevents(parse(client.get(f"/events/{event.slug}.ics")))
    assert str(vevent["LOCATION"]) == "Hall, Rue de la Loi 1, Brussels"
    assert (vevent["GEO"].latitude, vevent["GEO"].longitude) == (50.8467, 4.3524)
    assert vevent["CATEGORIES"].cats == ["Talks"]
    assert str(vevent["ORGANIZER"]) == "mailto:events@city.example"
    assert vevent["ORGANIZER"].params["CN"] == "City"


def test_online_event_location_is_its_link_and_no_organizer_without_email(client):
    event = factories.event(
        "Online", online_url="https://meet.example/abc", organizers=[factories.organizer()]
    )
    (vevent,) = vevents(parse(client.get(f"/events/{event.slug}.ics")))
    assert str(vevent["LOCATION"]) == "https://meet.example/abc"
    assert "Online: https://meet.example/abc" in str(vevent["DESCRIPTION"])
    assert "ORGANIZER" not in vevent
    assert "GEO" not in vevent


def test_all_day_event_uses_dates_and_an_exclusive_end(client):
    event = factories.event("Fair", start=None, end=None, end_day=date(2022, 6, 4))
    response = client.get(f"/events/{event.slug}.ics")
    (vevent,) = vevents(parse(response))
    assert "DTSTART;VALUE=DATE:20220602" in raw_lines(response)
    assert "DTEND;VALUE=DATE:20220605" in raw_lines(response)
    assert vevent["DTSTART"].dt == date(2022, 6, 2)
    assert parse(response).walk("VTIMEZONE") == []


def test_cancelled_event_is_exported_as_cancelled(client):
    event = services.cancel_event(factories.event("Called off", day=AHEAD))
    (vevent,) = vevents(parse(client.get(f"/events/{event.slug}.ics")))
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert event.uid in uids(parse(client.get(f"/feeds/{event.calendar.slug}.ics")))


def test_sequence_rises_after_a_time_change(client):
    event = factories.event("Moves")
    first = client.get(f"/events/{event.slug}.ics")
    assert vevents(parse(first))[0]["SEQUENCE"] == 0
    event.start_time, event.end_time = time(10), time(12)
    services.save_event(event)
    second = client.get(f"/events/{event.slug}.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    (vevent,) = vevents(parse(second))
    assert vevent["SEQUENCE"] == 1
    assert vevent["DTSTART"].dt == datetime(2022, 6, 2, 10, tzinfo=BRUSSELS)
    assert second["ETag"] != first["ETag"]


def test_every_zone_used_has_its_vtimezone(client):
    cal = factories.calendar("world")
    factories.event("Tokyo", cal=cal, day=AHEAD, zone="Asia/Tokyo")
    factories.event("New York", cal=cal, zone="America/New_York", rrule="FREQ=WEEKLY")
    factories.event("UTC", cal=cal, day=AHEAD, zone="UTC")
    calendar = parse(client.get("/feeds/world.ics"))
    assert sorted(tz["TZID"] for tz in calendar.walk("VTIMEZONE")) == [
        "America/New_York",
        "Asia/Tokyo",
    ]
    assert calendar.get_missing_tzids() == set()
    # A series without end: its zone's transitions reach years ahead.
    (new_york,) = [tz for tz in calendar.walk("VTIMEZONE") if tz["TZID"] == "America/New_York"]
    transitions = [s["DTSTART"].dt for s in new_york.walk("DAYLIGHT")]
    transitions += [d.dt for s in new_york.walk("DAYLIGHT") for d in _rdates(s)]
    assert max(transitions).year >= timezone.now().year + 9


def _rdates(component) -> list:
    values = component.get("RDATE", [])
    values = values if isinstance(values, list) else [values]
    return [d for value in values for d in value.dts]


# Repeating events


def _series() -> Event:
    """Tuesdays 09:00–10:00 Brussels from 2026-03-17 to 2026-11-24: both 2026 DST changes."""
    event = factories.event(
        "Weekly briefing",
        cal=factories.calendar("series"),
        day=date(2026, 3, 17),
        start=time(9),
        end=time(10),
        rrule="FREQ=WEEKLY;UNTIL=20261124",
        exdates=["2026-04-14T09:00"],
        rdates=["2026-04-16T15:00"],
    )
    services.change_occurrence(event, datetime(2026, 3, 24, 9), cancelled=True)
    services.change_occurrence(
        event,
        datetime(2026, 10, 27, 9),  # the first Tuesday after the autumn change
        new_start=datetime(2026, 10, 29, 14),
        new_end=datetime(2026, 10, 29, 16),
        titles={"en": "Briefing (moved)"},
    )
    services.change_occurrence(event, datetime(2026, 6, 2, 9), titles={"en": "Summer briefing"})
    event.refresh_from_db()
    return event


def _compare(client, event: Event, first: date, last: date, *, path: str = "") -> list[tuple]:
    """Occurrences in [first, last] (UTC days) from the .ics and from Almanac; must match."""
    calendar = parse(client.get(path or f"/events/{event.slug}.ics"))
    utc = ZoneInfo("UTC")
    start = datetime.combine(first, time.min, tzinfo=UTC)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=UTC)

    def instant(value):
        return value.astimezone(UTC) if isinstance(value, datetime) else value

    exported = sorted(
        (instant(o["DTSTART"].dt), instant(o["DTEND"].dt), str(o["STATUS"]), str(o["SUMMARY"]))
        for o in recurring_ical_events.of(calendar).between(start, end)
    )
    shown = sorted(
        (
            (o.first_day, o.last_day + timedelta(days=1))
            if o.all_day
            else (o.start.astimezone(UTC), o.end.astimezone(UTC))
        )
        + ("CANCELLED" if o.is_cancelled else "CONFIRMED", o.title)
        for o in occurrences_between(Event.objects.filter(pk=event.pk), first, last, utc)
    )
    assert exported == shown
    return exported


def test_series_occurrences_match_almanac_across_both_dst_changes(client):
    event = _series()
    found = _compare(client, event, date(2026, 3, 1), date(2026, 12, 31))
    starts = [start for start, _end, _status, _title in found]
    # 37 Tuesdays, less the EXDATE, plus the RDATE; the moved one is counted once.
    assert len(found) == 37
    assert datetime(2026, 3, 17, 8, tzinfo=UTC) in starts  # 09:00 CET
    assert datetime(2026, 3, 31, 7, tzinfo=UTC) in starts  # 09:00 CEST, after March 29
    assert datetime(2026, 10, 20, 7, tzinfo=UTC) in starts  # 09:00 CEST, before October 25
    assert datetime(2026, 11, 3, 8, tzinfo=UTC) in starts  # 09:00 CET again
    assert datetime(2026, 4, 14, 7, tzinfo=UTC) not in starts  # EXDATE
    assert datetime(2026, 4, 16, 13, tzinfo=UTC) in starts  # RDATE 15:00 CEST
    assert datetime(2026, 10, 27, 8, tzinfo=UTC) not in starts  # moved away…
    moved = (datetime(2026, 10, 29, 13, tzinfo=UTC), datetime(2026, 10, 29, 15, tzinfo=UTC))
    assert (*moved, "CONFIRMED", "Briefing (moved)") in found  # …to Thursday 14:00 CET
    assert (
        datetime(2026, 3, 24, 8, tzinfo=UTC),
        datetime(2026, 3, 24, 9, tzinfo=UTC),
        "CANCELLED",
        "Weekly briefing",
    ) in found
    assert (
        datetime(2026, 6, 2, 7, tzinfo=UTC),
        datetime(2026, 6, 2, 8, tzinfo=UTC),
        "CONFIRMED",
        "Summer briefing",
    ) in found


@pytest.mark.parametrize(
    "first,last", [(date(2026, 3, 20), date(2026, 4, 20)), (date(2026, 10, 20), date(2026, 11, 5))]
)
def test_series_windows_around_each_dst_change_match(client, first, last):
    event = _series()
    assert _compare(client, event, first, last, path="/feeds/series.ics")


def test_series_wire_format(client):
    event = _series()
    response = client.get(f"/events/{event.slug}.ics")
    lines = raw_lines(response)
    # UNTIL: the end of the local day 2026-11-24 (23:59:59 CET) in UTC.
    assert "RRULE:FREQ=WEEKLY;UNTIL=20261124T225959Z" in lines
    assert "EXDATE;TZID=Europe/Brussels:20260414T090000" in lines
    assert "RDATE;TZID=Europe/Brussels:20260416T150000" in lines
    assert "RECURRENCE-ID;TZID=Europe/Brussels:20260324T090000" in lines
    assert "RECURRENCE-ID;TZID=Europe/Brussels:20261027T090000" in lines
    assert "DTSTART;TZID=Europe/Brussels:20261029T140000" in lines
    calendar = parse(response)
    assert len(vevents(calendar)) == 4  # the series and its three changed dates
    assert uids(calendar) == {event.uid}
    assert {v["SEQUENCE"] for v in vevents(calendar)} == {event.sequence} == {3}


@pytest.mark.parametrize(
    "zone,start,rrule,first,last",
    [
        # East of UTC, early: a UTC-midnight UNTIL would add 2026-04-06 (04-05 23:00Z).
        ("Asia/Tokyo", time(8), "FREQ=DAILY;UNTIL=20260405", date(2026, 3, 25), date(2026, 4, 10)),
        # West of UTC, late: a UTC-midnight UNTIL would drop 2026-04-05 (04-06 00:00Z).
        ("America/New_York", time(20), "FREQ=DAILY;UNTIL=20260405", date(2026, 3, 1),
         date(2026, 4, 10)),
        ("Europe/Brussels", time(9), "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6", date(2026, 1, 1),
         date(2026, 12, 31)),
        ("Europe/Brussels", time(18), "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;WKST=SU",
         date(2026, 1, 1), date(2026, 12, 31)),
        ("Australia/Sydney", time(10), "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=1", date(2026, 1, 1),
         date(2031, 12, 31)),
    ],
)  # fmt: skip
def test_rules_expand_the_same_in_clients_and_almanac(client, zone, start, rrule, first, last):
    day = {
        "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6": date(2026, 1, 30),
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;WKST=SU": date(2026, 1, 5),
        "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=1": date(2026, 4, 1),
    }.get(rrule, date(2026, 3, 28))
    event = factories.event(
        "Rule", day=day, start=start, end=time(start.hour + 1), zone=zone, rrule=rrule
    )
    found = _compare(client, event, first, last)
    assert found


def test_all_day_series_matches_and_uses_dates(client):
    event = factories.event(
        "Market day", day=date(2026, 3, 28), start=None, end=None,
        rrule="FREQ=WEEKLY;UNTIL=20260502", exdates=["2026-04-04T00:00"],
    )  # fmt: skip
    services.change_occurrence(event, datetime(2026, 4, 11), cancelled=True)
    event.refresh_from_db()
    response = client.get(f"/events/{event.slug}.ics")
    lines = raw_lines(response)
    assert "RRULE:FREQ=WEEKLY;UNTIL=20260502" in lines
    assert "EXDATE;VALUE=DATE:20260404" in lines
    assert "RECURRENCE-ID;VALUE=DATE:20260411" in lines
    found = _compare(client, event, date(2026, 3, 1), date(2026, 5, 31))
    assert [f[0] for f in found] == [
        date(2026, 3, 28), date(2026, 4, 11), date(2026, 4, 18), date(2026, 4, 25),
        date(2026, 5, 2),
    ]  # fmt: skip


# Feeds: which events


def test_drafts_are_never_exported(client):
    cal = factories.calendar("main")
    public = factories.event("Public", cal=cal, day=AHEAD)
    draft = factories.event("Draft", cal=cal, day=AHEAD, status=Event.Status.DRAFT)
    assert uids(parse(client.get("/feeds/main.ics"))) == {public.uid}
    assert uids(parse(client.get("/feeds/all.ics"))) == {public.uid}
    assert client.get(f"/events/{draft.slug}.ics").status_code == 404


def test_filtered_feed_contains_only_matching_events(client):
    cal = factories.calendar("main")
    talks = factories.category("talks", parent=factories.category("all-topics"))
    talk = factories.event("Talk", cal=cal, day=AHEAD, categories=[talks])
    factories.event("Walk", cal=cal, day=AHEAD)
    online = factories.event(
        "Online talk", cal=cal, day=AHEAD, categories=[talks], online_url="https://x.example/"
    )
    other = factories.event(
        "Elsewhere", cal=factories.calendar("other"), day=AHEAD, categories=[talks]
    )
    assert uids(parse(client.get("/feeds/main.ics?category=talks"))) == {talk.uid, online.uid}
    assert uids(parse(client.get("/feeds/main.ics?category=all-topics"))) == {
        talk.uid,
        online.uid,
    }
    assert uids(parse(client.get("/feeds/main.ics?category=talks&mode=online"))) == {online.uid}
    assert uids(parse(client.get("/feeds/all.ics?category=talks"))) == {
        talk.uid,
        online.uid,
        other.uid,
    }
    assert uids(parse(client.get("/feeds/all.ics?calendar=other"))) == {other.uid}
    assert uids(parse(client.get("/feeds/main.ics?q=walk"))) == uids(
        parse(client.get("/feeds/main.ics?q=Walk"))
    )
    assert len(uids(parse(client.get("/feeds/main.ics?q=Walk")))) == 1


def test_feed_window_keeps_a_year_of_past_and_everything_ahead(client):
    cal = factories.calendar("main")
    today = timezone.now().astimezone(BRUSSELS).date()
    old = factories.event("Old", cal=cal, day=today - timedelta(days=400))
    recent = factories.event("Recent", cal=cal, day=today - timedelta(days=300))
    future = factories.event("Future", cal=cal, day=today + timedelta(days=3000))
    endless = factories.event(
        "Endless", cal=cal, day=today - timedelta(days=3000), rrule="FREQ=WEEKLY"
    )
    assert uids(parse(client.get("/feeds/main.ics"))) == {recent.uid, future.uid, endless.uid}
    with override_settings(ALMANAC_FEED_PAST_DAYS=500):
        assert old.uid in uids(parse(client.get("/feeds/main.ics")))
    with override_settings(ALMANAC_FEED_PAST_DAYS=30):
        assert uids(parse(client.get("/feeds/all.ics"))) == {future.uid, endless.uid}
    # The single-event file has no window.
    assert uids(parse(client.get(f"/events/{old.slug}.ics"))) == {old.uid}


# HTTP


def test_headers(client, webinar):
    response = client.get(f"/events/{webinar.slug}.ics")
    assert response["Content-Disposition"] == f'inline; filename="{webinar.slug}.ics"'
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Last-Modified"] == http_date(webinar.updated_at.timestamp())
    assert response["ETag"].startswith('"') and len(response["ETag"]) == 42
    feed = client.get("/feeds/iurc.ics")
    assert feed["Content-Disposition"] == 'inline; filename="iurc.ics"'
    assert client.get("/feeds/all.ics")["Content-Disposition"] == 'inline; filename="all.ics"'


def test_the_same_data_gives_the_same_body(client, webinar):
    factories.event(
        "Ahead",
        cal=webinar.calendar,
        day=AHEAD,
        translations={"en": {"title": "Ahead"}, "zh-hans": {"title": "未来"}},
    )
    first = client.get("/feeds/iurc.ics?lang=zh-hans")
    second = client.get("/feeds/iurc.ics?lang=zh-hans")
    assert first.content == second.content
    assert first["ETag"] == second["ETag"]
    assert client.get("/feeds/iurc.ics?lang=en")["ETag"] != first["ETag"]


@pytest.mark.parametrize("url", ["/events/{slug}.ics", "/feeds/iurc.ics", "/feeds/all.ics"])
def test_conditional_get_answers_304(client, webinar, url):
    factories.event("Ahead", cal=webinar.calendar, day=AHEAD)  # in the feed window
    url = url.format(slug=webinar.slug)
    first = client.get(url)
    assert first.status_code == 200
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    stale = client.get(url, HTTP_IF_NONE_MATCH='"something-else"')
    assert stale.status_code == 200
    assert stale.content == first.content


@pytest.mark.parametrize("lang", ["fr", "xx-yy", "en;drop"])
def test_unknown_language_is_400(client, webinar, lang):
    for url in (f"/events/{webinar.slug}.ics", "/feeds/iurc.ics", "/feeds/all.ics"):
        response = client.get(url, {"lang": lang})
        assert response.status_code == 400
        assert "is not a language of this site" in response.content.decode()


def test_language_code_is_case_insensitive(client, webinar):
    (vevent,) = vevents(parse(client.get(f"/events/{webinar.slug}.ics?lang=zh-Hans")))
    assert str(vevent["SUMMARY"]) == ZH_TITLE


@pytest.mark.parametrize("url", ["/feeds/nope.ics", "/events/nope.ics", "/events/nope.v2.ics"])
def test_unknown_calendar_or_event_is_404_not_a_redirect(client, url):
    factories.calendar("main")
    response = client.get(url)
    assert response.status_code == 404


def test_only_get_and_head(client, webinar):
    assert client.post(f"/events/{webinar.slug}.ics").status_code == 405
    assert client.head(f"/events/{webinar.slug}.ics").status_code == 200


# Cost


def _make_events(n: int) -> None:
    """``n`` series in one calendar, each with every relation the export reads."""
    cal = factories.calendar("main")
    cat = factories.category("talks", parent=factories.category("all"))
    venue = factories.venue("hall", latitude=Decimal("50.846700"), longitude=Decimal("4.352400"))
    org = factories.organizer("city")
    Organizer.objects.filter(pk=org.pk).update(email="events@city.example")
    for i in range(n):
        event = factories.event(
            f"Event {i}",
            cal=cal,
            day=date(2099, 6, 1),
            venue=venue,
            categories=[cat],
            organizers=[org],
            rrule="FREQ=WEEKLY;COUNT=3",
            translations={"en": {"title": f"Event {i}"}, "zh-hans": {"title": f"活动 {i}"}},
        )
        services.change_occurrence(event, datetime(2099, 6, 8, 9), cancelled=True)


# Literal counts. Events, then their translations, venue translations, categories and
# their translations, organizers and their translations, changed occurrences: 8. A
# calendar feed adds the calendar and its translations; the event file its calendar's
# translations; a category filter the category tree.
QUERIES = [
    ("/feeds/main.ics", 10),
    ("/feeds/all.ics", 8),
    ("/feeds/all.ics?category=all&lang=zh-hans", 9),
    ("/events/event-0.ics", 9),
]


@pytest.mark.parametrize("url,expected", QUERIES)
@pytest.mark.parametrize("n", [1, 20])
def test_query_count_does_not_grow_with_events(client, django_assert_num_queries, url, expected, n):
    _make_events(n)
    with django_assert_num_queries(expected):
        response = client.get(url)
    calendar = parse(response)
    assert len(vevents(calendar)) == (2 if url.startswith("/events/") else 2 * n)


# The event page


def test_event_page_has_the_four_add_to_calendar_links(client, webinar):
    html = client.get(f"/en/events/{webinar.slug}/").content.decode()
    links = _add_to_calendar_links(html)
    assert links["Download .ics"] == f"/events/{webinar.slug}.ics?lang=en"
    assert links["Subscribe (webcal)"] == "webcal://testserver/feeds/iurc.ics?lang=en"
    google = urlsplit(links["Google Calendar"])
    assert (google.scheme, google.netloc, google.path) == (
        "https",
        "calendar.google.com",
        "/calendar/render",
    )
    query = parse_qs(google.query)
    assert query["action"] == ["TEMPLATE"]
    assert query["text"] == [EN_TITLE]
    assert query["dates"] == ["20220602T070000Z/20220602T090000Z"]
    assert query["ctz"] == ["Europe/Brussels"]
    assert "15:00–17:00 China Standard Time (Asia/Shanghai)" in query["details"][0]
    assert f"http://testserver/en/events/{webinar.slug}/" in query["details"][0]
    outlook = urlsplit(links["Outlook"])
    assert (outlook.netloc, outlook.path) == (
        "outlook.live.com",
        "/calendar/0/deeplink/compose",
    )
    query = parse_qs(outlook.query)
    assert query["subject"] == [EN_TITLE]
    assert query["startdt"] == ["2022-06-02T07:00:00Z"]
    assert query["enddt"] == ["2022-06-02T09:00:00Z"]
    assert query["allday"] == ["false"]


def test_chinese_event_page_links_keep_the_language(client, webinar):
    html = client.get(f"/zh-hans/events/{webinar.slug}/").content.decode()
    links = {href for _label, href in _anchors(html)}
    assert f"/events/{webinar.slug}.ics?lang=zh-hans" in links
    assert "webcal://testserver/feeds/iurc.ics?lang=zh-hans" in links
    google = next(h for h in links if h.startswith("https://calendar.google.com/"))
    assert parse_qs(urlsplit(google).query)["text"] == [ZH_TITLE]


def test_add_to_calendar_for_an_all_day_event_and_a_shown_occurrence(client):
    fair = factories.event(
        "Fair", start=None, end=None, end_day=date(2022, 6, 4), venue=factories.venue("hall")
    )
    links = _add_to_calendar_links(client.get(f"/en/events/{fair.slug}/").content.decode())
    google = parse_qs(urlsplit(links["Google Calendar"]).query)
    assert google["dates"] == ["20220602/20220605"]
    assert google["location"] == ["Hall, Rue de la Loi 1, Brussels"]
    outlook = parse_qs(urlsplit(links["Outlook"]).query)
    assert (outlook["startdt"], outlook["enddt"], outlook["allday"]) == (
        ["2022-06-02"],
        ["2022-06-05"],
        ["true"],
    )
    series = _series()
    page = client.get(f"/en/events/{series.slug}/?on=2026-06-02T09:00").content.decode()
    google = parse_qs(urlsplit(_add_to_calendar_links(page)["Google Calendar"]).query)
    assert google["dates"] == ["20260602T070000Z/20260602T080000Z"]  # 09:00 CEST
    assert google["text"] == ["Summer briefing"]
    assert f"http://testserver/en/events/{series.slug}/?on=2026-06-02T09:00" in google["details"][0]


def _anchors(html: str) -> list[tuple[str, str]]:
    from html import unescape
    from html.parser import HTMLParser

    found: list[tuple[str, str]] = []

    class Parser(HTMLParser):
        href: str | None = None
        text = ""
        inside = False

        def handle_starttag(self, tag, attrs):
            if tag == "section" and ("class", "add-to-calendar") in attrs:
                self.inside = True
            elif tag == "a" and self.inside:
                self.href, self.text = dict(attrs)["href"], ""

        def handle_endtag(self, tag):
            if tag == "a" and self.href is not None:
                found.append((self.text.strip(), unescape(self.href)))
                self.href = None
            elif tag == "section":
                self.inside = False

        def handle_data(self, data):
            if self.href is not None:
                self.text += data

    Parser().feed(html)
    return found


def _add_to_calendar_links(html: str) -> dict[str, str]:
    links = dict(_anchors(html))
    assert list(links) == ["Download .ics", "Subscribe (webcal)", "Google Calendar", "Outlook"]
    return links


def test_times_in_an_audience_zone_on_another_day_say_so(client):
    event = factories.event(
        "Evening", day=AHEAD, start=time(20), end=time(21), audience_zones=["Asia/Tokyo"]
    )
    (vevent,) = vevents(parse(client.get(f"/events/{event.slug}.ics")))
    assert (
        "Times: 20:00–21:00 Central European Summer Time (Europe/Brussels) · "
        "03:00–04:00 (+1 day) Japan Standard Time (Asia/Tokyo)"
    ) in str(vevent["DESCRIPTION"])


def test_a_series_dates_its_times_and_its_changed_dates_carry_their_own(client):
    event = _series()
    calendar = parse(client.get(f"/events/{event.slug}.ics"))
    series, *changes = vevents(calendar)
    assert (
        "Times on March 17, 2026: 09:00–10:00 Central European Standard Time (Europe/Brussels)"
        in str(series["DESCRIPTION"])
    )
    (moved,) = [v for v in changes if str(v["SUMMARY"]) == "Briefing (moved)"]
    assert "Times: 14:00–16:00 Central European Standard Time (Europe/Brussels)" in str(
        moved["DESCRIPTION"]
    )


def test_a_draft_preview_has_no_add_to_calendar_links(admin_client):
    draft = factories.event("Draft", status=Event.Status.DRAFT)
    html = admin_client.get(f"/en/events/{draft.slug}/").content.decode()
    assert "Draft preview" in html
    assert "add-to-calendar" not in html
