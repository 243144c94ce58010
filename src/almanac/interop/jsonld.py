"""schema.org ``Event`` JSON-LD, Open Graph and Twitter card data for an event page.

Search engines and link previews read these instead of the page, so they describe what
the page shows: the same occurrence (a series' next date, or the ``?on=`` one), the same
language, times in the event's own zone with its UTC offset. Everything is built from
relations the event page has already prefetched: no query of its own.

``render_jsonld`` writes the ``<script type="application/ld+json">`` element. Django's
``json_script`` cannot be used as is (its element is ``type="application/json"``), so it
applies the same escaping: ``<``, ``>`` and ``&`` become ``\\u003C``…, which JSON parsers
read back unchanged and which no title can use to close the script element.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from functools import cache
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from almanac.events.models import Event, EventTranslation
from almanac.events.occurrences import Occurrence
from almanac.events.timezones import get_zone

SCHEMA = "https://schema.org/"
DESCRIPTION_WORDS = 60  # a description built from the rich text is cut to this many words
SITE_NAME = "Almanac"

_JSON_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    # Not special in HTML, but a line break to JavaScript; harmless to escape.
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}

Absolute = Callable[[str], str]  # makes a site path absolute, e.g. request.build_absolute_uri


def render_jsonld(data: dict[str, Any]) -> SafeString:
    """``data`` as a JSON-LD script element whose content cannot end the element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def plain_description(translation: EventTranslation | None) -> str:
    """The summary, else the start of the rich description as plain text, else ""."""
    if translation is None:
        return ""
    if translation.summary:
        return translation.summary
    # strip_tags leaves entities as they were (R&amp;D); plain text wants them decoded.
    text = " ".join(html.unescape(strip_tags(translation.description)).split())
    return Truncator(text).words(DESCRIPTION_WORDS, truncate="…")


def occurrence_name(event: Event, occurrence: Occurrence, language: str) -> str:
    """The title shown for this occurrence: its own changed title, else the event's."""
    changed = occurrence.change.title(language) if occurrence.change else ""
    translation = event.translation(language)
    return changed or (translation.title if translation else event.slug)


def bcp47(language: str) -> str:
    """A Django language code in BCP 47 casing: zh-hans → zh-Hans (en stays en)."""
    head, _sep, rest = language.partition("-")
    if not rest:
        return head.lower()
    parts = [head.lower()]
    for part in rest.split("-"):
        if len(part) == 4:
            parts.append(part.title())  # script subtag
        elif len(part) == 2:
            parts.append(part.upper())  # region subtag
        else:
            parts.append(part.lower())
    return "-".join(parts)


@cache
def og_locale(language: str) -> str:
    """Open Graph wants language_TERRITORY: en → en_US, zh-hans → zh_CN, zh-hant → zh_TW.

    The territory is CLDR's most likely one for the language (via Babel), so any language
    a site adds gets a sensible value without a table here.
    """
    try:
        locale = Locale.parse(language, sep="-")
    except (UnknownLocaleError, ValueError):
        return language.replace("-", "_")
    if locale.territory:
        return f"{locale.language}_{locale.territory}"
    likely = get_global("likely_subtags")
    key = f"{locale.language}_{locale.script}" if locale.script else locale.language
    expanded = likely.get(key) or likely.get(locale.language) or ""  # e.g. "zh_Hans_CN"
    territory = expanded.rsplit("_", 1)[-1] if "_" in expanded else ""
    return f"{locale.language}_{territory}" if territory.isupper() else locale.language


def _dates(event: Event, occurrence: Occurrence) -> dict[str, str]:
    """ISO 8601 start and end: dates for all-day events, else times with the zone's offset."""
    if occurrence.all_day:
        return {
            "startDate": occurrence.first_day.isoformat(),
            "endDate": occurrence.last_day.isoformat(),
        }
    zone = get_zone(event.timezone)
    return {
        "startDate": occurrence.start.astimezone(zone).isoformat(),
        "endDate": occurrence.end.astimezone(zone).isoformat(),
    }


def _status(event: Event, occurrence: Occurrence) -> dict[str, str]:
    if occurrence.is_cancelled:
        return {"eventStatus": f"{SCHEMA}EventCancelled"}
    change = occurrence.change
    if change is not None and change.is_moved:
        # A moved date of a series: schema.org says so, with the date it had.
        original = change.original_start
        if not event.all_day:
            original = original.replace(tzinfo=get_zone(event.timezone), fold=0)
        return {
            "eventStatus": f"{SCHEMA}EventRescheduled",
            "previousStartDate": original.date().isoformat()
            if event.all_day
            else original.isoformat(),
        }
    return {"eventStatus": f"{SCHEMA}EventScheduled"}


def _attendance_mode(event: Event) -> str | None:
    if event.online_url and event.venue_id:
        return f"{SCHEMA}MixedEventAttendanceMode"
    if event.online_url:
        return f"{SCHEMA}OnlineEventAttendanceMode"
    if event.venue_id:
        return f"{SCHEMA}OfflineEventAttendanceMode"
    return None


def _place(event: Event, language: str, absolute: Absolute) -> dict[str, Any] | None:
    venue = event.venue
    if venue is None:
        return None
    translation = venue.translation(language)
    place: dict[str, Any] = {
        "@type": "Place",
        "name": translation.name if translation else venue.slug,
        "url": venue.url or absolute(venue.get_absolute_url()),
    }
    address = translation.address if translation else ""
    if address.strip():
        lines = [line.strip() for line in address.splitlines() if line.strip()]
        place["address"] = {"@type": "PostalAddress", "streetAddress": ", ".join(lines)}
    if venue.latitude is not None and venue.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(venue.latitude),
            "longitude": float(venue.longitude),
        }
        place["hasMap"] = venue.map_url
    return place


def _organizers(event: Event, language: str, absolute: Absolute) -> list[dict[str, str]]:
    found = []
    for organizer in event.organizers.all():
        translation = organizer.translation(language)
        found.append(
            {
                "@type": "Organization",
                "name": translation.name if translation else organizer.slug,
                "url": organizer.url or absolute(organizer.get_absolute_url()),
            }
        )
    return found


def event_jsonld(
    event: Event,
    occurrence: Occurrence,
    translation: EventTranslation | None,
    absolute: Absolute,
) -> dict[str, Any]:
    """The schema.org ``Event`` for ``occurrence`` of ``event``, as the page shows it.

    ``translation`` is the one the page shows (its language, after fallback, is the
    ``inLanguage``); ``absolute`` turns site paths into absolute URLs.
    """
    language = translation.language if translation else ""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": occurrence_name(event, occurrence, language),
        **_dates(event, occurrence),
        **_status(event, occurrence),
        "url": absolute(occurrence.url),
    }
    description = plain_description(translation)
    if description:
        data["description"] = description
    mode = _attendance_mode(event)
    if mode:
        data["eventAttendanceMode"] = mode
    locations: list[dict[str, Any]] = []
    place = _place(event, language, absolute)
    if place:
        locations.append(place)
    if event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    organizers = _organizers(event, language, absolute)
    if organizers:
        data["organizer"] = organizers
    if language:
        data["inLanguage"] = bcp47(language)
    if event.image:
        data["image"] = [absolute(event.image.url)]
    return data


def social_tags(
    event: Event,
    occurrence: Occurrence,
    translation: EventTranslation | None,
    absolute: Absolute,
) -> dict[str, list[tuple[str, str]]]:
    """Open Graph ``property`` and Twitter card ``name`` meta tags, as (key, content) pairs.

    ``og:type`` is ``website``: the Open Graph protocol defines no event type, and
    scrapers treat an unknown type as an error. The locales are the shown translation's
    and, as alternates, the event's other translations.
    """
    language = translation.language if translation else ""
    title = occurrence_name(event, occurrence, language)
    description = plain_description(translation)
    image = absolute(event.image.url) if event.image else ""
    alt = translation.image_alt if translation else ""
    og: list[tuple[str, str]] = [
        ("og:type", "website"),
        ("og:site_name", SITE_NAME),
        ("og:title", title),
        ("og:url", absolute(occurrence.url)),
    ]
    if description:
        og.append(("og:description", description))
    if language:
        og.append(("og:locale", og_locale(language)))
        others = sorted({t.language for t in event.translations.all()} - {language})
        og += [("og:locale:alternate", og_locale(code)) for code in others]
    if image:
        og.append(("og:image", image))
        if alt:
            og.append(("og:image:alt", alt))
    twitter: list[tuple[str, str]] = [
        ("twitter:card", "summary_large_image" if image else "summary"),
        ("twitter:title", title),
    ]
    if description:
        twitter.append(("twitter:description", description))
    if image:
        twitter.append(("twitter:image", image))
        if alt:
            twitter.append(("twitter:image:alt", alt))
    return {"og": og, "twitter": twitter}
