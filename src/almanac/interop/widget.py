"""The embeddable widget: small, framable pages that other sites show in an iframe.

``/<lang>/widget/list/`` lists the next few events; ``/<lang>/widget/month/<YYYY-MM>/`` is a
compact month grid. Both are standalone HTML (no site header or footer) so that they read
well at 300 px, and they are the only public pages other sites may frame: everything else
keeps ``X-Frame-Options: DENY``. ``widget.js`` turns a one-line ``<script>`` into the iframe;
``/admin/widget/`` lets editors build that line.

Query parameters, all optional:

- ``calendar``, ``category`` (and the other filters of the public pages, via parse_filter);
- ``n``: how many events the list shows, 1–50, default 5. Out-of-range values are
  *clamped* (``n=0`` shows 1, ``n=500`` shows 50) and junk (``n=abc``) gives the default:
  an embed code with a typo should still show a calendar, never an error page inside
  somebody else's site;
- ``accent``, ``bg``, ``text``: theme colours as hex (``1f5fbf`` or ``#1f5fbf``). Anything
  else is ignored. They reach the page only as CSS custom properties on the root element;
- ``tz``: the zone times are shown in (the ViewerZoneMiddleware reads it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt

from almanac.calendar.filters import filter_querystring, parse_filter
from almanac.calendar.periods import BadDate, add_months, in_range, month_grid, parse_month
from almanac.calendar.views import Scope
from almanac.events.models import Calendar, Category, Event, EventQuerySet
from almanac.events.occurrences import Occurrence, current_occurrence
from almanac.events.queries import (
    EventFilter,
    apply_filter,
    by_day,
    occurrences_between,
    soonest_upcoming,
)

N_DEFAULT, N_MIN, N_MAX = 5, 1, 50
WIDGET_VIEWS = ("list", "month")
THEME_PARAMS = ("accent", "bg", "text")
# Strict: three or six hex digits, an optional leading #, nothing else. What passes can
# go into a style attribute as it is; what does not is dropped, never escaped and kept.
_HEX_COLOUR = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
# What a frame-ancestors source may contain: scheme, host, wildcard, port, path, or a
# quoted keyword. A stray ";" or newline in the setting must not open a new directive.
_CSP_SOURCE = re.compile(r"(?:'[a-z-]+'|[A-Za-z0-9*][A-Za-z0-9+.\-*:/_%]*)")


# ---------------------------------------------------------------- parameters


def parse_colour(value: str | None) -> str | None:
    """``#1f5fbf`` from ``1f5fbf`` or ``#1F5FBF``; None for anything that is not hex."""
    match = _HEX_COLOUR.fullmatch((value or "").strip())
    return f"#{match.group(1).lower()}" if match else None


def theme(params: QueryDict) -> dict[str, str]:
    """The valid theme colours asked for, by parameter name."""
    colours = {name: parse_colour(params.get(name)) for name in THEME_PARAMS}
    return {name: colour for name, colour in colours.items() if colour}


def theme_style(colours: dict[str, str]) -> str:
    """``--w-accent: #1f5fbf; …`` for the root element's style attribute.

    Only values that passed parse_colour get here, so the attribute holds nothing else.
    """
    return "; ".join(f"--w-{name}: {colour}" for name, colour in colours.items())


def parse_n(params: QueryDict) -> int:
    """How many events to list: clamped to 1–50; the default for anything not a number."""
    try:
        n = int(params.get("n", N_DEFAULT))
    except (TypeError, ValueError):
        return N_DEFAULT
    return max(N_MIN, min(N_MAX, n))


def frame_ancestors() -> str:
    """The CSP frame-ancestors sources: ALMANAC_WIDGET_FRAME_ANCESTORS, default ``*``.

    The setting may be a list (env_list) or one space-separated string. Sources that do
    not look like CSP sources are dropped; none left means ``'none'`` (fail closed).
    """
    value: Any = settings.ALMANAC_WIDGET_FRAME_ANCESTORS
    sources = value.split() if isinstance(value, str) else [str(v) for v in value]
    valid = [s for s in sources if _CSP_SOURCE.fullmatch(s)]
    return " ".join(valid) or "'none'"


def content_security_policy() -> str:
    """A strict policy for widget pages: own scripts and styles only, framable as set.

    ``style-src-attr 'unsafe-inline'`` is for the custom properties (theme, category
    colours) in style attributes; their values are validated before they get there.
    """
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "style-src-attr 'unsafe-inline'",
            "img-src 'self' data:",
            "base-uri 'none'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors()}",
        ]
    )


def framable(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Let other sites frame this view (and only this view), as the CSP setting allows.

    xframe_options_exempt stops XFrameOptionsMiddleware adding DENY; frame-ancestors is
    the modern control, and the only one that can name several allowed sites.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Content-Security-Policy"] = content_security_policy()
        return response

    return xframe_options_exempt(wrapped)


# ---------------------------------------------------------------- shared context


@dataclass
class WidgetRequest:
    """What every widget page reads from its query string, parsed once."""

    scope: Scope
    filter: EventFilter
    n: int
    colours: dict[str, str]
    tz: str | None  # a zone that came in the URL: links keep it

    @property
    def filter_query(self) -> str:
        """Filters (and ?tz=) for links to the full site."""
        return filter_querystring(self.filter, tz=self.tz)

    def widget_query(self, **extra: str) -> str:
        """Everything the widget was asked for, for links that stay inside the widget."""
        pairs = [("n", str(self.n))] if self.n != N_DEFAULT else []
        pairs += [(name, colour.lstrip("#")) for name, colour in self.colours.items()]
        pairs += list(extra.items())
        return "&".join(filter(None, [self.filter_query, urlencode(pairs)]))


def _widget_request(request: HttpRequest) -> WidgetRequest:
    """Scope, filters, n, colours. A single ``?calendar=`` also sets the zone and weekday.

    An unknown calendar slug is no error: the filter then matches nothing, as on the pages.
    """
    f = parse_filter(request.GET)
    calendar = None
    if len(f.calendars) == 1:
        calendar = (
            Calendar.objects.prefetch_related("translations").filter(slug=f.calendars[0]).first()
        )
    from_url = request.viewer_zone_source == "url"  # type: ignore[attr-defined]
    zone = request.viewer_zone  # type: ignore[attr-defined]
    return WidgetRequest(
        scope=Scope(calendar, zone),
        filter=f,
        n=parse_n(request.GET),
        colours=theme(request.GET),
        tz=zone if from_url else None,
    )


def _with_query(url: str, query: str) -> str:
    """``url`` plus ``query``, whether or not ``url`` already has a query string."""
    if not query:
        return url
    return f"{url}{'&' if '?' in url else '?'}{query}"


def _render(
    request: HttpRequest,
    template: str,
    w: WidgetRequest,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    """Render a widget page with what every one needs: scope, theme, the zone shown."""
    context |= {
        "w": w,
        "scope": w.scope,
        "calendar": w.scope.calendar,
        "theme_style": theme_style(w.colours),
        "shown_zone": w.scope.zone_name,
        "zone_source": request.viewer_zone_source,  # type: ignore[attr-defined]
    }
    return render(request, template, context, status=status)


# ---------------------------------------------------------------- list


def _published(f: EventFilter) -> EventQuerySet:
    return apply_filter(Event.objects.published(), f)


def _for_widget(events: EventQuerySet) -> EventQuerySet:
    """Only what the widget shows: titles, category colours, changed occurrences."""
    return events.select_related("calendar").prefetch_related(
        "translations", "categories__translations", "changes"
    )


def upcoming_occurrences(f: EventFilter, n: int, zone: Any) -> list[Occurrence]:
    """The ``n`` soonest upcoming occurrences, each event once (a series at its next date)."""
    now = timezone.now()
    candidates = _for_widget(soonest_upcoming(_published(f), now, n))
    found = [current_occurrence(event, now, zone) for event in candidates]
    occurrences = [o for o in found if o is not None]
    occurrences.sort(key=lambda o: (o.start, o.event.pk))
    return occurrences[:n]


@framable
def widget_list(request: HttpRequest) -> HttpResponse:
    """The next ``n`` events; links open the event page in the embedding window."""
    w = _widget_request(request)
    items = [
        {"occurrence": o, "url": _with_query(o.url, f"tz={w.tz}" if w.tz else "")}
        for o in upcoming_occurrences(w.filter, w.n, w.scope.zone)
    ]
    context = {
        "view": "list",
        "items": items,
        "all_url": _with_query(reverse("calendar:list"), w.filter_query),
    }
    return _render(request, "interop/widget_list.html", w, context)


# ---------------------------------------------------------------- month


def _month_nav(w: WidgetRequest, month: date) -> str | None:
    if not in_range(month):
        return None
    url = reverse("widget-month", args=[month.strftime("%Y-%m")])
    return _with_query(url, w.widget_query())


@framable
def widget_month(request: HttpRequest, when: str | None = None) -> HttpResponse:
    """A month grid: day numbers in a table, the month's events listed below it.

    Titles do not fit in a 300 px grid, so the cells mark the days that have events
    (and link to the day page) and the list underneath carries the titles.
    """
    w = _widget_request(request)
    try:
        first = parse_month(when) if when else w.scope.today().replace(day=1)
    except BadDate as exc:
        return _render(request, "interop/widget_error.html", w, {"message": str(exc)}, status=404)
    last = add_months(first, 1).replace(day=1)
    weeks = month_grid(first, w.scope.first_weekday)
    days = [d for week in weeks for d in week]
    occurrences = occurrences_between(_published(w.filter), days[0], days[-1], w.scope.zone)
    on_day = by_day(occurrences, days)
    today = w.scope.today()

    def day_url(day: date) -> str:
        return _with_query(reverse("calendar:day", args=[day.isoformat()]), w.filter_query)

    cells = [
        [
            {
                "date": d,
                "in_month": first <= d < last,
                "is_today": d == today,
                "count": len(on_day[d]),
                "url": day_url(d),
            }
            for d in week
        ]
        for week in weeks
    ]
    in_month = [o for o in occurrences if o.last_day >= first and o.first_day < last]
    context = {
        "view": "month",
        "month": first,
        "weeks": cells,
        "weekday_headers": weeks[0],
        "items": [
            {"occurrence": o, "url": _with_query(o.url, f"tz={w.tz}" if w.tz else "")}
            for o in in_month
        ],
        "previous_url": _month_nav(w, add_months(first, -1)),
        "next_url": _month_nav(w, add_months(first, 1)),
        "all_url": _with_query(
            reverse("calendar:month", args=[first.strftime("%Y-%m")]), w.filter_query
        ),
    }
    return _render(request, "interop/widget_month.html", w, context)


# ---------------------------------------------------------------- snippet page


def embed_code(script_url: str, params: dict[str, str]) -> str:
    """The one line editors paste: a script tag whose data- attributes say what to show."""
    attributes = " ".join(
        f'data-{"almanac-widget" if name == "view" else name}="{value}"'
        for name, value in params.items()
        if value
    )
    return f'<script src="{script_url}" {attributes} async></script>'


_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")


def _snippet_params(request: HttpRequest) -> dict[str, str]:
    """The form's choices, each checked, so that the snippet holds nothing else."""
    get = request.GET
    view = get.get("view", "list")
    language = get.get("lang", get_language() or settings.LANGUAGE_CODE)
    languages = [code for code, _name in settings.LANGUAGES]

    def slug(name: str) -> str:
        value = get.get(name, "").strip()
        return value if _SLUG.fullmatch(value) else ""

    colours = theme(get)
    return {
        "view": view if view in WIDGET_VIEWS else "list",
        "lang": language if language in languages else settings.LANGUAGE_CODE,
        "calendar": slug("calendar"),
        "category": slug("category"),
        "n": str(parse_n(get)),
        **{name: colours.get(name, "").lstrip("#") for name in THEME_PARAMS},
    }


def widget_preview_url(params: dict[str, str]) -> str:
    """The widget URL the embed code would load (widget.js builds the same one)."""
    path = f"/{params['lang']}/widget/{params['view']}/"
    query = urlencode(
        [(k, v) for k, v in params.items() if v and k not in ("view", "lang", "n")]
        + ([("n", params["n"])] if params["view"] == "list" else [])
    )
    return _with_query(path, query)


@staff_member_required
def widget_snippet(request: HttpRequest) -> HttpResponse:
    """Staff page: choose what the widget shows, see it, copy the one-line embed code.

    A plain GET form, so it works without JavaScript: submitting updates the preview and
    the code together.
    """
    params = _snippet_params(request)
    script_url = request.build_absolute_uri(static("almanac/widget.js"))
    context = {
        "params": params,
        "code": embed_code(script_url, params),
        "preview_url": widget_preview_url(params),
        "views": [("list", _("Upcoming events")), ("month", _("Month"))],
        "languages": settings.LANGUAGES,
        "calendars": list(Calendar.objects.prefetch_related("translations")),
        "categories": list(Category.objects.prefetch_related("translations")),
        "n_min": N_MIN,
        "n_max": N_MAX,
        "title": _("Embed the calendar"),
        **admin.site.each_context(request),
    }
    return render(request, "interop/widget_snippet.html", context)
