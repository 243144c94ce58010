"""Locale-aware formatting of dates and times for the public templates (via Babel)."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton, get_timezone_name
from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from almanac.events.timezones import get_zone

register = template.Library()

# Exact patterns where a locale's own skeleton does not match what its users expect to see.
# English keeps the seed calendar's zero-padded "May 29 - June 04".
_HEADING_PATTERNS = {"en": "MMMM dd"}


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language, sep="-")


def current_locale() -> Locale:
    return _locale(get_language() or "en")


@register.filter
def longdate(value: date) -> str:
    """June 2, 2022 · 2022年6月2日"""
    return format_date(value, "long", locale=current_locale())


@register.filter
def fulldate(value: date) -> str:
    """Thursday, June 2, 2022 · 2022年6月2日星期四"""
    return format_date(value, "full", locale=current_locale())


@register.filter
def daymonth(value: date) -> str:
    """June 02 (English, as in the seed) · 6月2日"""
    language = get_language() or "en"
    pattern = _HEADING_PATTERNS.get(language.split("-")[0])
    if pattern:
        return format_date(value, pattern, locale=current_locale())
    return format_skeleton("MMMMd", value, locale=current_locale())


@register.simple_tag
def period_range(first: date, last: date) -> str:
    """May 29 - June 04 (the seed's English format) · 5月29日至6月4日 · 29 mai – 4 juin"""
    language = get_language() or "en"
    if language.split("-")[0] in _HEADING_PATTERNS:
        return f"{daymonth(first)} - {daymonth(last)}"
    return format_interval(first, last, "MMMMd", locale=current_locale())


@register.filter
def zone_name(zone: str) -> str:
    """Central European Time · 中欧时间: the generic, localised name of an IANA zone."""
    return get_timezone_name(get_zone(zone), "long", locale=current_locale())


@register.filter
def monthyear(value: date) -> str:
    """June 2022 · 2022年6月"""
    return format_skeleton("yMMMM", value, locale=current_locale())


@register.filter
def weekday_short(value: date) -> str:
    return format_date(value, "EEE", locale=current_locale())


@register.filter
def weekday_long(value: date) -> str:
    return format_date(value, "EEEE", locale=current_locale())


@register.filter
def daynum(value: date) -> str:
    """The zero-padded day of the month, as the seed's week view shows it."""
    return f"{value.day:02d}"


@register.filter
def hhmm(value: datetime) -> str:
    return value.strftime("%H:%M")


@register.filter
def zone_label(value: datetime) -> str:
    """Central European Summer Time · 中欧夏令时间, for the instant's own zone."""
    return get_timezone_name(value, "long", locale=current_locale())


def _zone_abbreviation(value: datetime) -> str:
    """CEST, EDT: short and familiar in English; elsewhere the localised long name."""
    abbreviation = value.tzname() or ""
    if (get_language() or "en").startswith("en") and abbreviation.isalpha():
        return abbreviation
    return zone_label(value)


@register.simple_tag(takes_context=True)
def shown_zone_label(context, occurrence) -> str:
    """The label of the primary time: "your time" when it is the viewer's own zone."""
    if context.get("zone_source") in ("choice", "browser"):
        return _("your time")
    return _zone_abbreviation(occurrence.start)


@register.simple_tag
def other_times(occurrence, also_shown: str = "") -> str:
    """The occurrence in its own zone and its audience zones, where those differ from the
    zone shown: "09:00–11:00 CEST · 15:00–17:00 China Standard Time". Empty if none does.

    ``also_shown`` names a zone the page shows elsewhere (the viewer's, on the event page).
    """
    if occurrence.all_day:
        return ""
    event = occurrence.event
    shown = occurrence.start
    offsets = {shown.utcoffset()}
    if also_shown:
        offsets.add(shown.astimezone(get_zone(also_shown)).utcoffset())
    parts = []
    for name in dict.fromkeys(
        [event.timezone, *event.audience_zones, *event.calendar.audience_zones]
    ):
        start, end = occurrence.in_zone(get_zone(name))
        if start.utcoffset() in offsets:
            continue
        offsets.add(start.utcoffset())
        shift = (start.date() - shown.date()).days
        label = _zone_abbreviation(start) if name == event.timezone else zone_label(start)
        parts.append(
            format_html(
                '<span class="other-time"><time datetime="{}">{}–{}</time>{} {}</span>',
                start.isoformat(),
                hhmm(start),
                hhmm(end),
                format_html(' <span class="day-shift">{}</span>', _day_shift(shift))
                if shift
                else "",
                label,
            )
        )
    return mark_safe(" · ".join(parts))  # noqa: S308 (every part is built by format_html)


def _day_shift(days: int) -> str:
    # Translators: a time in another zone falls on the next (+1) or previous (-1) day.
    return ngettext("(%(days)+d day)", "(%(days)+d days)", abs(days)) % {"days": days}


@register.filter
def iso(value: date | datetime) -> str:
    return value.isoformat()


@register.simple_tag
def timerange(occurrence, day: date | None = None) -> str:
    """09:00–11:00 on one day.

    On a given ``day`` of a multi-day event, … marks the side that continues on another
    day; without a day (lists), the end carries its date: 09:00 – June 23, 17:00.
    """
    if day:
        start = "…" if occurrence.continues_before(day) else hhmm(occurrence.start)
        end = "…" if occurrence.continues_after(day) else hhmm(occurrence.end)
        return f"{start}–{end}"
    if occurrence.last_day != occurrence.first_day:
        return f"{hhmm(occurrence.start)} – {daymonth(occurrence.last_day)}, {hhmm(occurrence.end)}"
    return f"{hhmm(occurrence.start)}–{hhmm(occurrence.end)}"


@register.filter
def began_before(occurrence, day: date | None) -> bool:
    return bool(day) and occurrence.continues_before(day)


@register.filter
def runs_past(occurrence, day: date | None) -> bool:
    return bool(day) and occurrence.continues_after(day)
