"""Admin for iCalendar URL sources: staff add feeds here and can sync one at once.

The status fields are read-only: only :func:`almanac.interop.sources.sync` writes them,
so they always describe a real attempt.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet, URLField
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from almanac.interop import sources
from almanac.interop.models import ImportSource


@admin.register(ImportSource)
class ImportSourceAdmin(admin.ModelAdmin):
    list_display = ("url", "calendar", "active", "last_synced_at", "last_status")
    list_filter = ("active", "last_status", "calendar")
    search_fields = ("url",)
    readonly_fields = (
        "last_synced_at",
        "last_status",
        "last_message",
        "last_counts",
        "created",
        "updated",
    )
    actions = ("sync_now",)
    formfield_overrides = {URLField: {"assume_scheme": "https"}}  # a bare host means https

    @admin.action(description=_("Sync now"), permissions=["change"])
    def sync_now(self, request: HttpRequest, queryset: QuerySet[ImportSource]) -> None:
        """Sync each selected source; one message per source, as the outcomes differ."""
        for source in queryset.select_related("calendar"):
            sources.sync(source)
            counts = source.last_counts
            if source.last_status == ImportSource.Status.OK:
                self.message_user(
                    request,
                    _(
                        "%(url)s: %(new)s new, %(changed)s changed, "
                        "%(unchanged)s unchanged, %(errors)s errors."
                    )
                    % {"url": source.url, **counts},
                    messages.WARNING if counts["errors"] else messages.SUCCESS,
                )
            else:
                self.message_user(request, source.last_message, messages.ERROR)
