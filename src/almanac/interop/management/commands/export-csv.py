"""`almanac export-csv [--calendar SLUG] [-o FILE]`: every event, with its translations, as CSV.

The output is the same file the staff page serves (UTF-8 with a BOM, for Excel), so a
backup taken here can be edited and read back with `almanac import-csv`.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from almanac.events.models import Calendar
from almanac.interop.csv_io import export_queryset, write_csv


class Command(BaseCommand):
    help = "Export events and their translations as CSV (see docs/csv.md for the columns)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--calendar", metavar="SLUG", help="Only this calendar's events.")
        parser.add_argument(
            "-o", "--output", metavar="FILE", help="Write to FILE instead of standard output."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["calendar"]
        if slug and not Calendar.objects.filter(slug=slug).exists():
            raise CommandError(f"There is no calendar with the slug {slug!r}.")
        events = export_queryset(slug)
        if options["output"]:
            # newline="": the csv module writes the CRLF line ends RFC 4180 asks for.
            with open(options["output"], "w", encoding="utf-8", newline="") as out:
                write_csv(events, out)
            self.stderr.write(f"Exported {events.count()} events to {options['output']}.")
        else:
            write_csv(events, _Unended(self.stdout))


class _Unended:
    """Django's OutputWrapper adds a newline to every write; the csv module ends its own lines."""

    def __init__(self, wrapped: Any) -> None:
        self.wrapped = wrapped

    def write(self, text: str) -> int:
        self.wrapped.write(text, ending="")
        return len(text)
