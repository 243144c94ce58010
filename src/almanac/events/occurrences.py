"""Occurrences: where an event, or each repeat of it, falls in time and on which days.

Works on Event instances already loaded (with their ``changes`` prefetched): no queries
of its own, no request. A repeating event is expanded only inside the window asked for,
so a view costs what its window holds, even for a series without an end.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.utils.translation import get_language

from almanac.events.recurrence import Rule, expand, last_start, parse_rrule
from almanac.events.timezones import floating_day_bounds, get_zone

if TYPE_CHECKING:
    from almanac.events.models import Event, OccurrenceChange

# How far apart occurrence searches look when asked for "the next one" (doubling).
_SEARCH_STEPS = [timedelta(days=400 * 2**n) for n in range(8)]


@dataclass
class Occurrence:
    """One appearance of an event, placed in the zone being shown."""

    event: Event
    start: datetime  # aware, in the shown zone (midnight for all-day events)
    end: datetime
    all_day: bool
    first_day: date
    last_day: date
    recurrence_id: datetime | None = None  # original local start, for repeats
    change: OccurrenceChange | None = None

    def continues_before(self, day: date) -> bool:
        return day > self.first_day

    def continues_after(self, day: date) -> bool:
        return day < self.last_day

    @property
    def is_cancelled(self) -> bool:
        return self.event.is_cancelled or bool(self.change and self.change.cancelled)

    @property
    def title(self) -> str:
        changed = self.change.title(get_language() or "") if self.change else ""
        return changed or self.event.t.title

    @property
    def url(self) -> str:
        """The event page, at this occurrence when the event repeats."""
        url = self.event.get_absolute_url()
        if self.recurrence_id is None:
            return url
        return f"{url}?on={self.recurrence_id:%Y-%m-%dT%H:%M}"

    def in_zone(self, zone: ZoneInfo) -> tuple[datetime, datetime]:
        return self.start.astimezone(zone), self.end.astimezone(zone)


def parse_local(values: Sequence[str]) -> list[datetime]:
    """Stored RDATE/EXDATE values (local ISO datetimes) as naive datetimes."""
    return [datetime.fromisoformat(v) for v in values]


def rule_of(event: Event) -> Rule | None:
    return parse_rrule(event.rrule) if event.rrule else None


def is_recurring(event: Event) -> bool:
    return bool(event.rrule or event.rdates)


def _duration(event: Event) -> timedelta:
    # Wall-clock duration: a 09:00–11:00 repeat is 09:00–11:00 on every date, DST or not.
    return event.end_local - event.start_local


def instants(event: Event, local_start: datetime, local_end: datetime) -> tuple[datetime, datetime]:
    """UTC instants of a local wall-clock span of ``event`` (floating for all-day)."""
    if event.all_day:
        return floating_day_bounds(local_start.date(), local_end.date())
    zone = get_zone(event.timezone)
    return (
        local_start.replace(tzinfo=zone, fold=0).astimezone(UTC),
        local_end.replace(tzinfo=zone, fold=0).astimezone(UTC),
    )


def place(
    event: Event,
    local_start: datetime,
    local_end: datetime,
    zone: ZoneInfo,
    *,
    recurrence_id: datetime | None = None,
    change: OccurrenceChange | None = None,
) -> Occurrence:
    """An occurrence from local wall-clock start and end, placed in the shown ``zone``.

    All-day occurrences keep their dates in every zone; ``local_end`` is then the last
    day (inclusive), at midnight.
    """
    if event.all_day:
        first, last = local_start.date(), local_end.date()
        start = datetime.combine(first, time.min, tzinfo=zone)
        end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone)
        return Occurrence(event, start, end, True, first, last, recurrence_id, change)
    start_utc, end_utc = instants(event, local_start, local_end)
    start, end = start_utc.astimezone(zone), end_utc.astimezone(zone)
    # An event ending at midnight does not spill onto the next day.
    last = (end - timedelta(microseconds=1)).date() if end > start else start.date()
    return Occurrence(event, start, end, False, start.date(), last, recurrence_id, change)


def occurrence_of(event: Event, zone: ZoneInfo) -> Occurrence:
    """The event's first (for a single event: only) occurrence."""
    return place(event, event.start_local, event.end_local, zone,
                 recurrence_id=event.start_local if is_recurring(event) else None)  # fmt: skip


def starts_between(event: Event, local_from: datetime, local_to: datetime) -> list[datetime]:
    """Local wall-clock starts of the series in [local_from, local_to), EXDATEs removed."""
    rule = rule_of(event)
    rdates, exdates = parse_local(event.rdates), parse_local(event.exdates)
    if rule is None:
        starts = {event.start_local, *rdates} - set(exdates)
        return sorted(s for s in starts if local_from <= s < local_to)
    return expand(rule, event.start_local, window_start=local_from, window_end=local_to,
                  rdates=rdates, exdates=exdates)  # fmt: skip


def is_occurrence(event: Event, local_start: datetime) -> bool:
    return local_start in starts_between(event, local_start, local_start + timedelta(minutes=1))


def _local_starts(event: Event, window_start: datetime, window_end: datetime) -> list[datetime]:
    """Local starts of the series whose occurrence may touch the UTC window (with margin)."""
    zone = get_zone(event.timezone)
    # A day of margin on each side covers zone offsets and DST; exact overlap is checked after.
    local_from = window_start.astimezone(zone).replace(tzinfo=None) - _duration(event)
    local_to = window_end.astimezone(zone).replace(tzinfo=None)
    return starts_between(event, local_from - timedelta(days=1), local_to + timedelta(days=1))


def _changes(event: Event) -> dict[datetime, OccurrenceChange]:
    return {change.original_start: change for change in event.changes.all()}


def occurrences_in(
    event: Event, window_start: datetime, window_end: datetime, zone: ZoneInfo
) -> Iterator[Occurrence]:
    """Occurrences of ``event`` overlapping the UTC window [window_start, window_end)."""
    if not is_recurring(event):
        yield occurrence_of(event, zone)
        return
    duration = _duration(event)
    changes = _changes(event)
    for local_start in _local_starts(event, window_start, window_end):
        change = changes.get(local_start)
        if change is not None and change.is_moved:
            continue  # shown at its new time below
        start, end = instants(event, local_start, local_start + duration)
        if start < window_end and end > window_start:
            yield place(event, local_start, local_start + duration, zone,
                        recurrence_id=local_start, change=change)  # fmt: skip
    for change in changes.values():
        if change.is_moved and change.start_utc < window_end and change.end_utc > window_start:
            yield place(event, change.new_start, change.new_end, zone,
                        recurrence_id=change.original_start, change=change)  # fmt: skip


def series_end(event: Event) -> datetime | None:
    """UTC end of the last occurrence (moved ones included), or None if it never ends."""
    if not is_recurring(event):
        return event.end_utc
    rule = rule_of(event)
    rdates = parse_local(event.rdates)
    last = (
        last_start(rule, event.start_local, rdates) if rule else max([event.start_local, *rdates])
    )
    if last is None:
        return None
    end = instants(event, last, last + _duration(event))[1]
    moved = [c.end_utc for c in event.changes.all() if c.is_moved] if event.pk else []
    return max([end, *moved])


def next_occurrence(event: Event, after: datetime, zone: ZoneInfo) -> Occurrence | None:
    """The first occurrence ending after ``after`` (UTC), or None when the series is over."""
    for step in _SEARCH_STEPS:
        found = sorted(occurrences_in(event, after, after + step, zone), key=lambda o: o.start)
        if found:
            return found[0]
        end = event.series_end_utc
        if end is not None and end <= after + step:
            return None
    return None


def previous_occurrence(event: Event, before: datetime, zone: ZoneInfo) -> Occurrence | None:
    """The last occurrence that started before ``before`` (UTC)."""
    for step in _SEARCH_STEPS:
        found = [o for o in occurrences_in(event, before - step, before, zone) if o.start < before]
        if found:
            return max(found, key=lambda o: o.start)
        if before - step <= event.start_utc:
            return None
    return None


def current_occurrence(
    event: Event, now: datetime, zone: ZoneInfo, *, past: bool = False
) -> Occurrence | None:
    """The occurrence a listing shows for ``event``: its next one (the latest, for an
    archive), or its only one when it does not repeat."""
    if not is_recurring(event):
        return occurrence_of(event, zone)
    return previous_occurrence(event, now, zone) if past else next_occurrence(event, now, zone)
