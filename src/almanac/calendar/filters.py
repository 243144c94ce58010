"""Search and filters from the query string, and the choices the filter form offers."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict

from almanac.events.models import Calendar, Category, Organizer, Tag, Venue
from almanac.events.queries import EventFilter

MAX_QUERY_LENGTH = 200
MAX_VALUES = 50

# query parameter -> EventFilter field
FACETS = {
    "calendar": "calendars",
    "category": "categories",
    "tag": "tags",
    "venue": "venues",
    "organizer": "organizers",
    "mode": "modes",
}
MODES = ("online", "in_person")


def parse_filter(params: QueryDict) -> EventFilter:
    """An EventFilter from ?q=…&category=a&category=b…; junk is dropped, never an error."""
    values = {}
    for param, name in FACETS.items():
        cleaned = [v.strip()[:100] for v in params.getlist(param) if v.strip()]
        if param == "mode":
            cleaned = [v for v in cleaned if v in MODES]
        values[name] = tuple(dict.fromkeys(cleaned))[:MAX_VALUES]
    q = " ".join(params.get("q", "").split())[:MAX_QUERY_LENGTH]
    return EventFilter(q=q, **values)


def filter_querystring(f: EventFilter, *, tz: str | None = None) -> str:
    """The query string that reproduces ``f`` (and a zone), for links that must keep them."""
    pairs: list[tuple[str, str]] = [("q", f.q)] if f.q else []
    for param, name in FACETS.items():
        pairs += [(param, value) for value in getattr(f, name)]
    if tz:
        pairs.append(("tz", tz))
    return urlencode(pairs)


@dataclass
class FilterChoices:
    calendars: list[Calendar]
    categories: list[Category]
    tags: list[Tag]
    venues: list[Venue]
    organizers: list[Organizer]


def filter_choices() -> FilterChoices:
    """Everything the filter form lists, translations prefetched: ten queries, always."""

    def load(model):
        return list(model.objects.prefetch_related("translations"))

    return FilterChoices(
        calendars=load(Calendar),
        categories=load(Category),
        tags=load(Tag),
        venues=load(Venue),
        organizers=load(Organizer),
    )
