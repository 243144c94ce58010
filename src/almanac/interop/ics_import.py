"""iCalendar (RFC 5545) import, step one: read a file into an :class:`ImportPlan`.

Pure: no database, no request. ``events.services.import_calendar`` applies a plan (in one
transaction, through the same service functions as the admin), so the dry run and the
real run share every line of code and differ only in whether the transaction commits.

Decisions, and why:

* **Whole-file problems** (too large, binary, not UTF-8, not iCalendar, truncated,
  unbalanced BEGIN/END) raise :class:`IcsFileError` naming the line, before anything
  else happens: a half-read file must never half-update a calendar.
* **Per-event problems** (no DTSTART, an RRULE outside what ``events.recurrence``
  supports such as ``FREQ=HOURLY`` or ``BYHOUR``, an unknown TZID) become an
  :class:`ImportIssue` for that VEVENT only; the rest of the plan is unaffected.
  ``icalendar`` keeps no line numbers, so a small scanner (:func:`_scan`) records where
  each VEVENT and each of its properties starts; the n-th VEVENT ``icalendar`` walks is
  the n-th the scanner saw.
* **Time zones.** An event keeps the wall-clock time written in the file and gets an
  IANA zone for it: the TZID itself when it is an IANA name; a Windows name ("W. Europe
  Standard Time", Outlook) through CLDR's windowsZones table (as shipped by
  ``icalendar``); a path-like TZID ("/mozilla.org/…/Europe/Berlin") by its last parts; a
  VTIMEZONE's ``X-LIC-LOCATION``; else the first IANA zone whose offsets match the
  VTIMEZONE's on every day of the event's year. Floating times and UTC (``Z``) times are
  put in the *default zone*: the file's ``X-WR-TIMEZONE`` when it is a valid zone (the
  publisher's zone, which Google writes), else the target calendar's zone. UTC times
  are converted to that zone's wall clock, so an event from a Google export shows at
  the local time its organiser typed.
* **Repeats.** ``UNTIL`` becomes our inclusive local date: a UTC ``UNTIL`` is converted
  to the event's zone first (``events.recurrence`` alone would take the UTC date).
  RDATE/EXDATE/RECURRENCE-ID values are converted to the event's wall clock. A PERIOD
  RDATE keeps only its start (our extra dates share the series' duration).
* **Content.** SUMMARY becomes the title in the import language (cut to 300 characters),
  DESCRIPTION (plain text) becomes escaped HTML paragraphs, LOCATION its first paragraph
  (no venues are created: matching free text to venues is guesswork), URL the external
  link when it is an http(s) address. CATEGORIES are counted and ignored (taxonomies are
  curated here). SEQUENCE is ignored: ours counts our own changes. STATUS:CANCELLED
  cancels; anything else is published.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import cache
from html import escape
from typing import Any, BinaryIO

import icalendar
from django.conf import settings
from django.utils.translation import gettext as _
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from almanac.events.recurrence import RuleError, format_rrule, parse_rrule
from almanac.events.recurrence import validate as validate_rule
from almanac.events.timezones import get_zone, is_valid_zone

MAX_BYTES = 20 * 1024 * 1024  # larger files are refused before they are read whole
MAX_TITLE = 300  # EventTranslation.title
MAX_URL = 500  # Event.external_url

_NAME = re.compile(r"[A-Za-z0-9-]+")


class IcsFileError(ValueError):
    """The file as a whole cannot be imported; ``str(error)`` says why and where."""


@dataclass(frozen=True)
class OverridePlan:
    """One VEVENT with a RECURRENCE-ID: a changed occurrence of a series."""

    original_start: datetime  # local wall clock in the series' zone
    cancelled: bool
    new_start: datetime | None  # None: not moved
    new_end: datetime | None
    title: str  # "" when it is the series' title
    line: int


@dataclass(frozen=True)
class EventPlan:
    """One series or single event of the file, in the shape ``services`` stores."""

    uid: str
    line: int
    title: str
    description: str  # HTML
    external_url: str
    start_date: date
    start_time: time | None
    end_date: date
    end_time: time | None
    timezone: str
    all_day: bool
    cancelled: bool
    rrule: str = ""
    rdates: tuple[str, ...] = ()
    exdates: tuple[str, ...] = ()
    overrides: tuple[OverridePlan, ...] = ()

    def issue(self, message: str) -> str:
        """A problem with this event, worded as every import message is (component, line)."""
        return str(ImportIssue("VEVENT", self.line, self.uid, message))


@dataclass(frozen=True)
class ImportIssue:
    component: str
    line: int
    uid: str
    message: str

    def __str__(self) -> str:
        if self.uid:
            return _("%(component)s at line %(line)s (UID %(uid)s): %(message)s") % {
                "component": self.component,
                "line": self.line,
                "uid": self.uid,
                "message": self.message,
            }
        return _("%(component)s at line %(line)s: %(message)s") % {
            "component": self.component,
            "line": self.line,
            "message": self.message,
        }


@dataclass(frozen=True)
class ImportPlan:
    """What the file holds: events ready to apply and the VEVENTs that cannot be."""

    language: str
    default_zone: str
    events: tuple[EventPlan, ...]
    errors: tuple[ImportIssue, ...]
    ignored_categories: int = 0
    name: str = ""

    @property
    def uids(self) -> set[str]:
        return {e.uid for e in self.events} | {i.uid for i in self.errors if i.uid}


# Reading bytes


def read_limited(stream: BinaryIO, limit: int = MAX_BYTES) -> bytes:
    """At most ``limit`` bytes of ``stream``; one more byte means "too large", unread."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise IcsFileError(too_large_message(limit))
    return data


def too_large_message(limit: int = MAX_BYTES) -> str:
    return _("The file is larger than %(mb)s MB; split it or import a shorter period.") % {
        "mb": limit // (1024 * 1024)
    }


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise IcsFileError(_("This is a binary file, not an iCalendar (.ics) text file."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise IcsFileError(
            _("Line %(line)s is not UTF-8 text; save the file as UTF-8 and try again.")
            % {"line": line}
        ) from None


# Line numbers: icalendar keeps none, so a scan records them


@dataclass
class _Located:
    line: int
    properties: dict[str, int] = field(default_factory=dict)


def _scan(text: str) -> list[_Located]:
    """Check the structure and return, for each top-level VEVENT, where it and its lines are.

    Raises IcsFileError naming the line for what would make ``icalendar`` fail or
    silently drop data: no VCALENDAR first, a line that is no content line, an END that
    closes the wrong component, or a file that ends inside a component (truncated).
    """
    logical: list[tuple[int, str]] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if line[:1] in (" ", "\t") and logical:
            logical[-1] = (logical[-1][0], logical[-1][1] + line[1:])
        elif line.strip():
            logical.append((number, line))
    if not logical or logical[0][1].strip().upper() != "BEGIN:VCALENDAR":
        first = logical[0][1][:60] if logical else ""
        raise IcsFileError(
            _(
                "This is not an iCalendar file: it must start with BEGIN:VCALENDAR, "
                "but line %(line)s is “%(text)s”."
            )
            % {"line": logical[0][0] if logical else 1, "text": first}
        )
    stack: list[tuple[str, int]] = []
    found: list[_Located] = []
    for number, line in logical:
        head = re.split(r"[;:]", line, maxsplit=1)[0]
        if ":" not in line or not _NAME.fullmatch(head):
            raise IcsFileError(
                _("Line %(line)s is not an iCalendar content line: “%(text)s”.")
                % {"line": number, "text": line[:60]}
            )
        name, value = head.upper(), line.split(":", 1)[1].strip().upper()
        if name == "BEGIN":
            stack.append((value, number))
            if value == "VEVENT" and len(stack) == 2:
                found.append(_Located(number))
        elif name == "END":
            if not stack or stack[-1][0] != value:
                opened = stack[-1] if stack else ("", 0)
                raise IcsFileError(
                    _(
                        "Line %(line)s: END:%(name)s does not close %(open)s begun at line "
                        "%(begun)s."
                    )
                    % {"line": number, "name": value, "open": opened[0], "begun": opened[1]}
                )
            stack.pop()
            if not stack:
                break  # one VCALENDAR per file; anything after it is ignored
        elif len(stack) == 2 and stack[-1][0] == "VEVENT":
            found[-1].properties.setdefault(name, number)
    if stack:
        raise IcsFileError(
            _("The file ends inside %(name)s begun at line %(line)s: it looks truncated.")
            % {"name": stack[-1][0], "line": stack[-1][1]}
        )
    return found


# Time zones


def resolve_tzid(tzid: str, vtimezones: dict[str, Any], year: int, prefer: Iterable[str]) -> str:
    """The IANA zone for a TZID (see the module docstring for the order); "" if none."""
    tzid = tzid.strip().strip('"')
    if is_valid_zone(tzid):
        return tzid
    if tzid in WINDOWS_TO_OLSON:
        return _canonical(WINDOWS_TO_OLSON[tzid])
    parts = [p for p in tzid.split("/") if p]
    for n in (3, 2, 1):
        candidate = "/".join(parts[-n:])
        if len(parts) >= n and "/" in candidate and is_valid_zone(candidate):
            return candidate
    component = vtimezones.get(tzid)
    if component is None:
        return ""
    location = str(component.get("X-LIC-LOCATION", "")).strip()
    if is_valid_zone(location):
        return location
    try:
        custom = component.to_tz()
    except (ValueError, TypeError, KeyError, AttributeError):
        return ""
    return _matching_zone(custom, year, tuple(prefer))


def _canonical(name: str) -> str:
    # CLDR still says Asia/Calcutta and Etc/UTC; our pickers use the current names.
    return {"Asia/Calcutta": "Asia/Kolkata", "Etc/UTC": "UTC", "Etc/GMT": "UTC"}.get(name, name)


@cache
def _candidates() -> tuple[str, ...]:
    # Windows' representative zones first: for "+01/+02, EU rules" that is Europe/Berlin,
    # a better guess than the alphabetically first Africa/Ceuta.
    names = sorted(z for z in zoneinfo.available_timezones() if "/" in z and "Etc/" not in z)
    return tuple(dict.fromkeys([*map(_canonical, WINDOWS_TO_OLSON.values()), *names, "UTC"]))


def _matching_zone(custom: Any, year: int, prefer: tuple[str, ...]) -> str:
    """The first zone whose offset equals ``custom``'s at noon on every day of ``year``."""
    days = [datetime(year, 1, 1, 12) + timedelta(days=n) for n in range(365)]
    try:
        wanted = [custom.utcoffset(d) for d in days]
    except (ValueError, TypeError, AttributeError):
        return ""
    for name in dict.fromkeys([*prefer, *_candidates()]):
        if not is_valid_zone(name):
            continue
        zone = get_zone(name)
        if all(d.replace(tzinfo=zone).utcoffset() == w for d, w in zip(days, wanted, strict=True)):
            return name
    return ""


# Values


class _EventError(Exception):
    """A problem with one VEVENT; carries the line of the property at fault."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class _Reader:
    """Converts one VEVENT's values; knows the zones of the file."""

    vtimezones: dict[str, Any]
    default_zone: str

    def zone_of(self, prop: Any, line: int) -> str:
        """The IANA zone a DTSTART is in: its TZID's, or the default zone (floating, UTC)."""
        tzid = str(prop.params.get("TZID", "")) if hasattr(prop, "params") else ""
        value = prop.dt
        if not tzid or not isinstance(value, datetime):
            return self.default_zone
        zone = resolve_tzid(tzid, self.vtimezones, value.year, [self.default_zone])
        if not zone:
            raise _EventError(
                _(
                    "the time zone “%(tzid)s” is neither an IANA name nor a Windows name, "
                    "and no VTIMEZONE in the file matches a known zone"
                )
                % {"tzid": tzid},
                line,
            )
        return "UTC" if zone in ("Etc/UTC", "Etc/GMT") else zone

    def local(self, value: date | datetime, tzid: str, zone: str, same_tzid: str) -> datetime:
        """A value as a naive wall-clock datetime in ``zone`` (a DATE at midnight)."""
        if not isinstance(value, datetime):
            return datetime.combine(value, time.min)
        if value.tzinfo is None or (tzid and tzid == same_tzid):
            # Floating, or written in the event's own zone: keep the wall clock as written.
            return value.replace(tzinfo=None, microsecond=0)
        return value.astimezone(get_zone(zone)).replace(tzinfo=None, microsecond=0)


def _tzid(prop: Any) -> str:
    return str(prop.params.get("TZID", "")) if hasattr(prop, "params") else ""


def _date_values(prop: Any) -> list[tuple[date | datetime, str]]:
    """(value, TZID) of every date in an RDATE/EXDATE (one or several lines)."""
    lines = prop if isinstance(prop, list) else [prop]
    values = []
    for item in lines:
        tzid = _tzid(item)
        for entry in getattr(item, "dts", []):
            value = entry.dt
            if isinstance(value, tuple):  # PERIOD: the start only
                value = value[0]
            values.append((value, tzid))
    return values


def text_to_html(text: str) -> str:
    """Plain text as HTML paragraphs (blank lines) and line breaks, escaped."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]
    return "".join(
        "<p>" + "<br>".join(escape(line.strip()) for line in block.split("\n")) + "</p>"
        for block in blocks
    )


def _external_url(value: str) -> str:
    value = value.strip()
    if len(value) <= MAX_URL and re.match(r"https?://[^\s]+$", value):
        return value
    return ""


# Events


def _rule(vevent: Any, start_local: datetime, zone: str, line: int) -> str:
    prop = vevent.get("RRULE")
    if prop is None:
        return ""
    if isinstance(prop, list):
        raise _EventError(_("more than one RRULE; only one is supported"), line)
    until: date | None = None
    if isinstance(prop, icalendar.vRecur):
        parts = dict(prop)
        raw_until = parts.pop("UNTIL", None)
        text = icalendar.vRecur(parts).to_ical().decode()
        if raw_until:
            value = raw_until[0]
            if isinstance(value, datetime) and value.tzinfo is not None:
                # Our UNTIL is the inclusive local date in the event's zone.
                until = value.astimezone(get_zone(zone)).date()
            else:
                until = value.date() if isinstance(value, datetime) else value
    else:
        text = str(prop)
    try:
        rule = parse_rrule(text)
        if until is not None:
            rule = replace(rule, until=until)
        validate_rule(rule, start_local)
    except RuleError as error:
        raise _EventError(
            _("RRULE at line %(line)s: %(error)s") % {"line": line, "error": error}, line
        ) from None
    return format_rrule(rule)


def _required(vevent: Any, name: str, located: _Located) -> Any:
    if name not in vevent:
        raise _EventError(_("%(name)s is missing") % {"name": name}, located.line)
    return vevent[name]


def _summary(vevent: Any) -> str:
    return " ".join(str(vevent.get("SUMMARY", "")).split())[:MAX_TITLE]


def _span(
    vevent: Any, reader: _Reader, zone: str, located: _Located
) -> tuple[datetime, datetime, bool]:
    """Local start and end (all-day: the inclusive last day at midnight) and all-day."""
    start_prop = _required(vevent, "DTSTART", located)
    start_value = start_prop.dt
    all_day = not isinstance(start_value, datetime)
    start_tzid = _tzid(start_prop)
    start = reader.local(start_value, start_tzid, zone, start_tzid)
    end_line = located.properties.get("DTEND", located.properties.get("DURATION", located.line))
    if "DTEND" in vevent:
        end_prop = vevent["DTEND"]
        if isinstance(end_prop.dt, datetime) == all_day:
            raise _EventError(
                _("DTSTART and DTEND must both be dates or both have times"), end_line
            )
        end = reader.local(end_prop.dt, _tzid(end_prop), zone, start_tzid)
    elif "DURATION" in vevent:
        end = start + vevent["DURATION"].dt
    else:
        # RFC 5545 3.6.1: a DATE start lasts the day, a DATE-TIME start ends when it starts.
        end = start + timedelta(days=1) if all_day else start
    if all_day:
        end = max(end - timedelta(days=1), start)  # exclusive DTEND, inclusive end_date
    elif end < start:
        raise _EventError(_("the event ends before it starts"), end_line)
    return start, end, all_day


def _event_plan(
    vevent: Any, located: _Located, reader: _Reader, uid: str, language: str
) -> EventPlan:
    start_prop = _required(vevent, "DTSTART", located)
    if not _summary(vevent):
        raise _EventError(_("SUMMARY is missing, so the event would have no title"), located.line)
    zone = reader.zone_of(start_prop, located.properties.get("DTSTART", located.line))
    start, end, all_day = _span(vevent, reader, zone, located)
    start_tzid = _tzid(start_prop)

    def locals_of(name: str) -> tuple[str, ...]:
        if name not in vevent:
            return ()
        values = {
            reader.local(value, tzid, zone, start_tzid)
            if isinstance(value, datetime)
            else datetime.combine(value, start.time())
            for value, tzid in _date_values(vevent[name])
        }
        return tuple(sorted(v.isoformat(timespec="minutes") for v in values))

    rrule = _rule(vevent, start, zone, located.properties.get("RRULE", located.line))
    description = str(vevent.get("DESCRIPTION", "")).strip()
    location = ", ".join(
        " ".join(line.split())
        for line in str(vevent.get("LOCATION", "")).splitlines()
        if line.strip()
    )
    html = text_to_html("\n\n".join(filter(None, [location, description])))
    return EventPlan(
        uid=uid,
        line=located.line,
        title=_summary(vevent),
        description=html,
        external_url=_external_url(str(vevent.get("URL", ""))),
        start_date=start.date(),
        start_time=None if all_day else start.time(),
        end_date=end.date(),
        end_time=None if all_day else end.time(),
        timezone=zone,
        all_day=all_day,
        cancelled=str(vevent.get("STATUS", "")).strip().upper() == "CANCELLED",
        rrule=rrule,
        rdates=locals_of("RDATE"),
        exdates=locals_of("EXDATE"),
    )


def _override_plan(
    vevent: Any, located: _Located, reader: _Reader, master: EventPlan, master_start_tzid: str
) -> OverridePlan:
    rid_prop = vevent["RECURRENCE-ID"]
    rid_line = located.properties.get("RECURRENCE-ID", located.line)
    if str(rid_prop.params.get("RANGE", "")).upper() == "THISANDFUTURE":
        raise _EventError(_("RANGE=THISANDFUTURE is not supported"), rid_line)
    original = reader.local(rid_prop.dt, _tzid(rid_prop), master.timezone, master_start_tzid)
    if master.all_day:
        original = datetime.combine(original.date(), time.min)
    start_prop = vevent.get("DTSTART")
    if start_prop is None:
        start, end = None, None
    else:
        start_value = start_prop.dt
        start = reader.local(start_value, _tzid(start_prop), master.timezone, master_start_tzid)
        duration = datetime.combine(
            master.end_date, master.end_time or time.min
        ) - datetime.combine(master.start_date, master.start_time or time.min)
        if "DTEND" in vevent:
            end_value = vevent["DTEND"].dt
            end = reader.local(
                end_value, _tzid(vevent["DTEND"]), master.timezone, master_start_tzid
            )
            if master.all_day:
                end = max(datetime.combine(end.date(), time.min) - timedelta(days=1), start)
        elif "DURATION" in vevent:
            end = start + vevent["DURATION"].dt
        else:
            end = start + duration
        if master.all_day:
            start = datetime.combine(start.date(), time.min)
        if (start, end) == (original, original + duration):
            start = end = None
    title = _summary(vevent)
    return OverridePlan(
        original_start=original,
        cancelled=str(vevent.get("STATUS", "")).strip().upper() == "CANCELLED",
        new_start=start,
        new_end=end,
        title="" if title == master.title else title,
        line=located.line,
    )


def parse(data: bytes, *, default_zone: str, language: str | None = None) -> ImportPlan:
    """Read iCalendar bytes into a plan; raises IcsFileError when the file is unusable.

    ``default_zone`` is the target calendar's zone (used when the file has no valid
    X-WR-TIMEZONE); ``language`` the site language titles and descriptions go into
    (default ``settings.LANGUAGE_CODE``).
    """
    language = language or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        raise IcsFileError(_("%(code)s is not one of this site's languages.") % {"code": language})
    if len(data) > MAX_BYTES:
        raise IcsFileError(too_large_message())
    text = _decode(data)
    located = _scan(text)
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except ValueError as error:
        raise IcsFileError(
            _("The file could not be read as iCalendar: %(error)s") % {"error": str(error)[:200]}
        ) from None
    wr_zone = str(calendar.get("X-WR-TIMEZONE", "")).strip()
    zone = wr_zone if is_valid_zone(wr_zone) else default_zone
    reader = _Reader(
        vtimezones={str(tz.get("TZID", "")): tz for tz in calendar.walk("VTIMEZONE")},
        default_zone=zone,
    )
    vevents = [c for c in calendar.subcomponents if c.name == "VEVENT"]
    if len(vevents) != len(located):  # cannot happen after _scan; guard the zip anyway
        raise IcsFileError(_("The file could not be read as iCalendar."))
    masters: dict[str, tuple[EventPlan, str]] = {}
    pending: list[tuple[Any, _Located, str]] = []
    errors: list[ImportIssue] = []
    failed: set[str] = set()
    categories = 0
    for vevent, where in zip(vevents, located, strict=True):
        uid = " ".join(str(vevent.get("UID", "")).split())
        categories += _count_categories(vevent.get("CATEGORIES"))
        try:
            if not uid:
                raise _EventError(_("UID is missing"), where.line)
            if len(uid) > 255:
                raise _EventError(_("the UID is longer than 255 characters"), where.line)
            if "RECURRENCE-ID" in vevent:
                pending.append((vevent, where, uid))
                continue
            if uid in masters or uid in failed:
                raise _EventError(_("another VEVENT has the same UID"), where.line)
            plan = _event_plan(vevent, where, reader, uid, language)
            masters[uid] = (plan, _tzid(vevent["DTSTART"]))
        except _EventError as error:
            failed.add(uid)
            errors.append(ImportIssue("VEVENT", where.line, uid, error.message))
    overrides: dict[str, list[OverridePlan]] = {}
    for vevent, where, uid in pending:
        if uid in failed:
            continue  # its series is already reported
        try:
            if uid not in masters:
                raise _EventError(
                    _("a changed occurrence (RECURRENCE-ID) without its series"), where.line
                )
            master, start_tzid = masters[uid]
            if not master.rrule and not master.rdates:
                raise _EventError(_("RECURRENCE-ID on an event that does not repeat"), where.line)
            overrides.setdefault(uid, []).append(
                _override_plan(vevent, where, reader, master, start_tzid)
            )
        except _EventError as error:
            failed.add(uid)
            masters.pop(uid, None)
            errors.append(ImportIssue("VEVENT", where.line, uid, error.message))
    events = tuple(
        EventPlan(**{**plan.__dict__, "overrides": tuple(overrides.get(uid, ()))})
        for uid, (plan, _tz) in masters.items()
        if uid not in failed
    )
    errors.sort(key=lambda issue: issue.line)
    return ImportPlan(
        language=language,
        default_zone=zone,
        events=events,
        errors=tuple(errors),
        ignored_categories=categories,
        name=str(calendar.get("X-WR-CALNAME", "")),
    )


def _count_categories(prop: Any) -> int:
    lines = prop if isinstance(prop, list) else [prop] if prop is not None else []
    return sum(len(getattr(item, "cats", [item])) for item in lines)
