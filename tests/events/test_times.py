"""Wall-clock storage, derived UTC instants and day placement in the shown zone."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from almanac.events.models import Event
from almanac.events.occurrences import occurrence_of
from almanac.events.queries import by_day, occurrences_between
from almanac.events.timezones import is_nonexistent, local_to_utc
from tests import factories

pytestmark = pytest.mark.django_db

BRUSSELS, SHANGHAI = ZoneInfo("Europe/Brussels"), ZoneInfo("Asia/Shanghai")


def test_seed_webinar_is_stored_as_wall_clock_and_derived_utc():
    event = factories.seed_webinar()
    event.refresh_from_db()
    assert (event.start_time, event.end_time, event.timezone) == (
        time(9),
        time(11),
        "Europe/Brussels",
    )
    assert event.start_utc == datetime(2022, 6, 2, 7, 0, tzinfo=UTC)
    assert event.end_utc == datetime(2022, 6, 2, 9, 0, tzinfo=UTC)


def test_seed_webinar_in_shanghai_is_15_to_17():
    occurrence = occurrence_of(factories.seed_webinar(), SHANGHAI)
    assert (occurrence.start.hour, occurrence.end.hour) == (15, 17)


def test_late_evening_in_brussels_lands_on_the_next_day_in_shanghai():
    event = factories.event(
        "Night call", day=date(2022, 6, 2), start=time(23, 30), end=time(23, 59)
    )
    days = [date(2022, 6, 2), date(2022, 6, 3)]
    in_brussels = by_day(occurrences_between(Event.objects.all(), days[0], days[1], BRUSSELS), days)
    in_shanghai = by_day(occurrences_between(Event.objects.all(), days[0], days[1], SHANGHAI), days)
    assert [o.event for o in in_brussels[days[0]]] == [event] and in_brussels[days[1]] == []
    assert in_shanghai[days[0]] == [] and [o.event for o in in_shanghai[days[1]]] == [event]


def test_event_ending_at_midnight_stays_on_its_day():
    factories.event(
        "Until midnight",
        day=date(2022, 6, 2),
        start=time(22),
        end=time(0),
        end_day=date(2022, 6, 3),
    )
    occurrence = occurrence_of(Event.objects.get(), BRUSSELS)
    assert (occurrence.first_day, occurrence.last_day) == (date(2022, 6, 2), date(2022, 6, 2))


def test_multi_day_event_appears_on_every_day_it_spans():
    factories.event(
        "Conference", day=date(2022, 6, 1), start=time(9), end=time(17), end_day=date(2022, 6, 3)
    )
    days = [
        date(2022, 5, 31),
        date(2022, 6, 1),
        date(2022, 6, 2),
        date(2022, 6, 3),
        date(2022, 6, 4),
    ]
    grouped = by_day(occurrences_between(Event.objects.all(), days[0], days[-1], BRUSSELS), days)
    assert [len(grouped[d]) for d in days] == [0, 1, 1, 1, 0]
    middle = grouped[date(2022, 6, 2)][0]
    assert middle.continues_before(date(2022, 6, 2)) and middle.continues_after(date(2022, 6, 2))


def test_all_day_event_keeps_its_dates_in_every_zone():
    factories.event("Open day", day=date(2022, 6, 2), start=None, end=None)
    for zone in (BRUSSELS, SHANGHAI, ZoneInfo("Pacific/Honolulu")):
        found = occurrences_between(Event.objects.all(), date(2022, 6, 1), date(2022, 6, 3), zone)
        assert [(o.first_day, o.last_day) for o in found] == [(date(2022, 6, 2), date(2022, 6, 2))]


def test_end_before_start_is_rejected_and_nothing_is_written():
    with pytest.raises(ValidationError) as error:
        factories.event("Backwards", start=time(11), end=time(9))
    assert "ends before it starts" in str(error.value)
    assert Event.objects.count() == 0


def test_unknown_zone_is_rejected():
    with pytest.raises(ValidationError):
        factories.event("Nowhere", zone="Mars/Olympus_Mons")
    assert Event.objects.count() == 0


def test_timed_event_without_times_is_rejected():
    with pytest.raises(ValidationError):
        factories.event("No times", start=None, end=time(10), all_day=False)


def test_daylight_saving_gap_resolves_forward_and_is_detected():
    # 2026-03-29 02:30 does not exist in Brussels: clocks jump from 02:00 to 03:00.
    assert is_nonexistent(date(2026, 3, 29), time(2, 30), "Europe/Brussels")
    assert not is_nonexistent(date(2026, 3, 29), time(3, 30), "Europe/Brussels")
    assert local_to_utc(date(2026, 3, 29), time(2, 30), "Europe/Brussels") == datetime(
        2026, 3, 29, 1, 30, tzinfo=UTC
    )


def test_daylight_saving_overlap_takes_the_first_instant():
    # 2026-10-25 02:30 happens twice in Brussels; the first is still summer time (+02:00).
    assert local_to_utc(date(2026, 10, 25), time(2, 30), "Europe/Brussels") == datetime(
        2026, 10, 25, 0, 30, tzinfo=UTC
    )


def test_same_wall_clock_across_dst_gives_different_utc():
    winter = local_to_utc(date(2026, 3, 24), time(9), "Europe/Brussels")
    summer = local_to_utc(date(2026, 3, 31), time(9), "Europe/Brussels")
    assert (winter.hour, summer.hour) == (8, 7)
