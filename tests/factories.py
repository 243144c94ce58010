"""Plain factory functions for tests; they write through events.services like everything else."""

from __future__ import annotations

import itertools
from datetime import date, time
from typing import Any

from django.contrib.auth.models import User

from almanac.events import services
from almanac.events.models import Calendar, Category, Event, Organizer, Tag, Venue

_counter = itertools.count(1)


def calendar(slug: str = "", **fields: Any) -> Calendar:
    slug = slug or f"cal-{next(_counter)}"
    fields.setdefault("timezone", "Europe/Brussels")
    fields.setdefault("languages", ["en", "zh-hans"])
    return services.save_translated(
        Calendar, slug=slug, translations={"en": {"name": slug.title()}}, **fields
    )


def category(slug: str = "", parent: Category | None = None, colour: str = "#1f5fbf") -> Category:
    slug = slug or f"cat-{next(_counter)}"
    return services.save_translated(
        Category,
        slug=slug,
        parent=parent,
        colour=colour,
        translations={"en": {"name": slug.title()}},
    )


def tag(slug: str = "") -> Tag:
    slug = slug or f"tag-{next(_counter)}"
    return services.save_translated(Tag, slug=slug, translations={"en": {"name": slug}})


def venue(slug: str = "", **fields: Any) -> Venue:
    slug = slug or f"venue-{next(_counter)}"
    return services.save_translated(
        Venue,
        slug=slug,
        translations={"en": {"name": slug.title(), "address": "Rue de la Loi 1\nBrussels"}},
        **fields,
    )


def organizer(slug: str = "") -> Organizer:
    slug = slug or f"org-{next(_counter)}"
    return services.save_translated(
        Organizer, slug=slug, translations={"en": {"name": slug.title()}}
    )


def event(
    title: str = "",
    *,
    cal: Calendar | None = None,
    day: date = date(2022, 6, 2),
    start: time | None = time(9, 0),
    end: time | None = time(11, 0),
    end_day: date | None = None,
    zone: str = "Europe/Brussels",
    status: str = Event.Status.PUBLISHED,
    translations: dict[str, dict[str, str]] | None = None,
    all_day: bool | None = None,
    **fields: Any,
) -> Event:
    title = title or f"Event {next(_counter)}"
    return services.create_event(
        calendar=cal or calendar(),
        translations=translations or {"en": {"title": title}},
        start_date=day,
        end_date=end_day or day,
        start_time=start,
        end_time=end,
        all_day=start is None if all_day is None else all_day,
        timezone_name=zone,
        status=status,
        **fields,
    )


def seed_webinar(cal: Calendar | None = None) -> Event:
    """The seed's webinar: one event, English and Chinese, 09:00–11:00 Brussels on 2022-06-02."""
    return event(
        cal=cal,
        slug="iurc-china-webinar-regional-innovation",
        translations={
            "en": {
                "title": "IURC China Webinar: Regional Innovation & Smart Sustainable Specialization Strategies",
                "description": "<p>In the past two decades, regional innovation development policies have been widely discussed.</p>",
            },
            "zh-hans": {
                "title": "IURC China 研讨会:区域创新与智慧专业化战略",
                "description": "<p>欧盟自2002年以来实施了区域创新战略(RIS)。</p>",
            },
        },
        highlights_url="https://iurc.eu/highlights/regional-innovation",
    )


def users() -> dict[str, User]:
    """The three users every permission test uses: admin, editor of one calendar, outsider."""
    return {
        "alice": User.objects.create_superuser("alice", "alice@example.org", "pw-alice-123"),
        "bob": User.objects.create_user("bob", "bob@example.org", "pw-bob-123", is_staff=True),
        "charlie": User.objects.create_user("charlie", "charlie@example.org", "pw-charlie-123"),
    }
