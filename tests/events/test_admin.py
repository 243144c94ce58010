"""The staff editor (Django admin): permissions, writes through services, bad input."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from almanac.events.models import Calendar, Category, Event, EventTranslation
from tests import factories

pytestmark = pytest.mark.django_db

EVENT_CHANGELIST = reverse("admin:events_event_changelist")
EVENT_ADD = reverse("admin:events_event_add")


def as_user(client: Client, name: str) -> Client:
    users = factories.users()
    client.force_login(users[name])
    return client


def management(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def event_post(cal: Calendar, translations: list[dict[str, str]], **fields: Any) -> dict[str, Any]:
    """What the add form posts: the event's fields and an inline form per translation."""
    data: dict[str, Any] = {
        "calendar": str(cal.pk),
        "status": "draft",
        "slug": "",
        "start_date": "2024-03-31",
        "start_time": "09:00",
        "end_date": "2024-03-31",
        "end_time": "11:00",
        "timezone": "Europe/Brussels",
        "venue": "",
        "online_url": "",
        "external_url": "",
        "video_url": "",
        "highlights_url": "",
        "_save": "Save",
        **management("translations", len(translations)),
    }
    for i, values in enumerate(translations):
        row = {"language": "en", "status": "reviewed", "title": "", "summary": "",
               "description": "", "image_alt": "", "highlights": "", **values}  # fmt: skip
        data.update({f"translations-{i}-{key}": value for key, value in row.items()})
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def form_errors(response: Any) -> dict[str, list[str]]:
    return dict(response.context["adminform"].form.errors)


def inline_non_form_errors(response: Any) -> list[str]:
    return list(response.context["inline_admin_formsets"][0].formset.non_form_errors())


# Permissions: alice (superuser), bob (staff, no permissions), charlie (not staff).


@pytest.mark.parametrize(
    "url",
    [EVENT_CHANGELIST, EVENT_ADD, "change"],
    ids=["changelist", "add", "change"],
)
@pytest.mark.parametrize(("user", "expected"), [("alice", 200), ("bob", 403), ("charlie", 302)])
def test_event_admin_permission_matrix(client: Client, url: str, user: str, expected: int) -> None:
    if url == "change":
        url = reverse("admin:events_event_change", args=[factories.event("Talk").pk])
    response = as_user(client, user).get(url)
    assert response.status_code == expected
    if user == "charlie":
        assert response["Location"] == f"{reverse('admin:login')}?next={url}"


def test_anonymous_visitor_is_sent_to_the_login_page(client: Client) -> None:
    response = client.get(EVENT_CHANGELIST)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={EVENT_CHANGELIST}"


@pytest.mark.parametrize("model", ["calendar", "category", "tag", "venue", "organizer"])
def test_superuser_opens_every_taxonomy_add_form(client: Client, model: str) -> None:
    response = as_user(client, "alice").get(reverse(f"admin:events_{model}_add"))
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.prefix == "translations"


# Adding and changing events.


def test_adding_an_event_saves_it_through_services(client: Client) -> None:
    cal = factories.calendar("main")
    as_user(client, "alice")
    data = event_post(
        cal,
        [
            {"language": "en", "title": "  Spring forward  ", "summary": "Clocks change."},
            {"language": "zh-hans", "title": "夏令时"},
        ],
    )
    response = client.post(EVENT_ADD, data)

    assert response.status_code == 302
    event = Event.objects.get()
    assert response["Location"] == EVENT_CHANGELIST
    # 09:00 Brussels on the day clocks go forward is 07:00 UTC (CEST, UTC+2).
    assert (event.start_utc, event.end_utc) == (
        datetime(2024, 3, 31, 7, 0, tzinfo=UTC),
        datetime(2024, 3, 31, 9, 0, tzinfo=UTC),
    )
    assert event.uid.endswith("@almanac")
    assert event.sequence == 0
    assert event.slug == "spring-forward"
    assert list(event.translations.values_list("language", "title", "summary")) == [
        ("en", "Spring forward", "Clocks change."),
        ("zh-hans", "夏令时", ""),
    ]


def test_untouched_extra_translation_form_is_skipped(client: Client) -> None:
    """The add form offers one form per language; an editor may fill only one."""
    cal = factories.calendar()
    as_user(client, "alice")
    data = event_post(
        cal,
        [
            {"language": "en", "title": "Only English"},
            {"language": "zh-hans", "status": "reviewed"},
        ],
    )
    response = client.post(EVENT_ADD, data)

    assert response.status_code == 302
    assert list(EventTranslation.objects.values_list("language", "title")) == [
        ("en", "Only English")
    ]


def test_add_form_offers_one_translation_per_language_with_grouped_zones(client: Client) -> None:
    response = as_user(client, "alice").get(EVENT_ADD)

    formset = response.context["inline_admin_formsets"][0].formset
    assert [form.initial.get("language") for form in formset.forms] == ["en", "zh-hans"]
    content = response.content.decode()
    assert '<optgroup label="Europe">' in content
    assert '<option value="Europe/Brussels" selected>Brussels</option>' in content
    assert '<option value="">---------</option>' in content


def test_changing_the_time_bumps_sequence_and_rederives_utc(client: Client) -> None:
    event = factories.event("Webinar", status=Event.Status.PUBLISHED)
    translation = event.translations.get()
    as_user(client, "alice")
    data = event_post(
        event.calendar,
        [{"id": str(translation.pk), "master": str(event.pk), "title": "Webinar"}],
        slug=event.slug,
        status="published",
        start_date="2022-06-02",
        start_time="10:00",
        end_date="2022-06-02",
        end_time="12:00",
        **management("translations", 1, initial=1),
    )
    response = client.post(reverse("admin:events_event_change", args=[event.pk]), data)

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.sequence == 1
    assert event.start_utc == datetime(2022, 6, 2, 8, 0, tzinfo=UTC)
    assert event.slug == "webinar"


# Bad input.


def test_rich_text_is_sanitised_on_save(client: Client) -> None:
    cal = factories.calendar()
    as_user(client, "alice")
    description = (
        '<p onclick="steal()">Hello <a href="javascript:alert(1)">there</a></p>'
        "<script>alert(1)</script>"
    )
    response = client.post(
        EVENT_ADD,
        event_post(
            cal,
            [
                {
                    "title": "Safe",
                    "description": description,
                    "highlights": '<img src=x onerror="alert(1)"><b>Won</b>',
                }
            ],
        ),
    )

    assert response.status_code == 302
    translation = EventTranslation.objects.get()
    assert translation.description == '<p>Hello <a rel="noopener noreferrer nofollow">there</a></p>'
    assert translation.highlights == "<b>Won</b>"


def test_over_long_title_is_a_form_error(client: Client) -> None:
    cal = factories.calendar()
    as_user(client, "alice")
    response = client.post(EVENT_ADD, event_post(cal, [{"title": "x" * 301}]))

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.errors == [
        {"title": ["Ensure this value has at most 300 characters (it has 301)."]}
    ]
    assert Event.objects.count() == 0


def test_end_before_start_is_a_form_error_and_nothing_is_saved(client: Client) -> None:
    cal = factories.calendar()
    as_user(client, "alice")
    response = client.post(
        EVENT_ADD, event_post(cal, [{"title": "Backwards"}], end_date="2024-03-30")
    )

    assert response.status_code == 200
    assert form_errors(response) == {"end_date": ["The event ends before it starts."]}
    assert "The event ends before it starts." in response.content.decode()
    assert Event.objects.count() == 0
    assert EventTranslation.objects.count() == 0


def test_timed_event_without_times_is_a_form_error(client: Client) -> None:
    cal = factories.calendar()
    as_user(client, "alice")
    response = client.post(
        EVENT_ADD, event_post(cal, [{"title": "When?"}], start_time="", end_time="")
    )

    message = "A timed event needs a start and an end time; tick “all day” otherwise."
    assert form_errors(response) == {"start_time": [message], "end_time": [message]}
    assert Event.objects.count() == 0


def test_all_day_event_drops_its_times(client: Client) -> None:
    cal = factories.calendar()
    as_user(client, "alice")
    response = client.post(
        EVENT_ADD,
        event_post(cal, [{"title": "Fair"}], all_day="on", end_date="2024-04-02", end_time=""),
    )

    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.start_time, event.end_time) == (None, None)
    assert (event.start_utc, event.end_utc) == (
        datetime(2024, 3, 31, tzinfo=UTC),
        datetime(2024, 4, 3, tzinfo=UTC),
    )


def test_unknown_zone_is_a_form_error(client: Client) -> None:
    cal = factories.calendar()
    as_user(client, "alice")
    response = client.post(EVENT_ADD, event_post(cal, [{"title": "Mars"}], timezone="Mars/Olympus"))

    assert form_errors(response) == {
        "timezone": ["Select a valid choice. Mars/Olympus is not one of the available choices."]
    }
    assert Event.objects.count() == 0


def test_event_needs_at_least_one_translation(client: Client) -> None:
    cal = factories.calendar()
    as_user(client, "alice")
    response = client.post(EVENT_ADD, event_post(cal, [{"language": "en", "status": "reviewed"}]))

    assert response.status_code == 200
    assert inline_non_form_errors(response) == [
        "Add at least one translation: a name or title in one language."
    ]
    assert Event.objects.count() == 0


def test_two_translations_in_one_language_are_rejected(client: Client) -> None:
    cal = factories.calendar()
    as_user(client, "alice")
    response = client.post(
        EVENT_ADD,
        event_post(cal, [{"language": "en", "title": "One"}, {"language": "en", "title": "Two"}]),
    )

    assert inline_non_form_errors(response) == ["There are two translations in English; keep one."]
    assert Event.objects.count() == 0


def test_event_stored_in_an_unlisted_zone_can_still_be_edited(client: Client) -> None:
    event = factories.event("Offshore", zone="Etc/GMT+5")
    translation = event.translations.get()
    as_user(client, "alice")
    data = event_post(
        event.calendar,
        [{"id": str(translation.pk), "master": str(event.pk), "title": "Offshore!"}],
        slug=event.slug,
        start_date="2022-06-02",
        timezone="Etc/GMT+5",
        **management("translations", 1, initial=1),
    )
    response = client.post(reverse("admin:events_event_change", args=[event.pk]), data)

    assert response.status_code == 302
    assert event.translations.get().title == "Offshore!"


# The changelist: columns, preview, actions.


def test_changelist_shows_local_start_and_preview_link(client: Client) -> None:
    event = factories.event("Webinar", slug="webinar")
    factories.event("All day fair", start=None, end=None, day=date(2022, 6, 3), slug="fair")
    response = as_user(client, "alice").get(EVENT_CHANGELIST)

    content = response.content.decode()
    assert '<td class="field-start">2022-06-02 09:00 (Europe/Brussels)</td>' in content
    assert '<td class="field-start">2022-06-03, all day</td>' in content
    assert '<td class="field-preview"><a href="/en/events/webinar/">Preview</a></td>' in content
    assert event.get_absolute_url() == "/en/events/webinar/"


def test_changelist_marks_a_title_shown_in_a_fallback_language(client: Client) -> None:
    factories.event(translations={"zh-hans": {"title": "研讨会"}}, slug="zh-only")
    response = as_user(client, "alice").get(EVENT_CHANGELIST)

    assert "研讨会 [zh-hans]" in response.content.decode()


def test_changelist_search_finds_translated_titles(client: Client) -> None:
    factories.event(
        "Webinar", translations={"en": {"title": "Webinar"}, "zh-hans": {"title": "研讨会"}}
    )
    factories.event("Workshop")
    response = as_user(client, "alice").get(EVENT_CHANGELIST, {"q": "研讨"})

    assert [str(e) for e in response.context["cl"].result_list] == ["Webinar"]


def test_change_form_links_to_the_public_page(client: Client) -> None:
    event = factories.event("Draft", slug="draft-talk", status=Event.Status.DRAFT)
    response = as_user(client, "alice").get(reverse("admin:events_event_change", args=[event.pk]))

    assert response.context["has_absolute_url"] is True
    assert 'href="/en/events/draft-talk/"' in response.content.decode()


@pytest.mark.parametrize("count", [1, 20])
def test_changelist_query_count_does_not_grow_with_events(
    client: Client, django_assert_num_queries: Any, count: int
) -> None:
    cal = factories.calendar()
    cat = factories.category()
    for i in range(count):
        factories.event(f"Event {i}", cal=cal, categories=[cat], day=date(2022, 6, 1 + i % 28))
    as_user(client, "alice")
    with django_assert_num_queries(13):
        client.get(EVENT_CHANGELIST)


def run_action(client: Client, action: str, events: list[Event]) -> Any:
    return client.post(
        EVENT_CHANGELIST,
        {"action": action, "_selected_action": [str(e.pk) for e in events]},
        follow=True,
    )


def test_duplicate_action_makes_drafts_with_new_uids(client: Client) -> None:
    cat, tag = factories.category(), factories.tag()
    original = factories.event(
        "Webinar",
        translations={"en": {"title": "Webinar"}, "zh-hans": {"title": "研讨会"}},
        categories=[cat],
        tags=[tag],
    )
    as_user(client, "alice")
    response = run_action(client, "duplicate_events", [original])

    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "1 event was duplicated as a draft."
    ]
    copy = Event.objects.exclude(pk=original.pk).get()
    assert copy.status == Event.Status.DRAFT
    assert copy.uid != original.uid
    assert copy.uid.endswith("@almanac")
    assert copy.slug == "webinar-copy"
    assert list(copy.translations.values_list("language", "title")) == [
        ("en", "Webinar"),
        ("zh-hans", "研讨会"),
    ]
    assert list(copy.categories.all()) == [cat]
    assert list(copy.tags.all()) == [tag]
    original.refresh_from_db()
    assert original.status == Event.Status.PUBLISHED


def test_publish_action_publishes_drafts_and_bumps_sequence(client: Client) -> None:
    drafts = [factories.event(f"Draft {i}", status=Event.Status.DRAFT) for i in range(2)]
    as_user(client, "alice")
    response = run_action(client, "publish_events", drafts)

    assert [str(m) for m in get_messages(response.wsgi_request)] == ["2 events were published."]
    rows = list(Event.objects.order_by("pk").values_list("status", "sequence"))
    assert rows == [("published", 1), ("published", 1)]
    assert Event.objects.filter(published_at__isnull=True).count() == 0


def test_cancel_action_marks_events_cancelled(client: Client) -> None:
    event = factories.event("Gala")
    as_user(client, "alice")
    response = run_action(client, "cancel_events", [event])

    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "1 event was marked cancelled."
    ]
    event.refresh_from_db()
    assert (event.status, event.sequence) == ("cancelled", 1)


def test_staff_without_permissions_cannot_run_actions(client: Client) -> None:
    event = factories.event("Gala", status=Event.Status.DRAFT)
    response = as_user(client, "bob").post(
        EVENT_CHANGELIST, {"action": "publish_events", "_selected_action": [str(event.pk)]}
    )

    assert response.status_code == 403
    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT


# Taxonomies.


def test_adding_a_calendar_with_zone_and_language_checkboxes(client: Client) -> None:
    as_user(client, "alice")
    data = {
        "slug": "asia",
        "timezone": "Asia/Shanghai",
        "first_weekday": "0",
        "languages": ["en", "zh-hans"],
        "colour": "#aa3300",
        **management("translations", 1),
        "translations-0-language": "zh-hans",
        "translations-0-status": "reviewed",
        "translations-0-name": "亚洲",
        "translations-0-description": "",
    }
    response = client.post(reverse("admin:events_calendar_add"), data)

    assert response.status_code == 302
    cal = Calendar.objects.get(slug="asia")
    assert (cal.timezone, cal.languages, cal.colour) == (
        "Asia/Shanghai",
        ["en", "zh-hans"],
        "#aa3300",
    )
    assert list(cal.translations.values_list("language", "name")) == [("zh-hans", "亚洲")]


def test_calendar_form_renders_language_checkboxes(client: Client) -> None:
    response = as_user(client, "alice").get(reverse("admin:events_calendar_add"))

    content = response.content.decode()
    assert 'type="checkbox" name="languages" value="en"' in content
    assert 'type="checkbox" name="languages" value="zh-hans"' in content


def test_category_without_translation_is_rejected(client: Client) -> None:
    as_user(client, "alice")
    data = {"slug": "music", "parent": "", "colour": "#112233", **management("translations", 0)}
    response = client.post(reverse("admin:events_category_add"), data)

    assert response.status_code == 200
    assert inline_non_form_errors(response) == [
        "Add at least one translation: a name or title in one language."
    ]
    assert Category.objects.count() == 0


def test_category_that_is_its_own_parent_is_rejected(client: Client) -> None:
    music = factories.category("music")
    row = music.translations.get()
    as_user(client, "alice")
    data = {
        "slug": "music",
        "parent": str(music.pk),
        "colour": "#112233",
        **management("translations", 1, initial=1),
        "translations-0-id": str(row.pk),
        "translations-0-master": str(music.pk),
        "translations-0-language": "en",
        "translations-0-status": "reviewed",
        "translations-0-name": "Music",
        "translations-0-description": "",
    }
    response = client.post(reverse("admin:events_category_change", args=[music.pk]), data)

    assert form_errors(response) == {"parent": ["A category cannot be its own ancestor."]}


def test_category_changelist_shows_parent_and_colour_swatch(client: Client) -> None:
    arts = factories.category("arts", colour="#aa0000")
    factories.category("music", parent=arts, colour="#00aa00")
    response = as_user(client, "alice").get(reverse("admin:events_category_changelist"))

    content = response.content.decode()
    assert '<td class="field-parent nowrap">Arts</td>' in content
    assert (
        '<rect width="14" height="14" fill="#00aa00" stroke="#767676"/></svg> <code>#00aa00</code>'
        in content
    )


def test_category_autocomplete_searches_translated_names(client: Client) -> None:
    factories.category("music")
    factories.category("dance")
    response = as_user(client, "alice").get(
        reverse("admin:autocomplete"),
        {"app_label": "events", "model_name": "event", "field_name": "categories", "term": "Mus"},
    )

    assert response.json()["results"] == [
        {"id": str(Category.objects.get(slug="music").pk), "text": "Music"}
    ]


def test_description_that_grows_past_the_limit_when_sanitised_is_a_form_error(
    client: Client,
) -> None:
    """Cleaning adds rel="..." to links; the length check must see the cleaned text."""
    link = '<a href="https://example.org/">x</a>'
    raw = link * (100_000 // len(link))
    assert len(raw) <= 100_000
    data = event_post(factories.calendar("limits"), [{"title": "Long", "description": raw}])
    response = as_user(client, "alice").post(EVENT_ADD, data)
    assert response.status_code == 200
    assert "Ensure this value has at most 100000 characters" in response.content.decode()
    assert Event.objects.count() == 0
