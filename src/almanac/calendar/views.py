"""Public pages. Function views; reads through events.queries, no writes here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, translate_url
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy, override
from django.utils.translation import gettext as _

from almanac.calendar.filters import filter_choices, filter_querystring, parse_filter
from almanac.calendar.periods import (
    BadDate,
    add_years,
    in_range,
    month_grid,
    parse_day,
    parse_month,
    period_for,
)
from almanac.events.models import Calendar, Category, Event, EventQuerySet, Organizer, Tag, Venue
from almanac.events.occurrences import (
    Occurrence,
    current_occurrence,
    instants,
    is_recurring,
    next_occurrence,
    occurrence_of,
    occurrences_in,
    previous_occurrence,
    rule_of,
)
from almanac.events.queries import EventFilter, apply_filter, by_day, occurrences_between
from almanac.events.recurrence import summary
from almanac.events.timezones import get_zone, is_valid_zone, zone_choices
from almanac.i18n.middleware import CHOICE_COOKIE, unknown_zone_message

MONTH_CELL_LIMIT = 3  # events shown in a month cell before "+N more"
VIEW_NAMES = {
    "month": gettext_lazy("Month"),
    "week": gettext_lazy("Week"),
    "4days": gettext_lazy("4 days"),
    "day": gettext_lazy("Day"),
    "posterboard": gettext_lazy("Posterboard"),
    "list": gettext_lazy("List"),
}
MONTH_VIEWS = ("month", "posterboard")


@dataclass
class Scope:
    """The whole site, or one calendar (the /c/<slug>/ URLs), as one viewer sees it.

    Days are laid out in the viewer's zone when we know it, else in the calendar's.
    """

    calendar: Calendar | None = None
    viewer_zone: str | None = None

    @property
    def default_zone_name(self) -> str:
        return self.calendar.timezone if self.calendar else settings.ALMANAC_TIME_ZONE

    @property
    def zone_name(self) -> str:
        return self.viewer_zone or self.default_zone_name

    @property
    def zone(self) -> ZoneInfo:
        return get_zone(self.zone_name)

    @property
    def first_weekday(self) -> int:
        return self.calendar.first_weekday if self.calendar else settings.ALMANAC_FIRST_WEEKDAY

    def today(self) -> date:
        return timezone.now().astimezone(self.zone).date()

    def url(self, name: str, *args: Any) -> str:
        if self.calendar:
            return reverse(f"calendar:c-{name}", args=[self.calendar.slug, *args])
        return reverse(f"calendar:{name}", args=args)

    def view_url(self, view: str, day: date) -> str:
        if view == "list":
            return self.url("list")
        return self.url(view, day.strftime("%Y-%m") if view in MONTH_VIEWS else day.isoformat())

    def events(self) -> EventQuerySet:
        events = Event.objects.published()
        return events.filter(calendar=self.calendar) if self.calendar else events


def _scope(request: HttpRequest, calendar_slug: str | None = None) -> Scope:
    zone = request.viewer_zone  # type: ignore[attr-defined]
    if calendar_slug is None:
        return Scope(viewer_zone=zone)
    calendar = get_object_or_404(
        Calendar.objects.prefetch_related("translations"), slug=calendar_slug
    )
    return Scope(calendar, zone)


def _state_query(request: HttpRequest, f: EventFilter) -> str:
    """The query string that keeps the filters, and a zone that came in the URL."""
    from_url = request.viewer_zone_source == "url"  # type: ignore[attr-defined]
    return filter_querystring(f, tz=request.viewer_zone if from_url else None)  # type: ignore[attr-defined]


def _with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url


def _render(
    request: HttpRequest,
    template: str,
    scope: Scope,
    f: EventFilter,
    context: dict,
    status: int = 200,
) -> HttpResponse:
    """Render a public page with what every page shows: filters, language links, zones."""
    query = _state_query(request, f)
    anchor = context.get("anchor") or scope.today()
    context |= {
        "scope": scope,
        "filter": f,
        "filter_query": query,
        # Loaded only by pages that show the filter form.
        "choices": SimpleLazyObject(filter_choices),
        "shown_zone": scope.zone_name,
        "default_zone": scope.default_zone_name,
        "zone_source": request.viewer_zone_source,  # type: ignore[attr-defined]
        "zone_choices": SimpleLazyObject(lambda: common_zones(scope)),
        "timezone_url": reverse("calendar:timezone"),
        "go_url": scope.url("go"),
        "view_tabs": [
            (view, label, _with_query(scope.view_url(view, anchor), query))
            for view, label in VIEW_NAMES.items()
        ],
        "today_url": _with_query(scope.view_url(context.get("view", "week"), scope.today()), query),
        "language_links": [
            (code, name, translate_url(request.get_full_path(), code))
            for code, name in settings.LANGUAGES
        ],
    }
    return render(request, template, context, status=status)


def _bad_request(request: HttpRequest, scope: Scope, message: str) -> HttpResponse:
    """A 400 page in the site's look that says what was wrong."""
    context = {"status": 400, "message": message}
    return _render(request, "calendar/error.html", scope, EventFilter(), context, status=400)


def _bad_date(request: HttpRequest, scope: Scope, error: BadDate) -> HttpResponse:
    return _bad_request(
        request, scope, _("That date could not be read: %(reason)s") % {"reason": error}
    )


def _parse_anchor(view: str, when: str) -> date:
    try:
        return parse_month(when) if view in MONTH_VIEWS else parse_day(when)
    except BadDate as exc:
        raise Http404(str(exc)) from None


def period_view(
    request: HttpRequest, view: str, when: str, calendar_slug: str | None = None
) -> HttpResponse:
    """Week, day, 4-day, month grid and posterboard: every event in the period, none cut off."""
    scope = _scope(request, calendar_slug)
    anchor = _parse_anchor(view, when)
    period = period_for(view, anchor, scope.first_weekday)
    f = parse_filter(request.GET)
    query = _state_query(request, f)
    weeks = month_grid(period.first, scope.first_weekday) if view == "month" else None
    first, last = (weeks[0][0], weeks[-1][-1]) if weeks else (period.first, period.last)
    occurrences = occurrences_between(apply_filter(scope.events(), f), first, last, scope.zone)

    def nav(day: date) -> str | None:
        return _with_query(scope.view_url(view, day), query) if in_range(day) else None

    context: dict[str, Any] = {
        "view": view,
        "view_name": VIEW_NAMES[view],
        "anchor": anchor,
        "period": period,
        "previous_url": nav(period.previous),
        "next_url": nav(period.next),
        "previous_year_url": nav(add_years(anchor, -1)),
        "next_year_url": nav(add_years(anchor, 1)),
        "occurrences": occurrences,
    }
    if weeks:
        days = by_day(occurrences, [d for week in weeks for d in week])
        context["weeks"] = [
            [_month_cell(scope, d, days[d], period, query) for d in week] for week in weeks
        ]
        context["weekday_headers"] = weeks[0]
        template = "calendar/month.html"
    elif view == "posterboard":
        template = "calendar/posterboard.html"
    else:
        context["days"] = [
            (day, _with_query(scope.url("day", day.isoformat()), query), entries)
            for day, entries in by_day(occurrences, period.days).items()
        ]
        template = "calendar/days.html"
    return _render(request, template, scope, f, context)


def _month_cell(scope: Scope, day: date, occurrences: list[Occurrence], period, query: str) -> dict:
    return {
        "date": day,
        "in_month": period.first <= day <= period.last,
        "is_today": day == scope.today(),
        "shown": occurrences[:MONTH_CELL_LIMIT],
        "more": max(0, len(occurrences) - MONTH_CELL_LIMIT),
        "day_url": _with_query(scope.url("day", day.isoformat()), query),
    }


def calendar_home(request: HttpRequest, calendar_slug: str | None = None) -> HttpResponse:
    scope = _scope(request, calendar_slug)
    return HttpResponseRedirect(scope.view_url("week", scope.today()))


def go_to_date(request: HttpRequest, calendar_slug: str | None = None) -> HttpResponse:
    """The date picker's target: ?view=week&date=2022-06-02 → that view at that date."""
    scope = _scope(request, calendar_slug)
    f = parse_filter(request.GET)
    view = request.GET.get("view", "week")
    if view not in VIEW_NAMES:
        view = "week"
    try:
        day = parse_day(request.GET.get("date", "").strip())
    except BadDate as exc:
        return _bad_date(request, scope, exc)
    return HttpResponseRedirect(_with_query(scope.view_url(view, day), _state_query(request, f)))


def _occurrence_groups(
    events: list[Event], zone: ZoneInfo, *, past: bool
) -> list[tuple[date, list[Occurrence]]]:
    """Each event at its next (or, for the archive, latest) occurrence, grouped by day."""
    now = timezone.now()
    found = (current_occurrence(e, now, zone, past=past) for e in events)
    occurrences = [o for o in found if o is not None]
    occurrences.sort(key=lambda o: o.start, reverse=past)
    return [(day, list(group)) for day, group in groupby(occurrences, key=lambda o: o.first_day)]


def _paginate(request: HttpRequest, events: EventQuerySet):
    paginator = Paginator(events.with_related(), settings.ALMANAC_LIST_PAGE_SIZE)
    try:
        return paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger):
        raise Http404(_("There is no such page of results.")) from None


def event_list(request: HttpRequest, calendar_slug: str | None = None) -> HttpResponse:
    """Upcoming events as an agenda grouped by day; ?past=1 for the archive, newest first."""
    scope = _scope(request, calendar_slug)
    f = parse_filter(request.GET)
    past = request.GET.get("past") == "1"
    events = apply_filter(scope.events(), f)
    page = _paginate(request, events.past() if past else events.upcoming())
    query = _state_query(request, f)
    context = {
        "view": "list",
        "view_name": VIEW_NAMES["list"],
        "past": past,
        "page": page,
        "groups": _occurrence_groups(list(page), scope.zone, past=past),
        "upcoming_url": _with_query(scope.url("list"), query),
        "past_url": _with_query(scope.url("list"), "&".join(filter(None, ["past=1", query]))),
        "page_query": "&".join(filter(None, ["past=1" if past else "", query])),
    }
    return _render(request, "calendar/list.html", scope, f, context)


def _chosen_occurrence(request: HttpRequest, event: Event, zone: ZoneInfo) -> Occurrence:
    """The occurrence ?on=2026-06-02T09:00 names, else the next one, else the last one."""
    if is_recurring(event):
        raw = request.GET.get("on", "")
        try:
            wanted = datetime.fromisoformat(raw) if raw else None
        except ValueError:
            raise Http404(_("Use an occurrence like 2026-06-02T09:00.")) from None
        if wanted is not None:
            # A moved occurrence is found at its new time, under its original start.
            change = next((c for c in event.changes.all() if c.original_start == wanted), None)
            start = change.start_utc if change else instants(event, wanted, wanted)[0]
            for found in occurrences_in(event, start, start + timedelta(minutes=1), zone):
                if found.recurrence_id == wanted:
                    return found
            raise Http404(_("This event does not happen then."))
        now = timezone.now()
        found = next_occurrence(event, now, zone) or previous_occurrence(event, now, zone)
        if found is not None:
            return found
    return occurrence_of(event, zone)


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The event page, in the event's own zone and the viewer's; staff may preview drafts."""
    events = Event.objects.with_related()
    if not request.user.is_staff:
        events = events.published()
    event = get_object_or_404(events, slug=slug)
    scope = Scope(event.calendar, request.viewer_zone)  # type: ignore[attr-defined]
    own = _chosen_occurrence(request, event, get_zone(event.timezone))
    translation = event.translation()
    languages = dict(settings.LANGUAGES)
    upcoming = []
    if is_recurring(event):
        # The next few dates of a series, from the one shown.
        window = (own.start, own.start + timedelta(days=400))
        upcoming = sorted(occurrences_in(event, *window, scope.zone), key=lambda o: o.start)[:8]
    viewer_times = None
    if scope.viewer_zone and not own.all_day:
        in_viewer = own.in_zone(scope.zone)
        viewer_times = in_viewer if in_viewer[0].utcoffset() != own.start.utcoffset() else None
    context = {
        "event": event,
        "translation": translation,
        "occurrence": own,
        "viewer_times": viewer_times,
        "upcoming_occurrences": upcoming,
        "rule_summary": recurrence_summary(event),
        "anchor": own.first_day,
        "calendar_url": Scope().view_url("week", own.first_day),
        "own_calendar_url": Scope(event.calendar).view_url("week", own.first_day),
        "translations": [
            (
                t.language,
                languages.get(t.language, t.language),
                translate_url(event.get_absolute_url(), t.language),
            )
            for t in event.translations.all()
        ],  # fmt: skip
        "is_fallback": translation is not None and translation.language != get_language(),
    }
    return _render(request, "calendar/event.html", scope, EventFilter(), context)


def recurrence_summary(event: Event) -> str:
    rule = rule_of(event)
    return summary(rule, event.start_local) if rule else ""


TAXONOMIES: dict[str, tuple[type[Model], str, Any]] = {
    "category": (Category, "categories", gettext_lazy("Category")),
    "tag": (Tag, "tags", gettext_lazy("Tag")),
    "venue": (Venue, "venues", gettext_lazy("Venue")),
    "organizer": (Organizer, "organizers", gettext_lazy("Organizer")),
}
TAXONOMY_LIST_LIMIT = 20


def taxonomy_page(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    """A category, tag, venue or organizer, with its upcoming and recent past events."""
    model, facet, label = TAXONOMIES[kind]
    related = ["translations"] + (
        ["children__translations", "parent__translations"] if kind == "category" else []
    )
    obj = get_object_or_404(model.objects.prefetch_related(*related), slug=slug)
    f = EventFilter(**{facet: (slug,)})
    events = apply_filter(Event.objects.published(), f)
    upcoming = list(events.upcoming().with_related()[: TAXONOMY_LIST_LIMIT + 1])
    past = list(events.past().with_related()[: TAXONOMY_LIST_LIMIT + 1])
    scope = _scope(request)
    query = _state_query(request, f)
    context = {
        "kind": kind,
        "kind_label": label,
        "object": obj,
        "upcoming_groups": _occurrence_groups(
            upcoming[:TAXONOMY_LIST_LIMIT], scope.zone, past=False
        ),
        "past_groups": _occurrence_groups(past[:TAXONOMY_LIST_LIMIT], scope.zone, past=True),
        "more_upcoming_url": _with_query(scope.url("list"), query)
        if len(upcoming) > TAXONOMY_LIST_LIMIT
        else None,
        "more_past_url": _with_query(scope.url("list"), f"past=1&{query}")
        if len(past) > TAXONOMY_LIST_LIMIT
        else None,
    }
    return _render(request, "calendar/taxonomy.html", scope, EventFilter(), context)


LEGACY_VIEWS = {"full": "month", "month": "month", "week": "week", "day": "day", "list": "list",
                "4days": "4days", "posterboard": "posterboard", "map": "month"}  # fmt: skip


def legacy_redirect(request: HttpRequest) -> HttpResponse:
    """Event Calendar WD links (/ecwd_calendar/calendar/?date=2022-5-29&t=week) keep working."""
    view = LEGACY_VIEWS.get(request.GET.get("t", "full"), "month")
    scope = _scope(request)
    raw = request.GET.get("date", "")
    try:
        day = parse_day(raw) if raw else scope.today()
    except BadDate as exc:
        return _bad_date(request, scope, exc)
    with override(settings.LANGUAGE_CODE):
        return HttpResponseRedirect(scope.view_url(view, day), status=301)


# Offered in the compact zone control; the full list is one search away.
COMMON_ZONES = (
    "UTC", "Europe/London", "Europe/Brussels", "Europe/Berlin", "Europe/Madrid", "Europe/Athens",
    "Europe/Moscow", "Africa/Lagos", "Africa/Nairobi", "Asia/Dubai", "Asia/Kolkata",
    "Asia/Bangkok", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Tokyo", "Asia/Seoul",
    "Australia/Sydney", "Pacific/Auckland", "America/Sao_Paulo", "America/Buenos_Aires",
    "America/Bogota", "America/Mexico_City", "America/New_York", "America/Chicago",
    "America/Denver", "America/Los_Angeles",
)  # fmt: skip


def common_zones(scope: Scope) -> list[str]:
    """Zones for the compact control: the shown and default ones first, then common ones."""
    audience = scope.calendar.audience_zones if scope.calendar else []
    return list(dict.fromkeys([scope.zone_name, scope.default_zone_name, *audience, *COMMON_ZONES]))


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def choose_timezone(request: HttpRequest) -> HttpResponse:
    """Pick the zone times are shown in: a search box and a list; no JavaScript needed.

    POST remembers the choice in a cookie (or forgets it, with tz=auto) and returns to
    ``next``; GET ?q=shang lists the zones whose names match.
    """
    back = _safe_next(request, reverse("calendar:home"))
    if request.method == "POST":
        chosen = request.POST.get("tz", "").strip()
        response = HttpResponseRedirect(back)
        if chosen == "auto":
            response.delete_cookie(CHOICE_COOKIE)
        elif is_valid_zone(chosen):
            response.set_cookie(CHOICE_COOKIE, chosen, max_age=365 * 24 * 3600, samesite="Lax")
        else:
            return _bad_request(request, _scope(request), unknown_zone_message(chosen))
        return response
    scope = _scope(request)
    q = " ".join(request.GET.get("q", "").split())[:64]
    needle = q.lower().replace(" ", "_")
    zones = [z for z, _label in zone_choices() if needle in z.lower()] if q else common_zones(scope)
    context = {"q": q, "zones": zones, "next": back, "anchor": None}
    return _render(request, "calendar/timezone.html", scope, EventFilter(), context)
