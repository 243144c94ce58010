"""Repeating events on the pages: wall-clock times across DST, endless series, changes."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.core.exceptions import ValidationError

from almanac.events import services
from almanac.events.models import Event
from tests import factories

pytestmark = pytest.mark.django_db


def weekly(title: str = "Weekly briefing", **fields) -> Event:
    # Tuesday 2026-03-17, 09:00–10:00 Brussels, every week, forever.
    return factories.event(
        title, day=date(2026, 3, 17), start=time(9), end=time(10), rrule="FREQ=WEEKLY", **fields
    )


@pytest.mark.parametrize(
    "week,day",
    [
        ("2026-03-22", "2026-03-24"),  # before the spring change (March 29)
        ("2026-03-29", "2026-03-31"),  # after it
        ("2026-10-18", "2026-10-20"),  # before the autumn change (October 25)
        ("2026-10-25", "2026-10-27"),  # after it
    ],
)
def test_weekly_0900_brussels_stays_at_0900_across_both_dst_changes(client, week, day):
    weekly()
    html = client.get(f"/en/calendar/week/{week}/").content.decode()
    assert f'<time datetime="{day}T09:00:00+0' in html
    assert html.count(">09:00–10:00<") == 1


def test_weekly_series_moves_in_utc_across_dst(client):
    weekly()
    winter = client.get("/en/calendar/day/2026-03-24/?tz=UTC").content.decode()
    summer = client.get("/en/calendar/day/2026-03-31/?tz=UTC").content.decode()
    assert ">08:00–09:00<" in winter
    assert ">07:00–08:00<" in summer


def test_endless_series_is_found_far_in_the_future(client):
    weekly()
    html = client.get("/en/calendar/posterboard/2126-03/").content.decode()
    tuesdays = [d for d in range(1, 32) if date(2126, 3, d).weekday() == 1]
    assert html.count(">Weekly briefing<") == len(tuesdays) == 4


def test_series_with_count_ends(client):
    factories.event("Four talks", day=date(2026, 3, 17), rrule="FREQ=WEEKLY;COUNT=4")
    html = client.get("/en/calendar/posterboard/2026-04/").content.decode()
    assert html.count(">Four talks<") == 1  # Mar 17, 24, 31 and Apr 7
    assert ">Four talks<" not in client.get("/en/calendar/posterboard/2026-05/").content.decode()


def test_exdates_and_rdates(client):
    factories.event("Book club", day=date(2026, 3, 17), rrule="FREQ=WEEKLY;COUNT=3",
                    exdates=["2026-03-24T09:00"], rdates=["2026-03-26T09:00"])  # fmt: skip
    html = client.get("/en/calendar/week/2026-03-22/").content.decode()
    assert 'datetime="2026-03-26T09:00:00+01:00"' in html
    assert 'datetime="2026-03-24T09:00:00+01:00"' not in html


def test_a_cancelled_occurrence_is_marked_and_the_others_are_not(client):
    event = weekly()
    services.change_occurrence(event, datetime(2026, 3, 24, 9), cancelled=True)
    html = client.get("/en/calendar/posterboard/2026-03/").content.decode()
    assert html.count("poster is-cancelled") == 1
    assert html.count(">Weekly briefing<") == 3


def test_a_moved_occurrence_shows_at_its_new_time_only(client):
    event = weekly()
    services.change_occurrence(
        event,
        datetime(2026, 3, 24, 9),
        new_start=datetime(2026, 3, 25, 14),
        new_end=datetime(2026, 3, 25, 15),
    )
    html = client.get("/en/calendar/week/2026-03-22/").content.decode()
    assert ">14:00–15:00<" in html
    assert 'datetime="2026-03-24T09:00' not in html


def test_a_retitled_occurrence(client):
    event = weekly()
    services.change_occurrence(event, datetime(2026, 3, 24, 9), titles={"en": "Special briefing"})
    html = client.get("/en/calendar/week/2026-03-22/").content.decode()
    assert "Special briefing" in html
    assert "Weekly briefing" not in html


def test_changing_a_date_that_is_not_an_occurrence_is_rejected():
    event = weekly()
    with pytest.raises(ValidationError):
        services.change_occurrence(event, datetime(2026, 3, 25, 9), cancelled=True)


def test_occurrence_links_open_the_event_at_that_date(client):
    event = weekly()
    html = client.get("/en/calendar/week/2026-03-22/").content.decode()
    assert f'href="/en/events/{event.slug}/?on=2026-03-24T09:00"' in html
    page = client.get(f"/en/events/{event.slug}/?on=2026-03-31T09:00").content.decode()
    assert "Tuesday, March 31, 2026 09:00</time>" in page
    assert "Every week on Tuesday" in page


@pytest.mark.parametrize("on", ["2026-03-25T09:00", "garbage"])
def test_event_page_for_a_date_the_event_does_not_have_is_404(client, on):
    event = weekly()
    assert client.get(f"/en/events/{event.slug}/?on={on}").status_code == 404


@pytest.mark.parametrize(
    "rrule,message",
    [
        ("FREQ=WEEKLY;COUNT=0", "COUNT must be at least 1."),
        ("FREQ=WEEKLY;UNTIL=20260301", "The repeat ends before the event starts."),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "never"),
        ("FREQ=HOURLY", "Only daily, weekly, monthly and yearly repeats are supported."),
    ],
)
def test_impossible_rules_are_rejected_and_nothing_is_written(rrule, message):
    with pytest.raises(ValidationError) as error:
        factories.event("Bad", day=date(2026, 3, 17), rrule=rrule)
    assert message in str(error.value)
    assert Event.objects.count() == 0


def test_split_series_this_and_following():
    event = factories.event("Series", day=date(2026, 3, 17), rrule="FREQ=WEEKLY;COUNT=6",
                            translations={"en": {"title": "Series"}})  # fmt: skip
    services.change_occurrence(event, datetime(2026, 4, 14, 9), cancelled=True)
    new = services.split_series(event, datetime(2026, 4, 7, 9))
    event.refresh_from_db()
    assert (event.rrule, new.rrule) == ("FREQ=WEEKLY;COUNT=3", "FREQ=WEEKLY;COUNT=3")
    assert (new.start_date, new.start_time) == (date(2026, 4, 7), time(9))
    assert list(new.changes.values_list("original_date", flat=True)) == [date(2026, 4, 14)]
    assert new.uid != event.uid and new.status == "published"
    assert list(new.translations.values_list("title", "status")) == [("Series", "reviewed")]


def test_recurring_week_costs_the_same_queries_for_1_and_20_series(
    client, django_assert_num_queries
):
    for n in (1, 20):
        Event.objects.all().delete()
        for i in range(n):
            weekly(f"Series {i}")
        with django_assert_num_queries(13):
            client.get("/en/calendar/week/2026-03-22/")


def test_changing_or_restoring_an_occurrence_raises_sequence():
    event = weekly()
    change = services.change_occurrence(event, datetime(2026, 3, 24, 9), cancelled=True)
    event.refresh_from_db()
    assert event.sequence == 1
    services.remove_occurrence_change(change)
    event.refresh_from_db()
    assert (event.sequence, event.changes.count()) == (2, 0)


def test_the_link_to_a_moved_occurrence_opens_it_at_its_new_time(client):
    event = weekly()
    services.change_occurrence(
        event,
        datetime(2026, 3, 24, 9),
        new_start=datetime(2026, 3, 25, 14),
        new_end=datetime(2026, 3, 25, 15),
    )
    html = client.get("/en/calendar/week/2026-03-22/").content.decode()
    assert f'href="/en/events/{event.slug}/?on=2026-03-24T09:00"' in html
    page = client.get(f"/en/events/{event.slug}/?on=2026-03-24T09:00")
    assert page.status_code == 200
    assert "Wednesday, March 25, 2026 14:00</time>" in page.content.decode()


def test_unknown_ics_of_an_event_is_a_404_not_a_redirect(client):
    assert client.get("/events/no-such-event.ics").status_code == 404
