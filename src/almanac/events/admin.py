"""The staff editor: the Django admin, with every event write going through ``services``.

Taxonomies (calendars, categories, tags, venues, organizers) are plain rows whose model
``clean`` is all the validation they need, so they save the usual admin way. Events and
their translations do not: ``services.save_event`` derives the UTC instants and bumps
SEQUENCE, and ``services.save_event_translation`` sanitises rich text.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import ForeignKey, ManyToManyField, Model, QuerySet, TextField, URLField
from django.forms import BaseInlineFormSet, Field, ModelForm, Textarea
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from almanac.events import services
from almanac.events.forms import (
    CalendarAdminForm,
    CategoryAdminForm,
    EventAdminForm,
    TranslationForm,
    TranslationFormSet,
    language_options,
    missing_languages,
)
from almanac.events.models import (
    Calendar,
    CalendarTranslation,
    Category,
    CategoryTranslation,
    Event,
    EventTranslation,
    Organizer,
    OrganizerTranslation,
    Tag,
    TagTranslation,
    Translatable,
    Venue,
    VenueTranslation,
)


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
    fields = ["slug", "timezone", "first_weekday", "languages", "colour"]

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
    list_display = ["title", "calendar", "start", "status", "preview"]
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
                ],  # fmt: skip
            },
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

    @admin.display(description=_("Preview"))
    def preview(self, obj: Event) -> SafeString:
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Preview"))

    def save_model(self, request: HttpRequest, obj: Event, form: ModelForm, change: bool) -> None:
        services.save_event(obj)

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool
    ) -> None:
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
