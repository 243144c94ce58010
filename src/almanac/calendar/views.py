"""Public pages. Function views; reads through events.queries, no writes here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
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
from almanac.events.queries import (
    EventFilter,
    Occurrence,
    apply_filter,
    by_day,
    occurrence_of,
    occurrences_between,
)
from almanac.events.timezones import get_zone

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
    """The whole site, or one calendar (the /c/<slug>/ URLs): its zone and first weekday."""

    calendar: Calendar | None = None

    @property
    def zone_name(self) -> str:
        return self.calendar.timezone if self.calendar else settings.ALMANAC_TIME_ZONE

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


def _scope(calendar_slug: str | None) -> Scope:
    if calendar_slug is None:
        return Scope()
    return Scope(
        get_object_or_404(Calendar.objects.prefetch_related("translations"), slug=calendar_slug)
    )


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
    """Render a public page with what every page shows: filters, language links, scope."""
    query = filter_querystring(f)
    anchor = context.get("anchor") or scope.today()
    context |= {
        "scope": scope,
        "filter": f,
        "filter_query": query,
        # Loaded only by pages that show the filter form.
        "choices": SimpleLazyObject(filter_choices),
        "shown_zone": scope.zone_name,
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


def _parse_anchor(view: str, when: str) -> date:
    try:
        return parse_month(when) if view in MONTH_VIEWS else parse_day(when)
    except BadDate as exc:
        raise Http404(str(exc)) from None


def period_view(
    request: HttpRequest, view: str, when: str, calendar_slug: str | None = None
) -> HttpResponse:
    """Week, day, 4-day, month grid and posterboard: every event in the period, none cut off."""
    scope = _scope(calendar_slug)
    anchor = _parse_anchor(view, when)
    period = period_for(view, anchor, scope.first_weekday)
    f = parse_filter(request.GET)
    query = filter_querystring(f)
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
    scope = _scope(calendar_slug)
    return HttpResponseRedirect(scope.view_url("week", scope.today()))


def go_to_date(request: HttpRequest, calendar_slug: str | None = None) -> HttpResponse:
    """The date picker's target: ?view=week&date=2022-06-02 → that view at that date."""
    scope = _scope(calendar_slug)
    f = parse_filter(request.GET)
    view = request.GET.get("view", "week")
    if view not in VIEW_NAMES:
        view = "week"
    try:
        day = parse_day(request.GET.get("date", "").strip())
    except BadDate as exc:
        message = _("That date could not be read: %(reason)s") % {"reason": exc}
        return _render(
            request,
            "calendar/error.html",
            scope,
            f,
            {"status": 400, "message": message},
            status=400,
        )
    return HttpResponseRedirect(_with_query(scope.view_url(view, day), filter_querystring(f)))


def _occurrence_groups(events: list[Event], zone: ZoneInfo) -> list[tuple[date, list[Occurrence]]]:
    occurrences = [occurrence_of(e, zone) for e in events]
    return [(day, list(group)) for day, group in groupby(occurrences, key=lambda o: o.first_day)]


def _paginate(request: HttpRequest, events: EventQuerySet):
    paginator = Paginator(events.with_related(), settings.ALMANAC_LIST_PAGE_SIZE)
    try:
        return paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger):
        raise Http404(_("There is no such page of results.")) from None


def event_list(request: HttpRequest, calendar_slug: str | None = None) -> HttpResponse:
    """Upcoming events as an agenda grouped by day; ?past=1 for the archive, newest first."""
    scope = _scope(calendar_slug)
    f = parse_filter(request.GET)
    past = request.GET.get("past") == "1"
    events = apply_filter(scope.events(), f)
    page = _paginate(request, events.past() if past else events.upcoming())
    query = filter_querystring(f)
    context = {
        "view": "list",
        "view_name": VIEW_NAMES["list"],
        "past": past,
        "page": page,
        "groups": _occurrence_groups(list(page), scope.zone),
        "upcoming_url": _with_query(scope.url("list"), query),
        "past_url": _with_query(scope.url("list"), "&".join(filter(None, ["past=1", query]))),
        "page_query": "&".join(filter(None, ["past=1" if past else "", query])),
    }
    return _render(request, "calendar/list.html", scope, f, context)


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The event page. Staff may preview drafts; everyone else gets 404 for them."""
    events = Event.objects.with_related()
    if not request.user.is_staff:
        events = events.published()
    event = get_object_or_404(events, slug=slug)
    scope = Scope(event.calendar)
    shown = occurrence_of(event, scope.zone)
    own = occurrence_of(event, get_zone(event.timezone))
    translation = event.translation()
    languages = dict(settings.LANGUAGES)
    context = {
        "event": event,
        "translation": translation,
        "occurrence": own,
        "shown_occurrence": shown if shown.start.utcoffset() != own.start.utcoffset() else None,
        "anchor": own.first_day,
        "calendar_url": Scope().view_url("week", own.first_day),
        "own_calendar_url": scope.view_url("week", own.first_day),
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
    return _render(request, "calendar/event.html", Scope(), EventFilter(), context)


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
    scope = Scope()
    query = filter_querystring(f)
    context = {
        "kind": kind,
        "kind_label": label,
        "object": obj,
        "upcoming_groups": _occurrence_groups(upcoming[:TAXONOMY_LIST_LIMIT], scope.zone),
        "past_groups": _occurrence_groups(past[:TAXONOMY_LIST_LIMIT], scope.zone),
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
    scope = Scope()
    raw = request.GET.get("date", "")
    try:
        day = parse_day(raw) if raw else scope.today()
    except BadDate as exc:
        message = _("That date could not be read: %(reason)s") % {"reason": exc}
        return _render(
            request,
            "calendar/error.html",
            scope,
            EventFilter(),
            {"status": 400, "message": message},
            status=400,
        )
    with override(settings.LANGUAGE_CODE):
        return HttpResponseRedirect(scope.view_url(view, day), status=301)
