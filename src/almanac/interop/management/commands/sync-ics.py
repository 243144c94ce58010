"""``almanac sync-ics [--all] [--source ID] [--dry-run]``: re-import iCalendar URL sources.

Meant for cron; see the help text. The work is ``interop.sources.sync``, the same as the
admin's "Sync now" action.
"""

from __future__ import annotations

from argparse import ArgumentParser, RawDescriptionHelpFormatter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from almanac.interop import sources
from almanac.interop.models import ImportSource


class Command(BaseCommand):
    help = (
        "Fetch the iCalendar URL sources that are due (active, and last synced at least "
        "their interval ago) and import them into their calendars.\n\n"
        "Run it from cron more often than the shortest interval, e.g. every 30 minutes:\n"
        "    */30 * * * * /srv/almanac/venv/bin/almanac sync-ics\n"
        "Exits with status 1 if any source failed, so cron mails the output."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # Keep the line breaks of the help text (the crontab line must stay on one line).
        return super().create_parser(
            prog_name, subcommand, formatter_class=RawDescriptionHelpFormatter, **kwargs
        )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--all", action="store_true", help="Sync every active source, due or not."
        )
        parser.add_argument(
            "--source",
            type=int,
            action="append",
            metavar="ID",
            help="Sync this source (active or not, due or not); may be repeated.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["source"]:
            chosen = list(
                ImportSource.objects.filter(pk__in=options["source"]).select_related("calendar")
            )
            missing = set(options["source"]) - {source.pk for source in chosen}
            if missing:
                raise CommandError(f"No source with the id {', '.join(map(str, sorted(missing)))}.")
        elif options["all"]:
            chosen = list(ImportSource.objects.filter(active=True).select_related("calendar"))
        else:
            chosen = sources.due()
        failed = 0
        for source in sorted(chosen, key=lambda s: s.pk):
            sources.sync(source, dry_run=options["dry_run"])
            counts = source.last_counts
            if source.last_status == ImportSource.Status.ERROR:
                failed += 1
                self.stdout.write(f"#{source.pk} {source.url}: error: {source.last_message}")
            else:
                self.stdout.write(
                    f"#{source.pk} {source.url}: ok: {counts['new']} new, "
                    f"{counts['changed']} changed, {counts['unchanged']} unchanged, "
                    f"{counts['errors']} errors"
                )
        prefix = "Dry run: nothing was written. " if options["dry_run"] else ""
        summary = f"{prefix}{len(chosen)} source(s) synced, {failed} failed."
        if failed:
            raise CommandError(summary)
        self.stdout.write(summary)
