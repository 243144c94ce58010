"""Forms for the staff editor (the Django admin).

They only shape input: pickers for zones and languages, the "one translation at least"
rule, and the time checks of ``services.derive_times`` surfaced as field errors. Saving
stays in ``services``; the admin calls it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from almanac.events import services
from almanac.events.models import Calendar, Category, Event, EventTranslation
from almanac.events.timezones import zone_choices

# The fields derive_times reads; when one of them already failed, its checks would only
# repeat the error or trip over a missing value.
TIME_FIELDS = ("start_date", "start_time", "end_date", "end_time", "timezone", "all_day")


class HttpsURLField(forms.URLField):
    """A link typed without a scheme is https (what Django 6 will assume)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


ZoneChoices = list[tuple[str, str] | tuple[str, list[tuple[str, str]]]]


@cache
def zone_choice_groups() -> ZoneChoices:
    """Zones grouped by region for ``<optgroup>``s; the label is the part after the region.

    "UTC" comes first and on its own: it is the usual pick for online-only events.
    """
    groups: dict[str, list[tuple[str, str]]] = {}
    for name, label in zone_choices():
        if "/" not in name:
            continue
        region, _rest = label.split("/", 1)
        groups.setdefault(region, []).append((name, label.split("/", 1)[1].replace("/", " / ")))
    return [("UTC", "UTC"), *groups.items()]


@cache
def known_zones() -> frozenset[str]:
    return frozenset(name for name, _label in zone_choices())


def language_options() -> list[tuple[str, str]]:
    """The site's languages, read when a form is built so that test overrides apply."""
    return list(settings.LANGUAGES)


def _blank_then_languages() -> list[tuple[str, str]]:
    # A blank first option keeps an untouched extra inline form "unchanged", so it is skipped.
    return [("", "---------"), *language_options()]


class ZoneField(forms.ChoiceField):
    """An IANA zone picked from a grouped list instead of typed."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", capfirst(_("time zone")))
        super().__init__(choices=zone_choice_groups, **kwargs)


def _set_up_zone_field(form: forms.ModelForm) -> None:
    """Start a new row at the model's default zone, and keep a stored zone the list lacks.

    A declared field does not inherit the model default, hence the first step. The second
    is for rows imported with e.g. ``Etc/GMT+5``: without it, editing any other field of
    such a row would fail on "Select a valid choice".
    """
    field = form.fields["timezone"]
    stored = form.instance.timezone
    if form.instance.pk is None:
        field.initial = stored
    if stored and stored not in known_zones():
        field.choices = [(stored, stored), *zone_choice_groups()]


class ColourInput(forms.TextInput):
    """The browser's colour picker; it submits ``#rrggbb``, which the model's validator wants."""

    input_type = "color"


class CalendarAdminForm(forms.ModelForm):
    timezone = ZoneField(help_text=_("Events of this calendar start in this zone by default."))
    languages = forms.MultipleChoiceField(
        label=capfirst(_("languages")),
        choices=language_options,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages this calendar publishes in."),
    )

    class Meta:
        model = Calendar
        fields = ["slug", "timezone", "first_weekday", "languages", "colour"]
        widgets = {"colour": ColourInput}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_up_zone_field(self)


class CategoryAdminForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["slug", "parent", "colour"]
        widgets = {"colour": ColourInput}


class EventAdminForm(forms.ModelForm):
    """The event's language-independent fields; titles and texts are in the inline."""

    timezone = ZoneField(
        help_text=_("The zone the start and end times are in, wherever the viewer is."),
    )

    class Meta:
        model = Event
        field_classes = dict.fromkeys(
            ["online_url", "external_url", "video_url", "highlights_url"], HttpsURLField
        )
        fields = [
            "calendar", "status", "slug",
            "start_date", "start_time", "end_date", "end_time", "timezone", "all_day",
            "venue", "online_url", "organizers", "categories", "tags",
            "external_url", "video_url", "highlights_url", "image",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_up_zone_field(self)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "The address of the public page. Leave blank to make one from the title."
            )

    def _post_clean(self) -> None:
        """After the model's own checks, run the ones ``save_event`` will run, as form errors.

        Otherwise an end before the start would pass the form and fail in ``save_model``,
        i.e. a 500 after the editor pressed Save.
        """
        super()._post_clean()
        if any(name in self.errors for name in TIME_FIELDS):
            return
        try:
            services.derive_times(self.instance)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                # Only the zone check raises without a field name.
                error = ValidationError({"timezone": error.error_list})
            self._update_errors(error)


class TranslationForm(forms.ModelForm):
    """Any translation row: the language is picked from the site's languages."""

    language = forms.ChoiceField(label=capfirst(_("language")), choices=_blank_then_languages)

    def clean(self) -> dict[str, Any]:
        """Sanitise event rich text before the model checks its length.

        Cleaning can lengthen HTML (it adds ``rel`` to links), so checking the raw text
        would let a description just under the limit fail later, in the save.
        """
        data = super().clean()
        if self._meta.model is EventTranslation:
            for name in services.RICH_TEXT_FIELDS:
                if data.get(name):
                    data[name] = services.sanitize_html(data[name])
        return data


class TranslationFormSet(BaseInlineFormSet):
    """Requires at least one translation and one row per language, with plain messages."""

    def clean(self) -> None:
        kept = [
            form
            for form in self.forms
            if form.is_valid() and form.cleaned_data and not self._should_delete_form(form)
        ]
        if not any(self.errors):
            if not kept:
                raise ValidationError(
                    _("Add at least one translation: a name or title in one language."),
                    code="no_translation",
                )
            seen: set[str] = set()
            for form in kept:
                language = form.cleaned_data["language"]
                if language in seen:
                    raise ValidationError(
                        _("There are two translations in %(language)s; keep one."),
                        code="duplicate_language",
                        params={"language": dict(language_options()).get(language, language)},
                    )
                seen.add(language)
        super().clean()


def missing_languages(existing: Sequence[str]) -> list[str]:
    """Site languages without a translation yet, in the site's order."""
    return [code for code, _name in language_options() if code not in existing]
