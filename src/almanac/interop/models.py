"""iCalendar URL sources: feeds that ``interop.sources.sync`` re-imports on a schedule.

A source only remembers *where* to fetch and *how the last attempt went*; the events
themselves are ordinary events of the calendar, matched by UID like any file import, so
a source can be deleted without touching them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from almanac.events.models import language_choices, validate_language

MIN_INTERVAL = 15  # minutes: more often only loads the publisher's server
MAX_INTERVAL = 7 * 24 * 60  # a week: a feed checked less often is effectively dead


def default_language() -> str:
    """The site's first language, read at save time so migrations do not freeze it."""
    return settings.LANGUAGE_CODE


def empty_counts() -> dict[str, int]:
    return {"new": 0, "changed": 0, "unchanged": 0, "errors": 0}


class ImportSource(models.Model):
    """An iCalendar feed (http/https) imported into one calendar every ``interval_minutes``."""

    class Status(models.TextChoices):
        NEVER = "never", _("never synced")
        OK = "ok", _("ok")
        ERROR = "error", _("error")

    calendar = models.ForeignKey(
        "events.Calendar",
        on_delete=models.CASCADE,
        related_name="import_sources",
        verbose_name=_("calendar"),
    )
    url = models.URLField(
        _("URL"),
        max_length=1000,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Address of the iCalendar (.ics) feed; http or https."),
    )
    language = models.CharField(
        _("language"),
        max_length=15,
        choices=language_choices,
        default=default_language,
        validators=[validate_language],
        help_text=_("Site language the titles and descriptions of the feed go into."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active sources are synced on schedule.")
    )
    interval_minutes = models.PositiveIntegerField(
        _("interval (minutes)"),
        default=60,
        validators=[MinValueValidator(MIN_INTERVAL), MaxValueValidator(MAX_INTERVAL)],
        help_text=_("How often the feed is fetched again, from 15 minutes to a week."),
    )
    last_synced_at = models.DateTimeField(_("last synced at"), null=True, blank=True)
    last_status = models.CharField(
        _("last status"), max_length=10, choices=Status, default=Status.NEVER
    )
    last_message = models.TextField(_("last message"), blank=True)
    last_counts = models.JSONField(_("last counts"), default=empty_counts, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("iCalendar source")
        verbose_name_plural = _("iCalendar sources")
        ordering = ["calendar", "url"]
        constraints = [
            models.UniqueConstraint(fields=["calendar", "url"], name="interop_source_unique_url")
        ]

    def __str__(self) -> str:
        return self.url
