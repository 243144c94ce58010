"""Staff pages beside the admin: ``/admin/export-csv/`` (download) and ``/admin/import-csv/``.

They are plain function views rather than admin views because they act on all events at
once, not on one model's change list. Permission: a staff user with the "change event"
permission (a superuser has it); anyone else signed in gets 403, and a visitor who is
not signed in is sent to the admin login, as the admin itself does.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from almanac.events.models import Calendar
from almanac.events.services import import_events_csv
from almanac.interop.csv_io import (
    MAX_BYTES,
    CsvFileError,
    CsvReport,
    export_csv,
    export_queryset,
    parse_csv,
)

EDIT_PERMISSION = "events.change_event"

View = Callable[..., HttpResponse]


def event_editor_required(view: View) -> View:
    """Login redirect for visitors, 403 for users who may not change events."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not (request.user.is_staff and request.user.has_perm(EDIT_PERMISSION)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@require_safe
@event_editor_required
def export_csv_view(request: HttpRequest) -> HttpResponse:
    """All events (or one calendar's, ``?calendar=slug``) as a CSV download."""
    slug = request.GET.get("calendar", "").strip()
    if slug and not Calendar.objects.filter(slug=slug).exists():
        raise Http404(_("There is no calendar with that slug."))
    response = HttpResponse(
        export_csv(export_queryset(slug or None)).encode("utf-8"),
        content_type="text/csv; charset=utf-8",
    )
    filename = f"events-{slug}.csv" if slug else "events.csv"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file"))
    skip_errors = forms.BooleanField(
        label=gettext_lazy("Skip bad rows"),
        required=False,
        help_text=gettext_lazy(
            "Import the good rows and list the bad ones. Otherwise a file with any bad row"
            " imports nothing."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        # Checked on the size the upload reports, before reading it into memory.
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB; split it into several files.")
                % {"mb": MAX_BYTES // (1024 * 1024)}
            )
        return upload


@require_http_methods(["GET", "HEAD", "POST"])
@event_editor_required
def import_csv_view(request: HttpRequest) -> HttpResponse:
    """Upload form; on POST, the import's report (rows created, updated, errors by row)."""
    report: CsvReport | None = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = parse_csv(form.cleaned_data["file"].read())
        except CsvFileError as error:
            form.add_error("file", error.messages)
        else:
            report = import_events_csv(plan, skip_errors=form.cleaned_data["skip_errors"])
    context = {
        **admin.site.each_context(request),
        "title": _("Import events from CSV"),
        "form": form,
        "report": report,
        "max_mb": MAX_BYTES // (1024 * 1024),
    }
    return render(request, "interop/import_csv.html", context, status=200)
