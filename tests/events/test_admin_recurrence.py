"""The editor for repeating events and zones: the repeat builder, raw rules, extra and
skipped dates, changed occurrences, audience zones and daylight-saving warnings."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.forms import CheckboxInput
from django.test import Client
from django.urls import reverse

from almanac.events.models import Calendar, Event, EventTranslation, OccurrenceChange
from almanac.events.occurrences import occurrences_in
from almanac.events.timezones import get_zone
from tests import factories
from tests.events.test_admin import EVENT_ADD, EVENT_CHANGELIST, as_user, event_post, form_errors

pytestmark = pytest.mark.django_db

TUESDAY = date(2023, 6, 6)  # 2023-06-06 is a Tuesday; the 8th a Thursday


def change_url(event: Event) -> str:
    return reverse("admin:events_event_change", args=[event.pk])


def repeating_post(cal: Calendar, **fields: Any) -> dict[str, Any]:
    """An add-form post for a 09:00–11:00 Brussels event on Tuesday 2023-06-06."""
    base = {
        "start_date": TUESDAY.isoformat(),
        "end_date": TUESDAY.isoformat(),
        "repeat_interval": "1",
        "repeat_monthly": "day",
        "repeat_end": "never",
    }
    return event_post(cal, [{"title": "Seminar"}], **{**base, **fields})


def browser_post(response: Any) -> dict[str, Any]:
    """What a browser posts back for the change form as rendered, nothing edited.

    Built from the rendered forms' own values, so a test then changes only what an
    editor would, and an untouched builder is really untouched.
    """
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data: dict[str, Any] = {"_save": "Save"}
    for form in forms:
        for field in form:
            widget, value = field.field.widget, field.value()
            widget = getattr(widget, "widget", widget)  # the admin's related-field wrapper
            if isinstance(widget, CheckboxInput):
                if value:
                    data[field.html_name] = "on"
                continue
            formatted = widget.format_value(value)
            if getattr(widget, "allow_multiple_selected", False):
                data[field.html_name] = formatted
            elif isinstance(formatted, list):
                data[field.html_name] = formatted[0] if formatted else ""
            else:
                data[field.html_name] = "" if formatted is None else formatted
    return data


def messages_of(response: Any) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def weekly_series(**fields: Any) -> Event:
    """Every Tuesday and Thursday 09:00–11:00 Brussels from 2023-06-06, four times."""
    fields.setdefault("rrule", "FREQ=WEEKLY;COUNT=4;BYDAY=TU,TH")
    return factories.event("Seminar", day=TUESDAY, **fields)


def changes_formset(response: Any) -> Any:
    return response.context["inline_admin_formsets"][1].formset


# Permissions: alice (superuser), bob (staff, no permissions), charlie (not staff).


@pytest.mark.parametrize(("user", "expected"), [("alice", 302), ("bob", 403), ("charlie", 302)])
def test_only_permitted_users_save_a_repeating_event(
    client: Client, user: str, expected: int
) -> None:
    cal = factories.calendar()
    response = as_user(client, user).post(
        EVENT_ADD, repeating_post(cal, repeat="weekly", repeat_weekdays=["TU"])
    )

    assert response.status_code == expected
    stored = list(Event.objects.values_list("rrule", flat=True))
    assert stored == (["FREQ=WEEKLY;BYDAY=TU"] if user == "alice" else [])
    if user == "charlie":
        assert response["Location"].startswith(reverse("admin:login"))


# The builder.


def test_weekly_builder_stores_the_canonical_rule_and_shows_it_in_words(client: Client) -> None:
    cal = factories.calendar()
    as_user(client, "alice")
    data = repeating_post(
        cal,
        repeat="weekly",
        repeat_interval="2",
        repeat_weekdays=["TH", "TU"],
        repeat_end="until",
        repeat_until="2023-06-30",
    )
    response = client.post(EVENT_ADD, data)

    assert response.status_code == 302
    event = Event.objects.get()
    assert event.rrule == "FREQ=WEEKLY;INTERVAL=2;UNTIL=20230630;BYDAY=TU,TH"
    # Jun 6, 8, 20 and 22; the last ends at 11:00 CEST, 09:00 UTC.
    assert event.series_end_utc == datetime(2023, 6, 22, 9, 0, tzinfo=UTC)

    page = client.get(change_url(event))
    content = page.content.decode()
    summary = "Every 2 weeks on Tuesday and Thursday, until June 30, 2023"
    assert f'<div class="readonly">{summary}</div>' in content
    initial = page.context["adminform"].form.initial
    assert {k: v for k, v in initial.items() if k.startswith("repeat")} == {
        "repeat": "weekly",
        "repeat_interval": 2,
        "repeat_weekdays": ["TU", "TH"],
        "repeat_end": "until",
        "repeat_until": date(2023, 6, 30),
    }
    listing = client.get(EVENT_CHANGELIST).content.decode()
    assert f'<td class="field-repeats_column">{summary}</td>' in listing


def test_monthly_builder_on_the_last_friday(client: Client) -> None:
    cal = factories.calendar()
    as_user(client, "alice")
    data = repeating_post(
        cal,
        start_date="2026-01-30",  # the last Friday of January 2026
        end_date="2026-01-30",
        repeat="monthly",
        repeat_monthly="weekday",
        repeat_ordinal="-1",
        repeat_weekday="FR",
        repeat_end="count",
        repeat_count="6",
    )
    response = client.post(EVENT_ADD, data)

    assert response.status_code == 302
    event = Event.objects.get()
    assert event.rrule == "FREQ=MONTHLY;COUNT=6;BYDAY=-1FR"
    # Jan 30, Feb 27, Mar 27, Apr 24, May 29, Jun 26: 11:00 CEST is 09:00 UTC.
    assert event.series_end_utc == datetime(2026, 6, 26, 9, 0, tzinfo=UTC)
    page = client.get(change_url(event))
    assert '<div class="readonly">Every month on the last Friday, 6 times</div>' in (
        page.content.decode()
    )
    initial = page.context["adminform"].form.initial
    assert (initial["repeat_monthly"], initial["repeat_ordinal"], initial["repeat_weekday"]) == (
        "weekday",
        "-1",
        "FR",
    )


def test_untouched_builder_keeps_an_imported_rule_and_sequence(client: Client) -> None:
    """FREQ=WEEKLY means the start's weekday; saving it unedited must not rewrite it."""
    event = weekly_series(rrule="FREQ=WEEKLY")
    as_user(client, "alice")
    page = client.get(change_url(event))
    assert page.context["adminform"].form.initial["repeat_weekdays"] == ["TU"]

    response = client.post(change_url(event), browser_post(page))

    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.rrule, event.sequence) == ("FREQ=WEEKLY", 0)


def test_editing_the_builder_rebuilds_the_rule_and_bumps_sequence(client: Client) -> None:
    event = weekly_series(rrule="FREQ=WEEKLY")
    as_user(client, "alice")
    data = browser_post(client.get(change_url(event)))
    data.update(repeat_interval="3", repeat_end="count", repeat_count="5")

    response = client.post(change_url(event), data)

    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.rrule, event.sequence) == ("FREQ=WEEKLY;INTERVAL=3;COUNT=5;BYDAY=TU", 1)


def test_choosing_no_repeat_clears_the_rule(client: Client) -> None:
    event = weekly_series()
    as_user(client, "alice")
    data = browser_post(client.get(change_url(event)))
    data["repeat"] = "none"

    assert client.post(change_url(event), data).status_code == 302
    event.refresh_from_db()
    assert (event.rrule, event.series_end_utc) == ("", event.end_utc)


# Bad rules: the message of recurrence/services, on the field it is about; nothing written.


BAD_RULES = [
    pytest.param(
        {"repeat": "weekly", "repeat_end": "until", "repeat_until": "2023-06-01"},
        {"repeat_until": ["The repeat ends before the event starts."]},
        id="until-before-start",
    ),
    pytest.param(
        {"repeat": "weekly", "repeat_end": "count", "repeat_count": "0"},
        {"repeat_count": ["COUNT must be at least 1."]},
        id="count-zero",
    ),
    pytest.param(
        {"repeat": "daily", "repeat_end": "count", "repeat_count": "10001"},
        {"repeat_count": ["COUNT can be at most 10000."]},
        id="count-too-large",
    ),
    pytest.param(
        {"repeat": "weekly", "repeat_end": "until", "repeat_until": ""},
        {"repeat_until": ["Enter the date the repeat ends on."]},
        id="until-missing",
    ),
    pytest.param(
        {"repeat": "weekly", "repeat_interval": "0"},
        {"repeat_interval": ["Ensure this value is greater than or equal to 1."]},
        id="interval-zero",
    ),
    pytest.param(
        {"repeat": "custom", "rrule": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"},
        {"rrule": ["This rule never happens: February has no day 30."]},
        id="february-30",
    ),
    pytest.param(
        {"rrule": "FREQ=HOURLY"},
        {"rrule": ["Only daily, weekly, monthly and yearly repeats are supported."]},
        id="typed-hourly",
    ),
    pytest.param(
        {"rrule": "FREQ=WEEKLY;BYHOUR=9"},
        {
            "rrule": [
                "BYHOUR is not supported; use FREQ, INTERVAL, COUNT, UNTIL, BYDAY, "
                "BYMONTHDAY, BYMONTH, BYSETPOS or WKST."
            ]
        },
        id="typed-byhour",
    ),
    pytest.param(
        {"rrule": "FREQ=WEEKLY;UNTIL=20230601"},
        {"rrule": ["The repeat ends before the event starts."]},
        id="typed-until-before-start",
    ),
    pytest.param(
        {"repeat": "custom", "rrule": ""},
        {"rrule": ["Type the rule here, or pick how the event repeats above."]},
        id="custom-without-rule",
    ),
    pytest.param(
        {
            "repeat": "weekly",
            "repeat_weekdays": ["TU", "TH"],
            "start_date": "2023-06-07",
            "end_date": "2023-06-07",
        },
        {
            "start_date": [
                "The first date must be one of the repeating dates: Wednesday, June 7, 2023 "
                "does not fit “Every week on Tuesday and Thursday”. The next date that fits "
                "is Thursday, June 8, 2023."
            ]
        },
        id="start-not-a-repeating-date",
    ),
]


@pytest.mark.parametrize(("fields", "errors"), BAD_RULES)
def test_bad_rule_is_a_form_error_and_nothing_is_saved(
    client: Client, fields: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    cal = factories.calendar()
    response = as_user(client, "alice").post(EVENT_ADD, repeating_post(cal, **fields))

    assert response.status_code == 200
    assert form_errors(response) == errors
    assert Event.objects.count() == 0
    assert EventTranslation.objects.count() == 0


def test_bad_rule_on_an_existing_event_leaves_it_as_it_was(client: Client) -> None:
    event = weekly_series()
    as_user(client, "alice")
    data = browser_post(client.get(change_url(event)))
    data.update(repeat_end="count", repeat_count="0")

    response = client.post(change_url(event), data)

    assert form_errors(response) == {"repeat_count": ["COUNT must be at least 1."]}
    event.refresh_from_db()
    assert (event.rrule, event.sequence) == ("FREQ=WEEKLY;COUNT=4;BYDAY=TU,TH", 0)


# The raw, advanced rule.


def test_typed_rule_is_stored_and_shown_as_custom(client: Client) -> None:
    cal = factories.calendar()
    as_user(client, "alice")
    data = repeating_post(
        cal,
        start_date="2023-06-30",  # the last weekday of June 2023, a Friday
        end_date="2023-06-30",
        rrule="rrule:freq=monthly;byday=mo,tu,we,th,fr;bysetpos=-1",
    )
    response = client.post(EVENT_ADD, data)

    assert response.status_code == 302
    event = Event.objects.get()
    assert event.rrule == "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"
    page = client.get(change_url(event))
    form = page.context["adminform"].form
    assert (form.initial["repeat"], form.initial["rrule"]) == ("custom", event.rrule)
    content = page.content.decode()
    assert '<div class="readonly">Every month (custom rule)</div>' in content
    # The advanced part, which holds the rule, is open rather than collapsed.
    model_admin = page.context["adminform"].model_admin
    fieldsets = dict(model_admin.get_fieldsets(page.wsgi_request, event))
    assert fieldsets["Extra and skipped dates, advanced rule"]["classes"] == []

    # Saved again untouched, the custom rule stays as it is.
    assert client.post(change_url(event), browser_post(page)).status_code == 302
    event.refresh_from_db()
    assert (event.rrule, event.sequence) == ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", 0)


def test_changed_typed_rule_wins_over_the_builder(client: Client) -> None:
    event = weekly_series()
    as_user(client, "alice")
    data = browser_post(client.get(change_url(event)))
    assert data["repeat"] == "weekly"
    data["rrule"] = "FREQ=DAILY;COUNT=3"

    assert client.post(change_url(event), data).status_code == 302
    event.refresh_from_db()
    assert event.rrule == "FREQ=DAILY;COUNT=3"
    assert event.series_end_utc == datetime(2023, 6, 8, 9, 0, tzinfo=UTC)


# Extra and skipped dates.


def test_extra_and_skipped_dates_are_stored_as_sorted_lists(client: Client) -> None:
    event = weekly_series()
    as_user(client, "alice")
    data = browser_post(client.get(change_url(event)))
    data["rdates"] = "2023-06-24T09:00\r\n\r\n2023-06-10 09:00\r\n"
    data["exdates"] = "2023-06-08T09:00"

    response = client.post(change_url(event), data)

    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.rdates, event.exdates) == (
        ["2023-06-10T09:00", "2023-06-24T09:00"],
        ["2023-06-08T09:00"],
    )
    # The series now ends with the extra date on the 24th, 11:00 CEST.
    assert event.series_end_utc == datetime(2023, 6, 24, 9, 0, tzinfo=UTC)
    page = client.get(change_url(event))
    assert "2023-06-10T09:00\n2023-06-24T09:00</textarea>" in page.content.decode()
    assert '<div class="readonly">Every week on Tuesday and Thursday, 4 times; ' in (
        page.content.decode()
    )
    assert "4 times; 2 extra dates; 1 skipped date</div>" in page.content.decode()


def test_bad_date_lines_are_reported_by_line_number(client: Client) -> None:
    event = weekly_series()
    as_user(client, "alice")
    data = browser_post(client.get(change_url(event)))
    data["rdates"] = "2023-06-10T09:00\n\nnext Friday\n2023-06-11\n2023-02-30T09:00"
    data["exdates"] = "2023-06-08T09:00\n2023-06-07T09:00"

    response = client.post(change_url(event), data)

    assert form_errors(response) == {
        "rdates": [
            "Line 3: “next Friday” is not a date and time like 2026-06-02T09:00.",
            "Line 4: give the time too, like 2026-06-02T09:00.",
            "Line 5: “2023-02-30T09:00” is not a date and time like 2026-06-02T09:00.",
        ],
    }
    data["rdates"] = ""
    response = client.post(change_url(event), data)
    assert form_errors(response) == {
        "exdates": [
            "Line 2: 2023-06-07 09:00 is not one of the event's dates, so there is nothing to skip."
        ],
    }
    event.refresh_from_db()
    assert (event.rdates, event.exdates, event.sequence) == ([], [], 0)


def test_all_day_series_takes_dates_only(client: Client) -> None:
    cal = factories.calendar()
    as_user(client, "alice")
    data = repeating_post(
        cal,
        all_day="on",
        start_time="",
        end_time="",
        repeat="weekly",
        rdates="2023-06-10\n2023-06-11T09:00",
    )

    response = client.post(EVENT_ADD, data)

    assert form_errors(response) == {
        "rdates": ["Line 2: an all-day event takes a date only, like 2026-06-02."]
    }
    data["rdates"] = "2023-06-10"
    assert client.post(EVENT_ADD, data).status_code == 302
    assert Event.objects.get().rdates == ["2023-06-10T00:00"]


# Daylight-saving gaps: saved, one hour later, and said so.


def test_start_in_the_spring_forward_gap_is_saved_with_a_warning(client: Client) -> None:
    cal = factories.calendar()
    as_user(client, "alice")
    data = event_post(
        cal,
        [{"title": "Night walk"}],
        start_date="2026-03-29",
        start_time="02:30",
        end_date="2026-03-29",
        end_time="04:00",
    )
    response = client.post(EVENT_ADD, data, follow=True)

    event = Event.objects.get()
    # 02:30 does not exist; it resolves to 03:30 CEST, i.e. 01:30 UTC.
    assert event.start_utc == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert event.start_time == time(2, 30)  # what the editor typed is what is stored
    assert [m for m in messages_of(response) if m[0] == "warning"] == [
        (
            "warning",
            "02:30 does not exist on March 29, 2026 in Europe/Brussels (clocks go forward); "
            "the event starts at 03:30.",
        )
    ]


def test_end_in_the_gap_is_warned_about_too_and_normal_times_are_not(client: Client) -> None:
    cal = factories.calendar()
    as_user(client, "alice")
    gap = event_post(
        cal,
        [{"title": "Late"}],
        start_date="2026-03-29",
        start_time="01:00",
        end_date="2026-03-29",
        end_time="02:15",
    )
    response = client.post(EVENT_ADD, gap, follow=True)
    assert [m for m in messages_of(response) if m[0] == "warning"] == [
        (
            "warning",
            "02:15 does not exist on March 29, 2026 in Europe/Brussels (clocks go forward); "
            "the event ends at 03:15.",
        )
    ]

    fine = event_post(
        cal,
        [{"title": "Early"}],
        start_date="2026-03-29",
        start_time="08:00",
        end_date="2026-03-29",
        end_time="09:00",
    )
    response = client.post(EVENT_ADD, fine, follow=True)
    assert [level for level, _text in messages_of(response)] == ["success"]


# Audience zones, on events and calendars.


def test_event_audience_zones_are_picked_from_the_zone_list(client: Client) -> None:
    cal = factories.calendar()
    as_user(client, "alice")
    data = event_post(
        cal, [{"title": "China webinar"}], audience_zones=["Asia/Shanghai", "America/New_York"]
    )

    assert client.post(EVENT_ADD, data).status_code == 302
    event = Event.objects.get()
    assert event.audience_zones == ["Asia/Shanghai", "America/New_York"]
    content = client.get(change_url(event)).content.decode()
    assert '<select name="audience_zones" size="8"' in content
    assert '<option value="Asia/Shanghai" selected>Shanghai</option>' in content


def test_more_than_ten_audience_zones_is_a_form_error(client: Client) -> None:
    cal = factories.calendar()
    as_user(client, "alice")
    zones = [
        f"Europe/{city}"
        for city in (
            "Amsterdam",
            "Athens",
            "Berlin",
            "Brussels",
            "Dublin",
            "Lisbon",
            "London",
            "Madrid",
            "Paris",
            "Rome",
            "Vienna",
        )
    ]
    response = client.post(EVENT_ADD, event_post(cal, [{"title": "Tour"}], audience_zones=zones))

    assert form_errors(response) == {"audience_zones": ["Name at most 10 audience time zones."]}
    assert Event.objects.count() == 0


def test_calendar_audience_zones_are_saved_as_a_list(client: Client) -> None:
    cal = factories.calendar("asia")
    as_user(client, "alice")
    row = cal.translations.get()
    data = {
        "slug": "asia",
        "timezone": "Europe/Brussels",
        "first_weekday": "0",
        "languages": ["en"],
        "colour": "#aa3300",
        "audience_zones": ["Asia/Shanghai", "Asia/Tokyo"],
        "translations-TOTAL_FORMS": "1",
        "translations-INITIAL_FORMS": "1",
        "translations-MIN_NUM_FORMS": "0",
        "translations-MAX_NUM_FORMS": "1000",
        "translations-0-id": str(row.pk),
        "translations-0-master": str(cal.pk),
        "translations-0-language": "en",
        "translations-0-status": "reviewed",
        "translations-0-name": "Asia",
        "translations-0-description": "",
    }
    response = client.post(reverse("admin:events_calendar_change", args=[cal.pk]), data)

    assert response.status_code == 302
    cal.refresh_from_db()
    assert cal.audience_zones == ["Asia/Shanghai", "Asia/Tokyo"]


# Changed occurrences, through services.change_occurrence.


def test_changed_occurrences_inline_is_only_on_repeating_events(client: Client) -> None:
    as_user(client, "alice")
    single = client.get(change_url(factories.event("Once")))
    series = client.get(change_url(weekly_series()))

    assert [f.formset.prefix for f in single.context["inline_admin_formsets"]] == ["translations"]
    assert [f.formset.prefix for f in series.context["inline_admin_formsets"]] == [
        "translations",
        "changes",
    ]
    assert list(changes_formset(series).forms[0].fields)[:9] == [
        "original_date",
        "original_time",
        "cancelled",
        "start_date",
        "start_time",
        "end_date",
        "end_time",
        "title_en",
        "title_zh_hans",
    ]


def test_cancelling_one_occurrence_in_the_inline(client: Client) -> None:
    event = weekly_series()
    as_user(client, "alice")
    data = browser_post(client.get(change_url(event)))
    data.update(
        {
            "changes-0-original_date": "2023-06-08",
            "changes-0-original_time": "09:00",
            "changes-0-cancelled": "on",
        }
    )

    response = client.post(change_url(event), data)

    assert response.status_code == 302
    change = OccurrenceChange.objects.get()
    assert (change.event, change.original_start, change.cancelled, change.is_moved) == (
        event,
        datetime(2023, 6, 8, 9, 0),
        True,
        False,
    )
    assert (change.start_utc, change.titles) == (datetime(2023, 6, 8, 7, 0, tzinfo=UTC), {})
    window = occurrences_in(
        Event.objects.prefetch_related("changes").get(),
        datetime(2023, 6, 1, tzinfo=UTC),
        datetime(2023, 7, 1, tzinfo=UTC),
        get_zone("Europe/Brussels"),
    )
    assert [(o.start.date().isoformat(), o.is_cancelled) for o in window] == [
        ("2023-06-06", False),
        ("2023-06-08", True),
        ("2023-06-13", False),
        ("2023-06-15", False),
    ]


def test_moving_and_retitling_one_occurrence_in_the_inline(client: Client) -> None:
    event = weekly_series()
    as_user(client, "alice")
    data = browser_post(client.get(change_url(event)))
    data.update(
        {
            "changes-0-original_date": "2023-06-15",
            "changes-0-original_time": "09:00",
            "changes-0-start_date": "2023-06-16",
            "changes-0-start_time": "18:00",
            "changes-0-title_en": "  Seminar (evening)  ",
        }
    )

    response = client.post(change_url(event), data)

    assert response.status_code == 302
    change = OccurrenceChange.objects.get()
    # No new end: the series' two hours are kept.
    assert (change.new_start, change.new_end, change.cancelled) == (
        datetime(2023, 6, 16, 18, 0),
        datetime(2023, 6, 16, 20, 0),
        False,
    )
    assert (change.start_utc, change.end_utc) == (
        datetime(2023, 6, 16, 16, 0, tzinfo=UTC),
        datetime(2023, 6, 16, 18, 0, tzinfo=UTC),
    )
    assert change.titles == {"en": "Seminar (evening)"}
    event.refresh_from_db()
    # The moved occurrence is now the series' last: its end is the series' end.
    assert event.series_end_utc == datetime(2023, 6, 16, 18, 0, tzinfo=UTC)

    page = client.get(change_url(event))
    form = changes_formset(page).forms[0]
    assert (form["title_en"].value(), form["title_zh_hans"].value()) == ("Seminar (evening)", "")

    # Deleting the row restores the occurrence and the series' end.
    data = browser_post(page)
    data["changes-0-DELETE"] = "on"
    assert client.post(change_url(event), data).status_code == 302
    assert OccurrenceChange.objects.count() == 0
    event.refresh_from_db()
    assert event.series_end_utc == datetime(2023, 6, 15, 9, 0, tzinfo=UTC)


def test_moving_an_occurrence_into_the_gap_warns(client: Client) -> None:
    event = factories.event(
        "Night",
        day=date(2026, 3, 22),
        start=time(1, 0),
        end=time(2, 0),
        rrule="FREQ=WEEKLY;COUNT=3",
    )
    as_user(client, "alice")
    data = browser_post(client.get(change_url(event)))
    data.update(
        {
            "changes-0-original_date": "2026-03-29",
            "changes-0-original_time": "01:00",
            "changes-0-start_time": "02:30",
        }
    )

    response = client.post(change_url(event), data, follow=True)

    assert OccurrenceChange.objects.get().start_utc == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert [m for m in messages_of(response) if m[0] == "warning"] == [
        (
            "warning",
            "02:30 does not exist on March 29, 2026 in Europe/Brussels (clocks go forward); "
            "the moved occurrence starts at 03:30.",
        ),
    ]


@pytest.mark.parametrize(
    ("row", "errors"),
    [
        pytest.param(
            {"original_date": "2023-06-07", "original_time": "09:00", "cancelled": "on"},
            {"original_date": ["The event has no occurrence at that date and time."]},
            id="not-an-occurrence",
        ),
        pytest.param(
            {"original_date": "2023-06-08", "original_time": "10:00", "cancelled": "on"},
            {"original_date": ["The event has no occurrence at that date and time."]},
            id="wrong-time",
        ),
        pytest.param(
            {"original_date": "2023-06-08", "cancelled": "on"},
            {"original_time": ["Give the time the occurrence was to start at."]},
            id="no-original-time",
        ),
        pytest.param(
            {
                "original_date": "2023-06-08",
                "original_time": "09:00",
                "start_date": "2023-06-09",
                "start_time": "10:00",
                "end_time": "09:00",
            },
            {"end_date": ["The event ends before it starts."]},
            id="ends-before-it-starts",
        ),
        pytest.param(
            {"original_date": "2023-06-08", "original_time": "09:00", "start_date": "2023-06-09"},
            {"start_time": ["Give the new start time."]},
            id="moved-without-time",
        ),
    ],
)
def test_bad_occurrence_change_is_a_form_error_and_nothing_is_written(
    client: Client, row: dict[str, str], errors: dict[str, list[str]]
) -> None:
    event = weekly_series()
    as_user(client, "alice")
    data = browser_post(client.get(change_url(event)))
    data.update({f"changes-0-{key}": value for key, value in row.items()})

    response = client.post(change_url(event), data)

    assert response.status_code == 200
    assert changes_formset(response).errors == [errors]
    assert OccurrenceChange.objects.count() == 0
    event.refresh_from_db()
    assert event.sequence == 0
