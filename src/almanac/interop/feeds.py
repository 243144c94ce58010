"""RSS 2.0 and Atom feeds of upcoming events, on ``django.contrib.syndication``.

``/<lang>/feeds/rss/`` and ``/<lang>/feeds/atom/`` take the same filter parameters as the
calendar pages (``parse_filter``), so a reader can subscribe to exactly what a visitor
narrowed a page to. Each event appears once: a repeating event at its next occurrence,
because a feed reader shows items, not a calendar, and fifty copies of a weekly webinar
would drown everything else. Calendar clients get every date from the iCalendar export.

Choices a reader of the XML may wonder about:

- Titles are plain text (escaped once by the XML writer), not Django's default
  double-escaped HTML: Atom declares ``<title>`` as text, and an RSS title shown as
  "R&amp;D" is worse than the rare reader that renders a title as HTML.
- The featured image is an enclosure only when the storage reports its size: RSS makes
  ``length`` required, and an omitted enclosure is better than one with a made-up size.
- Times are written in the event's own zone and its audience zones (plus ``?tz=`` when
  the feed URL names one); a feed has no viewer whose zone we could detect.
"""

from __future__ import annotations

import mimetypes
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils import feedgenerator, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from almanac.calendar.filters import filter_querystring, parse_filter
from almanac.calendar.templatetags.almanac import fulldate, hhmm, zone_label
from almanac.events.models import Event, EventTranslation
from almanac.events.occurrences import Occurrence, current_occurrence
from almanac.events.queries import EventFilter, apply_filter, soonest_upcoming
from almanac.events.services import sanitize_html
from almanac.events.timezones import get_zone

MAX_ITEMS = 50
IRI_SCHEMES = ("urn:", "tag:", "http://", "https://")  # UIDs that are Atom ids as they are
SITE_NAME = "Almanac"  # not translated, as in the page titles of calendar/base.html

# What an item shows, loaded in a fixed number of queries (tags and the calendar's own
# translations are not shown in a feed, so they are not loaded).
FEED_PREFETCH = (
    "translations",
    "venue__translations",
    "categories__translations",
    "organizers__translations",
    "changes",
)


@dataclass(frozen=True)
class FeedRequest:
    """What one feed request asked for; the Feed instance is shared, so state lives here."""

    filter: EventFilter
    language: str
    now: datetime
    full_path: str
    origin: str = ""  # scheme://host, for the absolute URLs of enclosures
    extra_zone: str | None = None  # a ?tz= zone, shown beside the event's own


@dataclass(frozen=True)
class FeedItem:
    """One event of the feed, at the occurrence the feed shows (next, for a series)."""

    event: Event
    occurrence: Occurrence
    language: str
    extra_zone: str | None = None
    origin: str = ""

    @property
    def translation(self) -> EventTranslation | None:
        return self.event.translation(self.language)


def feed_items(
    f: EventFilter,
    *,
    now: datetime | None = None,
    language: str | None = None,
    extra_zone: str | None = None,
    origin: str = "",
    limit: int = MAX_ITEMS,
) -> list[FeedItem]:
    """Published and cancelled events matching ``f``, each at its next occurrence, by start.

    Occurrences are placed in the event's own zone: that is the time the organisers
    announced, and the one the item text leads with.
    """
    now = now or timezone.now()
    language = language or get_language()
    events = soonest_upcoming(apply_filter(Event.objects.published(), f), now, limit)
    items = []
    for event in events.select_related("calendar", "venue").prefetch_related(*FEED_PREFETCH):
        found = current_occurrence(event, now, get_zone(event.timezone))
        if found is not None:
            items.append(FeedItem(event, found, language, extra_zone, origin))
    items.sort(key=lambda item: (item.occurrence.start, item.event.pk))
    return items[:limit]


def item_title_text(item: FeedItem) -> str:
    """The title in the feed's language (with fallback), marked when the date is cancelled."""
    change = item.occurrence.change
    translation = item.translation
    title = (change.title(item.language) if change else "") or (
        translation.title if translation else item.event.slug
    )
    if item.occurrence.is_cancelled:
        # Translators: the title of a cancelled event in RSS and Atom feeds.
        return _("Cancelled: %(title)s") % {"title": title}
    return title


def _span(start: datetime, end: datetime, zone: ZoneInfo) -> str:
    """09:00–11:00 on one day, or both dates when the span crosses midnight in ``zone``."""
    start, end = start.astimezone(zone), end.astimezone(zone)
    if start.date() == end.date():
        return f"{fulldate(start)} {hhmm(start)}–{hhmm(end)}"
    return f"{fulldate(start)} {hhmm(start)} – {fulldate(end)} {hhmm(end)}"


def time_lines(item: FeedItem) -> list[tuple[str, str]]:
    """(ISO start, text) of the occurrence in the event's zone, then in each audience zone
    (and a ``?tz=`` zone) whose offset differs from those already listed.

    All-day dates are the same everywhere, so they get one line.
    """
    occurrence, event = item.occurrence, item.event
    if occurrence.all_day:
        days = fulldate(occurrence.first_day)
        if occurrence.last_day != occurrence.first_day:
            days = f"{days} – {fulldate(occurrence.last_day)}"
        return [(occurrence.first_day.isoformat(), f"{days} ({_('all day')})")]
    zones = [event.timezone, *event.audience_zones, *event.calendar.audience_zones]
    if item.extra_zone:
        zones.append(item.extra_zone)
    lines, offsets = [], set()
    for name in dict.fromkeys(zones):
        zone = get_zone(name)
        start = occurrence.start.astimezone(zone)
        if start.utcoffset() in offsets:
            continue
        offsets.add(start.utcoffset())
        span = _span(occurrence.start, occurrence.end, zone)
        lines.append((start.isoformat(), f"{span} {zone_label(start)} ({name})"))
    return lines


def item_description_html(item: FeedItem) -> SafeString:
    """Summary, times, place, then the rich description, as one HTML fragment.

    The description was sanitised when it was saved; it is cleaned again here because a
    feed is read by programs that trust it more than a browser trusts a page.
    """
    event, translation = item.event, item.translation
    parts: list[SafeString] = []
    if translation and translation.summary:
        parts.append(format_html("<p>{}</p>", translation.summary))
    times = format_html_join(mark_safe("<br>"), '<time datetime="{}">{}</time>', time_lines(item))
    parts.append(format_html("<p>{}</p>", times))
    if event.venue is not None:
        venue = event.venue.translation(item.language)
        if venue is not None:
            lines = [venue.name, *(line.strip() for line in venue.address.splitlines())]
            parts.append(
                format_html(
                    "<p><strong>{}</strong><br>{}</p>",
                    _("Venue"),
                    format_html_join(mark_safe("<br>"), "{}", ((x,) for x in lines if x)),
                )
            )
    if event.online_url:
        parts.append(
            format_html(
                '<p><strong>{}</strong><br><a href="{}">{}</a></p>',
                _("Online"),
                event.online_url,
                _("Join online"),
            )
        )
    if translation and translation.description:
        parts.append(mark_safe(sanitize_html(translation.description)))  # noqa: S308 (sanitised)
    return mark_safe("\n".join(parts))  # noqa: S308 (every part is escaped or sanitised)


def image_enclosure(event: Event, origin: str) -> feedgenerator.Enclosure | None:
    """The featured image as an enclosure, or None when there is none or its size is unknown."""
    if not event.image:
        return None
    try:
        size = event.image.size
    except (OSError, ValueError):
        return None  # the file is missing from storage: say nothing rather than guess
    mime_type = mimetypes.guess_type(event.image.name)[0] or "application/octet-stream"
    return feedgenerator.Enclosure(
        url=urljoin(f"{origin}/", event.image.url), length=str(size), mime_type=mime_type
    )


class EventsRssFeed(Feed):
    """Upcoming events as RSS 2.0, in the URL's language, narrowed by the page filters."""

    feed_type = feedgenerator.Rss201rev2Feed
    item_guid_is_permalink = False

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FeedRequest:
        from_url = getattr(request, "viewer_zone_source", "") == "url"
        return FeedRequest(
            filter=parse_filter(request.GET),
            language=get_language(),
            now=timezone.now(),
            full_path=request.get_full_path(),
            origin=f"{request.scheme}://{request.get_host()}",
            extra_zone=getattr(request, "viewer_zone", None) if from_url else None,
        )

    def title(self, obj: FeedRequest) -> str:
        return f"{_('Upcoming events')} · {SITE_NAME}"

    def description(self, obj: FeedRequest) -> str:
        return _("Events calendar")

    def subtitle(self, obj: FeedRequest) -> str:
        return self.description(obj)

    def link(self, obj: FeedRequest) -> str:
        """The upcoming-events page with the same filters, in the same language."""
        query = filter_querystring(obj.filter)
        url = reverse("calendar:list")
        return f"{url}?{query}" if query else url

    def feed_url(self, obj: FeedRequest) -> str:
        # Django's default drops the query string, so a filtered feed's self link would
        # point at the unfiltered one.
        return obj.full_path

    def items(self, obj: FeedRequest) -> list[FeedItem]:
        return feed_items(
            obj.filter,
            now=obj.now,
            language=obj.language,
            extra_zone=obj.extra_zone,
            origin=obj.origin,
        )

    def item_title(self, item: FeedItem) -> str:
        return item_title_text(item)

    def item_description(self, item: FeedItem) -> str:
        return item_description_html(item)

    def item_link(self, item: FeedItem) -> str:
        """The event page in the feed's language, at the shown occurrence for a series."""
        return item.occurrence.url

    def item_guid(self, item: FeedItem) -> str:
        return item.event.uid

    def item_pubdate(self, item: FeedItem) -> datetime:
        return item.event.published_at or item.event.created_at

    def item_updateddate(self, item: FeedItem) -> datetime:
        return item.event.updated_at

    def item_categories(self, item: FeedItem) -> list[str]:
        names = (c.translation(item.language) for c in item.event.categories.all())
        return [t.name for t in names if t is not None]

    def item_author_name(self, item: FeedItem) -> str | None:
        names = (o.translation(item.language) for o in item.event.organizers.all())
        return ", ".join(t.name for t in names if t is not None) or None

    def item_enclosures(self, item: FeedItem) -> Iterable[feedgenerator.Enclosure]:
        enclosure = image_enclosure(item.event, item.origin)
        return [enclosure] if enclosure else []


def atom_id(uid: str) -> str:
    """An Atom entry id for an iCalendar UID, which Atom wants as an absolute IRI.

    Our own UIDs (``<uuid>@almanac``) become ``urn:uuid:<uuid>``; a UID that already is a
    URN, tag or web URI stays; any other (an imported one) becomes a name-based UUID of
    itself, so that it is the same in every build of the feed.
    """
    head, _at, tail = uid.partition("@")
    if tail == "almanac":
        try:
            return uuid.UUID(head).urn
        except ValueError:
            pass
    if uid.startswith(IRI_SCHEMES) and not any(c.isspace() for c in uid):
        return uid
    return uuid.uuid5(uuid.NAMESPACE_URL, uid).urn


class EventsAtomFeed(EventsRssFeed):
    """The same items as Atom 1.0; the description goes into ``<summary type="html">``."""

    feed_type = feedgenerator.Atom1Feed

    def item_guid(self, item: FeedItem) -> str:
        return atom_id(item.event.uid)
