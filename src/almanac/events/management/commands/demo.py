"""`almanac demo`: load the demo calendars and events; running it again changes nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from almanac.events.demo import DemoError, load_demo
from almanac.events.models import Event


class Command(BaseCommand):
    help = (
        "Load the demo: three calendars, the seed webinar of 2 June 2022 and a programme of"
        " events around it and around today. Safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        # A fresh install without tables would otherwise fail with a raw database error.
        if Event._meta.db_table not in connection.introspection.table_names():
            raise CommandError(
                "The database has no Almanac tables yet; run `almanac migrate` first."
            )
        try:
            counts = load_demo()
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        skipped = counts["events_skipped"]
        self.stdout.write(
            f"Demo loaded: {counts['calendars']} calendars, {counts['categories']} categories,"
            f" {counts['tags']} tags, {counts['venues']} venues, {counts['organizers']} organizers;"
            f" events: {counts['events_created']} created, {counts['events_updated']} updated,"
            f" {counts['events_unchanged']} unchanged"
            + (f", {skipped} skipped (not in this site's languages)" if skipped else "")
            + f"; {counts['images_created']} images generated."
        )
