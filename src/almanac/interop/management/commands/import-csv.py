"""`almanac import-csv FILE [--skip-errors] [--dry-run]`: create or update events from CSV.

A file with a bad row imports nothing unless ``--skip-errors`` is given; ``--dry-run``
validates every row through the same services and reports, then writes nothing. The
exit status is non-zero when rows were rejected, so scripts notice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from almanac.events.services import import_events_csv
from almanac.interop.csv_io import MAX_BYTES, CsvFileError, parse_csv


class Command(BaseCommand):
    help = "Import events and their translations from CSV (see docs/csv.md for the columns)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", type=Path)
        parser.add_argument(
            "--skip-errors",
            action="store_true",
            help="Import the good rows and report the bad ones, instead of importing nothing.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate and report; write nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            # Checked before reading, so a huge file is not loaded into memory to be refused.
            if path.stat().st_size > MAX_BYTES:
                raise CsvFileError(
                    f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB;"
                    " split it into several files."
                )
            plan = parse_csv(path.read_bytes())
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        except CsvFileError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        report = import_events_csv(
            plan, skip_errors=options["skip_errors"], dry_run=options["dry_run"]
        )
        for error in report.errors:
            self.stderr.write(str(error))
        if report.dry_run:
            self.stdout.write(f"Dry run, nothing written. {report.summary()}")
        elif report.written:
            self.stdout.write(report.summary())
        bad_rows = len({error.row for error in report.errors})
        if bad_rows and report.written:
            raise CommandError(f"{bad_rows} bad rows were skipped; the others were imported.")
        if bad_rows:
            hint = "" if options["skip_errors"] else " Use --skip-errors to import the good rows."
            raise CommandError(f"Nothing imported: {bad_rows} rows have errors.{hint}")
