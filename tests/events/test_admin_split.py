"""The editor's "this and following" page: split a repeating event in two (services.split_series)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from almanac.events.models import Event
from tests import factories
from tests.events.test_admin import as_user

pytestmark = pytest.mark.django_db

TUESDAY = date(2023, 6, 6)  # a Tuesday
LINK_TEXT = "Change this and following…"
NOT_AN_OCCURRENCE = "The event has no occurrence at that date and time."


def split_url(event: Event) -> str:
    return reverse("admin:events_event_split", args=[event.pk])


def change_url(event: Event) -> str:
    return reverse("admin:events_event_change", args=[event.pk])


def weekly_six(day: date = TUESDAY, **fields: Any) -> Event:
    """09:00–11:00 Brussels, weekly from ``day``, six times."""
    fields.setdefault("rrule", "FREQ=WEEKLY;COUNT=6")
    return factories.event("Seminar", day=day, **fields)


def brussels_today() -> date:
    return timezone.localtime(timezone.now(), ZoneInfo("Europe/Brussels")).date()


def label(day: date) -> str:
    """How the page names a 09:00 date in English: "09:00 on June 27, 2023"."""
    return f"09:00 on {day:%B} {day.day}, {day.year}"


def messages_of(response: Any) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def form_of(response: Any) -> Any:
    return response.context["adminform"].form


def history() -> list[tuple[str, int, str]]:
    return [
        (entry.object_id, entry.action_flag, entry.get_change_message())
        for entry in LogEntry.objects.order_by("pk")
    ]


def assert_untouched(event: Event) -> None:
    """Nothing written: the one event as it was, no new event, no history."""
    stored = Event.objects.get()
    assert (stored.pk, stored.rrule, stored.sequence) == (event.pk, event.rrule, event.sequence)
    assert LogEntry.objects.count() == 0


# Splitting.


def test_alice_splits_a_weekly_series_at_its_fourth_date(client: Client) -> None:
    event = weekly_six()  # June 6, 13, 20, 27, July 4, 11
    as_user(client, "alice")
    response = client.post(split_url(event), {"other_date": "2023-06-27", "other_time": "09:00"})

    new = Event.objects.exclude(pk=event.pk).get()
    assert response.status_code == 302
    assert response["Location"] == change_url(new)
    event.refresh_from_db()
    assert (event.rrule, event.start_date, event.sequence) == ("FREQ=WEEKLY;COUNT=3", TUESDAY, 1)
    assert event.series_end_utc == datetime(2023, 6, 20, 9, 0, tzinfo=UTC)  # 11:00 CEST
    assert new.rrule == "FREQ=WEEKLY;COUNT=3"
    assert (new.start_date, new.start_time, new.end_date, new.end_time) == (
        date(2023, 6, 27),
        time(9, 0),
        date(2023, 6, 27),
        time(11, 0),
    )
    assert new.start_utc == datetime(2023, 6, 27, 7, 0, tzinfo=UTC)
    assert new.series_end_utc == datetime(2023, 7, 11, 9, 0, tzinfo=UTC)
    assert (new.status, new.timezone, new.slug) == (
        Event.Status.PUBLISHED,
        "Europe/Brussels",
        f"{event.slug}-2023-06-27",
    )
    assert new.uid != event.uid
    assert list(new.translations.values_list("language", "title")) == [("en", "Seminar")]
    assert messages_of(response) == [
        (
            "success",
            "The series now ends before 09:00 on June 27, 2023; the following dates are "
            "a new event you can edit.",
        )
    ]
    assert history() == [
        (str(event.pk), CHANGE, "Changed repeat rule."),
        (str(new.pk), ADDITION, "Added."),
    ]


def test_the_new_event_change_page_shows_the_message(client: Client) -> None:
    event = weekly_six()
    as_user(client, "alice")
    response = client.post(
        split_url(event), {"other_date": "2023-06-27", "other_time": "09:00"}, follow=True
    )

    new = Event.objects.exclude(pk=event.pk).get()
    assert response.redirect_chain == [(change_url(new), 302)]
    assert response.context["original"] == new
    assert "the following dates are a new event you can edit." in response.content.decode()


def test_splitting_from_the_list_of_coming_dates(client: Client) -> None:
    first = brussels_today() + timedelta(days=7)
    event = weekly_six(day=first)
    fourth = datetime.combine(first + timedelta(weeks=3), time(9, 0))
    as_user(client, "alice")
    response = client.post(split_url(event), {"occurrence": fourth.isoformat()})

    new = Event.objects.exclude(pk=event.pk).get()
    assert response["Location"] == change_url(new)
    event.refresh_from_db()
    assert (event.rrule, new.rrule) == ("FREQ=WEEKLY;COUNT=3", "FREQ=WEEKLY;COUNT=3")
    assert (new.start_date, new.start_time) == (fourth.date(), time(9, 0))
    assert messages_of(response) == [
        (
            "success",
            f"The series now ends before {label(fourth.date())}; the following dates are "
            "a new event you can edit.",
        )
    ]


def test_an_all_day_series_is_split_at_a_date_alone(client: Client) -> None:
    event = weekly_six(start=None, end=None)
    as_user(client, "alice")
    page = client.get(split_url(event))
    response = client.post(split_url(event), {"other_date": "2023-06-27"})

    assert list(form_of(page).fields) == ["other_date"]  # past series, no time to give
    new = Event.objects.exclude(pk=event.pk).get()
    assert response["Location"] == change_url(new)
    assert (new.rrule, new.start_date, new.start_time, new.all_day) == (
        "FREQ=WEEKLY;COUNT=3",
        date(2023, 6, 27),
        None,
        True,
    )
    assert messages_of(response) == [
        (
            "success",
            "The series now ends before June 27, 2023; the following dates are "
            "a new event you can edit.",
        )
    ]


# The page.


def test_the_page_offers_the_coming_dates_after_the_first(client: Client) -> None:
    first = brussels_today() + timedelta(days=7)
    event = weekly_six(day=first)
    response = as_user(client, "alice").get(split_url(event))

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "admin/events/event/split_series.html"
    form = form_of(response)
    assert list(form.fields) == ["occurrence", "other_date", "other_time"]
    later = [first + timedelta(weeks=n) for n in range(1, 6)]
    assert form.fields["occurrence"].choices == [
        ("", "---------"),
        *((f"{day.isoformat()}T09:00:00", label(day)) for day in later),
    ]
    assert form.fields["occurrence"].help_text == "Times in Europe/Brussels, the event's time zone."
    content = response.content.decode()
    assert "<title>Seminar | Change this and following dates | " in content
    assert f'&rsaquo; <a href="{change_url(event)}">Seminar</a>' in content
    assert 'value="Split the series"' in content


def test_the_list_holds_at_most_24_dates_from_today_on(client: Client) -> None:
    today = brussels_today()
    event = factories.event(
        "Weekly", day=today - timedelta(weeks=3), rrule="FREQ=WEEKLY", slug="weekly"
    )
    response = as_user(client, "alice").get(split_url(event))

    choices = form_of(response).fields["occurrence"].choices
    assert [value for value, _label in choices] == [
        "",
        *(f"{(today + timedelta(weeks=n)).isoformat()}T09:00:00" for n in range(24)),
    ]


def test_a_series_with_nothing_to_come_offers_only_the_typed_date(client: Client) -> None:
    event = weekly_six()
    response = as_user(client, "alice").get(split_url(event))

    assert list(form_of(response).fields) == ["other_date", "other_time"]


# Mistakes are form errors, and nothing is written.


def test_a_date_that_is_not_an_occurrence_is_the_services_error(client: Client) -> None:
    event = weekly_six()
    as_user(client, "alice")
    response = client.post(split_url(event), {"other_date": "2023-06-28", "other_time": "09:00"})

    assert response.status_code == 200
    assert dict(form_of(response).errors) == {"other_date": [NOT_AN_OCCURRENCE]}
    assert NOT_AN_OCCURRENCE in response.content.decode()
    assert messages_of(response) == []
    assert_untouched(event)


def test_the_first_date_cannot_be_split_at(client: Client) -> None:
    event = weekly_six()
    as_user(client, "alice")
    response = client.post(split_url(event), {"other_date": "2023-06-06", "other_time": "09:00"})

    assert response.status_code == 200
    assert dict(form_of(response).errors) == {
        "other_date": ["Pick a later occurrence of a repeating event to split at."]
    }
    assert_untouched(event)


def test_a_stale_choice_from_the_list_is_a_form_error(client: Client) -> None:
    event = weekly_six(day=brussels_today() + timedelta(days=7))
    as_user(client, "alice")
    response = client.post(split_url(event), {"occurrence": "2023-06-27T09:00:00"})

    assert dict(form_of(response).errors) == {
        "occurrence": [
            "Select a valid choice. 2023-06-27T09:00:00 is not one of the available choices."
        ]
    }
    assert_untouched(event)


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({}, {"__all__": ["Pick the first date to change."]}),
        ({"other_time": "09:00"}, {"__all__": ["Pick the first date to change."]}),
        (
            {"other_date": "2023-06-27"},
            {"other_time": ["Give the time the occurrence was to start at."]},
        ),
        (
            {"other_date": "2023-06-27", "other_time": "9 o'clock"},
            {"other_time": ["Enter a valid time."]},
        ),
    ],
    ids=["nothing", "time-only", "no-time", "bad-time"],
)
def test_an_incomplete_date_is_a_form_error(
    client: Client, data: dict[str, str], errors: dict[str, list[str]]
) -> None:
    event = weekly_six()
    response = as_user(client, "alice").post(split_url(event), data)

    assert response.status_code == 200
    assert dict(form_of(response).errors) == errors
    assert_untouched(event)


def test_a_listed_and_a_typed_date_together_are_a_form_error(client: Client) -> None:
    first = brussels_today() + timedelta(days=7)
    event = weekly_six(day=first)
    fourth = datetime.combine(first + timedelta(weeks=3), time(9, 0))
    response = as_user(client, "alice").post(
        split_url(event),
        {"occurrence": fourth.isoformat(), "other_date": fourth.date().isoformat()},
    )

    assert dict(form_of(response).errors) == {
        "__all__": ["Pick a date from the list or type one, not both."]
    }
    assert "Pick a date from the list or type one, not both." in response.content.decode()
    assert_untouched(event)


# Who may split what.


@pytest.mark.parametrize("method", ["get", "post"])
def test_bob_without_change_permission_is_forbidden(client: Client, method: str) -> None:
    event = weekly_six()
    as_user(client, "bob")
    data = {"other_date": "2023-06-27", "other_time": "09:00"} if method == "post" else {}
    response = getattr(client, method)(split_url(event), data)

    assert response.status_code == 403
    assert_untouched(event)


@pytest.mark.parametrize("method", ["get", "post"])
def test_charlie_who_is_not_staff_is_sent_to_log_in(client: Client, method: str) -> None:
    event = weekly_six()
    as_user(client, "charlie")
    url = split_url(event)
    data = {"other_date": "2023-06-27", "other_time": "09:00"} if method == "post" else {}
    response = getattr(client, method)(url, data)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"
    assert_untouched(event)


def test_a_post_without_the_csrf_token_is_refused() -> None:
    event = weekly_six()
    client = as_user(Client(enforce_csrf_checks=True), "alice")
    response = client.post(split_url(event), {"other_date": "2023-06-27", "other_time": "09:00"})

    assert response.status_code == 403
    assert_untouched(event)


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_single_event_cannot_be_split(client: Client, method: str) -> None:
    event = factories.event("Talk")
    as_user(client, "alice")
    data = {"other_date": "2022-06-09", "other_time": "09:00"} if method == "post" else {}
    response = getattr(client, method)(split_url(event), data)

    assert response.status_code == 404
    assert_untouched(event)


def test_an_event_with_extra_dates_but_no_rule_cannot_be_split(client: Client) -> None:
    event = factories.event("Talk", rdates=["2022-06-09T09:00"])
    response = as_user(client, "alice").get(split_url(event))

    assert response.status_code == 404


def test_an_unknown_event_is_not_found(client: Client) -> None:
    response = as_user(client, "alice").get(reverse("admin:events_event_split", args=[999999]))

    assert response.status_code == 404


# The link on the change page.


def test_the_change_page_of_a_repeating_event_links_to_the_split_page(client: Client) -> None:
    event = weekly_six()
    response = as_user(client, "alice").get(change_url(event))

    assert response.context["split_series_url"] == f"/admin/events/event/{event.pk}/split/"
    assert f'<li><a href="{split_url(event)}">{LINK_TEXT}</a></li>' in response.content.decode()


def test_the_change_page_of_a_single_event_has_no_link(client: Client) -> None:
    event = factories.event("Talk")
    response = as_user(client, "alice").get(change_url(event))

    assert response.status_code == 200
    assert "split_series_url" not in response.context
    content = response.content.decode()
    assert LINK_TEXT not in content
    assert "/split/" not in content
