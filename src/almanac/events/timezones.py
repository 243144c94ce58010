"""Time-zone helpers. Pure functions: no database, no request.

Rule for wall-clock times that do not exist or happen twice (daylight-saving gap and
overlap): we follow PEP 495 with ``fold=0``. A time in the gap (e.g. 02:30 on the spring-
forward night in Brussels) resolves to the instant the clock would show had it not
jumped, i.e. it lands one hour later (03:30 CEST); a time in the overlap takes the first,
summer-time instant.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@cache
def get_zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


def is_valid_zone(name: str) -> bool:
    if not name or name != name.strip():
        return False
    try:
        get_zone(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def validate_zone(value: str) -> None:
    if not is_valid_zone(value):
        raise ValidationError(
            _("%(zone)s is not a known time zone; pick one such as Europe/Brussels."),
            params={"zone": value},
        )


def validate_zones(value: object) -> None:
    """A list of IANA zone names, e.g. the audience zones of an event."""
    if not isinstance(value, list):
        raise ValidationError(_("Give a list of time zones."))
    if len(value) > 10:
        raise ValidationError(_("Name at most 10 audience time zones."))
    for zone in value:
        validate_zone(zone if isinstance(zone, str) else repr(zone))


@cache
def zone_choices() -> list[tuple[str, str]]:
    """All IANA zones for a picker, alphabetical by region and city, UTC last."""
    names = sorted(
        z
        for z in zoneinfo.available_timezones()
        if "/" in z and not z.startswith(("Etc/", "SystemV/"))
    )
    return [(z, z.replace("_", " ")) for z in [*names, "UTC"]]


def local_to_utc(day: date, clock: time, zone: str) -> datetime:
    """The UTC instant of a wall-clock time in ``zone`` (gap and overlap: see module doc)."""
    local = datetime.combine(day, clock).replace(tzinfo=get_zone(zone), fold=0)
    return local.astimezone(UTC)


def is_nonexistent(day: date, clock: time, zone: str) -> bool:
    """True when the wall-clock time falls in a daylight-saving gap of ``zone``."""
    local = datetime.combine(day, clock).replace(tzinfo=get_zone(zone))
    return local.astimezone(UTC).astimezone(get_zone(zone)).replace(tzinfo=None) != local.replace(
        tzinfo=None
    )


def floating_day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """UTC instants for an all-day span [first, last] (inclusive), kept zone-free."""
    return (
        datetime.combine(first, time.min, tzinfo=UTC),
        datetime.combine(last + timedelta(days=1), time.min, tzinfo=UTC),
    )
