"""The demo calendar's feed, read by other software, means what Almanac shows."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from almanac.events import demo
from almanac.events.models import Calendar, Event
from almanac.events.queries import occurrences_between

pytestmark = pytest.mark.django_db


def test_demo_feed_occurrences_equal_almanacs(client, settings, tmp_path):
    settings.ALMANAC_FEED_PAST_DAYS = 36500  # the whole demo, 2022 included
    settings.MEDIA_ROOT = tmp_path
    demo.load_demo(today=date(2026, 11, 28))
    calendar = Calendar.objects.get(slug="iurc-china")
    body = client.get("/feeds/iurc-china.ics").content
    parsed = icalendar.Calendar.from_ical(body)
    first, last = date(2022, 4, 1), date(2027, 6, 30)
    theirs = sorted(
        (str(e["UID"]), e.start.astimezone(UTC) if isinstance(e.start, datetime) else e.start)
        for e in recurring_ical_events.of(parsed).between(first, last)
        if e.get("STATUS") != "CANCELLED"
    )
    zone = ZoneInfo(calendar.timezone)
    ours = sorted(
        (o.event.uid, o.start.date() if o.all_day else o.start.astimezone(UTC))
        for o in occurrences_between(
            Event.objects.published().filter(calendar=calendar), first, last, zone
        )
        if not o.is_cancelled and first <= o.first_day <= last
    )
    assert len(ours) > 100  # the two endless series fill the months
    assert theirs == ours
