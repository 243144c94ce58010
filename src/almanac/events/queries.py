"""Read helpers: events in a window, as occurrences laid out on the days of a zone.

Cost is what the window holds: one range query on the indexed UTC instants plus a fixed
number of prefetches, whatever the size of the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q

from almanac.events.models import Category, Event, EventQuerySet
from almanac.events.occurrences import Occurrence, occurrences_in
from almanac.events.timezones import floating_day_bounds


@dataclass(frozen=True)
class EventFilter:
    """What a visitor narrowed the listing to. Slugs; empty means "any"."""

    q: str = ""
    calendars: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    venues: tuple[str, ...] = ()
    organizers: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()  # "online", "in_person"

    @property
    def is_empty(self) -> bool:
        return self == EventFilter()


def category_with_descendants(slugs: Iterable[str]) -> set[int]:
    """Ids of the named categories and everything below them (one query)."""
    rows = list(Category.objects.values_list("id", "slug", "parent_id"))
    children: dict[int | None, list[int]] = {}
    for pk, _slug, parent in rows:
        children.setdefault(parent, []).append(pk)
    wanted = {pk for pk, slug, _parent in rows if slug in set(slugs)}
    stack = list(wanted)
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in wanted:
                wanted.add(child)
                stack.append(child)
    return wanted


def apply_filter(events: EventQuerySet, f: EventFilter) -> EventQuerySet:
    """Narrow ``events``: values within one facet are ORed, facets are ANDed."""
    if f.q:
        events = events.filter(
            Q(translations__title__icontains=f.q)
            | Q(translations__summary__icontains=f.q)
            | Q(translations__description__icontains=f.q)
        )
    if f.calendars:
        events = events.filter(calendar__slug__in=f.calendars)
    if f.categories:
        events = events.filter(categories__in=category_with_descendants(f.categories))
    if f.tags:
        events = events.filter(tags__slug__in=f.tags)
    if f.venues:
        events = events.filter(venue__slug__in=f.venues)
    if f.organizers:
        events = events.filter(organizers__slug__in=f.organizers)
    modes = set(f.modes)
    if modes == {"online"}:
        events = events.online()
    elif modes == {"in_person"}:
        events = events.in_person()
    # Joins over translations and M2M can repeat rows; ids keep the outer query simple.
    if not f.is_empty:
        events = Event.objects.filter(pk__in=events.values("pk"))
    return events


def soonest_upcoming(events: EventQuerySet, now: datetime, limit: int) -> EventQuerySet:
    """Events that can hold the ``limit`` soonest occurrences still to end, in one query.

    Every event already under way, and the next ``limit`` to start: one that starts later
    cannot come sooner, because an occurrence never precedes its event's start, while a
    series that began long ago may recur tomorrow.
    """
    not_over = events.upcoming(now)
    under_way = not_over.filter(start_utc__lte=now).values("pk")
    ahead = not_over.filter(start_utc__gt=now).order_by("start_utc", "pk").values("pk")[:limit]
    return Event.objects.filter(Q(pk__in=under_way) | Q(pk__in=ahead))


def window_bounds(first: date, last: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """UTC instants of [first 00:00, last+1 00:00) in ``zone``."""
    start = datetime.combine(first, time.min, tzinfo=zone).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone).astimezone(UTC)
    return start, end


def events_between(events: EventQuerySet, first: date, last: date, zone: ZoneInfo) -> EventQuerySet:
    """Events, or series, that may touch the days [first, last] as seen in ``zone``.

    Timed events by instant; all-day ones by their floating dates, so that they keep their
    days in every zone.
    """
    start, end = window_bounds(first, last, zone)
    floating_start, floating_end = floating_day_bounds(first, last)
    return events.filter(
        Q(all_day=False, start_utc__lt=end)
        & (Q(series_end_utc__isnull=True) | Q(series_end_utc__gt=start))
        | Q(all_day=True, start_utc__lt=floating_end)
        & (Q(series_end_utc__isnull=True) | Q(series_end_utc__gt=floating_start))
    )


def occurrences_between(
    events: EventQuerySet, first: date, last: date, zone: ZoneInfo
) -> list[Occurrence]:
    """Occurrences touching [first, last] in ``zone``, sorted: all-day first, then by start.

    Repeating events are expanded inside the window only.
    """
    timed = window_bounds(first, last, zone)
    floating = floating_day_bounds(first, last)
    found = []
    for event in events_between(events, first, last, zone).with_related():
        window = floating if event.all_day else timed
        found += [
            o
            for o in occurrences_in(event, *window, zone)
            if o.first_day <= last and o.last_day >= first
        ]
    found.sort(key=lambda o: (o.first_day, not o.all_day, o.start, o.event.pk))
    return found


def by_day(occurrences: Sequence[Occurrence], days: Sequence[date]) -> dict[date, list[Occurrence]]:
    """Each day of ``days`` with the occurrences on it; multi-day ones appear on every day."""
    grouped: dict[date, list[Occurrence]] = {day: [] for day in days}
    for occurrence in occurrences:
        for day in days:
            if occurrence.first_day <= day <= occurrence.last_day:
                grouped[day].append(occurrence)
    for day_list in grouped.values():
        day_list.sort(key=lambda o: (not o.all_day, o.start, o.event.pk))
    return grouped
