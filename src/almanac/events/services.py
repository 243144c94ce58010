"""Every write to the events domain goes through these functions.

The admin, the demo loader and (later) the API and importers call them, so that derived
fields, sanitising and SEQUENCE bumps happen in one place. Each docstring lists the
function's side effects. None of them takes a request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    # Importers hand plans to the services; events does not import interop at run time.
    from almanac.interop.csv_io import CsvPlan, CsvReport
    from almanac.interop.csv_io import RowPlan as CsvRowPlan
    from almanac.interop.ics_import import EventPlan, ImportPlan

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


# CSV import: interop.csv_io reads a file into a plan; this applies it.


def _apply_csv_row(row: CsvRowPlan, found: Mapping[str, Mapping[str, Any]]) -> tuple[str, str]:
    """Create or update the event of one parsed CSV row, through save_event and
    save_event_translation like every other write; returns ("created" | "updated" |
    "unchanged", slug).

    Fields equal to what is stored are not saved at all, so that re-importing an export
    neither bumps SEQUENCE nor touches ``updated_at``. Raises ValidationError whose
    messages name the CSV column (``end_date: …``, ``title_zh-hans: …``), so that the
    caller can report them under the row number; the caller's savepoint undoes any
    partial write.
    """
    from almanac.interop.csv_io import M2M_COLUMNS, TRANSLATION_STATUS

    def by_column(error: ValidationError, language: str = "") -> ValidationError:
        if not hasattr(error, "error_dict"):
            return ValidationError(error.messages)
        messages = []
        for name, texts in error.message_dict.items():
            column = TRANSLATION_STATUS if language and name == "status" else name
            column = f"{column}_{language}" if language else column
            messages += [text if name == "__all__" else f"{column}: {text}" for text in texts]
        return ValidationError(messages)

    unknown = {
        "calendar": _("unknown calendar '%(slug)s'"),
        "venue": _("unknown venue '%(slug)s'"),
        "categories": _("unknown category '%(slug)s'"),
        "tags": _("unknown tag '%(slug)s'"),
        "organizers": _("unknown organizer '%(slug)s'"),
    }
    problems: list[str] = []
    refs: dict[str, Any] = {}
    for name, value in row.refs.items():
        objects = []
        for slug in value if isinstance(value, list) else [value] if value else []:
            if slug in found[name]:
                objects.append(found[name][slug])
            else:
                problems.append(unknown[name] % {"slug": slug})
        refs[name] = objects if isinstance(value, list) else (objects[0] if objects else None)
    if problems:
        raise ValidationError(problems)

    event = Event.objects.filter(uid=row.uid).first() if row.uid else None
    created = changed = event is None
    slug = row.fields.get("slug", "")
    if slug and Event.objects.filter(slug=slug).exclude(pk=event.pk if event else None).exists():
        raise ValidationError(_("slug '%(slug)s' belongs to another event.") % {"slug": slug})
    if event is None:
        titles = [v["title"] for v in row.translations.values() if v.get("title")]
        if not titles:
            raise ValidationError(_("A new event needs a title in at least one language."))
        event = Event(calendar=refs["calendar"], uid=row.uid, slug=slug)
        event.slug = slug or unique_slug(Event, titles[0])
    elif slug and slug != event.slug:
        event.slug, changed = slug, True

    values = {name: value for name, value in row.fields.items() if name != "slug"}
    values.update({name: refs[name] for name in ("calendar", "venue") if name in refs})
    if created and "all_day" not in values:
        values["all_day"] = values.get("start_time") is None  # no times given: all day
    if not values.get("timezone") and (created or "timezone" in values):
        values["timezone"] = values.get("calendar", event.calendar).timezone
    for name, value in values.items():
        if getattr(event, name) != value:
            setattr(event, name, value)
            changed = True
    if changed:
        try:
            save_event(event)
        except ValidationError as error:
            raise by_column(error) from None

    existing = {t.language: t for t in event.translations.all()} if not created else {}
    for language, cells in row.translations.items():
        translation = existing.get(language)
        if translation is not None and all(getattr(translation, k) == v for k, v in cells.items()):
            continue
        if translation is None and not cells.get("title"):
            raise ValidationError(
                _("title_%(language)s: a new translation needs a title.") % {"language": language}
            )
        translation = translation or EventTranslation(master=event, language=language)
        for name, value in cells.items():
            setattr(translation, name, value)
        try:
            save_event_translation(translation)
        except ValidationError as error:
            raise by_column(error, language) from None
        changed = True

    for name in M2M_COLUMNS:
        if name not in refs:
            continue
        manager = getattr(event, name)
        if created or set(manager.values_list("pk", flat=True)) != {o.pk for o in refs[name]}:
            manager.set(refs[name])
            changed = True
    return ("created" if created else "updated" if changed else "unchanged"), event.slug


def import_events_csv(
    plan: CsvPlan, *, skip_errors: bool = False, dry_run: bool = False
) -> CsvReport:
    """Apply a parsed CSV file (``interop.csv_io.parse_csv``): create or update its events.

    Rows are matched by ``uid`` (update), else created (keeping the uid if given).
    Each row runs in its own savepoint through save_event (derive_times, derive_series,
    full_clean) and save_event_translation, so a bad row's partial writes are undone and
    its ValidationErrors are reported under its spreadsheet row number, with the parse
    errors already in ``plan``. Everything runs in one transaction, rolled back when any
    row is bad and ``skip_errors`` is false, or in a dry run: a file imports whole or not
    at all unless the user asked otherwise, and the report says what happened (or would).

    Side effects: Event rows created or updated (SEQUENCE rises as in save_event);
    EventTranslation rows created or updated, never deleted; categories, tags and
    organizers replaced for the columns present. Rows equal to what is stored are not
    saved, so re-importing an export changes nothing.
    """
    # Imported here, not at the top: interop builds on events, not the other way round.
    from django.db import IntegrityError

    from almanac.interop.csv_io import CsvReport, RowError

    wanted: dict[str, set[str]] = {}
    for row in plan.rows:
        for name, value in row.refs.items():
            wanted.setdefault(name, set()).update(value if isinstance(value, list) else [value])
    found = {
        name: {
            obj.slug: obj
            for obj in Event._meta.get_field(name).related_model.objects.filter(slug__in=slugs)
        }
        for name, slugs in wanted.items()
    }
    report = CsvReport(errors=list(plan.errors), dry_run=dry_run)
    with transaction.atomic():
        for row in plan.rows:
            try:
                with transaction.atomic():
                    outcome, slug = _apply_csv_row(row, found)
            except ValidationError as error:
                report.errors += [RowError(row.row, message) for message in error.messages]
                continue
            except IntegrityError as error:
                report.errors.append(RowError(row.row, str(error)))
                continue
            if outcome == "created":
                report.created.append(slug)
            elif outcome == "updated":
                report.updated.append(slug)
            else:
                report.unchanged += 1
        report.errors.sort(key=lambda error: error.row)
        report.written = not dry_run and (skip_errors or not report.errors)
        if not report.written:
            transaction.set_rollback(True)
    return report


# iCalendar import: interop.ics_import reads a file into a plan; this applies it.


@dataclass
class ImportReport:
    """What an import did, or in a dry run would do: UIDs by outcome, and the errors."""

    dry_run: bool
    written: bool = False
    new: list[str] = dataclass_field(default_factory=list)
    changed: list[str] = dataclass_field(default_factory=list)
    unchanged: list[str] = dataclass_field(default_factory=list)
    would_remove: list[str] = dataclass_field(default_factory=list)
    errors: list[str] = dataclass_field(default_factory=list)
    ignored_categories: int = 0


def _event_fields(plan: EventPlan) -> dict[str, Any]:
    return {
        "start_date": plan.start_date,
        "start_time": plan.start_time,
        "end_date": plan.end_date,
        "end_time": plan.end_time,
        "timezone": plan.timezone,
        "all_day": plan.all_day,
        "status": Event.Status.CANCELLED if plan.cancelled else Event.Status.PUBLISHED,
        "rrule": plan.rrule,
        "rdates": list(plan.rdates),
        "exdates": list(plan.exdates),
        "external_url": plan.external_url,
    }


def _apply_overrides(event: Event, plan: EventPlan, language: str) -> bool:
    """Bring the event's changed occurrences in line with the file; True if any changed.

    Changes the file does not mention are kept ("loses nothing already there"); titles
    in other languages are kept too.
    """
    changed = False
    existing = {c.original_start: c for c in event.changes.all()}
    for override in plan.overrides:
        change = existing.get(override.original_start)
        titles = dict(change.titles) if change is not None else {}
        titles.pop(language, None)
        if override.title:
            titles[language] = override.title
        moved = override.new_start is not None
        if change is not None:
            same = (
                change.cancelled == override.cancelled
                and change.titles == titles
                and (change.new_start if change.is_moved else None) == override.new_start
                and (change.new_end if change.is_moved else None) == override.new_end
            )
            if same:
                continue
        elif not (override.cancelled or moved or titles):
            continue  # the file repeats the occurrence as the rule makes it
        change_occurrence(
            event,
            override.original_start,
            cancelled=override.cancelled,
            new_start=override.new_start,
            new_end=override.new_end,
            titles=titles,
        )
        changed = True
    return changed


def _import_event(calendar: Calendar, plan: EventPlan, language: str) -> str:
    """Create or update one event from ``plan``; returns "new", "changed" or "unchanged"."""
    if Event.objects.filter(uid=plan.uid).exclude(calendar=calendar).exists():
        raise ValidationError(
            _("An event with this UID belongs to another calendar; it was not moved.")
        )
    fields = _event_fields(plan)
    event = Event.objects.filter(uid=plan.uid, calendar=calendar).first()
    if event is None:
        event = create_event(
            calendar=calendar,
            translations={language: {"title": plan.title, "description": plan.description}},
            timezone_name=fields.pop("timezone"),
            uid=plan.uid,
            **fields,
        )
        _apply_overrides(event, plan, language)
        return "new"
    outcome = "unchanged"
    if any(getattr(event, name) != value for name, value in fields.items()):
        for name, value in fields.items():
            setattr(event, name, value)
        save_event(event)
        outcome = "changed"
    translation = event.translations.filter(language=language).first()
    description = sanitize_html(plan.description)
    if translation is None or (translation.title, translation.description) != (
        plan.title,
        description,
    ):
        translation = translation or EventTranslation(master=event, language=language)
        translation.title, translation.description = plan.title, description
        save_event_translation(translation)
        outcome = "changed"
    if _apply_overrides(event, plan, language):
        outcome = "changed"
    return outcome


def import_calendar(
    calendar: Calendar,
    plan: ImportPlan,
    *,
    dry_run: bool = False,
    skip_errors: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Apply an iCalendar import plan (``interop.ics_import.parse``) to ``calendar``.

    Events are matched by UID within the calendar: new UIDs are created (published, or
    cancelled), known ones updated through ``save_event`` (SEQUENCE rises as for any
    edit), identical ones left alone, so importing a file twice changes nothing. A UID
    that belongs to another calendar is an error for that event. Events of the calendar
    whose UID is not in the file are only reported (``would_remove``), never deleted.

    Side effects: all in ONE transaction. The dry run runs the very same writes and
    rolls them back, so it reports exactly what the real run would do. If any event is
    in error (in the file or on saving), nothing is written unless ``skip_errors``.
    ``progress(done, total)`` is called after each event.
    """
    report = ImportReport(dry_run=dry_run, ignored_categories=plan.ignored_categories)
    report.errors = [str(issue) for issue in plan.errors]
    total = len(plan.events)
    with transaction.atomic():
        for done, event_plan in enumerate(plan.events, start=1):
            try:
                with transaction.atomic():  # a savepoint: a failed event leaves no trace
                    outcome = _import_event(calendar, event_plan, plan.language)
            except ValidationError as error:
                report.errors.append(event_plan.issue(" ".join(_messages(error))))
            else:
                getattr(report, outcome).append(event_plan.uid)
            if progress is not None:
                progress(done, total)
        report.would_remove = sorted(
            Event.objects.filter(calendar=calendar)
            .exclude(uid__in=plan.uids)
            .values_list("uid", flat=True)
        )
        keep = not dry_run and (skip_errors or not report.errors)
        if not keep:
            transaction.set_rollback(True)
    report.written = keep
    return report


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{name}: {m}" if name != "__all__" else m
                for name, messages in error.message_dict.items() for m in messages]  # fmt: skip
    return list(error.messages)
