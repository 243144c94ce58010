"""The date ranges behind each view, and parsing of the dates in URLs.

Pure functions; the only outside input is the active language of the error messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

MIN_YEAR, MAX_YEAR = 1900, 2999  # wide enough for any archive, narrow enough to be sane

_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


class BadDate(ValueError):
    """A date in a URL that is malformed, impossible or out of range."""


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadDate(
            _("Years from %(first)d to %(last)d only.") % {"first": MIN_YEAR, "last": MAX_YEAR}
        )


def parse_day(text: str) -> date:
    match = _DAY.match(text)
    if not match:
        raise BadDate(_("Use a date like 2022-06-02."))
    year, month, day = map(int, match.groups())
    _check_year(year)
    try:
        return date(year, month, day)
    except ValueError:
        raise BadDate(_("%(text)s is not a date in the calendar.") % {"text": text}) from None


def parse_month(text: str) -> date:
    """The first day of a month given as 2022-06 (a full date is accepted too)."""
    if _DAY.match(text):
        return parse_day(text).replace(day=1)
    match = _MONTH.match(text)
    if not match:
        raise BadDate(_("Use a month like 2022-06."))
    year, month = map(int, match.groups())
    _check_year(year)
    if not 1 <= month <= 12:
        raise BadDate(_("%(text)s is not a month.") % {"text": text})
    return date(year, month, 1)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's end (Jan 31 + 1 → Feb 28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def in_range(day: date) -> bool:
    return MIN_YEAR <= day.year <= MAX_YEAR


@dataclass(frozen=True)
class Period:
    """What a view shows: its days, and where previous and next lead."""

    view: str
    anchor: date
    first: date
    last: date
    previous: date
    next: date

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range((self.last - self.first).days + 1)]


def week_start(day: date, first_weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def period_for(view: str, anchor: date, first_weekday: int) -> Period:
    """The period of ``view`` ("week", "month", "day", "4days", "posterboard") around ``anchor``."""
    if view == "week":
        first = week_start(anchor, first_weekday)
        return Period(view, anchor, first, first + timedelta(days=6),
                      first - timedelta(days=7), first + timedelta(days=7))  # fmt: skip
    if view == "day":
        return Period(view, anchor, anchor, anchor,
                      anchor - timedelta(days=1), anchor + timedelta(days=1))  # fmt: skip
    if view == "4days":
        return Period(view, anchor, anchor, anchor + timedelta(days=3),
                      anchor - timedelta(days=4), anchor + timedelta(days=4))  # fmt: skip
    if view in ("month", "posterboard"):
        first = anchor.replace(day=1)
        last = add_months(first, 1) - timedelta(days=1)
        return Period(view, first, first, last, add_months(first, -1), add_months(first, 1))
    raise ValueError(f"unknown view {view!r}")


def month_grid(first_of_month: date, first_weekday: int) -> list[list[date]]:
    """Whole weeks covering the month, starting on ``first_weekday``."""
    start = week_start(first_of_month, first_weekday)
    last = add_months(first_of_month, 1) - timedelta(days=1)
    weeks = []
    while start <= last:
        weeks.append([start + timedelta(days=i) for i in range(7)])
        start += timedelta(days=7)
    return weeks
