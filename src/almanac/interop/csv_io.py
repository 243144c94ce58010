"""CSV export and import of events with their translations: the column spec, the writer
and the parser. ``docs/csv.md`` documents every column.

Why a spreadsheet format at all: organisers keep programmes in Excel or LibreOffice and
translators work in columns, so one row per event with one column per field and language
is what they can edit. Why it is built this way:

* The export is UTF-8 with a byte-order mark, because Excel on Windows otherwise reads
  UTF-8 as a legacy code page and mangles the Chinese titles. Quoting is RFC 4180 via
  the ``csv`` module (CRLF line ends; fields with commas, quotes or line breaks quoted).
* The parser is pure: it turns bytes into a :class:`CsvPlan` (typed values per row,
  plus the errors it could find without the database) and never writes. Everything
  that needs the database (does this calendar exist? is this a valid repeat rule for
  this start?) is left to ``events.services.import_events_csv``, which validates through
  the same service functions as every other write.
* Rows and errors are numbered like a spreadsheet's rows (the header is row 1), because
  that is the number a user sees beside the bad line when they open the file.
* A column missing from the header leaves that field as it is on update (and at its
  default on create), so a file with ``uid`` and ``summary_en`` updates summaries only.
  An empty cell, by contrast, means "empty".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any, TextIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_unicode_slug
from django.utils.translation import gettext as _

from almanac.events.models import Event, EventQuerySet, EventTranslation

MAX_BYTES = 10 * 1024 * 1024  # 10 MB: tens of thousands of rich events; more is a mistake
MAX_ROWS = 10_000  # one transaction; beyond this an import should be split
SEPARATOR = "|"  # within a cell: slugs and zones never contain it
BOM = "\ufeff"

# Columns that do not depend on language, in export order.
EVENT_COLUMNS: tuple[str, ...] = (
    "uid", "slug", "calendar", "status", "start_date", "start_time", "end_date", "end_time",
    "timezone", "all_day", "rrule", "venue", "categories", "tags", "organizers",
    "online_url", "external_url", "video_url", "highlights_url", "audience_zones",
)  # fmt: skip
# Per-language columns are ``<field>_<language>``; ``translation_status`` maps to
# ``EventTranslation.status`` (``status`` alone is the event's).
TRANSLATION_FIELDS: tuple[str, ...] = ("title", "summary", "description", "image_alt", "highlights")
TRANSLATION_STATUS = "translation_status"
REQUIRED_COLUMNS: tuple[str, ...] = ("calendar", "start_date", "end_date")
URL_COLUMNS: tuple[str, ...] = ("online_url", "external_url", "video_url", "highlights_url")
M2M_COLUMNS: tuple[str, ...] = ("categories", "tags", "organizers")


class CsvFileError(ValidationError):
    """The file as a whole cannot be read: too big, not UTF-8, bad header, too many rows."""


def languages() -> list[str]:
    """The site's language codes, in settings order (the order of the columns)."""
    return [code for code, _name in settings.LANGUAGES]


def translation_columns(language: str) -> list[str]:
    return [f"{name}_{language}" for name in (*TRANSLATION_FIELDS, TRANSLATION_STATUS)]


def header() -> list[str]:
    """Every column this site knows, in export order."""
    columns = list(EVENT_COLUMNS)
    for language in languages():
        columns += translation_columns(language)
    return columns


# Export


def export_queryset(calendar_slug: str | None = None) -> EventQuerySet:
    """All events (drafts too: this is a staff backup tool), with what a row reads prefetched."""
    events = Event.objects.select_related("calendar", "venue").prefetch_related(
        "translations", "categories", "tags", "organizers"
    )
    if calendar_slug:
        events = events.filter(calendar__slug=calendar_slug)
    return events.order_by("start_utc", "pk")


def _format_time(value: time | None) -> str:
    if value is None:
        return ""
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


def event_row(event: Event) -> list[str]:
    """One event as cells in :func:`header` order; reads only prefetched relations."""
    cells: dict[str, str] = {
        "uid": event.uid,
        "slug": event.slug,
        "calendar": event.calendar.slug,
        "status": event.status,
        "start_date": event.start_date.isoformat(),
        "start_time": _format_time(event.start_time),
        "end_date": event.end_date.isoformat(),
        "end_time": _format_time(event.end_time),
        "timezone": event.timezone,
        "all_day": "true" if event.all_day else "false",
        "rrule": event.rrule,
        "venue": event.venue.slug if event.venue else "",
        "audience_zones": SEPARATOR.join(event.audience_zones or []),
    }
    for name in M2M_COLUMNS:
        cells[name] = SEPARATOR.join(sorted(o.slug for o in getattr(event, name).all()))
    for name in URL_COLUMNS:
        cells[name] = getattr(event, name)
    by_language = {t.language: t for t in event.translations.all()}
    for language in languages():
        found = by_language.get(language)
        for name in TRANSLATION_FIELDS:
            cells[f"{name}_{language}"] = getattr(found, name) if found else ""
        cells[f"{TRANSLATION_STATUS}_{language}"] = found.status if found else ""
    return [cells[column] for column in header()]


def write_csv(events: Iterable[Event], out: TextIO) -> None:
    """Write the BOM, the header and one row per event to ``out`` (opened with newline="")."""
    out.write(BOM)
    writer = csv.writer(out)
    writer.writerow(header())
    for event in events:
        writer.writerow(event_row(event))


def export_csv(events: Iterable[Event]) -> str:
    """The whole export as text (BOM included); encode as UTF-8 to save or serve it."""
    out = io.StringIO(newline="")
    write_csv(events, out)
    return out.getvalue()


# Import


@dataclass(frozen=True)
class RowError:
    """What is wrong with one row; ``row`` counts the header as row 1, like a spreadsheet."""

    row: int
    message: str

    def __str__(self) -> str:
        return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class RowPlan:
    """One data row, parsed. Only columns present in the header appear in its dicts.

    ``fields`` holds Event attributes by name, typed (dates, times, bools, lists);
    ``refs`` holds slugs still to resolve (``calendar``/``venue`` a string, the
    M2M columns lists); ``translations`` maps a language to its non-empty cells,
    with ``translation_status`` stored as ``status``.
    """

    row: int
    uid: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    refs: dict[str, Any] = field(default_factory=dict)
    translations: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass
class CsvPlan:
    """A parsed file: rows that parsed, and the errors of rows that did not."""

    columns: list[str]
    rows: list[RowPlan]
    errors: list[RowError]


@dataclass
class CsvReport:
    """What an import did (or, in a dry run or after errors, would have done)."""

    created: list[str] = field(default_factory=list)  # slugs
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        # Translators: counts of events after a CSV import.
        return _("Created: %(created)d, updated: %(updated)d, unchanged: %(unchanged)d.") % {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": self.unchanged,
        }


def decode(data: bytes) -> str:
    """The file's text, with or without a BOM; a clear error for what is not UTF-8 text."""
    if len(data) > MAX_BYTES:
        raise CsvFileError(
            _("The file is larger than %(mb)d MB; split it into several files.")
            % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvFileError(
            _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")
        ) from None
    if "\x00" in text:
        raise CsvFileError(_("The file looks binary (a spreadsheet?), not CSV text."))
    return text


def _check_header(columns: Sequence[str]) -> None:
    known = set(header())
    unknown = [c for c in columns if c not in known]
    if unknown:
        raise CsvFileError(
            _("Unknown columns: %(columns)s. See docs/csv.md for the columns.")
            % {"columns": ", ".join(unknown)}
        )
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if repeated:
        raise CsvFileError(
            _("Columns appear twice: %(columns)s.") % {"columns": ", ".join(repeated)}
        )
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise CsvFileError(
            _("Required columns are missing: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    if not any(f"title_{language}" in columns for language in languages()):
        raise CsvFileError(_("Give a title column for at least one language, e.g. title_en."))


def parse_csv(data: bytes) -> CsvPlan:
    """Parse a whole file. Raises :class:`CsvFileError` for what concerns the whole file."""
    text = decode(data)
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise CsvFileError(_("The file is not valid CSV: %(error)s") % {"error": error}) from None
    if not records or not any(cell.strip() for cell in records[0]):
        raise CsvFileError(_("The file is empty; the first row must name the columns."))
    columns = [cell.strip() for cell in records[0]]
    _check_header(columns)
    if len(records) - 1 > MAX_ROWS:
        raise CsvFileError(
            _("The file has %(count)d rows; import at most %(max)d at a time.")
            % {"count": len(records) - 1, "max": MAX_ROWS}
        )
    plan = CsvPlan(columns=columns, rows=[], errors=[])
    first_seen: dict[tuple[str, str], int] = {}
    for index, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # blank lines that spreadsheets leave at the end
        if len(record) > len(columns):
            plan.errors.append(
                RowError(
                    index,
                    _("%(cells)d cells but the header has %(columns)d columns.")
                    % {"cells": len(record), "columns": len(columns)},
                )
            )
            continue
        cells = dict(zip(columns, [*record, *[""] * (len(columns) - len(record))], strict=True))
        row, messages = parse_row(index, cells)
        for key in ("uid", "slug"):
            value = row.uid if key == "uid" else row.fields.get("slug", "")
            if not value:
                continue
            if (key, value) in first_seen:
                messages.append(
                    _("%(column)s %(value)s is already on row %(row)d.")
                    % {"column": key, "value": value, "row": first_seen[key, value]}
                )
            else:
                first_seen[key, value] = index
        if messages:
            plan.errors += [RowError(index, message) for message in messages]
        else:
            plan.rows.append(row)
    return plan


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(SEPARATOR) if part.strip()]


def parse_row(index: int, cells: dict[str, str]) -> tuple[RowPlan, list[str]]:
    """One row's cells (by column) as typed values, and what is wrong with them.

    Checks only what needs no database; the rest is for the services.
    """
    row = RowPlan(row=index)
    errors: list[str] = []
    get = {name: value.strip() for name, value in cells.items()}

    row.uid = get.get("uid", "")
    if len(row.uid) > 255:
        errors.append(_("uid is longer than 255 characters."))
    if "slug" in get:
        if get["slug"]:
            try:
                validate_unicode_slug(get["slug"])
            except ValidationError:
                errors.append(
                    _("slug '%(slug)s' may hold only letters, digits, - and _.")
                    % {"slug": get["slug"]}
                )
        row.fields["slug"] = get["slug"]
    if "status" in get:
        status = get["status"] or Event.Status.DRAFT
        if status not in Event.Status.values:
            errors.append(
                _("status '%(value)s' is not one of %(choices)s.")
                % {"value": status, "choices": ", ".join(Event.Status.values)}
            )
        row.fields["status"] = status

    for name in ("start_date", "end_date"):
        if name not in get:
            continue
        try:
            row.fields[name] = date.fromisoformat(get[name])
            if len(get[name]) != 10:
                raise ValueError
        except ValueError:
            errors.append(
                _("%(column)s '%(value)s' is not a date like 2026-06-02.")
                % {"column": name, "value": get[name]}
            )
    start, end = row.fields.get("start_date"), row.fields.get("end_date")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        errors.append(
            _("end_date %(end)s is before start_date %(start)s")
            % {"end": end.isoformat(), "start": start.isoformat()}
        )
    for name in ("start_time", "end_time"):
        if name not in get:
            continue
        row.fields[name] = None
        if get[name]:
            try:
                if len(get[name]) not in (5, 8):
                    raise ValueError
                row.fields[name] = time.fromisoformat(get[name])
            except ValueError:
                errors.append(
                    _("%(column)s '%(value)s' is not a time like 09:30.")
                    % {"column": name, "value": get[name]}
                )
    all_day = get.get("all_day", "").lower()
    if all_day in ("true", "false"):
        row.fields["all_day"] = all_day == "true"
    elif all_day:
        errors.append(_("all_day '%(value)s' is not true or false.") % {"value": get["all_day"]})
    elif "start_time" in get:
        # Blank: all-day exactly when there is no start time, as in the spreadsheet's view.
        row.fields["all_day"] = not get["start_time"]
    if "timezone" in get:
        row.fields["timezone"] = get["timezone"]  # blank: the calendar's zone (services)
    if "rrule" in get:
        row.fields["rrule"] = get["rrule"]
    if "audience_zones" in get:
        row.fields["audience_zones"] = _split(get["audience_zones"])
    for name in URL_COLUMNS:
        if name in get:
            row.fields[name] = get[name]

    if "calendar" in get:
        if not get["calendar"]:
            errors.append(_("calendar is empty; give the slug of a calendar."))
        row.refs["calendar"] = get["calendar"]
    if "venue" in get:
        row.refs["venue"] = get["venue"]
    for name in M2M_COLUMNS:
        if name in get:
            row.refs[name] = _split(get[name])

    for language in languages():
        values: dict[str, str] = {}
        for name in TRANSLATION_FIELDS:
            column = f"{name}_{language}"
            if get.get(column):
                values[name] = get[column]
        status_column = f"{TRANSLATION_STATUS}_{language}"
        if get.get(status_column):
            if get[status_column] not in EventTranslation.Status.values:
                errors.append(
                    _("%(column)s '%(value)s' is not one of %(choices)s.")
                    % {
                        "column": status_column,
                        "value": get[status_column],
                        "choices": ", ".join(EventTranslation.Status.values),
                    }
                )
            values["status"] = get[status_column]
        if values:
            row.translations[language] = values
    return row, errors
