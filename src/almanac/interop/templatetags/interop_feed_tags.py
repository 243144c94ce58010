"""Template tags for the feeds and structured data: ``{% load interop_feed_tags %}``.

- ``{% event_meta as meta %}`` on the event page: the JSON-LD script and the Open Graph
  and Twitter card pairs that ``interop/_event_head.html`` writes out.
- ``{% feed_links %}`` in a page's ``<head>``: RSS and Atom ``<link rel="alternate">``
  for what the page lists (its filters and, inside one calendar, that calendar), so a
  browser or reader offers the right subscription.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from almanac.calendar.filters import filter_querystring
from almanac.calendar.views import TAXONOMIES
from almanac.events.queries import EventFilter
from almanac.interop.jsonld import event_jsonld, render_jsonld, social_tags

register = template.Library()


def _absolute(context: template.Context):
    request = context.get("request")
    if request is None:
        return lambda path: path
    return request.build_absolute_uri


@register.simple_tag(takes_context=True)
def event_meta(context: template.Context) -> dict[str, Any]:
    """JSON-LD and social tags for the page's ``event`` at its ``occurrence``."""
    event, occurrence = context["event"], context["occurrence"]
    translation = context.get("translation")
    absolute = _absolute(context)
    return {
        "jsonld": render_jsonld(event_jsonld(event, occurrence, translation, absolute)),
        **social_tags(event, occurrence, translation, absolute),
    }


def page_filter(context: template.Context) -> EventFilter:
    """What the page lists, as a filter: its own filters, narrowed to the calendar of a
    /c/<slug>/ page or to the category, tag, venue or organizer of a taxonomy page.

    An event page lists nothing; its feed links are the site-wide ones.
    """
    f = context.get("filter") or EventFilter()
    if context.get("event") is not None:
        return f
    calendar = getattr(context.get("scope"), "calendar", None)
    if calendar is not None and calendar.slug not in f.calendars:
        f = replace(f, calendars=(*f.calendars, calendar.slug))
    kind, obj = context.get("kind"), context.get("object")
    if kind in TAXONOMIES and obj is not None:
        facet = TAXONOMIES[kind][1]
        f = replace(f, **{facet: (*getattr(f, facet), obj.slug)})
    return f


@register.simple_tag(takes_context=True)
def feed_links(context: template.Context) -> SafeString:
    """``<link rel="alternate">`` to the RSS and Atom feeds of what the page lists."""
    f = page_filter(context)
    query = filter_querystring(f)
    title = _("Upcoming events")
    links = []
    for name, mime, label in (
        ("feed-rss", "application/rss+xml", "RSS"),
        ("feed-atom", "application/atom+xml", "Atom"),
    ):
        url = reverse(name)
        links.append(
            format_html(
                '<link rel="alternate" type="{}" title="{} ({})" href="{}">',
                mime,
                title,
                label,
                f"{url}?{query}" if query else url,
            )
        )
    return mark_safe("\n".join(links))  # noqa: S308 (each link is built by format_html)
