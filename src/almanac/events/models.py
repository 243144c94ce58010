"""The events domain: calendars, events and their taxonomies, with content translations.

Every human-readable field lives in a ``*Translation`` row keyed by language code, so a
new language needs no schema change. Everything that does not depend on language (time,
zone, venue, links) is stored once on the parent row. Writes go through ``services``.
"""

from __future__ import annotations

import uuid
from datetime import datetime, time
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from almanac.events.timezones import validate_zone, validate_zones
from almanac.i18n.content import pick

MAX_RICH_TEXT = 100_000  # characters; long enough for any programme, short enough to render


def language_choices() -> list[tuple[str, str]]:
    return list(settings.LANGUAGES)


def validate_language(value: str) -> None:
    if value not in dict(settings.LANGUAGES):
        raise ValidationError(
            _("%(code)s is not one of this site's languages."), params={"code": value}
        )


def validate_languages(value: object) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("List at least one language."))
    for code in value:
        validate_language(code)


class Translatable(models.Model):
    """A model whose human-readable fields live in a ``translations`` relation."""

    class Meta:
        abstract = True

    def translation(self, language: str | None = None):
        """The translation to show for ``language`` (default: the active one), with fallback.

        Uses the prefetched ``translations`` when the query prefetched them, so list views
        cost a fixed number of queries.
        """
        return pick(self.translations.all(), language or get_language() or settings.LANGUAGE_CODE)

    @property
    def t(self):
        """Shortcut for templates: ``{{ event.t.title }}``."""
        found = self.translation()
        return found if found is not None else self.translations.model(language="")

    def __str__(self) -> str:
        found = self.translation()
        return str(getattr(found, "name", None) or getattr(found, "title", None) or self.slug)


class TranslationBase(models.Model):
    """Fields every translation row has. The parent FK is named ``master``."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEWED = "reviewed", _("Reviewed")

    language = models.CharField(_("language"), max_length=15, validators=[validate_language])
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.REVIEWED)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(dict(settings.LANGUAGES).get(self.language, self.language))

    @property
    def is_fallback(self) -> bool:
        return bool(self.language) and self.language != get_language()


def _translation_meta(parent: str):
    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["master", "language"], name=f"{parent}_translation_unique"
            )
        ]
        ordering = ["language"]

    return Meta


hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #1f6feb."))


class Calendar(Translatable):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    timezone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Brussels", validators=[validate_zone]
    )
    first_weekday = models.PositiveSmallIntegerField(
        _("first day of the week"), choices=Weekday, default=Weekday.SUNDAY
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        validators=[validate_languages],
        help_text=_('Language codes this calendar publishes in, e.g. ["en", "zh-hans"].'),
    )
    colour = models.CharField(_("colour"), max_length=7, default="#1f5fbf", validators=[hex_colour])
    audience_zones = models.JSONField(
        _("audience time zones"),
        default=list,
        blank=True,
        validators=[validate_zones],
        help_text=_('Zones whose times are shown beside every event, e.g. ["Asia/Shanghai"].'),
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("calendar")
        verbose_name_plural = _("calendars")


class CalendarTranslation(TranslationBase):
    master = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, validators=[MaxLengthValidator(5000)]
    )

    Meta = _translation_meta("calendar")


class Category(Translatable):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    colour = models.CharField(_("colour"), max_length=7, default="#1f5fbf", validators=[hex_colour])

    class Meta:
        ordering = ["slug"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def clean(self) -> None:
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("A category cannot be its own ancestor.")})
            ancestor = ancestor.parent

    def get_absolute_url(self) -> str:
        return reverse("calendar:category", args=[self.slug])


class CategoryTranslation(TranslationBase):
    master = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, validators=[MaxLengthValidator(5000)]
    )

    Meta = _translation_meta("category")


class Tag(Translatable):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def get_absolute_url(self) -> str:
        return reverse("calendar:tag", args=[self.slug])


class TagTranslation(TranslationBase):
    master = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("name"), max_length=100)

    Meta = _translation_meta("tag")


class Venue(Translatable):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    url = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def clean(self) -> None:
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            raise ValidationError({"latitude": _("Latitude must be between -90 and 90.")})
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            raise ValidationError({"longitude": _("Longitude must be between -180 and 180.")})

    def get_absolute_url(self) -> str:
        return reverse("calendar:venue", args=[self.slug])

    @property
    def map_url(self) -> str:
        """An OpenStreetMap link: no API key, no tracking script."""
        if self.latitude is None or self.longitude is None:
            return ""
        lat, lon = (f"{Decimal(v).normalize():f}" for v in (self.latitude, self.longitude))
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon}"


class VenueTranslation(TranslationBase):
    master = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), blank=True, validators=[MaxLengthValidator(1000)])

    Meta = _translation_meta("venue")


class Organizer(Translatable):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    url = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("organizer")
        verbose_name_plural = _("organizers")

    def get_absolute_url(self) -> str:
        return reverse("calendar:organizer", args=[self.slug])


class OrganizerTranslation(TranslationBase):
    master = models.ForeignKey(Organizer, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, validators=[MaxLengthValidator(5000)]
    )

    Meta = _translation_meta("organizer")


class EventQuerySet(models.QuerySet):
    """Chainable reads: ``Event.objects.published().in_window(start, end)``."""

    def published(self) -> EventQuerySet:
        # Cancelled events stay listed (marked) so that nobody travels to a cancelled event.
        return self.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])

    def in_window(self, start: datetime, end: datetime) -> EventQuerySet:
        """Events (or series) that may have an occurrence in [start, end), aware datetimes."""
        return self.filter(start_utc__lt=end).filter(
            Q(series_end_utc__isnull=True) | Q(series_end_utc__gt=start)
        )

    def upcoming(self, now: datetime | None = None) -> EventQuerySet:
        """Events with an occurrence still to end; series under way sort by their start."""
        now = now or timezone.now()
        return self.filter(Q(series_end_utc__isnull=True) | Q(series_end_utc__gt=now)).order_by(
            "start_utc", "pk"
        )

    def past(self, now: datetime | None = None) -> EventQuerySet:
        """Events with an occurrence that has started (a series under way is in both lists)."""
        return self.filter(start_utc__lte=now or timezone.now()).order_by("-start_utc", "-pk")

    def in_language(self, language: str) -> EventQuerySet:
        return self.filter(translations__language=language).distinct()

    def online(self) -> EventQuerySet:
        return self.exclude(online_url="")

    def in_person(self) -> EventQuerySet:
        return self.filter(venue__isnull=False)

    def with_related(self) -> EventQuerySet:
        """Everything a listing shows, in a fixed number of queries."""
        return self.select_related("calendar", "venue").prefetch_related(
            "translations",
            "calendar__translations",
            "venue__translations",
            "categories__translations",
            "tags__translations",
            "organizers__translations",
            "changes",
        )


class Event(Translatable):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    calendar = models.ForeignKey(
        Calendar, on_delete=models.PROTECT, related_name="events", verbose_name=_("calendar")
    )
    uid = models.CharField(
        _("UID"),
        max_length=255,
        unique=True,
        editable=False,
        help_text=_("Stable iCalendar identifier; never changes."),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)

    # The truth is wall-clock date and time in an IANA zone; the UTC instants are derived
    # by services and exist only for indexed range queries. All-day events have no times,
    # and their UTC instants are the dates' midnights in UTC ("floating", like an iCalendar
    # DATE), so that they never move to another day in another zone.
    start_date = models.DateField(_("start date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_date = models.DateField(_("end date"))
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    timezone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Brussels", validators=[validate_zone]
    )
    all_day = models.BooleanField(
        _("all day"),
        default=False,
        help_text=_(
            "All-day events keep their dates in every time zone; the end date is inclusive."
        ),
    )
    start_utc = models.DateTimeField(_("starts (UTC)"), editable=False)
    end_utc = models.DateTimeField(_("ends (UTC)"), editable=False)
    audience_zones = models.JSONField(
        _("audience time zones"),
        default=list,
        blank=True,
        validators=[validate_zones],
        help_text=_(
            "Shown beside the event's time everywhere, e.g. Asia/Shanghai for a China webinar."
        ),
    )

    # Repeats: an RFC 5545 RRULE (see events.recurrence) in the event's wall-clock time,
    # with extra dates (RDATE) and skipped dates (EXDATE) as local ISO datetimes.
    rrule = models.CharField(_("repeat rule"), max_length=500, blank=True)
    rdates = models.JSONField(_("extra dates"), default=list, blank=True)
    exdates = models.JSONField(_("skipped dates"), default=list, blank=True)
    # End of the last occurrence (null: repeats forever). With start_utc it bounds the
    # series, so a window query finds a series without expanding it.
    series_end_utc = models.DateTimeField(_("series ends (UTC)"), null=True, editable=False)

    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("venue"),
    )
    organizers = models.ManyToManyField(
        Organizer, blank=True, related_name="events", verbose_name=_("organizers")
    )
    categories = models.ManyToManyField(
        Category, blank=True, related_name="events", verbose_name=_("categories")
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="events", verbose_name=_("tags"))

    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    external_url = models.URLField(_("external link"), max_length=500, blank=True)
    video_url = models.URLField(_("video link"), max_length=500, blank=True)
    image = models.ImageField(_("featured image"), upload_to="events/%Y/", blank=True)
    highlights_url = models.URLField(_("highlights link"), max_length=500, blank=True)

    sequence = models.PositiveIntegerField(
        _("sequence"),
        default=0,
        editable=False,
        help_text=_("iCalendar SEQUENCE; rises with each change."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start_utc", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["start_utc", "end_utc"], name="event_window"),
            models.Index(fields=["start_utc", "series_end_utc"], name="event_series_window"),
            models.Index(fields=["status", "end_utc"], name="event_status_end"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_utc__gte=models.F("start_utc")), name="event_ends_after_start"
            ),
        ]

    def save(self, *args, **kwargs) -> None:
        if not self.uid:
            self.uid = f"{uuid.uuid4()}@almanac"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("calendar:event", args=[self.slug])

    @property
    def start_local(self) -> datetime:
        """Wall-clock start, naive, in ``self.timezone`` (midnight for all-day events)."""
        return datetime.combine(self.start_date, self.start_time or time.min)

    @property
    def end_local(self) -> datetime:
        return datetime.combine(self.end_date, self.end_time or time.min)

    @property
    def is_multi_day(self) -> bool:
        return self.end_date > self.start_date

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    @property
    def is_in_person(self) -> bool:
        return self.venue_id is not None

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def has_ended(self) -> bool:
        return self.end_utc <= timezone.now()


class EventTranslation(TranslationBase):
    master = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="translations")
    title = models.CharField(_("title"), max_length=300)
    summary = models.CharField(
        _("summary"), max_length=500, blank=True, help_text=_("One or two sentences for listings.")
    )
    description = models.TextField(
        _("description"),
        blank=True,
        validators=[MaxLengthValidator(MAX_RICH_TEXT)],
        help_text=_("Rich text; unsafe HTML is removed on save."),
    )
    image_alt = models.CharField(_("image description (alt text)"), max_length=300, blank=True)
    highlights = models.TextField(
        _("highlights"),
        blank=True,
        validators=[MaxLengthValidator(MAX_RICH_TEXT)],
        help_text=_("Shown once the event is over: what happened, results, links."),
    )

    Meta = _translation_meta("event")


class OccurrenceChange(models.Model):
    """One occurrence of a repeating event, edited: cancelled, moved or retitled.

    It is keyed by the occurrence's original wall-clock start (its iCalendar
    RECURRENCE-ID), so it stays attached when the series is edited around it.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="changes")
    original_date = models.DateField(_("original date"))
    original_time = models.TimeField(_("original time"), null=True, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    start_date = models.DateField(_("new start date"), null=True, blank=True)
    start_time = models.TimeField(_("new start time"), null=True, blank=True)
    end_date = models.DateField(_("new end date"), null=True, blank=True)
    end_time = models.TimeField(_("new end time"), null=True, blank=True)
    titles = models.JSONField(
        _("titles"), default=dict, blank=True, help_text=_("A different title, by language code.")
    )
    start_utc = models.DateTimeField(editable=False)
    end_utc = models.DateTimeField(editable=False)

    class Meta:
        ordering = ["original_date", "original_time"]
        verbose_name = _("changed occurrence")
        verbose_name_plural = _("changed occurrences")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "original_date", "original_time"], name="occurrence_change_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} @ {self.original_start:%Y-%m-%d %H:%M}"

    @property
    def original_start(self) -> datetime:
        return datetime.combine(self.original_date, self.original_time or time.min)

    @property
    def is_moved(self) -> bool:
        return self.start_date is not None

    @property
    def new_start(self) -> datetime:
        return datetime.combine(self.start_date, self.start_time or time.min)

    @property
    def new_end(self) -> datetime:
        return datetime.combine(self.end_date, self.end_time or time.min)

    def title(self, language: str) -> str:
        return str(self.titles.get(language, "")) if isinstance(self.titles, dict) else ""
