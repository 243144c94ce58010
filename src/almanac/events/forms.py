"""Forms for the staff editor (the Django admin).

They only shape input: pickers for zones and languages, the "one translation at least"
rule, a repeat builder that writes RRULE text so nobody has to type it, and the checks
of ``services.derive_times``/``derive_series`` surfaced as field errors. Saving stays in
``services``; the admin calls it.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from datetime import date, datetime, time
from functools import cache
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from almanac.events import services
from almanac.events.models import Calendar, Category, Event, EventTranslation, OccurrenceChange
from almanac.events.occurrences import is_occurrence
from almanac.events.recurrence import (
    MAX_INTERVAL,
    WEEKDAYS,
    Rule,
    RuleError,
    format_rrule,
    parse_rrule,
    rule_from_choices,
)
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


class AudienceZonesField(forms.MultipleChoiceField):
    """Zones shown beside every time, picked from the same grouped list as the event zone.

    Stored as a JSON list; the model's ``validate_zones`` still caps it at ten.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", capfirst(_("audience time zones")))
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.SelectMultiple(attrs={"size": 8}))
        super().__init__(choices=zone_choice_groups, **kwargs)


def _set_up_audience_zones(form: forms.ModelForm) -> None:
    """Keep stored audience zones the picker lacks (e.g. ``Etc/GMT+5``), as for the main zone."""
    stored = form.instance.audience_zones if isinstance(form.instance.audience_zones, list) else []
    unlisted = [(z, z) for z in stored if isinstance(z, str) and z not in known_zones()]
    if unlisted:
        form.fields["audience_zones"].choices = [*unlisted, *zone_choice_groups()]


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
    audience_zones = AudienceZonesField(
        help_text=_("Zones whose times are shown beside every event of this calendar."),
    )

    class Meta:
        model = Calendar
        fields = ["slug", "timezone", "first_weekday", "languages", "colour", "audience_zones"]
        widgets = {"colour": ColourInput}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_up_zone_field(self)
        _set_up_audience_zones(self)


class CategoryAdminForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["slug", "parent", "colour"]
        widgets = {"colour": ColourInput}


# The repeat builder.

WEEKDAY_CHOICES = [
    ("MO", _("Monday")),
    ("TU", _("Tuesday")),
    ("WE", _("Wednesday")),
    ("TH", _("Thursday")),
    ("FR", _("Friday")),
    ("SA", _("Saturday")),
    ("SU", _("Sunday")),
]
REPEAT_CHOICES = [
    ("none", _("Does not repeat")),
    ("daily", _("Daily")),
    ("weekly", _("Weekly")),
    ("monthly", _("Monthly")),
    ("yearly", _("Yearly")),
    ("custom", _("Custom rule (see the advanced rule below)")),
]
MONTHLY_CHOICES = [
    ("day", _("on the same day of the month as the start")),
    ("weekday", _("on a weekday of the month, e.g. the last Friday")),
]
ORDINAL_CHOICES = [
    ("", _("as on the start date")),
    ("1", _("first")),
    ("2", _("second")),
    ("3", _("third")),
    ("4", _("fourth")),
    ("-1", _("last")),
]
END_CHOICES = [
    ("never", _("never")),
    ("until", _("on a date")),
    ("count", _("after a number of times")),
]
# The builder's fields, in the order the change form shows them.
REPEAT_FIELDS = (
    "repeat", "repeat_interval", "repeat_weekdays", "repeat_monthly", "repeat_ordinal",
    "repeat_weekday", "repeat_end", "repeat_until", "repeat_count",
)  # fmt: skip
# Everything derive_series reads besides the start; an error in one makes its checks moot.
SERIES_FIELDS = ("rrule", "rdates", "exdates", *REPEAT_FIELDS)
# Where a RuleError goes when the builder wrote the rule, by RuleError.code; anything else
# goes on "repeat". A typed rule's errors go on "rrule", except "start" (see _rule_field).
BUILDER_ERROR_FIELDS = {
    "until": "repeat_until",
    "count": "repeat_count",
    "interval": "repeat_interval",
    "monthly": "repeat_monthly",
    "end": "repeat_end",
    "start": "start_date",
}
MAX_LOCAL_LINES = 1000
_LOCAL_LINE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?")


def builder_choices(rule: Rule, start: date) -> dict[str, Any] | None:
    """The builder's initial values for a stored ``rule``, or None if it cannot show it.

    Rules written by the builder always come back; so do equivalent imported ones that
    leave a part implicit (``FREQ=WEEKLY`` means the start's weekday). Anything the
    builder has no control for (BYSETPOS, a week starting on Sunday, several positions,
    other months) is "custom": the editor then sees and edits the raw text instead of a
    builder that would silently rewrite the rule.
    """
    if rule.bysetpos or rule.wkst != "MO":
        return None
    values: dict[str, Any] = {"repeat": rule.freq.lower(), "repeat_interval": rule.interval}
    if rule.freq == "DAILY":
        if rule.byday or rule.bymonthday or rule.bymonth:
            return None
    elif rule.freq == "WEEKLY":
        if rule.bymonth:
            return None
        values["repeat_weekdays"] = list(rule.byday) or [WEEKDAYS[start.weekday()]]
    elif rule.freq == "MONTHLY":
        if rule.bymonth:
            return None
        if not rule.byday and rule.bymonthday in ((), (start.day,)):
            values["repeat_monthly"] = "day"
        elif not rule.bymonthday and len(rule.byday) == 1 and len(rule.byday[0]) > 2:
            ordinal, weekday = rule.byday[0][:-2], rule.byday[0][-2:]
            if ordinal not in ("1", "2", "3", "4", "-1"):
                return None
            values.update(repeat_monthly="weekday", repeat_ordinal=ordinal, repeat_weekday=weekday)
        else:
            return None
    else:  # YEARLY: the builder repeats the start's month and day
        month, day = (start.month,), (start.day,)
        if rule.byday or (rule.bymonth, rule.bymonthday) not in (
            ((), ()),
            (month, ()),
            (month, day),
        ):
            return None
    if rule.count is not None:
        values.update(repeat_end="count", repeat_count=rule.count)
    elif rule.until is not None:
        values.update(repeat_end="until", repeat_until=rule.until)
    return values


def parse_local_lines(text: str, *, all_day: bool) -> list[tuple[int, datetime]]:
    """One local date-time per line (``2026-06-02T09:00``), as ``(line number, datetime)``.

    All-day events take bare dates, because their occurrences start at midnight and a
    time would never match one. Every bad line is reported at once, by number, so that
    a pasted list can be fixed in one go.
    """
    errors: list[ValidationError] = []
    found: list[tuple[int, datetime]] = []
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    if len(lines) > MAX_LOCAL_LINES:
        raise ValidationError(
            _("List at most %(max)s dates."), code="too_many", params={"max": MAX_LOCAL_LINES}
        )
    for number, line in lines:
        match = _LOCAL_LINE.fullmatch(line)
        try:
            if match is None:
                raise ValueError(line)
            day = date.fromisoformat(match[1])
            clock = time.fromisoformat(match[2]) if match[2] else None
        except ValueError:
            errors.append(
                ValidationError(
                    _("Line %(line)s: “%(value)s” is not a date and time like 2026-06-02T09:00."),
                    code="invalid",
                    params={"line": number, "value": line},
                )
            )
            continue
        if all_day and clock not in (None, time.min):
            errors.append(
                ValidationError(
                    _("Line %(line)s: an all-day event takes a date only, like 2026-06-02."),
                    code="time_on_all_day",
                    params={"line": number},
                )
            )
        elif not all_day and clock is None:
            errors.append(
                ValidationError(
                    _("Line %(line)s: give the time too, like 2026-06-02T09:00."),
                    code="no_time",
                    params={"line": number},
                )
            )
        found.append((number, datetime.combine(day, clock or time.min)))
    if errors:
        raise ValidationError(errors)
    return found


class LocalDateTimesInput(forms.Textarea):
    """A stored list of local ISO date-times, shown one per line."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, list):
            return "\n".join(str(v) for v in value)
        return super().format_value(value)


def _local_dates_field(label: str, help_text: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        widget=LocalDateTimesInput(attrs={"rows": 3, "cols": 24}),
        help_text=help_text,
    )


class EventAdminForm(forms.ModelForm):
    """The event's language-independent fields; titles and texts are in the inline.

    Repeats are picked in a builder (how often, which days, how it ends) that writes the
    RRULE through ``recurrence.rule_from_choices``; a raw rule field stays for rules the
    builder cannot express, and wins when the editor changes it.
    """

    timezone = ZoneField(
        help_text=_("The zone the start and end times are in, wherever the viewer is."),
    )
    audience_zones = AudienceZonesField(
        help_text=_(
            "Shown beside the event's time everywhere, e.g. Asia/Shanghai for a China webinar. "
            "Hold Ctrl (⌘ on a Mac) to pick several."
        ),
    )
    repeat = forms.ChoiceField(
        label=_("How often"), choices=REPEAT_CHOICES, initial="none", required=False
    )
    repeat_interval = forms.IntegerField(
        label=_("Every"),
        min_value=1,
        max_value=MAX_INTERVAL,
        initial=1,
        required=False,
        widget=forms.NumberInput(attrs={"size": 4}),
        help_text=_("days, weeks, months or years: 2 with “Weekly” is every other week."),
    )
    repeat_weekdays = forms.MultipleChoiceField(
        label=_("On"),
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Weekly only. None ticked: the weekday of the start date."),
    )
    repeat_monthly = forms.ChoiceField(
        label=_("Monthly"),
        choices=MONTHLY_CHOICES,
        initial="day",
        required=False,
        widget=forms.RadioSelect,
    )
    repeat_ordinal = forms.ChoiceField(label=_("Which"), choices=ORDINAL_CHOICES, required=False)
    repeat_weekday = forms.ChoiceField(
        label=_("Weekday"),
        choices=[("", _("as on the start date")), *WEEKDAY_CHOICES],
        required=False,
    )
    repeat_end = forms.ChoiceField(
        label=_("Ends"),
        choices=END_CHOICES,
        initial="never",
        required=False,
        widget=forms.RadioSelect,
    )
    repeat_until = forms.DateField(
        label=_("Last date"),
        required=False,
        widget=AdminDateWidget,
        help_text=_("The last day an occurrence may start on (inclusive)."),
    )
    repeat_count = forms.IntegerField(
        label=_("Number of times"),
        required=False,
        widget=forms.NumberInput(attrs={"size": 5}),
        help_text=_("Counting the first date."),
    )
    rrule = forms.CharField(
        label=_("Advanced: repeat rule (RRULE)"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"size": 60}),
        help_text=_(
            "For rules the choices above cannot express, e.g. "
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1 (the last weekday of the month). "
            "If you change this text, it replaces the choices above."
        ),
    )
    rdates = _local_dates_field(
        _("Extra dates"),
        _("Occurrences outside the rule, one local date and time per line: 2026-06-02T09:00."),
    )
    exdates = _local_dates_field(
        _("Skipped dates"),
        _("Occurrences that do not happen, one local date and time per line: 2026-06-02T09:00."),
    )

    class Meta:
        model = Event
        field_classes = dict.fromkeys(
            ["online_url", "external_url", "video_url", "highlights_url"], HttpsURLField
        )
        fields = [
            "calendar", "status", "slug",
            "start_date", "start_time", "end_date", "end_time", "timezone", "all_day",
            "audience_zones", "rrule", "rdates", "exdates",
            "venue", "online_url", "organizers", "categories", "tags",
            "external_url", "video_url", "highlights_url", "image",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_up_zone_field(self)
        _set_up_audience_zones(self)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "The address of the public page. Leave blank to make one from the title."
            )
        self._set_up_builder()
        # Which input the rule came from ("builder", "typed" or "stored"), for errors.
        self.rule_source = "stored"
        self.exdate_lines: list[tuple[int, datetime]] = []

    def _set_up_builder(self) -> None:
        """Start the builder at the stored rule, or at "custom" when it cannot show it.

        The same initial values on GET and POST are what let ``changed_data`` tell an
        untouched builder (keep the stored rule as it is) from an edited one.
        """
        event = self.instance
        if not event.rrule:
            return
        try:
            choices = builder_choices(parse_rrule(event.rrule), event.start_date)
        except RuleError:
            choices = None
        self.initial.update(choices or {"repeat": "custom"})

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("rdates", "exdates"):
            if name in self.errors or name not in data:
                continue
            try:
                lines = parse_local_lines(data[name] or "", all_day=bool(data.get("all_day")))
            except ValidationError as error:
                self.add_error(name, error)
                continue
            data[name] = [moment.isoformat(timespec="minutes") for _n, moment in lines]
            if name == "exdates":
                self.exdate_lines = lines
        rule_text = self._chosen_rule(data)
        if rule_text is not None:
            data["rrule"] = rule_text
        return data

    def _chosen_rule(self, data: dict[str, Any]) -> str | None:
        """The RRULE text to store, from the typed rule or the builder; None on an error.

        A changed raw rule wins; an untouched builder keeps the stored rule as it was
        (re-building it could rewrite an equivalent imported rule and bump SEQUENCE for
        nothing). Moving the start re-builds, since "the same day of the month" follows it.
        """
        if "rrule" in self.errors:
            return None
        typed = data.get("rrule") or ""
        repeat = data.get("repeat") or "none"
        if "rrule" in self.changed_data or repeat == "custom":
            self.rule_source = "typed"
            if repeat == "custom" and not typed:
                self.add_error(
                    "rrule",
                    ValidationError(
                        _("Type the rule here, or pick how the event repeats above."),
                        code="required",
                    ),
                )
                return None
            return typed
        touched = {*REPEAT_FIELDS, "start_date"} & set(self.changed_data)
        if self.instance.pk is not None and not touched:
            return self.instance.rrule
        if any(name in self.errors for name in REPEAT_FIELDS):
            return None
        self.rule_source = "builder"
        if repeat == "none":
            return ""
        start_date = data.get("start_date")
        if start_date is None:
            return None  # the start date's own error says what to fix
        start = datetime.combine(start_date, data.get("start_time") or time.min)
        try:
            rule = rule_from_choices(
                freq=repeat,
                interval=data.get("repeat_interval") or 1,
                weekdays=data.get("repeat_weekdays") or (),
                monthly=data.get("repeat_monthly") or "day",
                ordinal=int(data["repeat_ordinal"]) if data.get("repeat_ordinal") else None,
                weekday=data.get("repeat_weekday") or None,
                start=start,
                end=data.get("repeat_end") or "never",
                until=data.get("repeat_until"),
                count=data.get("repeat_count"),
            )
        except RuleError as error:
            self.add_error(self._rule_field(error.code), error.message)
            return None
        return format_rrule(rule)

    def _rule_field(self, code: str) -> str:
        """The field a RuleError with ``code`` belongs on, given where the rule came from."""
        if code == "start":
            return "start_date"  # the start does not fit the rule: either may be wrong
        if self.rule_source != "builder":
            return "rrule"
        if code == "byday":
            monthly = self.cleaned_data.get("repeat") == "monthly"
            return "repeat_ordinal" if monthly else "repeat_weekdays"
        return BUILDER_ERROR_FIELDS.get(code, "repeat")

    def _post_clean(self) -> None:
        """After the model's own checks, run the ones ``save_event`` will run, as form errors.

        Otherwise an end before the start, or a rule that never happens, would pass the
        form and fail in ``save_model``, i.e. a 500 after the editor pressed Save.
        ``derive_times`` and ``derive_series`` are the very functions ``save_event`` runs.
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
            return
        if any(name in self.errors for name in SERIES_FIELDS):
            return
        try:
            services.derive_series(self.instance)
        except ValidationError as error:
            self._update_errors(self._placed_series_error(error))
            return
        self._check_exdates()

    def _placed_series_error(self, error: ValidationError) -> ValidationError:
        """``derive_series``'s error, with a rule error moved to the field it is about.

        The service raises every rule error on ``rrule``, with ``RuleError.code`` as the
        error's code.
        """
        errors = dict(error.error_dict)
        for message in errors.pop("rrule", []):
            field = self._rule_field(message.code or "invalid")
            errors[field] = [*errors.get(field, []), message]
        return ValidationError(errors)

    def _check_exdates(self) -> None:
        """A skipped date that is not one of the event's dates skips nothing: likely a typo."""
        if not self.exdate_lines:
            return
        probe = copy.copy(self.instance)
        probe.exdates = []
        stray = [
            ValidationError(
                _(
                    "Line %(line)s: %(value)s is not one of the event's dates, so there is "
                    "nothing to skip."
                ),
                code="not_an_occurrence",
                params={"line": number, "value": moment.isoformat(sep=" ", timespec="minutes")},
            )
            for number, moment in self.exdate_lines
            if not is_occurrence(probe, moment)
        ]
        if stray:
            self._update_errors(ValidationError({"exdates": stray}))


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


# Changed occurrences of a repeating event.


def title_field_name(language: str) -> str:
    """``zh-hans`` → ``title_zh_hans``: a form field name that is also a valid identifier."""
    return "title_" + language.replace("-", "_")


class OccurrenceChangeForm(forms.ModelForm):
    """One cancelled, moved or retitled occurrence; the admin saves it through services.

    ``clean`` runs the checks of ``services.change_occurrence`` so that a mistake is a
    form error rather than a failed save: the original start must be an occurrence of
    the parent event *as edited in the same form*, which the inline formset provides as
    ``self.instance.event``. The ``titles`` JSON is edited as one field per language; see
    :func:`occurrence_change_form`.
    """

    class Meta:
        model = OccurrenceChange
        fields = [
            "original_date", "original_time", "cancelled",
            "start_date", "start_time", "end_date", "end_time",
        ]  # fmt: skip
        help_texts = {
            "start_date": _("Leave blank to keep the original date."),
            "end_date": _("Leave the new end blank to keep the event's length."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        titles = self.instance.titles if isinstance(self.instance.titles, dict) else {}
        for code, _name in language_options():
            if title_field_name(code) in self.fields:
                self.initial.setdefault(title_field_name(code), titles.get(code, ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.has_changed() or data.get("DELETE") or self.errors:
            return data  # untouched rows stay as they are; deleted ones need no checks
        event: Event = self.instance.event
        original = self._local(data.get("original_date"), data.get("original_time"), event)
        if original is None:
            return data
        try:
            found = is_occurrence(event, original)
        except (RuleError, TypeError, ValueError):
            return data  # the event's own rule or start is wrong; its form says so
        if not found:
            # The message of services.change_occurrence, which checks the same on save.
            self.add_error("original_date", _("The event has no occurrence at that date and time."))
            return data
        data["original_start"] = original
        data["new_start"], data["new_end"] = self._new_span(data, event, original)
        data["titles"] = {
            code: data.get(title_field_name(code), "") for code, _name in language_options()
        }
        return data

    def _local(self, day: date | None, clock: time | None, event: Event) -> datetime | None:
        """The original start; a timed event's occurrences need their time to be told apart."""
        if day is None:
            return None
        if event.all_day:
            return datetime.combine(day, time.min)
        if clock is None:
            self.add_error("original_time", _("Give the time the occurrence was to start at."))
            return None
        return datetime.combine(day, clock)

    def _new_span(
        self, data: dict[str, Any], event: Event, original: datetime
    ) -> tuple[datetime | None, datetime | None]:
        """The moved occurrence's local start and end, or ``(None, None)`` if not moved.

        Blank parts default to what editors mean most often: a new time on the same day,
        and the series' usual length.
        """
        start_date, end_date = data.get("start_date"), data.get("end_date")
        start_time = None if event.all_day else data.get("start_time")
        end_time = None if event.all_day else data.get("end_time")
        if not any((start_date, start_time, end_date, end_time)):
            return None, None
        if not event.all_day and start_time is None:
            self.add_error("start_time", _("Give the new start time."))
            return None, None
        start = datetime.combine(start_date or original.date(), start_time or time.min)
        if end_date is None and end_time is None:
            return start, start + (event.end_local - event.start_local)
        if not event.all_day and end_time is None:
            self.add_error("end_time", _("Give the new end time, or leave the end blank."))
            return None, None
        end = datetime.combine(end_date or start.date(), end_time or time.min)
        if end < start:
            self.add_error("end_date", _("The event ends before it starts."))
            return None, None
        return start, end


def occurrence_change_form() -> type[OccurrenceChangeForm]:
    """The inline form with a title field per site language, built when the admin asks.

    Declared fields must exist on the class for the admin to lay them out, and the
    languages are read now rather than at import so that test overrides apply.
    """
    fields = {
        title_field_name(code): forms.CharField(
            label=format_lazy("{} ({})", capfirst(_("title")), name),
            required=False,
            max_length=300,
        )
        for code, name in language_options()
    }
    return type(OccurrenceChangeForm)(
        "OccurrenceChangeTitlesForm", (OccurrenceChangeForm,), {"__module__": __name__, **fields}
    )
