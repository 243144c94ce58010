"""The viewer's time zone, chosen in a documented order.

Language and zone are independent. The language comes from Django's LocaleMiddleware
(URL prefix, then cookie, then Accept-Language, then the site default). The zone comes,
first match wins, from:

1. ``?tz=Asia/Shanghai`` in the URL (works on every page and feed, is not remembered);
2. the ``almanac_tz`` cookie, set by the "Times shown in … · change" control;
3. the ``almanac_tz_detected`` cookie, set by ``timezone.js`` from the browser's zone;
4. nothing: the page uses the calendar's (or the site's) default zone.

A ``?tz=`` that is not an IANA zone gets a 400 page that says so.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from almanac.events.timezones import is_valid_zone

CHOICE_COOKIE = "almanac_tz"
DETECTED_COOKIE = "almanac_tz_detected"


def unknown_zone_message(zone: str) -> str:
    return _("“%(zone)s” is not a time zone. Use a name such as Europe/Brussels.") % {
        "zone": zone[:64]
    }


def viewer_zone(request: HttpRequest) -> tuple[str | None, str]:
    """(zone, source) with source one of "url", "choice", "browser", "default"."""
    if "tz" in request.GET:
        return request.GET["tz"].strip(), "url"
    for cookie, source in ((CHOICE_COOKIE, "choice"), (DETECTED_COOKIE, "browser")):
        value = unquote(request.COOKIES.get(cookie, ""))
        if is_valid_zone(value):
            return value, source
    return None, "default"


class ViewerZoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        zone, source = viewer_zone(request)
        if source == "url" and not is_valid_zone(zone or ""):
            message = _("“%(zone)s” is not a time zone. Use a name such as Europe/Brussels.") % {
                "zone": (zone or "")[:64]
            }
            return render(
                request, "calendar/error.html", {"status": 400, "message": message}, status=400
            )
        request.viewer_zone = zone  # type: ignore[attr-defined]
        request.viewer_zone_source = source  # type: ignore[attr-defined]
        return self.get_response(request)
