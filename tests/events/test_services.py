from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from almanac.events import services
from almanac.events.models import Event, EventTranslation
from tests import factories

pytestmark = pytest.mark.django_db


def test_sequence_rises_when_the_time_changes_and_not_otherwise():
    event = factories.seed_webinar()
    assert event.sequence == 0
    services.save_event(event)
    assert event.sequence == 0
    event.start_time = time(10)
    event.end_time = time(12)
    services.save_event(event)
    event.refresh_from_db()
    assert event.sequence == 1


def test_changing_the_time_changes_it_in_every_language(client):
    event = factories.seed_webinar()
    event.start_time, event.end_time = time(10), time(12)
    services.save_event(event)
    for language in ("en", "zh-hans"):
        html = client.get(f"/{language}/calendar/day/2022-06-02/").content.decode()
        assert ">10:00–12:00<" in html


def test_publish_sets_published_at_once_and_cancel_keeps_it():
    event = factories.event("Draft", status="draft")
    assert event.published_at is None
    services.publish_event(event)
    first = event.published_at
    assert first is not None
    services.cancel_event(event)
    event.refresh_from_db()
    assert (event.status, event.published_at, event.sequence) == ("cancelled", first, 2)


def test_duplicate_copies_translations_and_taxonomies_as_a_draft():
    original = factories.seed_webinar()
    original.categories.add(factories.category("webinar"))
    copy = services.duplicate_event(original)
    assert copy.pk != original.pk and copy.uid != original.uid and copy.slug != original.slug
    assert copy.status == "draft"
    assert sorted(copy.translations.values_list("language", "title")) == sorted(
        original.translations.values_list("language", "title")
    )
    assert list(copy.categories.values_list("slug", flat=True)) == ["webinar"]
    assert (copy.start_utc, copy.end_utc) == (original.start_utc, original.end_utc)


def test_slugs_are_unique_and_keep_chinese():
    first = factories.event("Regional forum")
    second = factories.event("Regional forum")
    chinese = factories.event("区域创新论坛", translations={"zh-hans": {"title": "区域创新论坛"}})
    assert (first.slug, second.slug, chinese.slug) == (
        "regional-forum",
        "regional-forum-2",
        "区域创新论坛",
    )


def test_rich_text_is_sanitised_on_save():
    event = factories.event(
        "X",
        translations={
            "en": {
                "title": "X",
                "description": '<p>Hi <a href="javascript:x()" onclick="y()">link</a></p><script>z()</script><img src=x onerror=alert(1)>',
            }
        },
    )
    assert (
        event.translations.get().description
        == '<p>Hi <a rel="noopener noreferrer nofollow">link</a></p>'
    )


def test_over_long_title_is_rejected_and_nothing_is_written():
    with pytest.raises(ValidationError):
        factories.event("x" * 301)
    assert (Event.objects.count(), EventTranslation.objects.count()) == (0, 0)


def test_translation_for_unknown_language_is_rejected():
    with pytest.raises(ValidationError):
        factories.event("X", translations={"xx": {"title": "X"}})
    assert Event.objects.count() == 0


def test_event_needs_at_least_one_translation():
    with pytest.raises(ValidationError):
        services.create_event(
            calendar=factories.calendar(),
            translations={},
            start_date=date(2022, 6, 2),
            end_date=date(2022, 6, 2),
            start_time=time(9),
            end_time=time(10),
        )


def test_save_translated_is_idempotent():
    factories.category("webinar", colour="#112233")
    factories.category("webinar", colour="#112233")
    from almanac.events.models import Category

    assert Category.objects.get().translations.count() == 1


def test_category_cannot_be_its_own_ancestor():
    parent = factories.category("a")
    child = factories.category("b", parent=parent)
    parent.parent = child
    with pytest.raises(ValidationError):
        parent.full_clean()
