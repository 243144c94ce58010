"""The staff editor: the Django admin, with every event write going through ``services``.

Taxonomies (calendars, categories, tags, venues, organizers) are plain rows whose model
``clean`` is all the validation they need, so they save the usual admin way. Events and
their translations do not: ``services.save_event`` derives the UTC instants and bumps
SEQUENCE, ``services.save_event_translation`` sanitises rich text, and
``services.change_occurrence`` cancels or moves one occurrence of a repeating event.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.widgets import AdminDateWidget, AdminTimeWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ForeignKey, ManyToManyField, Model, QuerySet, TextField, URLField
from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms import BaseInlineFormSet, Field, ModelForm, Textarea
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator, capfirst
from django.utils.translation import get_language, ngettext, override
from django.utils.translation import gettext_lazy as _

from almanac.events import services
from almanac.events.forms import (
    CalendarAdminForm,
    CategoryAdminForm,
    EventAdminForm,
    OccurrenceChangeForm,
    TranslationForm,
    TranslationFormSet,
    builder_choices,
    language_options,
    missing_languages,
    occurrence_change_form,
)
from almanac.events.models import (
    Calendar,
    CalendarTranslation,
    Category,
    CategoryTranslation,
    Event,
    EventTranslation,
    OccurrenceChange,
    Organizer,
    OrganizerTranslation,
    Tag,
    TagTranslation,
    Translatable,
    Venue,
    VenueTranslation,
)
from almanac.events.occurrences import is_recurring, parse_local, rule_of, starts_between
from almanac.events.recurrence import RuleError, last_start, parse_rrule, summary
from almanac.events.timezones import get_zone, is_nonexistent, local_to_utc


def _existing_languages(obj: Model | None) -> list[str]:
    # An object being added has no pk yet, and asking an unsaved row for a relation raises.
    if obj is None or obj.pk is None:
        return []
    return list(obj.translations.values_list("language", flat=True))


def _with_translations(model: type[Model]) -> QuerySet:
    """Rows of a translatable model with their translations, so ``str()`` costs no query."""
    return model._default_manager.prefetch_related("translations")


def colour_swatch(colour: str) -> SafeString:
    """A small square of ``colour`` and its code.

    An SVG ``fill`` attribute rather than ``style=""``, so a strict CSP (no inline
    styles) still shows it.
    """
    return format_html(
        '<svg width="14" height="14" aria-hidden="true" focusable="false">'
        '<rect width="14" height="14" fill="{}" stroke="#767676"/></svg> <code>{}</code>',
        colour,
        colour,
    )


def _long_date(day: date) -> str:
    """``day`` in the active language, as the repeat summaries write dates (Babel, "long")."""
    try:
        locale = Locale.parse(get_language() or settings.LANGUAGE_CODE, sep="-")
    except (UnknownLocaleError, ValueError):
        locale = Locale("en")
    return format_date(day, "long", locale=locale)


# Translators: "02:30 does not exist on March 29, 2026 in Europe/Brussels (clocks go
# forward); the event starts at 03:30."
GAP_STARTS = _(
    "%(time)s does not exist on %(date)s in %(zone)s (clocks go forward); "
    "the event starts at %(resolved)s."
)
GAP_ENDS = _(
    "%(time)s does not exist on %(date)s in %(zone)s (clocks go forward); "
    "the event ends at %(resolved)s."
)
GAP_OCCURRENCE_STARTS = _(
    "%(time)s does not exist on %(date)s in %(zone)s (clocks go forward); "
    "the moved occurrence starts at %(resolved)s."
)
GAP_OCCURRENCE_ENDS = _(
    "%(time)s does not exist on %(date)s in %(zone)s (clocks go forward); "
    "the moved occurrence ends at %(resolved)s."
)


def gap_warnings(zone: str, times: Iterable[tuple[datetime | None, str]]) -> list[str]:
    """Warnings for wall-clock times that fall in a daylight-saving gap of ``zone``.

    Such a time is saved (``timezones`` resolves it one hour later, PEP 495 ``fold=0``),
    but the editor is told where it landed: an event that silently starts at 03:30 when
    02:30 was typed is worse than a warning. ``times`` pairs a local time (None: none,
    e.g. all day) with the message to use.
    """
    warnings = []
    for moment, template in times:
        if moment is None or not is_nonexistent(moment.date(), moment.time(), zone):
            continue
        resolved = local_to_utc(moment.date(), moment.time(), zone).astimezone(get_zone(zone))
        resolved_text = f"{resolved:%H:%M}"
        if resolved.date() != moment.date():  # a whole day skipped, as in Samoa in 2011
            resolved_text = _("%(time)s on %(date)s") % {
                "time": resolved_text,
                "date": _long_date(resolved.date()),
            }
        warnings.append(
            template
            % {
                "time": f"{moment:%H:%M}",
                "date": _long_date(moment.date()),
                "zone": zone,
                "resolved": resolved_text,
            }
        )
    return warnings


def _timed(day: date | None, clock: time | None) -> datetime | None:
    return None if day is None or clock is None else datetime.combine(day, clock)


def repeat_summary(event: Event) -> str:
    """How the event repeats, in the active language; "" when it does not.

    The rule's own sentence from ``recurrence.summary``, then the extra and skipped dates
    counted. A rule that no longer parses (only possible for rows written around the
    services) is shown as its text rather than breaking the page.
    """
    parts: list[str] = []
    if event.rrule and event.start_date is not None:
        try:
            parts.append(summary(parse_rrule(event.rrule), event.start_local))
        except (RuleError, ValueError):
            parts.append(event.rrule)
    extra = len(event.rdates) if isinstance(event.rdates, list) else 0
    if extra:
        parts.append(
            ngettext("%(count)d extra date", "%(count)d extra dates", extra) % {"count": extra}
        )
    skipped = len(event.exdates) if isinstance(event.exdates, list) else 0
    if skipped:
        parts.append(
            ngettext("%(count)d skipped date", "%(count)d skipped dates", skipped)
            % {"count": skipped}
        )
    return "; ".join(parts)


# "This and following": splitting a repeating event in two (see services.split_series).

# How many of the coming dates the split page offers to pick from.
SPLIT_CHOICES = 24


def occurrence_label(event: Event, start: datetime) -> str:
    """One date of ``event`` in the active language: "09:00 on June 27, 2023", or the date."""
    if event.all_day:
        return _long_date(start.date())
    return _("%(time)s on %(date)s") % {"time": f"{start:%H:%M}", "date": _long_date(start.date())}


def split_choices(event: Event, today: date, limit: int = SPLIT_CHOICES) -> list[datetime]:
    """The series' first ``limit`` local starts from ``today`` on, where it can be split.

    Today's dates are included; the series' own first date is not, since splitting there
    would leave nothing before it. Skipped dates are left out and extra ones included, as
    ``starts_between`` does. The search window doubles until it holds ``limit`` dates or
    reaches the series' last date, so a rule without end costs what ``limit`` needs.
    """
    rule = rule_of(event)
    if rule is None:
        return []
    lower = max(datetime.combine(today, time.min), event.start_local + timedelta(microseconds=1))
    last = last_start(rule, event.start_local, parse_local(event.rdates))
    span = timedelta(days=400)
    found: list[datetime] = []
    for _step in range(8):
        found = starts_between(event, lower, lower + span)
        if len(found) >= limit or (last is not None and last < lower + span):
            break
        span *= 2
    return found[:limit]


class SplitSeriesForm(forms.Form):
    """Where to split a series: one of its coming dates, or any other date typed in.

    ``cleaned_data["start"]`` is the chosen local wall-clock start; whether the series
    has a date there is for ``services.split_series`` to say. ``source`` names the field
    the date came from, so that the service's error can be shown next to it.
    """

    occurrence = forms.ChoiceField(label=_("Next dates"), required=False)
    other_date = forms.DateField(
        label=_("Another date"),
        required=False,
        widget=AdminDateWidget,
        help_text=_("For a date that is not in the list, such as one in the past."),
    )
    other_time = forms.TimeField(
        label=capfirst(_("start time")), required=False, widget=AdminTimeWidget
    )

    def __init__(self, *args: Any, event: Event, starts: list[datetime], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        self.source: str | None = None
        if starts:
            field = self.fields["occurrence"]
            field.choices = [
                *BLANK_CHOICE_DASH,
                *((start.isoformat(), occurrence_label(event, start)) for start in starts),
            ]
            if not event.all_day:
                field.help_text = _("Times in %(zone)s, the event's time zone.") % {
                    "zone": event.timezone
                }
        else:
            del self.fields["occurrence"]  # nothing coming: only a typed date is left
        if event.all_day:
            del self.fields["other_time"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        chosen = data.get("occurrence")
        day, clock = data.get("other_date"), data.get("other_time")
        if chosen and (day or clock):
            raise ValidationError(
                _("Pick a date from the list or type one, not both."), code="ambiguous"
            )
        if chosen:
            self.source = "occurrence"
            data["start"] = datetime.fromisoformat(chosen)
        elif day is not None:
            if self.event.all_day:
                clock = time.min
            elif clock is None:
                # The message of OccurrenceChangeForm, which asks the same of an occurrence.
                self.add_error("other_time", _("Give the time the occurrence was to start at."))
                return data
            self.source = "other_date"
            data["start"] = datetime.combine(day, clock)
        else:
            raise ValidationError(_("Pick the first date to change."), code="required")
        return data


class TranslatedRelatedFilter(admin.RelatedFieldListFilter):
    """A sidebar filter on a translatable relation, labelled in one query, not one per row."""

    def field_choices(
        self,
        field: ForeignKey | ManyToManyField,
        request: HttpRequest,
        model_admin: admin.ModelAdmin,
    ) -> list[tuple[Any, str]]:
        rows = _with_translations(field.related_model)
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            rows = rows.order_by(*ordering)
        return [(row.pk, str(row)) for row in rows]


class TranslationInlineMixin:
    """One row per site language: at least one, at most one per language."""

    form = TranslationForm
    formset = TranslationFormSet

    def get_extra(self, request: HttpRequest, obj: Model | None = None, **kwargs: Any) -> int:
        # One blank form per language still missing, each pre-set to that language.
        return len(missing_languages(_existing_languages(obj)))

    def get_max_num(self, request: HttpRequest, obj: Model | None = None, **kwargs: Any) -> int:
        return len(language_options())


class TabularTranslationInline(TranslationInlineMixin, admin.TabularInline):
    # The admin's default 10-row textarea pushes a table row wider than the page.
    formfield_overrides = {TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 40})}}


class CalendarTranslationInline(TabularTranslationInline):
    model = CalendarTranslation
    fields = ["language", "status", "name", "description"]


class CategoryTranslationInline(TabularTranslationInline):
    model = CategoryTranslation
    fields = ["language", "status", "name", "description"]


class TagTranslationInline(TabularTranslationInline):
    model = TagTranslation
    fields = ["language", "status", "name"]


class VenueTranslationInline(TabularTranslationInline):
    model = VenueTranslation
    fields = ["language", "status", "name", "address"]


class OrganizerTranslationInline(TabularTranslationInline):
    model = OrganizerTranslation
    fields = ["language", "status", "name", "description"]


class EventTranslationInline(TranslationInlineMixin, admin.StackedInline):
    model = EventTranslation
    fields = [("language", "status"), "title", "summary", "description", "image_alt", "highlights"]


class OccurrenceChangeInline(admin.TabularInline):
    """Cancelled, moved or retitled occurrences; saved by ``EventAdmin.save_formset``.

    Shown only for events stored as repeating: a single event has no occurrences to
    change, and the change form's inlines must be the same on GET and on POST.
    """

    model = OccurrenceChange
    form = OccurrenceChangeForm
    extra = 1

    def get_formset(
        self, request: HttpRequest, obj: Model | None = None, **kwargs: Any
    ) -> type[BaseInlineFormSet]:
        # The class with a title field per site language; see occurrence_change_form.
        kwargs["form"] = occurrence_change_form()
        return super().get_formset(request, obj, **kwargs)


class TranslatableAdmin(admin.ModelAdmin):
    """What every admin of a translatable model shares: search, names, no N+1 on labels."""

    search_fields = ["slug", "translations__name"]
    # Links typed without a scheme are https, as Django 6 will assume.
    formfield_overrides = {URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related("translations")

    def get_formset_kwargs(
        self, request: HttpRequest, obj: Model | None, inline: Any, prefix: str
    ) -> dict[str, Any]:
        """Pre-set each extra translation form to a language the object still lacks.

        The same initial data on GET and POST keeps an untouched form "unchanged", so
        Django skips it instead of asking for its title.
        """
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, TranslationInlineMixin):
            kwargs["initial"] = [
                {"language": code} for code in missing_languages(_existing_languages(obj))
            ]
        return kwargs

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> Field:
        if issubclass(db_field.related_model, Translatable):
            kwargs.setdefault("queryset", _with_translations(db_field.related_model))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(
        self, db_field: ManyToManyField, request: HttpRequest, **kwargs: Any
    ) -> Field:
        if issubclass(db_field.related_model, Translatable):
            kwargs.setdefault("queryset", _with_translations(db_field.related_model))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("name"))
    def name(self, obj: Translatable) -> str:
        return str(obj)


@admin.register(Calendar)
class CalendarAdmin(TranslatableAdmin):
    form = CalendarAdminForm
    inlines = [CalendarTranslationInline]
    list_display = ["name", "slug", "timezone", "language_list", "swatch"]
    fields = ["slug", "timezone", "first_weekday", "languages", "colour", "audience_zones"]

    @admin.display(description=_("languages"))
    def language_list(self, obj: Calendar) -> str:
        return ", ".join(obj.languages)

    @admin.display(description=_("colour"), ordering="colour")
    def swatch(self, obj: Calendar) -> SafeString:
        return colour_swatch(obj.colour)


@admin.register(Category)
class CategoryAdmin(TranslatableAdmin):
    form = CategoryAdminForm
    inlines = [CategoryTranslationInline]
    list_display = ["name", "slug", "parent", "swatch"]
    list_filter = [("parent", TranslatedRelatedFilter)]
    autocomplete_fields = ["parent"]
    fields = ["slug", "parent", "colour"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related("parent__translations")

    @admin.display(description=_("colour"), ordering="colour")
    def swatch(self, obj: Category) -> SafeString:
        return colour_swatch(obj.colour)


@admin.register(Tag)
class TagAdmin(TranslatableAdmin):
    inlines = [TagTranslationInline]
    list_display = ["name", "slug"]


@admin.register(Venue)
class VenueAdmin(TranslatableAdmin):
    inlines = [VenueTranslationInline]
    list_display = ["name", "slug", "latitude", "longitude", "url"]
    fields = ["slug", ("latitude", "longitude"), "url"]


@admin.register(Organizer)
class OrganizerAdmin(TranslatableAdmin):
    inlines = [OrganizerTranslationInline]
    list_display = ["name", "slug", "email", "url"]


@admin.register(Event)
class EventAdmin(TranslatableAdmin):
    form = EventAdminForm
    inlines = [EventTranslationInline]
    list_display = ["title", "calendar", "start", "repeats_column", "status", "preview"]
    list_filter = [
        "status",
        ("calendar", TranslatedRelatedFilter),
        ("categories", TranslatedRelatedFilter),
        "all_day",
    ]
    search_fields = ["slug", "translations__title"]
    date_hierarchy = "start_date"
    ordering = ["-start_utc", "-pk"]
    autocomplete_fields = ["venue", "organizers", "categories", "tags"]
    readonly_fields = [
        "repeats",
        "uid", "sequence", "start_utc", "end_utc", "published_at", "created_at", "updated_at",
    ]  # fmt: skip
    fieldsets = [
        (_("Calendar & status"), {"fields": ["calendar", "status", "slug"]}),
        (
            _("When"),
            {
                "fields": [
                    ("start_date", "start_time"),
                    ("end_date", "end_time"),
                    "timezone",
                    "all_day",
                    "audience_zones",
                ],  # fmt: skip
            },
        ),
        (
            _("Repeats"),
            {
                "fields": [
                    "repeats",
                    "repeat",
                    "repeat_interval",
                    "repeat_weekdays",
                    ("repeat_monthly", "repeat_ordinal", "repeat_weekday"),
                    ("repeat_end", "repeat_until", "repeat_count"),
                ],
            },
        ),
        (
            _("Extra and skipped dates, advanced rule"),
            {"classes": ["collapse"], "fields": ["rdates", "exdates", "rrule"]},
        ),
        (_("Where"), {"fields": ["venue", "online_url"]}),
        (_("People & taxonomy"), {"fields": ["organizers", "categories", "tags"]}),
        (_("Links & media"), {"fields": ["external_url", "video_url", "highlights_url", "image"]}),
        (
            _("Record"),
            {
                "classes": ["collapse"],
                "fields": [
                    "uid",
                    "sequence",
                    ("start_utc", "end_utc"),
                    "published_at",
                    ("created_at", "updated_at"),
                ],  # fmt: skip
            },
        ),
    ]
    actions = ["duplicate_events", "publish_events", "cancel_events"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .select_related("calendar")
            .prefetch_related("calendar__translations")
        )

    def get_inlines(self, request: HttpRequest, obj: Event | None) -> list[type]:
        if obj is not None and is_recurring(obj):
            return [EventTranslationInline, OccurrenceChangeInline]
        return [EventTranslationInline]

    def get_fieldsets(self, request: HttpRequest, obj: Event | None = None) -> list[Any]:
        """Open the advanced part when it holds something the builder does not show."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not (obj.rdates or obj.exdates or _builder_cannot_show(obj)):
            return fieldsets
        return [
            (name, {**options, "classes": []} if "rrule" in options["fields"] else options)
            for name, options in fieldsets
        ]

    def view_on_site(self, obj: Event) -> str:
        """Straight to the public page (staff see drafts there), not via the admin redirect."""
        return obj.get_absolute_url()

    @admin.display(description=_("title"))
    def title(self, obj: Event) -> str:
        found = obj.translation()
        if found is None:
            return self.get_empty_value_display()
        # Say when the title is in another language, so editors see what is untranslated.
        return f"{found.title} [{found.language}]" if found.is_fallback else found.title

    @admin.display(description=_("start"), ordering="start_utc")
    def start(self, obj: Event) -> str:
        """The wall-clock start in the event's own zone: what the organiser typed."""
        if obj.all_day:
            return _("%(date)s, all day") % {"date": obj.start_date.isoformat()}
        return f"{obj.start_local:%Y-%m-%d %H:%M} ({obj.timezone})"

    @admin.display(description=_("Repeats"))
    def repeats(self, obj: Event) -> str:
        """The rule in words on the change form, so the editor can check what was built."""
        return repeat_summary(obj) or _("Does not repeat")

    @admin.display(description=_("Repeats"))
    def repeats_column(self, obj: Event) -> str:
        """A short form of the summary for the list; single events leave it empty."""
        text = repeat_summary(obj)
        return Truncator(text).chars(60) if text else self.get_empty_value_display()

    @admin.display(description=_("Preview"))
    def preview(self, obj: Event) -> SafeString:
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Preview"))

    def save_model(self, request: HttpRequest, obj: Event, form: ModelForm, change: bool) -> None:
        services.save_event(obj)
        if not obj.all_day:
            self._warn(
                request,
                gap_warnings(
                    obj.timezone,
                    [
                        (_timed(obj.start_date, obj.start_time), GAP_STARTS),
                        (_timed(obj.end_date, obj.end_time), GAP_ENDS),
                    ],
                ),
            )

    def _warn(self, request: HttpRequest, warnings: list[str]) -> None:
        for warning in warnings:
            self.message_user(request, warning, messages.WARNING)

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool
    ) -> None:
        if formset.model is OccurrenceChange:
            self._save_occurrence_changes(request, form.instance, formset)
            return
        if formset.model is not EventTranslation:
            super().save_formset(request, form, formset, change)
            return
        translations = formset.save(commit=False)
        # Deletions first: a language removed and re-added in one save must not collide.
        for translation in formset.deleted_objects:
            translation.delete()
        for translation in translations:
            services.save_event_translation(translation)
        formset.save_m2m()

    def _save_occurrence_changes(
        self, request: HttpRequest, event: Event, formset: BaseInlineFormSet
    ) -> None:
        """Write each changed row through ``services.change_occurrence``; delete removed rows.

        The forms already ran the service's checks (see ``OccurrenceChangeForm.clean``), so
        the service does not raise here. A row whose original date or time was edited is
        a different occurrence: the old row goes, the service writes the new one.
        """
        formset.save(commit=False)  # only fills new/changed/deleted_objects for the history
        for change in formset.deleted_objects:
            services.remove_occurrence_change(change)
        deleted = set(map(id, formset.deleted_forms))
        for form in formset.forms:
            if id(form) in deleted or not form.has_changed():
                continue
            data = form.cleaned_data
            if form.instance.pk is not None and {"original_date", "original_time"} & set(
                form.changed_data
            ):
                OccurrenceChange.objects.filter(pk=form.instance.pk).delete()
            services.change_occurrence(
                event,
                data["original_start"],
                cancelled=data.get("cancelled", False),
                new_start=data["new_start"],
                new_end=data["new_end"],
                titles=data["titles"],
            )
            if not event.all_day:
                self._warn(
                    request,
                    gap_warnings(
                        event.timezone,
                        [
                            (data["new_start"], GAP_OCCURRENCE_STARTS),
                            (data["new_end"], GAP_OCCURRENCE_ENDS),
                        ],
                    ),
                )

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: list[BaseInlineFormSet], change: bool
    ) -> None:
        """After the translations exist, name a slug-less event after its title."""
        super().save_related(request, form, formsets, change)
        event = form.instance
        # The change view prefetched the translations before they were saved.
        event.refresh_from_db()
        if form.cleaned_data.get("slug"):
            return
        found = event.translation(settings.LANGUAGE_CODE)
        event.slug = services.unique_slug(Event, found.title if found else "", exclude_pk=event.pk)
        services.save_event(event)

    def _apply(self, request: HttpRequest, queryset: QuerySet, write: Any) -> list[Event]:
        """Run the service ``write`` on each event; failures are reported by name, not raised."""
        written: list[Event] = []
        for event in queryset:
            try:
                written.append(write(event))
            except ValidationError as error:
                self.message_user(
                    request,
                    _("“%(event)s” was left as it was: %(error)s")
                    % {"event": event, "error": " ".join(error.messages)},
                    messages.ERROR,
                )
        return written

    def _report(self, request: HttpRequest, message: str) -> None:
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description=_("Duplicate selected events"), permissions=["add"])
    def duplicate_events(self, request: HttpRequest, queryset: QuerySet) -> None:
        copies = self._apply(request, queryset, services.duplicate_event)
        for copy in copies:
            self.log_addition(request, copy, [{"added": {}}])
        if copies:
            count = len(copies)
            self._report(
                request,
                ngettext(
                    "%(count)d event was duplicated as a draft.",
                    "%(count)d events were duplicated as drafts.",
                    count,
                )
                % {"count": count},
            )

    @admin.action(description=_("Publish selected events"), permissions=["change"])
    def publish_events(self, request: HttpRequest, queryset: QuerySet) -> None:
        published = self._apply(request, queryset, services.publish_event)
        for event in published:
            self.log_change(request, event, [{"changed": {"fields": ["status"]}}])
        if published:
            count = len(published)
            self._report(
                request,
                ngettext(
                    "%(count)d event was published.", "%(count)d events were published.", count
                )
                % {"count": count},
            )

    @admin.action(description=_("Cancel selected events"), permissions=["change"])
    def cancel_events(self, request: HttpRequest, queryset: QuerySet) -> None:
        cancelled = self._apply(request, queryset, services.cancel_event)
        for event in cancelled:
            self.log_change(request, event, [{"changed": {"fields": ["status"]}}])
        if cancelled:
            count = len(cancelled)
            self._report(
                request,
                ngettext(
                    "%(count)d event was marked cancelled.",
                    "%(count)d events were marked cancelled.",
                    count,
                )
                % {"count": count},
            )

    # "This and following": the split page, linked from the change page's object tools.

    def get_urls(self) -> list[URLPattern]:
        # Before the default URLs: their "<path:object_id>/" would match "<id>/split/".
        name = f"{self.opts.app_label}_{self.opts.model_name}_split"
        return [
            path(
                "<path:object_id>/split/",
                self.admin_site.admin_view(self.split_view),
                name=name,
            ),
            *super().get_urls(),
        ]

    def _split_url(self, event: Event) -> str:
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_split",
            args=[quote(event.pk)],
            current_app=self.admin_site.name,
        )

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Event | None = None,
    ) -> HttpResponse:
        """Offer "Change this and following…" on the change page of a stored repeating event.

        The stored rule is read from the form's initial data: after an invalid POST,
        ``obj`` holds what was typed, not what is saved.
        """
        stored_rule = context["adminform"].form.initial.get("rrule")
        if change and obj is not None and stored_rule and self.has_change_permission(request, obj):
            context["split_series_url"] = self._split_url(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def split_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """End a repeating event before a date and continue it as a new event from there.

        GET shows the coming dates to pick from and a date input for any other; a valid
        POST runs ``services.split_series`` and goes to the new event's change page. The
        service's objections (not a date of the series, its first date) are form errors.
        Needs the change permission on the event (403); only events with a repeat rule
        can be split (404), since the service continues the rule.
        """
        event = self.get_object(request, unquote(object_id))
        if event is None:
            raise Http404(f"No event with ID {object_id!r}.")
        if not self.has_change_permission(request, event):
            raise PermissionDenied
        if not event.rrule:
            raise Http404("Only an event with a repeat rule can be split.")
        today = timezone.localtime(timezone.now(), get_zone(event.timezone)).date()
        form = SplitSeriesForm(
            request.POST if request.method == "POST" else None,
            event=event,
            starts=split_choices(event, today),
        )
        if form.is_valid():
            start = form.cleaned_data["start"]
            # The service gets its own copy: if it fails half-way, nothing is written
            # (it runs in a transaction) and the page still shows the event as stored.
            stored = Event.objects.get(pk=event.pk)
            try:
                new = services.split_series(stored, start)
            except ValidationError as error:
                form.add_error(form.source, error.messages)
            else:
                self._log_split(request, event, stored, new)
                self.message_user(
                    request,
                    _(
                        "The series now ends before %(date)s; the following dates are "
                        "a new event you can edit."
                    )
                    % {"date": occurrence_label(event, start)},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse(
                        f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                        args=[quote(new.pk)],
                        current_app=self.admin_site.name,
                    )
                )
        fieldsets = [(None, {"fields": list(form.fields)})]
        adminform = helpers.AdminForm(form, fieldsets, {}, model_admin=self)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Change this and following dates"),
            "subtitle": str(event),
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "original": event,
            "adminform": adminform,
            "form": form,
            "errors": helpers.AdminErrorList(form, []),
            "media": self.media + adminform.media,
            "has_view_permission": self.has_view_permission(request, event),
            "is_popup": False,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/events/event/split_series.html", context)

    def _log_split(self, request: HttpRequest, before: Event, ended: Event, new: Event) -> None:
        """The admin history: the series changed (its rule, and dates moved on), one added.

        Field names are stored untranslated, as Django does; the history page translates them.
        """
        names = [
            name
            for name in ("rrule", "rdates", "exdates")
            if getattr(before, name) != getattr(ended, name)
        ]
        with override(None):
            fields = [str(Event._meta.get_field(name).verbose_name) for name in names]
        self.log_change(request, ended, [{"changed": {"fields": fields}}])
        self.log_addition(request, new, [{"added": {}}])


def _builder_cannot_show(event: Event) -> bool:
    """True for a stored rule that only the raw text field can show (see builder_choices)."""
    if not event.rrule:
        return False
    try:
        return builder_choices(parse_rrule(event.rrule), event.start_date) is None
    except RuleError:
        return True
