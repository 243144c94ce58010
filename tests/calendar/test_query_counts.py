"""N+1 guards: each list-like page costs the same number of queries for 1 and for 20 events."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def _make_events(n: int) -> None:
    """``n`` events in June 2022 and ``n`` in June 2099, all with every kind of relation."""
    cal = factories.calendar("main")
    cat = factories.category("talks", parent=factories.category("all"))
    tag = factories.tag("green")
    venue = factories.venue("hall")
    org = factories.organizer("city")
    for i in range(2 * n):
        base = date(2022, 6, 1) if i < n else date(2099, 6, 1)
        event = factories.event(
            f"Event {i}",
            cal=cal,
            day=base + timedelta(days=i % 7),
            start=time(9),
            end=time(10),
            venue=venue,
            translations={"en": {"title": f"Event {i}"}, "zh-hans": {"title": f"活动 {i}"}},
        )
        event.categories.add(cat)
        event.tags.add(tag)
        event.organizers.add(org)


# Literal counts. A calendar page: 11 for the events, their translated relations and
# changed occurrences; 10 for the filter form's choices; plus what the page adds
# (calendar scope: 2; category tree of a filter: 1; paginator count: 1). Taxonomy
# pages: the object, its translations, then the upcoming and the past list.
PAGES = [
    ("/en/calendar/week/2022-06-01/", 21),
    ("/en/calendar/month/2022-06/", 21),
    ("/en/calendar/day/2022-06-01/", 21),
    ("/en/calendar/4days/2022-06-01/", 21),
    ("/en/calendar/posterboard/2022-06/", 21),
    ("/en/calendar/week/2022-06-01/?category=all&tag=green&q=Event", 22),
    ("/zh-hans/calendar/week/2022-06-01/", 21),
    ("/en/c/main/calendar/week/2022-06-01/", 23),
    ("/en/events/?past=1", 22),
    ("/en/category/talks/", 28),
    ("/en/tag/green/", 24),
    ("/en/venue/hall/", 24),
    ("/en/organizer/city/", 24),
]


@pytest.mark.parametrize("url,expected", PAGES)
@pytest.mark.parametrize("n", [1, 20])
def test_page_query_count_does_not_grow_with_events(
    client, django_assert_num_queries, url, expected, n
):
    _make_events(n)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    assert "Event 0" in response.content.decode() or "活动 0" in response.content.decode()


@pytest.mark.parametrize("n", [1, 20])
def test_upcoming_list_query_count(client, django_assert_num_queries, n):
    _make_events(n)
    with django_assert_num_queries(22):
        response = client.get("/en/events/")
    assert f"Event {n}" in response.content.decode()


@pytest.mark.parametrize("n", [1, 20])
def test_event_page_query_count(client, django_assert_num_queries, n):
    _make_events(n)
    with django_assert_num_queries(11):
        response = client.get("/en/events/event-0/")
    assert response.status_code == 200
