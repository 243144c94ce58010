"""The demo loader: the seed week exactly as the seed shows it, a varied programme, and
idempotency (a second run, or a later run in the same month, changes nothing)."""

from __future__ import annotations

import io
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.db.models import Q
from PIL import Image

from almanac.events import demo
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
    Venue,
    VenueTranslation,
)
from almanac.events.timezones import get_zone

pytestmark = pytest.mark.django_db

EN_TITLE = "IURC China Webinar: Regional Innovation & Smart Sustainable Specialization Strategies"
ZH_TITLE = "IURC China 研讨会:区域创新与智慧专业化战略"
TODAY = date(2026, 11, 28)  # a Saturday; the 1st of that month is a Sunday
ALL_MODELS = [
    Calendar,
    CalendarTranslation,
    Category,
    CategoryTranslation,
    Tag,
    TagTranslation,
    Venue,
    VenueTranslation,
    Organizer,
    OrganizerTranslation,
    Event,
    EventTranslation,
    Event.categories.through,
    Event.tags.through,
    Event.organizers.through,
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def snapshot() -> dict[str, object]:
    """Everything a re-run could change: row counts, event identity, stamps and texts."""
    return {
        "counts": {model._meta.label: model.objects.count() for model in ALL_MODELS},
        "events": list(
            Event.objects.order_by("uid").values_list(
                "uid", "sequence", "slug", "start_utc", "end_utc", "updated_at", "image"
            )
        ),
        "texts": list(
            EventTranslation.objects.order_by("master__uid", "language").values_list(
                "master__uid", "language", "title", "summary", "description", "image_alt"
            )
        ),
    }


def test_first_load_reports_what_it_created():
    counts = demo.load_demo(today=TODAY)
    assert counts == {
        "calendars": 3,
        "categories": 9,
        "tags": 12,
        "venues": 7,
        "organizers": 6,
        "events_created": 48,
        "events_updated": 0,
        "events_unchanged": 0,
        "events_skipped": 0,
        "images_created": 15,
    }
    assert Event.objects.count() == 48
    assert Calendar.objects.count() == 3
    assert Category.objects.count() == 9


def test_loading_twice_changes_nothing():
    demo.load_demo(today=TODAY)
    before = snapshot()
    counts = demo.load_demo(today=TODAY)
    assert (counts["events_created"], counts["events_updated"]) == (0, 0)
    assert counts["events_unchanged"] == 48
    assert counts["images_created"] == 0
    assert snapshot() == before


def test_a_later_run_in_the_same_month_changes_nothing():
    demo.load_demo(today=date(2027, 3, 1))
    before = snapshot()
    demo.load_demo(today=date(2027, 3, 31))
    assert snapshot() == before


def test_next_month_moves_only_the_relative_events():
    demo.load_demo(today=date(2027, 3, 15))
    seed_before = Event.objects.values_list("sequence", "start_utc").get(uid=demo.SEED_UID)
    counts = demo.load_demo(today=date(2027, 4, 2))
    relative = sum("week" in spec for spec in demo.EVENTS)
    assert relative == 23
    assert counts["events_updated"] == relative
    assert counts["events_unchanged"] == 48 - relative
    assert Event.objects.values_list("sequence", "start_utc").get(uid=demo.SEED_UID) == seed_before
    moved = Event.objects.get(slug="iurc-china-webinar-hydrogen-valleys")
    assert moved.sequence == 1
    # 2027-04-01 is a Thursday: its week starts on Monday 2027-03-29; week 0, Wednesday.
    assert moved.start_date == date(2027, 3, 31)


def test_the_seed_week_shows_only_the_webinar():
    demo.load_demo(today=TODAY)
    # The week in any zone: widen the window by a day on each side.
    window = (datetime(2022, 5, 28, tzinfo=UTC), datetime(2022, 6, 6, tzinfo=UTC))
    assert list(Event.objects.in_window(*window).values_list("uid", flat=True)) == [demo.SEED_UID]
    event = Event.objects.published().in_window(*window).get()
    assert event.slug == "iurc-china-webinar-regional-innovation"
    assert event.status == Event.Status.PUBLISHED
    assert event.calendar.slug == "iurc-china"
    assert (event.calendar.timezone, event.calendar.first_weekday) == ("Europe/Brussels", 6)
    assert event.calendar.languages == ["en", "zh-hans"]
    assert (event.start_date, event.start_time, event.end_time) == (
        date(2022, 6, 2),
        time(9, 0),
        time(11, 0),
    )
    assert event.timezone == "Europe/Brussels"
    assert event.start_utc == datetime(2022, 6, 2, 7, 0, tzinfo=UTC)
    assert event.start_utc.astimezone(get_zone("Asia/Shanghai")).hour == 15
    assert event.end_utc == datetime(2022, 6, 2, 9, 0, tzinfo=UTC)
    assert event.online_url
    assert event.highlights_url == (
        "https://www.iurc.eu/highlights/iurc-china-webinar-regional-innovation"
    )
    titles = dict(event.translations.values_list("language", "title"))
    assert titles == {"en": EN_TITLE, "zh-hans": ZH_TITLE}
    assert sorted(event.categories.values_list("slug", flat=True)) == [
        "regional-innovation",
        "webinar",
    ]
    assert event.categories.get(slug="regional-innovation").parent.slug == "cooperation"
    assert list(event.organizers.values_list("slug", flat=True)) == ["iurc"]
    assert {"china", "innovation"} <= set(event.tags.values_list("slug", flat=True))


def test_the_seed_descriptions_carry_the_full_text_with_structure():
    demo.load_demo(today=TODAY)
    event = Event.objects.get(uid=demo.SEED_UID)
    zh = event.translation("zh-hans")
    en = event.translation("en")
    assert "区域创新战略" in zh.description
    assert "<p>日期:2022年6月2日 北京时间下午3-5点</p>" in zh.description
    for heading in ("背景", "目标", "目标参与者", "日期"):
        assert f"<h3>{heading}</h3>" in zh.description
    assert zh.description.count("<ol>") == 2
    assert "<li>受邀的IURC 全球社区成员</li>" in zh.description
    for heading in ("Background", "Objectives", "Target participants", "Date"):
        assert f"<h3>{heading}</h3>" in en.description
    assert en.description.count("<ol>") == 2
    assert "Date: 2 June 2022, 09:00–11:00 Brussels time (15:00–17:00 Beijing time)" in (
        en.description
    )
    assert "co-evolution of multiple stakeholders" in en.description
    assert "invited participants from IURC global community." in en.description
    assert en.summary and zh.summary


def test_the_programme_is_varied():
    demo.load_demo(today=TODAY)
    events = list(Event.objects.all())
    assert len(events) == 48
    assert Calendar.objects.count() == 3
    assert Category.objects.count() == 9
    assert Category.objects.filter(parent__isnull=False).count() == 7
    assert Venue.objects.count() == 7
    assert Venue.objects.filter(latitude__isnull=True).count() == 0
    assert Organizer.objects.count() == 6
    statuses = Counter(e.status for e in events)
    assert statuses == {"published": 46, "cancelled": 1, "draft": 1}
    online = Event.objects.filter(~Q(online_url=""), venue__isnull=True).count()
    in_person = Event.objects.filter(online_url="", venue__isnull=False).count()
    hybrid = Event.objects.filter(~Q(online_url=""), venue__isnull=False).count()
    assert (online, in_person, hybrid) == (27, 8, 10)
    assert sum(e.all_day for e in events) == 4
    assert sum(e.is_multi_day for e in events) == 8
    assert Event.objects.exclude(highlights_url="").count() == 6
    assert EventTranslation.objects.exclude(highlights="").values("master").distinct().count() == 5
    assert Event.objects.exclude(video_url="").count() == 4
    assert Event.objects.exclude(external_url="").count() == 8
    assert {e.timezone for e in events} >= {"America/Sao_Paulo", "Asia/Shanghai", "Europe/Berlin"}
    assert Calendar.objects.get(slug="research-network").first_weekday == 0


def test_half_the_events_surround_the_seed_and_half_surround_today():
    demo.load_demo(today=TODAY)
    seed_era = Event.objects.filter(start_date__range=(date(2022, 4, 1), date(2022, 8, 31)))
    assert seed_era.count() == 23
    assert seed_era.filter(start_date__month=6).count() == 10
    around_today = Event.objects.filter(
        start_date__gte=date(2026, 11, 1) - timedelta(days=70),
        end_date__lte=date(2026, 11, 1) + timedelta(days=130),
        rrule="",
    )
    assert around_today.count() == 23


def test_two_series_repeat_without_end():
    demo.load_demo(today=TODAY)
    series = Event.objects.exclude(rrule="").order_by("slug")
    assert [(e.slug, e.rrule, e.series_end_utc) for e in series] == [
        ("iurc-helpdesk-office-hours", "FREQ=WEEKLY;BYDAY=TU,TH", None),
        ("monthly-programme-coordination-call", "FREQ=MONTHLY;BYDAY=1MO", None),
    ]


def test_busy_days_have_at_least_five_events():
    demo.load_demo(today=TODAY)
    brussels = get_zone("Europe/Brussels")
    for day in (date(2022, 6, 22), date(2026, 11, 10)):  # the second: week 2, Tuesday
        start = datetime.combine(day, time.min, tzinfo=brussels)
        on_day = Event.objects.published().in_window(start, start + timedelta(days=1))
        assert on_day.count() >= 5, day


def test_every_translation_uses_a_site_language():
    demo.load_demo(today=TODAY)
    assert set(EventTranslation.objects.values_list("language", flat=True)) == {"en", "zh-hans"}
    assert Calendar.objects.get(slug="iurc-latam").languages == ["en", "zh-hans"]
    en_only = Event.objects.exclude(translations__language="zh-hans").count()
    assert en_only == 4
    assert EventTranslation.objects.filter(language="en").count() == 48


def test_spanish_is_loaded_when_the_site_offers_it(settings):
    settings.LANGUAGES = [("en", "English"), ("zh-hans", "Simplified Chinese"), ("es", "Spanish")]
    demo.load_demo(today=TODAY)
    assert Calendar.objects.get(slug="iurc-latam").languages == ["en", "es", "zh-hans"]
    assert EventTranslation.objects.filter(language="es").count() == 13
    assert TagTranslation.objects.filter(language="es").count() == 12


def test_category_colours_are_distinct_and_readable_on_white():
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    demo.load_demo(today=TODAY)
    colours = list(Category.objects.values_list("colour", flat=True))
    assert len(set(colours)) == len(colours) == 9
    for colour in colours:
        assert 1.05 / (luminance(colour) + 0.05) >= 4.5, colour


def test_featured_images_are_generated_once_with_alt_text():
    demo.load_demo(today=TODAY)
    with_image = Event.objects.exclude(image="")
    assert with_image.count() == 15
    for event in with_image:
        with Image.open(event.image.path) as image:
            assert (image.format, image.size) == ("PNG", (960, 540))
        alts = dict(event.translations.values_list("language", "image_alt"))
        assert all(alts.values()), event.slug
        if "zh-hans" in alts:
            assert alts["zh-hans"] != alts["en"]
    seed = Event.objects.get(uid=demo.SEED_UID)
    assert (
        seed.translation("en").image_alt
        == "Abstract purple banner with " + (demo.SHAPES[demo.shape_for(seed.slug)]["en"])
    )
    assert Event.objects.filter(image="").exclude(translations__image_alt="").count() == 0


def test_banners_are_deterministic():
    first = demo.banner_png("#6b3fa0", "skyline")
    assert first == demo.banner_png("#6b3fa0", "skyline")
    assert first != demo.banner_png("#6b3fa0", "circle")
    with Image.open(io.BytesIO(first)) as image:
        assert image.getpixel((5, 5)) != image.getpixel((950, 5))  # a gradient, not flat


def test_an_event_outside_the_demo_with_a_demo_slug_is_reported():
    demo.load_demo(today=TODAY)
    Event.objects.filter(uid=demo.SEED_UID).update(uid="someone-else@example.org")
    with pytest.raises(demo.DemoError, match="iurc-china-webinar-regional-innovation"):
        demo.load_demo(today=TODAY)


def test_the_demo_command_loads_and_then_reports_nothing_changed():
    out = io.StringIO()
    call_command("demo", stdout=out)
    first = out.getvalue()
    assert first.count("\n") == 1
    assert "3 calendars, 9 categories, 12 tags, 7 venues, 6 organizers" in first
    assert "events: 48 created, 0 updated, 0 unchanged; 15 images generated." in first
    before = snapshot()
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "events: 0 created, 0 updated, 48 unchanged; 0 images generated." in out.getvalue()
    assert snapshot() == before
