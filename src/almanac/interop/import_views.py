"""The staff upload page for iCalendar import: ``/admin/import-ics/``.

A plain function view: it parses with ``interop.ics_import.parse`` and writes with
``events.services.import_calendar``, exactly like the ``import-ics`` command. Staff only
(others go to the admin login); importing needs the permissions to add and change events
(staff without them get 403). The dry-run box is ticked by default: look first.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_protect

from almanac.events import services
from almanac.events.models import Calendar
from almanac.interop.ics_import import (
    MAX_BYTES,
    IcsFileError,
    parse,
    read_limited,
    too_large_message,
)

REQUIRED_PERMISSIONS = ("events.add_event", "events.change_event")


class ImportIcsForm(forms.Form):
    calendar = forms.ModelChoiceField(Calendar.objects.all(), label=_("Calendar"))
    file = forms.FileField(label=_("iCalendar file (.ics)"))
    language = forms.ChoiceField(
        label=_("Language of the titles"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: show what would change, write nothing"), required=False, initial=True
    )
    skip_errors = forms.BooleanField(
        label=_("Import the other events when some have errors"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:  # refused before it is read
            raise forms.ValidationError(too_large_message())
        return upload


@staff_member_required
@csrf_protect
def import_ics(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perms(REQUIRED_PERMISSIONS):
        raise PermissionDenied
    report = None
    file_error = ""
    if request.method == "POST":
        form = ImportIcsForm(request.POST, request.FILES)
        if form.is_valid():
            calendar = form.cleaned_data["calendar"]
            try:
                data = read_limited(form.cleaned_data["file"])
                plan = parse(
                    data, default_zone=calendar.timezone, language=form.cleaned_data["language"]
                )
            except IcsFileError as error:
                file_error = str(error)
            else:
                report = services.import_calendar(
                    calendar,
                    plan,
                    dry_run=form.cleaned_data["dry_run"],
                    skip_errors=form.cleaned_data["skip_errors"],
                )
    else:
        form = ImportIcsForm()
    return render(
        request,
        "interop/import_ics.html",
        {"form": form, "report": report, "file_error": file_error, "title": _("Import iCalendar")},
        status=400 if file_error else 200,
    )
