"""iCalendar (RFC 5545) export: events as a VCALENDAR for download and webcal subscription.

What is built, and why this way:

* One VEVENT per event with its stable ``UID`` and ``SEQUENCE``, so that a calendar
  client that already has the event updates it instead of adding a copy. A repeating
  event is one VEVENT with ``RRULE``/``RDATE``/``EXDATE`` (a series, as clients expect),
  plus one VEVENT with the same UID and a ``RECURRENCE-ID`` for each occurrence that was
  cancelled, moved or retitled (``OccurrenceChange``).
* Times are the event's wall-clock values with ``TZID`` = its IANA zone, never converted
  to UTC: "every Tuesday 09:00 Brussels" must stay 09:00 on both sides of a
  daylight-saving change, which only a zoned series expresses. All-day events are DATE
  values that keep their days in every zone (DTEND is the day after the last day).
* Every TZID used gets a VTIMEZONE built from zoneinfo (``icalendar.Timezone.from_tzid``)
  with the transitions of the years the calendar uses; for a series without end, up to
  :data:`TIMEZONE_HORIZON_YEARS` after the later of today and its start. Clients that
  know IANA names use those; the others (Outlook) read the VTIMEZONE.
* Our ``UNTIL`` is an inclusive *local date* (see ``events.recurrence``). RFC 5545 wants
  UNTIL in UTC when DTSTART has a TZID, so a timed series gets the end of that local day
  (23:59:59 in the event's zone) converted to UTC; an all-day series gets a DATE.
* ``DTSTAMP`` is the event's ``updated_at``, not the time of the request: the body of a
  feed then changes only when its content does, so its ETag lets clients that poll a
  subscription get "304 Not Modified" instead of the whole feed.
* DESCRIPTION is plain text (RFC 5545 TEXT): the summary, the description with its
  HTML removed, the times in the event's zone and its audience zones (the "Beijing time
  3–5 PM" line organisers used to type by hand), the online link and the event page.

Time window of calendar feeds (``/feeds/<calendar>.ics``, ``/feeds/all.ics``): events
and series whose last occurrence ended at most ``settings.ALMANAC_FEED_PAST_DAYS``
days ago (default 365), or that are still to end or never end;
there is no upper bound. A subscription thus carries the coming programme and a year of
history without growing forever. A series is exported whole (its RRULE from its first
date), even when it started before the window. The single-event file
(``/events/<slug>.ics``) has no window.

The functions here read events already loaded with :func:`for_export` and issue no
queries of their own, so a feed costs a fixed number of queries whatever it holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser
from urllib.parse import quote, urlencode

import icalendar
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, get_timezone_name
from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from almanac.events.models import Event, EventQuerySet, OccurrenceChange
from almanac.events.occurrences import (
    Occurrence,
    instants,
    is_occurrence,
    is_recurring,
    parse_local,
    rule_of,
)
from almanac.events.recurrence import Rule
from almanac.events.timezones import get_zone

PRODID = "-//Almanac//Almanac events calendar//EN"
# How far past today the VTIMEZONE of a series without end reaches. After its last
# listed transition a client keeps the last offset, so this is a bound on correctness
# for clients that read the VTIMEZONE rather than the IANA name.
TIMEZONE_HORIZON_YEARS = 10
# How often subscribed clients should poll (RFC 7986 REFRESH-INTERVAL, Outlook's TTL).
REFRESH_INTERVAL = timedelta(hours=1)
# Plain-text detail carried in "add to calendar" links; URLs over ~2,000 characters fail.
LINK_TEXT_LIMIT = 600

_END_OF_DAY = time(23, 59, 59)


# Which events


def past_days() -> int:
    """The feed window, in days before now (``settings.ALMANAC_FEED_PAST_DAYS``)."""
    return settings.ALMANAC_FEED_PAST_DAYS


def for_export(events: EventQuerySet) -> EventQuerySet:
    """``events`` with everything the export reads, in a fixed number of queries.

    Narrower than ``with_related``: tags and the calendar's translations are not
    exported; organizers are (for ORGANIZER).
    """
    return events.select_related("calendar", "venue").prefetch_related(
        "translations",
        "venue__translations",
        "categories__translations",
        "organizers__translations",
        "changes",
    )


def in_feed_window(events: EventQuerySet, now: datetime, days: int) -> EventQuerySet:
    """Events (or series) still to end, or that ended less than ``days`` days before ``now``."""
    since = now - timedelta(days=days)
    return events.filter(Q(series_end_utc__isnull=True) | Q(series_end_utc__gt=since))


# Plain text


class _TextExtractor(HTMLParser):
    """Sanitised rich text (see ``services.sanitize_html``) as readable plain text.

    Block elements become line breaks, list items get a dash, and a link keeps its
    address in brackets, since a calendar client shows DESCRIPTION as plain text.
    """

    BLOCKS = {"p", "h2", "h3", "h4", "blockquote", "pre", "table", "ul", "ol", "hr"}
    LINES = {"br", "li", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[tuple[str, int]] = []  # (href, index of the first part of the text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag in self.LINES:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.parts)))
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "a" and self.links:
            href, first = self.links.pop()
            text = "".join(self.parts[first:]).strip()
            if href and href != text and not href.startswith("#"):
                self.parts.append(f" ({href.removeprefix('mailto:')})")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def plain_text(html: str) -> str:
    """Rich-text HTML as plain text: paragraphs kept, tags and entities gone."""
    if not html:
        return ""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = unescape("".join(parser.parts))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


# Labels


@lru_cache(maxsize=32)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language, sep="-")
    except (UnknownLocaleError, ValueError):
        return Locale.parse(settings.LANGUAGE_CODE, sep="-")


def _day_shift(days: int) -> str:
    # Same message as the pages' "other times" (calendar/templatetags/almanac.py).
    return ngettext("(%(days)+d day)", "(%(days)+d days)", abs(days)) % {"days": days}


def times_text(event: Event, local_start: datetime, local_end: datetime, language: str) -> str:
    """The span in the event's zone and each audience zone, each labelled with its name.

    "09:00–11:00 Central European Summer Time (Europe/Brussels) · 15:00–17:00 China
    Standard Time (Asia/Shanghai)". Uses the same instants as the pages (gap and overlap
    rules of ``events.timezones``). Empty for all-day events, which have no times.
    """
    if event.all_day:
        return ""
    start_utc, end_utc = instants(event, local_start, local_end)
    own_day = start_utc.astimezone(get_zone(event.timezone)).date()
    locale = _locale(language)
    parts = []
    zones = [event.timezone, *event.audience_zones, *event.calendar.audience_zones]
    for name in dict.fromkeys(zones):
        zone = get_zone(name)
        start, end = start_utc.astimezone(zone), end_utc.astimezone(zone)
        shift = (start.date() - own_day).days
        label = get_timezone_name(start, "long", locale=locale)
        parts.append(
            " ".join(
                filter(None, [f"{start:%H:%M}–{end:%H:%M}", _day_shift(shift) if shift else ""])
            )
            + f" {label} ({name})"
        )
    return " · ".join(parts)


def location_text(event: Event, language: str) -> str:
    """Venue name and address on one line, else the online link, else nothing."""
    if event.venue is not None:
        venue = event.venue.translation(language)
        if venue is None:
            return event.venue.slug
        address = [line.strip() for line in venue.address.splitlines() if line.strip()]
        return ", ".join([venue.name, *address])
    return event.online_url


def _title(event: Event, language: str) -> str:
    found = event.translation(language)
    return found.title if found is not None else event.slug


def _absolute(base_url: str, path: str) -> str:
    return f"{base_url.rstrip('/')}{path}"


def event_url(event: Event, language: str, base_url: str, on: datetime | None = None) -> str:
    """The event page in ``language``, at one occurrence when ``on`` (local start) is given."""
    with override(language):
        path = reverse("calendar:event", args=[event.slug])
    url = _absolute(base_url, path)
    return f"{url}?on={on:%Y-%m-%dT%H:%M}" if on is not None else url


def description_text(
    event: Event,
    language: str,
    *,
    times: str,
    url: str,
    first_date: date | None = None,
) -> str:
    """DESCRIPTION: summary, description, times (dated for a series), online link, page."""
    found = event.translation(language)
    blocks = []
    if found is not None:
        blocks += [found.summary.strip(), plain_text(found.description)]
    lines = []
    if times:
        if first_date is not None:
            day = format_date(first_date, "long", locale=_locale(language))
            # Translators: a repeating event's times, given for its first date.
            lines.append(_("Times on %(date)s: %(times)s") % {"date": day, "times": times})
        else:
            lines.append(_("Times: %(times)s") % {"times": times})
    if event.online_url:
        lines.append(_("Online: %(url)s") % {"url": event.online_url})
    blocks += ["\n".join(lines), url]
    return "\n\n".join(block for block in blocks if block)


# VEVENT


def _zoned(event: Event, local: datetime) -> datetime | date:
    """A stored wall-clock value as iCalendar wants it: DATE, or date-time with TZID."""
    if event.all_day:
        return local.date()
    return local.replace(tzinfo=get_zone(event.timezone))


def _end_value(event: Event, local_end: datetime) -> datetime | date:
    # All-day ends are inclusive here and exclusive in iCalendar.
    if event.all_day:
        return local_end.date() + timedelta(days=1)
    return local_end.replace(tzinfo=get_zone(event.timezone))


def _until(event: Event, until: date) -> datetime | date:
    """Our inclusive local UNTIL date as RFC 5545 wants it (see the module docstring)."""
    if event.all_day:
        return until
    local_end = datetime.combine(until, _END_OF_DAY, tzinfo=get_zone(event.timezone))
    return local_end.astimezone(UTC)


def recur(event: Event, rule: Rule) -> icalendar.vRecur:
    """The RRULE value of ``rule`` for ``event`` (UNTIL converted, defaults left out)."""
    parts: dict[str, object] = {"FREQ": rule.freq}
    if rule.until is not None:
        parts["UNTIL"] = _until(event, rule.until)
    if rule.count is not None:
        parts["COUNT"] = rule.count
    if rule.interval != 1:
        parts["INTERVAL"] = rule.interval
    for key, value in (
        ("BYMONTH", rule.bymonth),
        ("BYMONTHDAY", rule.bymonthday),
        ("BYDAY", rule.byday),
        ("BYSETPOS", rule.bysetpos),
    ):
        if value:
            parts[key] = list(value)
    if rule.wkst != "MO":  # MO is the RFC 5545 default
        parts["WKST"] = rule.wkst
    return icalendar.vRecur(parts)


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def _base_vevent(event: Event, language: str) -> icalendar.Event:
    """Properties a series and its changed occurrences share (RFC 5545: an override is whole)."""
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", _utc(event.updated_at))
    vevent.add("created", _utc(event.created_at))
    vevent.add("last-modified", _utc(event.updated_at))
    location = location_text(event, language)
    if location:
        vevent.add("location", location)
    venue = event.venue
    if venue is not None and venue.latitude is not None and venue.longitude is not None:
        vevent.add("geo", (float(venue.latitude), float(venue.longitude)))
    categories = [c.translation(language) for c in event.categories.all()]
    names = [c.name for c in categories if c is not None and c.name]
    if names:
        vevent.add("categories", names)
    organizer = next((o for o in event.organizers.all() if o.email), None)
    if organizer is not None:
        found = organizer.translation(language)
        vevent.add(
            "organizer",
            f"mailto:{organizer.email}",
            parameters={"CN": found.name} if found is not None and found.name else None,
        )
    return vevent


def _status(cancelled: bool) -> str:
    return "CANCELLED" if cancelled else "CONFIRMED"


def series_vevent(event: Event, language: str, base_url: str) -> icalendar.Event:
    """The event itself: its first occurrence and, for a series, the rule and extra dates."""
    vevent = _base_vevent(event, language)
    url = event_url(event, language, base_url)
    recurring = is_recurring(event)
    times = times_text(event, event.start_local, event.end_local, language)
    vevent.add("summary", _title(event, language))
    vevent.add("dtstart", _zoned(event, event.start_local))
    vevent.add("dtend", _end_value(event, event.end_local))
    vevent.add("status", _status(event.is_cancelled))
    vevent.add("url", url)
    vevent.add(
        "description",
        description_text(
            event,
            language,
            times=times,
            url=url,
            first_date=event.start_date if recurring else None,
        ),
    )
    rule = rule_of(event)
    if rule is not None:
        vevent.add("rrule", recur(event, rule))
    if event.rdates:
        vevent.add("rdate", [_zoned(event, d) for d in parse_local(event.rdates)])
    if event.exdates:
        vevent.add("exdate", [_zoned(event, d) for d in parse_local(event.exdates)])
    return vevent


def _exported_changes(event: Event) -> list[OccurrenceChange]:
    """The changes the pages show: moves always; cancels and retitles of real occurrences.

    A change whose original date is no longer one of the series' dates (the series was
    edited around it) is shown by the pages only when it moved the occurrence; the
    export follows the pages exactly.
    """
    if not is_recurring(event):
        return []
    return [
        change
        for change in event.changes.all()
        if change.is_moved or is_occurrence(event, change.original_start)
    ]


def change_vevent(
    event: Event, change: OccurrenceChange, language: str, base_url: str
) -> icalendar.Event:
    """One changed occurrence: same UID, RECURRENCE-ID = its original start."""
    vevent = _base_vevent(event, language)
    if change.is_moved:
        local_start, local_end = change.new_start, change.new_end
    else:
        local_start = change.original_start
        local_end = local_start + (event.end_local - event.start_local)
    # The page of one occurrence is keyed by its original start (?on=); the event page
    # cannot open a moved occurrence that way yet, so a move links to the event itself.
    url = event_url(
        event, language, base_url, on=None if change.is_moved else change.original_start
    )
    times = times_text(event, local_start, local_end, language)
    vevent.add("summary", change.title(language) or _title(event, language))
    vevent.add("recurrence-id", _zoned(event, change.original_start))
    vevent.add("dtstart", _zoned(event, local_start))
    vevent.add("dtend", _end_value(event, local_end))
    vevent.add("status", _status(event.is_cancelled or change.cancelled))
    vevent.add("url", url)
    vevent.add("description", description_text(event, language, times=times, url=url))
    return vevent


def event_vevents(event: Event, language: str, base_url: str) -> list[icalendar.Event]:
    """The series VEVENT and one per changed occurrence, in a stable order."""
    return [
        series_vevent(event, language, base_url),
        *(change_vevent(event, c, language, base_url) for c in _exported_changes(event)),
    ]


# VTIMEZONE


def _local_values(event: Event) -> Iterable[datetime]:
    yield event.start_local
    yield event.end_local
    yield from parse_local(event.rdates)
    yield from parse_local(event.exdates)
    for change in event.changes.all():
        yield change.original_start
        if change.is_moved:
            yield change.new_start
            yield change.new_end


def _zone_years(events: Iterable[Event], now: datetime) -> dict[str, tuple[int, int]]:
    """For each zone of a timed event: the first and last year its VTIMEZONE must cover."""
    years: dict[str, tuple[int, int]] = {}
    for event in events:
        if event.all_day:
            continue
        zone = get_zone(event.timezone)
        values = [d.year for d in _local_values(event)]
        last = max(values)
        if is_recurring(event):
            if event.series_end_utc is None:
                last = max(last, now.year + TIMEZONE_HORIZON_YEARS)
            else:
                last = max(last, event.series_end_utc.astimezone(zone).year)
        first = min(values)
        known = years.get(event.timezone)
        years[event.timezone] = (
            (min(first, known[0]), max(last, known[1])) if known else (first, last)
        )
    return years


@lru_cache(maxsize=256)
def _timezone_ical(tzid: str, first_year: int, last_year: int) -> bytes:
    """A serialised VTIMEZONE, cached: zones and years repeat from one request to the next."""
    component = icalendar.Timezone.from_tzid(
        tzid, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1)
    )
    return component.to_ical()


def vtimezone(tzid: str, first_year: int, last_year: int) -> icalendar.Timezone:
    """The VTIMEZONE of ``tzid`` with the transitions of ``first_year`` to ``last_year``."""
    return icalendar.Timezone.from_ical(_timezone_ical(tzid, first_year, last_year))


# VCALENDAR


@dataclass(frozen=True)
class CalendarInfo:
    """What the VCALENDAR says about itself."""

    name: str
    zone: str
    description: str = ""
    subscription: bool = True  # a feed to poll, rather than a one-off file


def build_calendar(
    events: Sequence[Event],
    *,
    info: CalendarInfo,
    language: str,
    base_url: str,
    now: datetime,
) -> bytes:
    """The VCALENDAR for ``events`` (loaded with :func:`for_export`), as bytes.

    ``language`` picks every translation (with the site's fallback order); ``base_url``
    ("https://host") makes the event links absolute; ``now`` only sets how far ahead
    the VTIMEZONE of a series without end reaches. Same data, same bytes.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", info.name)
    calendar.add("name", info.name)
    if info.description:
        calendar.add("x-wr-caldesc", info.description)
    calendar.add("x-wr-timezone", info.zone)
    if info.subscription:
        calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL))
    with override(language):
        vevents = [v for event in events for v in event_vevents(event, language, base_url)]
    for vevent in vevents:
        calendar.add_component(vevent)
    years = _zone_years(events, now)
    fallback = (now.year, now.year + TIMEZONE_HORIZON_YEARS)
    timezones = [vtimezone(tzid, *years.get(tzid, fallback)) for tzid in sorted(_tzids(calendar))]
    # VTIMEZONEs first: some clients read a file once, top to bottom.
    calendar.subcomponents[:0] = timezones
    return calendar.to_ical()


def _tzids(calendar: icalendar.Calendar) -> set[str]:
    """Every TZID a property of the calendar uses (UTC needs no VTIMEZONE)."""
    found = set()
    for component in calendar.walk("VEVENT"):
        for _name, value in component.property_items(recursive=False, sorted=False):
            tzid = getattr(value, "params", {}).get("TZID")
            if tzid and tzid != "UTC":
                found.add(str(tzid))
    return found


# "Add to calendar" links


@dataclass(frozen=True)
class AddToCalendarLinks:
    ics: str
    webcal: str
    google: str
    outlook: str


def _short(text: str, limit: int = LINK_TEXT_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _query(params: dict[str, str]) -> str:
    return urlencode(params, quote_via=quote)


def add_to_calendar_links(
    occurrence: Occurrence, *, language: str, scheme: str, host: str
) -> AddToCalendarLinks:
    """Links for the occurrence an event page shows.

    The .ics file and the webcal subscription carry the whole series (and, for the
    subscription, the whole calendar); Google and Outlook take one occurrence as
    parameters, so they get the one shown, with its own title and times.
    """
    event = occurrence.event
    base_url = f"{scheme}://{host}"
    lang = _query({"lang": language})
    ics = f"{reverse('ics-event', args=[event.slug])}?{lang}"
    webcal = f"webcal://{host}{reverse('ics-feed', args=[event.calendar.slug])}?{lang}"
    moved = occurrence.change is not None and occurrence.change.is_moved
    # See change_vevent: the event page cannot open a moved occurrence by ?on= yet.
    url = event_url(event, language, base_url, on=None if moved else occurrence.recurrence_id)
    title = occurrence.change.title(language) if occurrence.change else ""
    title = title or _title(event, language)
    if occurrence.all_day:
        first, after = occurrence.first_day, occurrence.last_day + timedelta(days=1)
        google_dates = f"{first:%Y%m%d}/{after:%Y%m%d}"
        outlook_times = {"startdt": first.isoformat(), "enddt": after.isoformat()}
        times = ""
    else:
        start, end = _utc(occurrence.start), _utc(occurrence.end)
        google_dates = f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}"
        outlook_times = {
            "startdt": f"{start:%Y-%m-%dT%H:%M:%SZ}",
            "enddt": f"{end:%Y-%m-%dT%H:%M:%SZ}",
        }
        local = get_zone(event.timezone)
        times = times_text(
            event,
            occurrence.start.astimezone(local).replace(tzinfo=None),
            occurrence.end.astimezone(local).replace(tzinfo=None),
            language,
        )
    found = event.translation(language)
    summary = found.summary.strip() if found is not None else ""
    with override(language):
        times_line = _("Times: %(times)s") % {"times": times} if times else ""
    details = "\n\n".join(filter(None, [_short(summary), times_line, url]))
    location = location_text(event, language)
    google = {"action": "TEMPLATE", "text": title, "dates": google_dates, "details": details}
    outlook = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": title,
        **outlook_times,
        "allday": "true" if occurrence.all_day else "false",
        "body": details,
    }
    if location:
        google["location"] = outlook["location"] = location
    google["ctz"] = event.timezone
    return AddToCalendarLinks(
        ics=ics,
        webcal=webcal,
        google=f"https://calendar.google.com/calendar/render?{_query(google)}",
        outlook=f"https://outlook.live.com/calendar/0/deeplink/compose?{_query(outlook)}",
    )
