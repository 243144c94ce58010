"""Every write to the events domain goes through these functions.

The admin, the demo loader and (later) the API and importers call them, so that derived
fields, sanitising and SEQUENCE bumps happen in one place. Each docstring lists the
function's side effects. None of them takes a request.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from almanac.events.models import (
    Calendar,
    Category,
    Event,
    EventTranslation,
    OccurrenceChange,
    Organizer,
    Tag,
    Translatable,
)
from almanac.events.occurrences import instants, is_occurrence, parse_local, series_end
from almanac.events.recurrence import RuleError, expand, format_rrule, parse_rrule
from almanac.events.recurrence import validate as validate_rule
from almanac.events.timezones import floating_day_bounds, local_to_utc, validate_zone

RICH_TEXT_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "i", "li",
    "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead",
    "tr", "u", "ul",
}  # fmt: skip
RICH_TEXT_FIELDS = ("description", "highlights")  # of EventTranslation
RICH_TEXT_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "td": {"colspan"}}

# Fields of Event that a change to means "the event changed" for calendar clients.
SEQUENCE_FIELDS = (
    "start_date", "start_time", "end_date", "end_time", "timezone", "all_day", "status", "venue_id",
    "rrule", "rdates", "exdates",
)  # fmt: skip


def sanitize_html(html: str) -> str:
    """Rich text an editor typed, stripped to safe tags; scripts and handlers are removed."""
    return nh3.clean(
        html,
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).strip()


def unique_slug(model: type[Translatable], text: str, *, exclude_pk: int | None = None) -> str:
    """A slug from ``text`` that no other row of ``model`` has; unicode is kept for CJK titles."""
    max_length = model._meta.get_field("slug").max_length - 8
    base = slugify(text, allow_unicode=True)[:max_length].strip("-") or model._meta.model_name
    existing = set(
        model.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in existing:
        slug, n = f"{base}-{n}", n + 1
    return slug


def derive_times(event: Event) -> None:
    """Validate the wall-clock fields and set ``start_utc``/``end_utc`` from them.

    Raises ValidationError with field-level messages: unknown zone, missing times on a
    timed event, or an end before the start.
    """
    validate_zone(event.timezone)
    if event.all_day:
        event.start_time = event.end_time = None
        if event.end_date < event.start_date:
            raise ValidationError({"end_date": _("The event ends before it starts.")})
        event.start_utc, event.end_utc = floating_day_bounds(event.start_date, event.end_date)
        return
    missing = {
        name: _("A timed event needs a start and an end time; tick “all day” otherwise.")
        for name in ("start_time", "end_time")
        if getattr(event, name) is None
    }
    if missing:
        raise ValidationError(missing)
    event.start_utc = local_to_utc(event.start_date, event.start_time, event.timezone)
    event.end_utc = local_to_utc(event.end_date, event.end_time, event.timezone)
    if event.end_utc < event.start_utc:
        raise ValidationError({"end_date": _("The event ends before it starts.")})


def derive_series(event: Event) -> None:
    """Validate the repeat rule and dates, store the rule canonically, set ``series_end_utc``.

    Raises ValidationError on the ``rrule`` field for an impossible rule (COUNT=0, UNTIL
    before the start, a rule that never happens, a start that is not one of its dates),
    and on ``rdates``/``exdates`` for values that are not local ISO date-times.
    """
    for name in ("rdates", "exdates"):
        values = getattr(event, name)
        try:
            if not isinstance(values, list):
                raise TypeError
            parsed = parse_local(values)
        except (TypeError, ValueError):
            raise ValidationError(
                {name: _("List dates and times like 2026-06-02T09:00.")}
            ) from None
        setattr(event, name, sorted({d.isoformat(timespec="minutes") for d in parsed}))
    if event.rrule:
        try:
            rule = parse_rrule(event.rrule)
            validate_rule(rule, event.start_local)
        except RuleError as error:
            raise ValidationError({"rrule": ValidationError(str(error), code=error.code)}) from None
        event.rrule = format_rrule(rule)
    event.series_end_utc = series_end(event)


def save_event(event: Event) -> Event:
    """Validate and save ``event``.

    Side effects: derives the UTC instants and the end of the series; gives the event a
    slug from its title if it has none; bumps SEQUENCE when a time, the zone, the repeat
    rule, the status or the venue changed; sets ``published_at`` the first time the event
    is published.
    """
    derive_times(event)
    derive_series(event)
    if event.pk:
        before = Event.objects.filter(pk=event.pk).values(*SEQUENCE_FIELDS).first()
        if before and any(before[f] != getattr(event, f) for f in SEQUENCE_FIELDS):
            event.sequence += 1
    if event.status == Event.Status.PUBLISHED and event.published_at is None:
        event.published_at = timezone.now()
    if not event.slug:
        event.slug = unique_slug(Event, event.uid or "event", exclude_pk=event.pk)
    event.full_clean(exclude={"slug", "uid", "categories", "tags", "organizers"})
    event.save()
    return event


def save_event_translation(translation: EventTranslation) -> EventTranslation:
    """Sanitise and save one translation of an event.

    Side effects: rich text (description, highlights) is cleaned of unsafe HTML; plain
    fields are stripped.
    """
    for field in RICH_TEXT_FIELDS:
        setattr(translation, field, sanitize_html(getattr(translation, field)))
    for field in ("title", "summary", "image_alt"):
        setattr(translation, field, getattr(translation, field).strip())
    translation.full_clean()
    translation.save()
    return translation


@transaction.atomic
def create_event(
    *,
    calendar: Calendar,
    translations: Mapping[str, Mapping[str, Any]],
    start_date: date,
    end_date: date,
    start_time: time | None = None,
    end_time: time | None = None,
    timezone_name: str | None = None,
    all_day: bool = False,
    status: str = Event.Status.DRAFT,
    uid: str = "",
    slug: str = "",
    categories: Iterable[Category] = (),
    tags: Iterable[Tag] = (),
    organizers: Iterable[Organizer] = (),
    **fields: Any,
) -> Event:
    """Create an event with its translations (``{"en": {"title": ...}, "zh-hans": {...}}``).

    Side effects: one Event row, one EventTranslation per language, the many-to-many
    links. The slug comes from the first translation's title unless given. All in one
    transaction: on a ValidationError nothing is written.
    """
    if not translations:
        raise ValidationError(_("An event needs a title in at least one language."))
    event = Event(
        calendar=calendar,
        start_date=start_date,
        end_date=end_date,
        start_time=start_time,
        end_time=end_time,
        timezone=timezone_name or calendar.timezone,
        all_day=all_day,
        status=status,
        uid=uid,
        **fields,
    )
    first_title = next(iter(translations.values())).get("title", "")
    event.slug = slug or unique_slug(Event, first_title)
    save_event(event)
    for language, values in translations.items():
        save_event_translation(EventTranslation(master=event, language=language, **values))
    event.categories.set(categories)
    event.tags.set(tags)
    event.organizers.set(organizers)
    return event


def publish_event(event: Event) -> Event:
    """Make a draft or cancelled event public. Side effects: status, published_at, SEQUENCE."""
    event.status = Event.Status.PUBLISHED
    return save_event(event)


def cancel_event(event: Event) -> Event:
    """Mark an event cancelled; it stays listed, marked, so that nobody turns up.

    Side effects: status and SEQUENCE.
    """
    event.status = Event.Status.CANCELLED
    return save_event(event)


@transaction.atomic
def duplicate_event(event: Event, *, as_draft: bool = True) -> Event:
    """A copy of ``event`` with a new UID and slug, its translations and taxonomies.

    The copy and its translations are drafts unless ``as_draft`` is False (a split series
    continues as published as it was). Side effects: one new Event, copies of its
    translation rows, the same M2M links. The original is not touched.
    """
    copy = Event.objects.get(pk=event.pk)
    copy.pk = None
    copy.uid = ""
    copy.slug = unique_slug(Event, f"{event.slug}-copy")
    if as_draft:
        copy.status = Event.Status.DRAFT
    copy.sequence = 0
    copy.published_at = None
    copy.save()
    for translation in event.translations.all():
        translation.pk = None
        translation.master = copy
        if as_draft:
            translation.status = EventTranslation.Status.DRAFT
        translation.save()
    copy.categories.set(event.categories.all())
    copy.tags.set(event.tags.all())
    copy.organizers.set(event.organizers.all())
    return copy


@transaction.atomic
def save_translated(
    model: type[Translatable],
    *,
    slug: str,
    translations: Mapping[str, Mapping[str, Any]],
    **fields: Any,
) -> Translatable:
    """Create or update a calendar, category, tag, venue or organizer by slug.

    Side effects: the row and one translation row per language (existing languages are
    updated, others left as they are). Their descriptions are plain text. Running it
    twice with the same data changes nothing, which the demo loader relies on.
    """
    obj, _created = model.objects.get_or_create(slug=slug, defaults=fields)
    changed = [name for name, value in fields.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, fields[name])
    obj.full_clean()
    if changed:
        obj.save()
    translation_model = obj.translations.model
    for language, values in translations.items():
        translation = translation_model.objects.filter(master=obj, language=language).first()
        translation = translation or translation_model(master=obj, language=language)
        for name, value in values.items():
            setattr(translation, name, value.strip())
        translation.full_clean()
        translation.save()
    return obj


@transaction.atomic
def change_occurrence(
    event: Event,
    original_start: datetime,
    *,
    cancelled: bool = False,
    new_start: datetime | None = None,
    new_end: datetime | None = None,
    titles: Mapping[str, str] | None = None,
) -> OccurrenceChange:
    """Cancel, move or retitle one occurrence of a repeating event.

    ``original_start`` is the occurrence's local wall-clock start (its RECURRENCE-ID);
    ``new_start``/``new_end`` are local wall-clock times in the event's zone.
    Side effects: creates or updates the OccurrenceChange; re-derives the event's series
    bounds (a moved occurrence may end after the series) and bumps its SEQUENCE.
    """
    if not is_occurrence(event, original_start):
        raise ValidationError(
            {"original_date": _("The event has no occurrence at that date and time.")}
        )
    if (new_start is None) != (new_end is None):
        raise ValidationError({"end_date": _("Give both a new start and a new end, or neither.")})
    if new_start is not None and new_end is not None and new_end < new_start:
        raise ValidationError({"end_date": _("The event ends before it starts.")})
    clean_titles = {k: v.strip() for k, v in (titles or {}).items() if v and v.strip()}
    for language, title in clean_titles.items():
        if len(title) > 300:
            raise ValidationError({"titles": _("A title has at most 300 characters.")})
        if language not in dict(settings.LANGUAGES):
            raise ValidationError(
                {"titles": _("%(code)s is not one of this site's languages.") % {"code": language}}
            )
    change = OccurrenceChange.objects.filter(
        event=event, original_date=original_start.date(),
        original_time=None if event.all_day else original_start.time(),
    ).first() or OccurrenceChange(
        event=event, original_date=original_start.date(),
        original_time=None if event.all_day else original_start.time(),
    )  # fmt: skip
    change.cancelled = cancelled
    change.titles = clean_titles
    if new_start is not None and new_end is not None:
        change.start_date, change.end_date = new_start.date(), new_end.date()
        change.start_time = None if event.all_day else new_start.time()
        change.end_time = None if event.all_day else new_end.time()
        change.start_utc, change.end_utc = instants(event, new_start, new_end)
    else:
        change.start_date = change.start_time = change.end_date = change.end_time = None
        duration = event.end_local - event.start_local
        change.start_utc, change.end_utc = instants(
            event, original_start, original_start + duration
        )
    change.full_clean()
    change.save()
    _occurrences_changed(event)
    return change


def remove_occurrence_change(change: OccurrenceChange) -> None:
    """Undo a cancellation, move or retitle: the occurrence is back as the rule makes it.

    Side effects: deletes the OccurrenceChange; re-derives the series bounds; bumps SEQUENCE.
    """
    event = change.event
    change.delete()
    _occurrences_changed(event)


def _occurrences_changed(event: Event) -> None:
    # Calendar clients only re-read an event whose SEQUENCE rose.
    event.refresh_from_db()
    event.sequence += 1
    save_event(event)


@transaction.atomic
def split_series(event: Event, from_start: datetime) -> Event:
    """ "This and following": end the series before ``from_start``; continue it as a new event.

    ``from_start`` is the local start of an occurrence. The new event starts there with the
    same rule (COUNT reduced by the occurrences already past), translations, taxonomies
    and the changes that fall on or after it; it is then edited like any event.
    Side effects: the original gets UNTIL the day before, loses later changes and extra
    dates, and its SEQUENCE rises; one new Event with a new UID.
    """
    rule = parse_rrule(event.rrule) if event.rrule else None
    if rule is None or from_start <= event.start_local:
        raise ValidationError(_("Pick a later occurrence of a repeating event to split at."))
    if not is_occurrence(event, from_start):
        raise ValidationError(_("The event has no occurrence at that date and time."))
    # COUNT counts the rule's dates, skipped ones included (RFC 5545).
    before = expand(rule, event.start_local, window_start=event.start_local, window_end=from_start)
    duration = event.end_local - event.start_local
    rest = replace(rule, count=rule.count - len(before) if rule.count else None)
    new = duplicate_event(event, as_draft=False)
    new.slug = unique_slug(Event, f"{event.slug}-{from_start:%Y-%m-%d}", exclude_pk=new.pk)
    new.start_date, new.start_time = from_start.date(), None if event.all_day else from_start.time()
    end = from_start + duration
    new.end_date, new.end_time = end.date(), None if event.all_day else end.time()
    new.rrule = format_rrule(rest)
    new.rdates = [d for d in event.rdates if datetime.fromisoformat(d) >= from_start]
    new.exdates = [d for d in event.exdates if datetime.fromisoformat(d) >= from_start]
    event.changes.filter(original_date__gte=from_start.date()).update(event=new)
    ended = (
        replace(rule, count=len(before))
        if rule.count
        else replace(rule, until=from_start.date() - timedelta(days=1))
    )
    event.rrule = format_rrule(ended)
    event.rdates = [d for d in event.rdates if datetime.fromisoformat(d) < from_start]
    event.exdates = [d for d in event.exdates if datetime.fromisoformat(d) < from_start]
    save_event(event)
    save_event(new)
    return new
