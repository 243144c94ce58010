"""``almanac import-ics FILE|URL --calendar SLUG [--dry-run]``: import an iCalendar file.

An http(s) URL is fetched once through ``interop.sources.fetch`` (the same address
checks as scheduled sources); to import a feed regularly, add an iCalendar source in the
admin and run ``sync-ics`` from cron.

The module name has a hyphen so that the command is spelled as the docs spell it;
Django finds commands by file name and loads them with ``import_module``, which accepts
it. Parsing is ``interop.ics_import.parse``; the writes are
``events.services.import_calendar``, the same as the admin upload page.
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from typing import Any, TextIO

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from almanac.events import services
from almanac.events.models import Calendar
from almanac.interop import sources
from almanac.interop.ics_import import IcsFileError, parse, read_limited
from almanac.interop.sources import SourceError

BAR_WIDTH = 30
BAR_EVERY = 50  # events between redraws: cheap enough for files of 100,000 events


class ProgressBar:
    """A one-line text bar on a stream, redrawn every ``every`` events; no dependency."""

    def __init__(self, stream: TextIO, every: int = BAR_EVERY) -> None:
        self.stream = stream
        self.every = every

    def __call__(self, done: int, total: int) -> None:
        if done % self.every and done != total:
            return
        filled = BAR_WIDTH * done // max(total, 1)
        self.stream.write(f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = "Import events from an iCalendar (.ics) file into a calendar, matched by UID."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "file", help='Path of the .ics file, an http(s) URL, or "-" for standard input.'
        )
        parser.add_argument("--calendar", required=True, help="Slug of the target calendar.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )
        parser.add_argument(
            "--skip-errors",
            action="store_true",
            help="Write the events without errors even if others have some.",
        )
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            help="Site language the titles and descriptions go into.",
        )
        parser.add_argument(
            "--progress", action="store_true", help="Show a progress bar even if not a TTY."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: str = options["file"]
        calendar = Calendar.objects.filter(slug=options["calendar"]).first()
        if calendar is None:
            raise CommandError(f"No calendar with the slug {options['calendar']!r}.")
        try:
            if source.startswith(("http://", "https://", "webcal://")):  # webcal: refused
                data = sources.fetch(source)
            elif source == "-":
                data = read_limited(sys.stdin.buffer)
            else:
                with open(source, "rb") as stream:
                    data = read_limited(stream)
            plan = parse(data, default_zone=calendar.timezone, language=options["language"])
        except OSError as error:
            raise CommandError(f"Cannot read {source}: {error.strerror}") from None
        except SourceError as error:
            raise CommandError(f"{error} Nothing was written.") from None
        except IcsFileError as error:
            raise CommandError(f"{source}: {error} Nothing was written.") from None
        show_bar = options["progress"] or getattr(self.stderr._out, "isatty", lambda: False)()
        report = services.import_calendar(
            calendar,
            plan,
            dry_run=options["dry_run"],
            skip_errors=options["skip_errors"],
            progress=ProgressBar(self.stderr._out) if show_bar else None,
        )
        self.print_report(report)
        if report.errors and not report.written and not report.dry_run:
            raise CommandError(
                f"Nothing was written: {len(report.errors)} error(s). "
                "Fix them, or use --skip-errors to import the other events."
            )

    def print_report(self, report: services.ImportReport) -> None:
        if report.dry_run:
            self.stdout.write("Dry run: nothing was written.")
        self.stdout.write(f"new: {len(report.new)}")
        self.stdout.write(f"changed: {len(report.changed)}")
        self.stdout.write(f"unchanged: {len(report.unchanged)}")
        self.stdout.write(f"not in the file (would be removed; kept): {len(report.would_remove)}")
        self.stdout.write(f"errors: {len(report.errors)}")
        if report.ignored_categories:
            self.stdout.write(f"categories ignored: {report.ignored_categories}")
        for error in report.errors:
            self.stderr.write(error)
        if report.written:
            self.stdout.write(self.style.SUCCESS("Done: the changes were written."))
