"""Repeating events: a subset of RFC 5545 ``RRULE``, as pure functions.

No database, no request: rules are values, times are naive local wall-clock datetimes in
the event's own zone. Callers convert occurrences to UTC afterwards (``timezones``, PEP 495
``fold=0``). Expanding in wall-clock time and converting last is what keeps "every Tuesday
09:00 Brussels" at 09:00 on both sides of a daylight-saving change; expanding in UTC would
move it to 10:00 or 08:00 for half of the year.

Supported: ``FREQ`` (DAILY, WEEKLY, MONTHLY, YEARLY), ``INTERVAL``, ``COUNT``, ``UNTIL``,
``BYDAY`` (with positions such as ``1MO``/``-1FR`` for monthly and yearly repeats),
``BYMONTHDAY``, ``BYMONTH``, ``BYSETPOS`` and ``WKST``. ``dateutil.rrule`` does the
generation; this module adds validation, user-facing messages, summaries and a cost
bound (see :func:`expand`).

Decisions where RFC 5545, dateutil and a calendar UI disagree:

* ``UNTIL`` is an inclusive *local date*: occurrences starting on or before that day, in
  the event's zone. A DATE-TIME ``UNTIL`` keeps only its date part. For a UTC value
  (``...Z``) that is the UTC date, not the date in the event's zone: a simplification that
  can move the end by one day for a series starting near midnight, accepted because the
  editor only ever writes dates.
* DTSTART must itself be an occurrence (:func:`validate`). RFC 5545 counts DTSTART as
  the first instance even when it does not match the rule; dateutil skips it then. With
  the check, both readings give the same dates, and ``COUNT`` means the same thing.
* Wall-clock times that do not exist in the zone are not dropped here: see
  ``timezones`` for how they resolve. When Samoa (``Pacific/Apia``) skipped the whole of
  2011-12-30, a daily 09:00 series still yields 2011-12-30 09:00 here; with ``fold=0``
  it resolves to the instant of 2011-12-31 09:00 (both are 2011-12-30 19:00 UTC), so
  after conversion that series has two occurrences at one instant.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import MAXYEAR, date, datetime, time, timedelta
from functools import cache
from math import gcd

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, get_day_names, get_month_names
from babel.lists import format_list
from dateutil import rrule as du
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # index == date.weekday()
MAX_TEXT_LENGTH = 500
MAX_COUNT = 10_000
MAX_INTERVAL = 1_000

_KEYS = (
    *("FREQ", "INTERVAL", "COUNT", "UNTIL"),
    *("BYMONTH", "BYMONTHDAY", "BYDAY", "BYSETPOS", "WKST"),
)
_DU_FREQ = {"DAILY": du.DAILY, "WEEKLY": du.WEEKLY, "MONTHLY": du.MONTHLY, "YEARLY": du.YEARLY}
_DU_WEEKDAY = (du.MO, du.TU, du.WE, du.TH, du.FR, du.SA, du.SU)
_BYDAY = re.compile(r"([+-]?)(\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
_INTEGER = re.compile(r"[+-]?\d{1,6}")
_UNTIL = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?")
_END_OF_DAY = time(23, 59, 59)
# Periods of each frequency in one 400-year Gregorian cycle: 146097 days = 20871 weeks, so
# moving a date by 400 years keeps its weekday, its month length and leap years.
_PERIODS_PER_CYCLE = {"DAILY": 146_097, "WEEKLY": 20_871, "MONTHLY": 4_800, "YEARLY": 400}
# An upper bound of one period in days, to size look-back windows.
_PERIOD_DAYS = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 31, "YEARLY": 366}
# English copy writes lists without a serial comma ("Monday, Wednesday and Friday"), as
# Babel's British English does; Babel's "en" (US) puts a comma before "and".
_LIST_LOCALES = {"en": "en_GB"}


class RuleError(ValueError):
    """A repeat rule that cannot be used.

    ``str(error)`` is a translated sentence meant for the person who wrote the rule;
    ``code`` says which part is wrong so a form can attach it to the right field.
    """

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Rule:
    """A parsed, checked and normalised ``RRULE``.

    Construction normalises (upper case, ``+2WE`` → ``2WE``, duplicates dropped, an
    ``until`` datetime cut to its date) so that equal rules compare equal and
    ``parse_rrule(format_rrule(rule)) == rule``; it raises :class:`RuleError` for a rule
    that cannot mean anything, whichever way it was built (text, form or code).
    """

    freq: str
    interval: int = 1
    count: int | None = None
    until: date | None = None  # inclusive local date, see the module docstring
    byday: tuple[str, ...] = ()
    bymonthday: tuple[int, ...] = ()
    bymonth: tuple[int, ...] = ()
    bysetpos: tuple[int, ...] = ()
    wkst: str = "MO"

    def __post_init__(self) -> None:
        def put(name: str, value: object) -> None:
            object.__setattr__(self, name, value)

        put("freq", str(self.freq).strip().upper())
        put("wkst", str(self.wkst).strip().upper())
        if isinstance(self.until, datetime):
            put("until", self.until.date())
        put("byday", _unique(_normalise_byday(token) for token in self.byday))
        put("bymonthday", _unique(self.bymonthday))
        put("bymonth", _unique(self.bymonth))
        put("bysetpos", _unique(self.bysetpos))
        _check(self)


def _unique(values: Iterable) -> tuple:
    return tuple(dict.fromkeys(values))


def _normalise_byday(token: str) -> str:
    match = _BYDAY.fullmatch(str(token).strip().upper())
    if not match or (match[2] is not None and not 1 <= int(match[2]) <= 53):
        raise RuleError(
            _(
                "“%(value)s” is not a valid BYDAY value: use MO, TU, WE, TH, FR, SA or SU, "
                "optionally with a position such as 1MO or -1FR."
            )
            % {"value": token},
            "byday",
        )
    sign, number, day = match.groups()
    if number is None:
        return day
    return f"{'-' if sign == '-' else ''}{int(number)}{day}"


def _split_byday(token: str) -> tuple[int | None, int]:
    """``"-1FR"`` → ``(-1, 4)``; ``"TU"`` → ``(None, 1)``. The token is normalised."""
    return (int(token[:-2]) if len(token) > 2 else None), WEEKDAYS.index(token[-2:])


def _check(rule: Rule) -> None:
    if rule.freq not in FREQUENCIES:
        raise RuleError(_("Only daily, weekly, monthly and yearly repeats are supported."), "freq")
    if not isinstance(rule.interval, int) or rule.interval < 1:
        raise RuleError(_("INTERVAL must be at least 1."), "interval")
    if rule.interval > MAX_INTERVAL:
        raise RuleError(_("INTERVAL can be at most %(max)s.") % {"max": MAX_INTERVAL}, "interval")
    if rule.count is not None:
        if not isinstance(rule.count, int) or rule.count < 1:
            raise RuleError(_("COUNT must be at least 1."), "count")
        if rule.count > MAX_COUNT:
            raise RuleError(_("COUNT can be at most %(max)s.") % {"max": MAX_COUNT}, "count")
        if rule.until is not None:
            raise RuleError(
                _(
                    "A repeat ends either after a number of times (COUNT) or on a date "
                    "(UNTIL), not both."
                ),
                "until",
            )
    if rule.wkst not in WEEKDAYS:
        raise RuleError(_("WKST must be one of MO, TU, WE, TH, FR, SA or SU."), "wkst")
    if not all(isinstance(d, int) and 1 <= abs(d) <= 31 for d in rule.bymonthday):
        raise RuleError(
            _(
                "BYMONTHDAY values must be between 1 and 31, or between -31 and -1 to count "
                "from the end of the month."
            ),
            "bymonthday",
        )
    if not all(isinstance(m, int) and 1 <= m <= 12 for m in rule.bymonth):
        raise RuleError(_("BYMONTH values must be between 1 and 12."), "bymonth")
    if not all(isinstance(p, int) and 1 <= abs(p) <= 366 for p in rule.bysetpos):
        raise RuleError(
            _("BYSETPOS values must be between 1 and 366, or between -366 and -1."), "bysetpos"
        )
    if rule.bysetpos and not (rule.byday or rule.bymonthday or rule.bymonth):
        raise RuleError(
            _("BYSETPOS only works together with BYDAY, BYMONTHDAY or BYMONTH."), "bysetpos"
        )
    if rule.freq == "WEEKLY" and rule.bymonthday:
        raise RuleError(_("BYMONTHDAY cannot be used with weekly repeats."), "bymonthday")
    positions = [n for n, _day in map(_split_byday, rule.byday) if n is not None]
    if positions and rule.freq in ("DAILY", "WEEKLY"):
        raise RuleError(
            _("Positions in BYDAY such as 1MO or -1FR only work with monthly and yearly repeats."),
            "byday",
        )
    within_month = rule.freq == "MONTHLY" or bool(rule.bymonth)
    if within_month and any(abs(n) > 5 for n in positions):
        raise RuleError(
            _(
                "A position in BYDAY counts weekdays within a month, so it must be between "
                "1 and 5 or between -5 and -1."
            ),
            "byday",
        )


# Text


def parse_rrule(text: str) -> Rule:
    """Read an ``RRULE`` value such as ``FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20230630``.

    An ``RRULE:`` prefix is allowed and keys are case-insensitive. Anything outside the
    supported subset is a :class:`RuleError` naming the problem, rather than being
    silently ignored: an ignored ``BYHOUR`` would show events at times nobody asked for.
    """
    if len(text) > MAX_TEXT_LENGTH:
        raise RuleError(
            _("This repeat rule is too long (more than %(max)s characters).")
            % {"max": MAX_TEXT_LENGTH},
            "syntax",
        )
    body = text.strip()
    if body[:6].upper() == "RRULE:":
        body = body[6:]
    fields: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in body.split(";"))):
        key, equals, value = part.partition("=")
        key, value = key.strip().upper(), value.strip()
        if not equals or not key:
            raise RuleError(
                _(
                    "“%(part)s” is not part of a repeat rule; rules look like "
                    "FREQ=WEEKLY;BYDAY=TU,TH."
                )
                % {"part": part},
                "syntax",
            )
        if key not in _KEYS:
            raise RuleError(
                _(
                    "%(key)s is not supported; use FREQ, INTERVAL, COUNT, UNTIL, BYDAY, "
                    "BYMONTHDAY, BYMONTH, BYSETPOS or WKST."
                )
                % {"key": key},
                "syntax",
            )
        if key in fields:
            raise RuleError(_("%(key)s appears more than once.") % {"key": key}, "syntax")
        if not value:
            raise RuleError(_("%(key)s needs a value.") % {"key": key}, "syntax")
        fields[key] = value
    if "FREQ" not in fields:
        raise RuleError(_("The repeat rule needs a FREQ, such as FREQ=WEEKLY."), "freq")

    def integers(key: str) -> tuple[int, ...]:
        return (
            tuple(_integer(key, item) for item in fields[key].split(",")) if key in fields else ()
        )

    return Rule(
        freq=fields["FREQ"],
        interval=_integer("INTERVAL", fields["INTERVAL"]) if "INTERVAL" in fields else 1,
        count=_integer("COUNT", fields["COUNT"]) if "COUNT" in fields else None,
        until=_until(fields["UNTIL"]) if "UNTIL" in fields else None,
        byday=tuple(fields["BYDAY"].split(",")) if "BYDAY" in fields else (),
        bymonthday=integers("BYMONTHDAY"),
        bymonth=integers("BYMONTH"),
        bysetpos=integers("BYSETPOS"),
        wkst=fields.get("WKST", "MO"),
    )


def _integer(key: str, value: str) -> int:
    value = value.strip()
    if not _INTEGER.fullmatch(value):
        raise RuleError(
            _("%(key)s must be a whole number, not “%(value)s”.") % {"key": key, "value": value},
            key.lower(),
        )
    return int(value)


def _until(value: str) -> date:
    """The date part of an ``UNTIL`` DATE or DATE-TIME (for ``Z``: the UTC date)."""
    match = _UNTIL.fullmatch(value.upper())
    try:
        if not match:
            raise ValueError(value)
        year, month, day, hour, minute, second, _utc = match.groups()
        if hour is not None:
            time(int(hour), int(minute), min(int(second), 59))  # 60: a leap second
        return date(int(year), int(month), int(day))
    except ValueError:
        raise RuleError(
            _(
                "UNTIL must be a date such as 20230630, or a date and time such as "
                "20230630T235959Z."
            ),
            "until",
        ) from None


def format_rrule(rule: Rule) -> str:
    """The canonical text of ``rule`` (no ``RRULE:`` prefix, defaults left out)."""
    parts = [f"FREQ={rule.freq}"]
    if rule.interval != 1:
        parts.append(f"INTERVAL={rule.interval}")
    if rule.count is not None:
        parts.append(f"COUNT={rule.count}")
    if rule.until is not None:
        # Not strftime: %Y does not zero-pad years before 1000 on every platform.
        parts.append(f"UNTIL={rule.until.year:04d}{rule.until.month:02d}{rule.until.day:02d}")
    for key, values in (
        ("BYMONTH", rule.bymonth),
        ("BYMONTHDAY", rule.bymonthday),
        ("BYDAY", rule.byday),
        ("BYSETPOS", rule.bysetpos),
    ):
        if values:
            parts.append(f"{key}={','.join(map(str, values))}")
    if rule.wkst != "MO":
        parts.append(f"WKST={rule.wkst}")
    return ";".join(parts)


# Generation


def _naive(value: datetime) -> datetime:
    """The wall-clock start without sub-seconds, which dateutil drops from DTSTART too."""
    if value.tzinfo is not None:
        raise ValueError("recurrence works on naive local wall-clock datetimes")
    return value.replace(microsecond=0)


def _explicit_parts(
    rule: Rule, start: datetime
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...]]:
    """``(bymonth, bymonthday, byday)`` with dateutil's defaults from ``start`` spelled out.

    Without BYDAY or BYMONTHDAY, dateutil takes the weekday (weekly), the day of the month
    (monthly) or the month and day (yearly) from DTSTART. :func:`expand` moves DTSTART
    forward; the defaults must still come from the series' real start, e.g. "monthly on
    the 31st" has to keep skipping short months and "yearly on Feb 29" leap years.
    """
    bymonth, bymonthday, byday = rule.bymonth, rule.bymonthday, rule.byday
    if not bymonthday and not byday:
        if rule.freq == "YEARLY":
            bymonth, bymonthday = bymonth or (start.month,), (start.day,)
        elif rule.freq == "MONTHLY":
            bymonthday = (start.day,)
        elif rule.freq == "WEEKLY":
            byday = (WEEKDAYS[start.weekday()],)
    return bymonth, bymonthday, byday


def _du_weekday(token: str) -> du.weekday:
    position, day = _split_byday(token)
    return _DU_WEEKDAY[day] if position is None else _DU_WEEKDAY[day](position)


def _rrule(rule: Rule, dtstart: datetime, start: datetime, *, bounded: bool = True) -> du.rrule:
    """dateutil's rrule for ``rule`` from ``dtstart``, with defaults taken from ``start``.

    ``bounded=False`` leaves COUNT and UNTIL out (for searches that must see the pattern).
    WKST is always passed: dateutil's default is the process-wide ``calendar.firstweekday()``.
    """
    bymonth, bymonthday, byday = _explicit_parts(rule, start)
    return du.rrule(
        _DU_FREQ[rule.freq],
        dtstart=dtstart,
        interval=rule.interval,
        wkst=_DU_WEEKDAY[WEEKDAYS.index(rule.wkst)],
        count=rule.count if bounded else None,
        until=datetime.combine(rule.until, _END_OF_DAY) if bounded and rule.until else None,
        bymonth=bymonth or None,
        bymonthday=bymonthday or None,
        byweekday=tuple(map(_du_weekday, byday)) or None,
        bysetpos=rule.bysetpos or None,
    )


def _iterate(generator: Iterable[datetime]) -> Iterator[datetime]:
    """Occurrences from dateutil, ending quietly where the calendar ends (year 9999)."""
    iterator = iter(generator)
    while True:
        try:
            value = next(iterator)
        except StopIteration:
            return
        except ValueError as error:
            # A weekly set for the last week of 9999 runs past date.max inside dateutil.
            if "out of range" not in str(error):
                raise
            return
        yield value


def _period_index(freq: str, day: date, wkst: int) -> int:
    """Number of the day / week (starting on ``wkst``) / month / year that holds ``day``."""
    if freq == "DAILY":
        return day.toordinal()
    if freq == "WEEKLY":
        return (day.toordinal() - 1 - wkst) // 7  # ordinal 1 (0001-01-01) is a Monday
    if freq == "MONTHLY":
        return day.year * 12 + day.month - 1
    return day.year


def _period_first_day(freq: str, index: int, wkst: int) -> date:
    if freq == "DAILY":
        return date.fromordinal(index)
    if freq == "WEEKLY":
        return date.fromordinal(index * 7 + 1 + wkst)
    if freq == "MONTHLY":
        return date(index // 12, index % 12 + 1, 1)
    return date(index, 1, 1)


def _shifted_dtstart(rule: Rule, start: datetime, window_start: datetime) -> datetime:
    """Where dateutil can start instead of ``start`` without changing any date from the window on.

    dateutil visits the period (day, week, month, year) holding DTSTART and then every
    ``interval``-th one. We jump a whole number ``k`` of those steps: to the first day of
    the last visited period that begins on or before ``window_start``, at the start's
    time, so the work is proportional to the window, not to the age of the series. That
    period is less than ``interval`` periods before the window.

    Why the result is the same: within a visited period, which days match depends only
    on the calendar (and the BY* parts, made explicit by :func:`_explicit_parts`), and
    starting on the period's first day lets dateutil see the whole period, as it does
    for every period after the first. Weeks are counted from WKST, and ``k * interval``
    whole weeks keep the alignment of "every 2 weeks". Earlier visited periods end before
    the window. Only for rules without COUNT: counting needs every earlier occurrence.
    """
    wkst = WEEKDAYS.index(rule.wkst)
    first = _period_index(rule.freq, start.date(), wkst)
    steps = (_period_index(rule.freq, window_start.date(), wkst) - first) // rule.interval
    if steps <= 0:
        return start
    day = _period_first_day(rule.freq, first + steps * rule.interval, wkst)
    return datetime.combine(day, start.time())


def expand(
    rule: Rule,
    start: datetime,
    *,
    window_start: datetime,
    window_end: datetime,
    rdates: Sequence[datetime] = (),
    exdates: Sequence[datetime] = (),
) -> list[datetime]:
    """Occurrence starts ``s`` with ``window_start <= s < window_end``, sorted, no duplicates.

    All naive local wall-clock times. The rule's occurrences from ``start`` (which
    :func:`validate` has checked is one of them), plus ``rdates``, minus ``exdates``
    (exact match). COUNT counts the rule's own occurrences, before exdates are taken out,
    as in RFC 5545. Cost follows the occurrences in the window (see
    :func:`_shifted_dtstart`), so a series without end can be shown in the year 2500.
    """
    start = _naive(start)
    found: set[datetime] = set()
    lower = max(start, window_start)
    ended = rule.until is not None and rule.until < lower.date()
    if lower < window_end and not ended:
        if rule.count is not None:
            source = _rrule(rule, start, start)  # COUNT <= 10000: small, and needs every one
        else:
            source = _rrule(rule, _shifted_dtstart(rule, start, lower), start)
        # Wall clock, converted to UTC only later: 09:00 stays 09:00 across DST changes.
        for occurrence in _iterate(source):
            if occurrence >= window_end:
                break
            if occurrence >= lower:
                found.add(occurrence)
    found.update(d for d in rdates if window_start <= d < window_end)
    found.difference_update(exdates)
    return sorted(found)


def last_start(rule: Rule, start: datetime, rdates: Sequence[datetime] = ()) -> datetime | None:
    """The start of the series' last occurrence (naive local), or None when it never ends.

    For indexing the end of a series; exdates are not taken into account, so this is an
    upper bound when the last occurrence has been cancelled.
    """
    start = _naive(start)
    if rule.count is None and rule.until is None:
        return None
    candidates = [*rdates]
    if rule.count is not None:
        occurrences = list(_iterate(_rrule(rule, start, start)))  # at most COUNT
        candidates.append(occurrences[-1] if occurrences else start)
    else:
        candidates.append(_last_before_until(rule, start) or start)
    return max(candidates)


def _last_before_until(rule: Rule, start: datetime) -> datetime | None:
    """The last occurrence of an UNTIL rule: look back from UNTIL in growing windows.

    Sparse rules (Feb 29, "the fifth Monday") can end years before UNTIL; quadrupling the
    window keeps the total work close to that of the last window.
    """
    assert rule.until is not None
    end = datetime.combine(rule.until, time.max)
    span = timedelta(days=2 * _PERIOD_DAYS[rule.freq] * rule.interval)
    while True:
        window_start = start if end - start <= span else end - span
        found = expand(rule, start, window_start=window_start, window_end=end)
        if found:
            return found[-1]
        if window_start <= start:
            return None
        span *= 4


# Validation


def validate(rule: Rule, start: datetime) -> None:
    """Check that ``rule`` can repeat an event whose first occurrence starts at ``start``.

    ``start`` is the naive local wall-clock start. Raises :class:`RuleError` when the
    repeat ends before it starts, when the rule has no date at all, or when ``start``
    is not itself one of the rule's dates (see the module docstring for why).
    """
    start = _naive(start)
    if rule.until is not None and rule.until < start.date():
        raise RuleError(_("The repeat ends before the event starts."), "until")
    first = _first_on_or_after(rule, start)
    if first == start:
        return
    if first is None:
        raise RuleError(_never_message(rule), "never")
    locale = _locale()
    raise RuleError(
        _(
            "The first date must be one of the repeating dates: %(start)s does not fit "
            "“%(rule)s”. The next date that fits is %(next)s."
        )
        % {
            "start": format_date(start.date(), "full", locale=locale),
            "rule": summary(rule, start),
            "next": format_date(first.date(), "full", locale=locale),
        },
        "start",
    )


def _first_on_or_after(rule: Rule, start: datetime) -> datetime | None:
    """The rule's first occurrence at or after ``start``, or None if there is none.

    dateutil searches until the year 9999 when nothing matches, which takes seconds. We
    move ``start`` by a multiple of 400 years (the calendar repeats exactly) to a year
    from which dateutil reaches 9999 after one full cycle of the visited periods: by
    then every combination of calendar and step has been seen, so not finding one
    means never. The cycle is capped at 9600 years (only huge intervals reach it).
    """
    if _impossible_month_days(rule):
        return None
    interval = rule.interval
    cycle_years = 400 * interval // gcd(interval, _PERIODS_PER_CYCLE[rule.freq])
    span = min(9600, cycle_years + interval)
    target = MAXYEAR - span
    year = target - (target - start.year) % 400
    if year < 1:
        year += 400
    shift = year - start.year
    moved = start.replace(year=year)
    if rule.freq == "WEEKLY" and rule.bysetpos:
        weekdays = len({_split_byday(token)[1] for token in _explicit_parts(rule, start)[2]})
        if min(map(abs, rule.bysetpos)) > weekdays:
            return None  # a week holds fewer occurrences than the smallest position
    if rule.freq == "DAILY":
        found = _first_daily(rule, moved)
    else:
        found = next(_iterate(_rrule(rule, moved, moved, bounded=False)), None)
    if found is None or found.year - shift > MAXYEAR:
        return None
    return found.replace(year=found.year - shift)


def _first_daily(rule: Rule, start: datetime) -> datetime | None:
    """Daily rules: step through the days that pass the filters, not through every day.

    One dateutil step per day for 400 years takes about half a second; a yearly probe
    that lists only the matching days is far cheaper, and ``interval`` is then a
    divisibility test.
    """
    if rule.bysetpos and not {1, -1} & set(rule.bysetpos):
        return None  # a day holds one occurrence, which only position 1 or -1 selects
    days = {_split_byday(token)[1] for token in rule.byday}
    if rule.interval % 7 == 0 and days and start.weekday() not in days:
        return None  # steps of whole weeks never leave the start's weekday
    weekdays = tuple(map(_du_weekday, rule.byday)) or (None if rule.bymonthday else _DU_WEEKDAY)
    probe = du.rrule(
        du.YEARLY,
        dtstart=start,
        bymonth=rule.bymonth or None,
        bymonthday=rule.bymonthday or None,
        byweekday=weekdays,
    )
    origin = start.toordinal()
    for day in _iterate(probe):
        if (day.toordinal() - origin) % rule.interval == 0:
            return day
    return None


def _impossible_month_days(rule: Rule) -> bool:
    """BYMONTH and BYMONTHDAY that never meet, such as February the 30th."""
    if not (rule.bymonth and rule.bymonthday):
        return False
    longest = {m: calendar.monthrange(2000, m)[1] for m in rule.bymonth}  # 2000: leap year
    return not any(abs(d) <= longest[m] for m in rule.bymonth for d in rule.bymonthday)


def _never_message(rule: Rule) -> str:
    if _impossible_month_days(rule) and all(d > 0 for d in rule.bymonthday):
        names = get_month_names("wide", locale=_locale())
        reason = ngettext(
            "%(months)s has no day %(days)s.",
            "%(months)s have no day %(days)s.",
            len(rule.bymonth),
        ) % {
            "months": _list(names[m] for m in sorted(rule.bymonth)),
            "days": _list((str(d) for d in sorted(rule.bymonthday)), style="or"),
        }
    else:
        reason = _("no date matches all of its conditions together.")
    # Translators: the reason is a full sentence such as "February has no day 30."
    return _("This rule never happens: %(reason)s") % {"reason": reason}


# Editor form


def rule_from_choices(
    *,
    freq: str,
    interval: int,
    weekdays: Sequence[str] = (),
    monthly: str = "day",
    ordinal: int | None = None,
    weekday: str | None = None,
    start: datetime,
    end: str = "never",
    until: date | None = None,
    count: int | None = None,
) -> Rule:
    """The rule for what the editor form posts; pass the result to :func:`validate`.

    weekly: on ``weekdays`` (default: the start's weekday); monthly ``"day"``: on the
    start's day of the month; monthly ``"weekday"``: on the ``ordinal`` (1–4, or -1 for
    the last) ``weekday`` of the month, both derived from the start when not given;
    yearly: on the start's month and day. ``end`` is ``"never"``, ``"until"`` or
    ``"count"``.
    """
    freq = freq.upper()
    own_weekday = WEEKDAYS[start.weekday()]
    byday: tuple[str, ...] = ()
    bymonthday: tuple[int, ...] = ()
    bymonth: tuple[int, ...] = ()
    if freq == "WEEKLY":
        days = [str(d).upper() for d in weekdays] or [own_weekday]
        if not set(days) <= set(WEEKDAYS):
            raise RuleError(_("Pick the days of the week from Monday to Sunday."), "byday")
        byday = tuple(sorted(set(days), key=WEEKDAYS.index))
    elif freq == "MONTHLY" and monthly == "day":
        bymonthday = (start.day,)
    elif freq == "MONTHLY" and monthly == "weekday":
        if ordinal is None:
            ordinal = (start.day - 1) // 7 + 1
            ordinal = -1 if ordinal == 5 else ordinal  # a fifth weekday is always the last
        if ordinal not in (1, 2, 3, 4, -1):
            raise RuleError(_("Pick the first, second, third, fourth or last weekday."), "byday")
        byday = (f"{ordinal}{(weekday or own_weekday).upper()}",)
    elif freq == "MONTHLY":
        raise RuleError(_("Pick whether the event repeats on a date or on a weekday."), "monthly")
    elif freq == "YEARLY":
        bymonth, bymonthday = (start.month,), (start.day,)
    if end == "until":
        if until is None:
            raise RuleError(_("Enter the date the repeat ends on."), "until")
    elif end == "count":
        if count is None:
            raise RuleError(_("Enter how many times the event happens."), "count")
    elif end != "never":
        raise RuleError(_("Pick how the repeat ends."), "end")
    return Rule(
        freq=freq,
        interval=interval,
        count=count if end == "count" else None,
        until=until if end == "until" else None,
        byday=byday,
        bymonthday=bymonthday,
        bymonth=bymonth,
    )


# Summary


@cache
def _babel_locale(language: str) -> Locale:
    try:
        return Locale.parse(language, sep="-")
    except (UnknownLocaleError, ValueError):
        return Locale("en")


def _locale() -> Locale:
    return _babel_locale(get_language() or "en")


def _list(items: Iterable[str], style: str = "standard") -> str:
    language = (get_language() or "en").split("-")[0].lower()
    locale = _LIST_LOCALES.get(language) or _locale()
    return format_list(list(items), style=style, locale=locale)


def summary(rule: Rule, start: datetime) -> str:
    """A sentence for people, in the active language: "Every 2 weeks on Tuesday and Thursday".

    Sentence parts are gettext messages; weekday and month names, dates and lists come
    from Babel, so they are right in every language before any catalog has the rest.
    Rules the sentence patterns do not cover read "Every month (custom rule)".
    """
    start = _naive(start)
    every, when = _every(rule.freq, rule.interval), _when(rule, start)
    plain_days = bool(rule.byday) and not (rule.bymonth or rule.bymonthday or rule.bysetpos)
    if rule.freq == "DAILY" and rule.interval == 1 and plain_days:
        # Every day, on Mondays and Fridays only, is every week on those days.
        every, when = _every("WEEKLY", 1), _weekday_list(rule.byday, rule.wkst)
    if when is None:
        # Translators: "Every 2 months (custom rule)": a rule no sentence pattern describes.
        text = _("%(every)s (custom rule)") % {"every": every}
    elif when:
        # Translators: "Every 2 weeks" + "on" + "Tuesday and Thursday" / "day 15" / "June 2".
        text = _("%(every)s on %(when)s") % {"every": every, "when": when}
    else:
        text = every
    if rule.until is not None:
        until = format_date(rule.until, "long", locale=_locale())
        # Translators: "Every week on Tuesday, until June 30, 2023".
        text = _("%(rule)s, until %(date)s") % {"rule": text, "date": until}
    elif rule.count is not None:
        text = ngettext("%(rule)s, %(count)s time", "%(rule)s, %(count)s times", rule.count) % {
            "rule": text,
            "count": rule.count,
        }
    return text


def _every(freq: str, interval: int) -> str:
    if interval == 1:
        return {
            "DAILY": _("Every day"),
            "WEEKLY": _("Every week"),
            "MONTHLY": _("Every month"),
            "YEARLY": _("Every year"),
        }[freq]
    if freq == "DAILY":
        text = ngettext("Every %(count)s day", "Every %(count)s days", interval)
    elif freq == "WEEKLY":
        text = ngettext("Every %(count)s week", "Every %(count)s weeks", interval)
    elif freq == "MONTHLY":
        text = ngettext("Every %(count)s month", "Every %(count)s months", interval)
    else:
        text = ngettext("Every %(count)s year", "Every %(count)s years", interval)
    return text % {"count": interval}


def _when(rule: Rule, start: datetime) -> str | None:
    """What follows "on" in the summary; "" for nothing, None when no pattern fits."""
    bymonth, bymonthday, byday = _explicit_parts(rule, start)
    positions = [n for n, _day in map(_split_byday, byday)]
    plain = all(n is None for n in positions)
    if rule.bysetpos or (byday and bymonthday):
        return None
    if rule.freq == "DAILY":
        return "" if not (bymonth or bymonthday or byday) else None
    if rule.freq == "WEEKLY":
        return None if bymonth else _weekday_list(byday, rule.wkst)
    if rule.freq == "MONTHLY":
        if bymonth or (byday and plain):
            return None
        if byday:
            return _positions(byday)
        return _month_days(bymonthday)
    # YEARLY
    if byday:
        if plain or len(bymonth) != 1:
            return None
        positions_text = _positions(byday)
        if positions_text is None:
            return None
        month = get_month_names("wide", locale=_locale())[bymonth[0]]
        # Translators: "the last Monday" of "May".
        return _("%(days)s of %(month)s") % {"days": positions_text, "month": month}
    if not bymonth or not all(d > 0 for d in bymonthday):
        return None
    dates = [
        format_skeleton("MMMMd", date(2000, m, d), locale=_locale())  # 2000: has Feb 29
        for m in sorted(bymonth)
        for d in sorted(bymonthday)
        if d <= calendar.monthrange(2000, m)[1]
    ]
    return _list(dates) if dates else None


def _weekday_list(byday: Sequence[str], wkst: str) -> str:
    names = get_day_names("wide", locale=_locale())
    first = WEEKDAYS.index(wkst)
    days = sorted((_split_byday(t)[1] for t in byday), key=lambda d: (d - first) % 7)
    return _list(names[d] for d in days)


def _month_days(bymonthday: Sequence[int]) -> str | None:
    if all(d > 0 for d in bymonthday):
        return ngettext("day %(days)s", "days %(days)s", len(bymonthday)) % {
            "days": _list(str(d) for d in sorted(bymonthday))
        }
    if tuple(bymonthday) == (-1,):
        return _("the last day")
    return None


def _positions(byday: Sequence[str]) -> str | None:
    """ "the first Monday and the third Monday"; None for positions without a phrase."""
    names = get_day_names("wide", locale=_locale())
    phrases = {
        1: _("the first %(weekday)s"),
        2: _("the second %(weekday)s"),
        3: _("the third %(weekday)s"),
        4: _("the fourth %(weekday)s"),
        5: _("the fifth %(weekday)s"),
        -1: _("the last %(weekday)s"),
        -2: _("the second-to-last %(weekday)s"),
    }
    split = [(n, day) for n, day in map(_split_byday, byday) if n in phrases]
    if len(split) != len(byday):
        return None
    parts = [
        phrases[n] % {"weekday": names[day]}
        for n, day in sorted(split, key=lambda p: (p[0] % 100, p[1]))  # 1…5, then -2, -1
    ]
    return _list(parts)
