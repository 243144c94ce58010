"""Locale-aware formatting of dates and times for the public templates (via Babel)."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton, get_timezone_name
from django import template
from django.utils.translation import get_language

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
