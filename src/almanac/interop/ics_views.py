"""iCalendar downloads and subscriptions: ``/events/<slug>.ics``, ``/feeds/<calendar>.ics``.

The URLs have no language prefix: a webcal subscription is one address that calendar
clients poll for years, so the language is a query parameter (``?lang=zh-hans``,
default the site's first language) and content falls back through the site's order.
The calendar feeds take the same filter parameters as the pages (``parse_filter``), so
any filtered view has a feed. Only published and cancelled events, never drafts.

Responses are cheap to poll: an ETag (a hash of the body) and Last-Modified (the latest
``updated_at`` of the events exported) answer conditional requests with 304, and the
number of queries does not depend on the number of events. See ``interop.ics`` for what
the body holds and the feeds' time window. Read-only: nothing here writes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from almanac.calendar.filters import parse_filter
from almanac.events.models import Calendar, Event, EventQuerySet
from almanac.events.queries import apply_filter
from almanac.interop import ics

CONTENT_TYPE = "text/calendar; charset=utf-8"
CACHE_CONTROL = "public, max-age=300"


class BadLanguage(ValueError):
    """A ``?lang=`` that is not one of the site's languages."""


def feed_language(request: HttpRequest) -> str:
    """``?lang=`` (any case), or the site's default language when it is absent or blank."""
    raw = request.GET.get("lang", "").strip()
    if not raw:
        return settings.LANGUAGE_CODE
    codes = {code.lower(): code for code, _name in settings.LANGUAGES}
    if raw.lower() not in codes:
        raise BadLanguage(raw[:20])
    return codes[raw.lower()]


def _bad_language(request: HttpRequest, raw: str) -> HttpResponse:
    codes = ", ".join(code for code, _name in settings.LANGUAGES)
    message = _("“%(lang)s” is not a language of this site. Use one of: %(codes)s.") % {
        "lang": raw,
        "codes": codes,
    }
    return render(request, "calendar/error.html", {"status": 400, "message": message}, status=400)


def _respond(
    request: HttpRequest, body: bytes, events: Sequence[Event], filename: str, language: str
) -> HttpResponse:
    """The .ics response, or 304 when the client's copy is current."""
    etag = f'"{hashlib.sha256(body).hexdigest()[:40]}"'
    changed = max((e.updated_at for e in events), default=None)
    last_modified = int(changed.timestamp()) if changed is not None else None
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(False, filename)
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = CACHE_CONTROL
    response["Content-Language"] = language
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )


def _base_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


@require_safe
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """One event: its series with every changed occurrence, in one .ics file."""
    try:
        language = feed_language(request)
    except BadLanguage as exc:
        return _bad_language(request, str(exc))
    event = ics.for_export(Event.objects.published().filter(slug=slug)).first()
    if event is None:
        raise Http404(_("There is no such event."))
    info = ics.CalendarInfo(
        name=_calendar_name(event.calendar, language),
        zone=event.calendar.timezone,
        subscription=False,
    )
    body = ics.build_calendar(
        [event], info=info, language=language, base_url=_base_url(request), now=timezone.now()
    )
    return _respond(request, body, [event], f"{event.slug}.ics", language)


def _calendar_name(calendar: Calendar, language: str) -> str:
    """The calendar's name in ``language`` (with fallback), else the product's name."""
    found = calendar.translation(language)
    return found.name if found is not None and found.name else "Almanac"


def _feed(
    request: HttpRequest,
    events: EventQuerySet,
    info_for: Calendar | None,
    filename: str,
) -> HttpResponse:
    try:
        language = feed_language(request)
    except BadLanguage as exc:
        return _bad_language(request, str(exc))
    now = timezone.now()
    events = apply_filter(events, parse_filter(request.GET))
    events = ics.in_feed_window(events, now, ics.past_days())
    loaded = list(ics.for_export(events))
    if info_for is not None:
        found = info_for.translation(language)
        info = ics.CalendarInfo(
            name=_calendar_name(info_for, language),
            zone=info_for.timezone,
            description=found.description if found is not None else "",
        )
    else:
        info = ics.CalendarInfo(name="Almanac", zone=settings.ALMANAC_TIME_ZONE)
    body = ics.build_calendar(
        loaded, info=info, language=language, base_url=_base_url(request), now=now
    )
    return _respond(request, body, loaded, filename, language)


@require_safe
def calendar_feed(request: HttpRequest, calendar_slug: str) -> HttpResponse:
    """One calendar's events (filters apply), for a webcal subscription."""
    calendar = Calendar.objects.prefetch_related("translations").filter(slug=calendar_slug).first()
    if calendar is None:
        raise Http404(_("There is no such calendar."))
    events = Event.objects.published().filter(calendar=calendar)
    return _feed(request, events, calendar, f"{calendar.slug}.ics")


@require_safe
def all_feed(request: HttpRequest) -> HttpResponse:
    """Every calendar's events (filters apply, ``?calendar=`` included)."""
    return _feed(request, Event.objects.published(), None, "all.ics")
