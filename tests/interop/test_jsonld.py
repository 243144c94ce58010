"""schema.org Event JSON-LD, Open Graph and Twitter card tags on event pages."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from almanac.events import services
from almanac.interop.jsonld import bcp47, og_locale, render_jsonld
from tests import factories

pytestmark = pytest.mark.django_db

EN_TITLE = "IURC China Webinar: Regional Innovation & Smart Sustainable Specialization Strategies"
ZH_TITLE = "IURC China 研讨会:区域创新与智慧专业化战略"
LD_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
META = re.compile(r'<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)">')


@pytest.fixture
def webinar():
    """The seed webinar, given its online link (the seed page has a "join" link)."""
    event = factories.seed_webinar()
    event.online_url = "https://meet.example.org/iurc"
    return services.save_event(event)


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def jsonld(html: str) -> dict:
    [found] = LD_SCRIPT.findall(html)
    return json.loads(found)


def meta(html: str) -> list[tuple[str, str]]:
    return META.findall(html)


def test_seed_webinar_is_an_online_event_at_its_brussels_time(client, webinar):
    data = jsonld(page(client, f"/en/events/{webinar.slug}/"))
    assert data == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": EN_TITLE,
        "description": "In the past two decades, regional innovation development policies "
        "have been widely discussed.",
        "startDate": "2022-06-02T09:00:00+02:00",
        "endDate": "2022-06-02T11:00:00+02:00",
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "location": {"@type": "VirtualLocation", "url": "https://meet.example.org/iurc"},
        "inLanguage": "en",
        "url": f"http://testserver/en/events/{webinar.slug}/",
    }


def test_chinese_page_describes_the_chinese_translation(client, webinar):
    data = jsonld(page(client, f"/zh-hans/events/{webinar.slug}/"))
    assert data["name"] == ZH_TITLE
    assert data["description"] == "欧盟自2002年以来实施了区域创新战略(RIS)。"
    assert data["inLanguage"] == "zh-Hans"
    assert data["url"] == f"http://testserver/zh-hans/events/{webinar.slug}/"
    # The instant is the same in every language.
    assert data["startDate"] == "2022-06-02T09:00:00+02:00"


def test_times_stay_in_the_event_zone_whatever_the_viewer_zone(client, webinar):
    data = jsonld(page(client, f"/en/events/{webinar.slug}/?tz=Asia/Shanghai"))
    assert data["startDate"] == "2022-06-02T09:00:00+02:00"


def test_venue_event_is_a_place_with_address_and_geo(client):
    hall = factories.venue("hall", latitude=Decimal("50.846600"), longitude=Decimal("4.352800"))
    event = factories.event("Workshop", venue=hall)
    data = jsonld(page(client, f"/en/events/{event.slug}/"))
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "Hall",
        "url": "http://testserver/en/venue/hall/",
        "address": {"@type": "PostalAddress", "streetAddress": "Rue de la Loi 1, Brussels"},
        "geo": {"@type": "GeoCoordinates", "latitude": 50.8466, "longitude": 4.3528},
        "hasMap": "https://www.openstreetmap.org/?mlat=50.8466&mlon=4.3528#map=16/50.8466/4.3528",
    }


def test_hybrid_event_has_both_locations(client):
    event = factories.event(
        "Hybrid", venue=factories.venue("hall"), online_url="https://meet.example.org/h"
    )
    data = jsonld(page(client, f"/en/events/{event.slug}/"))
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]
    assert "geo" not in data["location"][0]  # the venue has no coordinates


def test_event_with_neither_venue_nor_link_has_no_location(client):
    event = factories.event("Somewhere")
    data = jsonld(page(client, f"/en/events/{event.slug}/"))
    assert "location" not in data
    assert "eventAttendanceMode" not in data


def test_cancelled_event_is_event_cancelled(client, webinar):
    services.cancel_event(webinar)
    data = jsonld(page(client, f"/en/events/{webinar.slug}/"))
    assert data["eventStatus"] == "https://schema.org/EventCancelled"


def test_cancelled_and_moved_dates_of_a_series(client):
    series = factories.event("Clinic", day=date(2030, 1, 1), rrule="FREQ=WEEKLY;COUNT=4")
    services.change_occurrence(series, datetime(2030, 1, 8, 9), cancelled=True)
    services.change_occurrence(
        series,
        datetime(2030, 1, 15, 9),
        new_start=datetime(2030, 1, 16, 14),
        new_end=datetime(2030, 1, 16, 16),
        titles={"en": "Clinic (moved)"},
    )
    cancelled = jsonld(page(client, f"/en/events/{series.slug}/?on=2030-01-08T09:00"))
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert cancelled["startDate"] == "2030-01-08T09:00:00+01:00"
    moved = jsonld(page(client, f"/en/events/{series.slug}/?on=2030-01-15T09:00"))
    assert moved["name"] == "Clinic (moved)"
    assert moved["eventStatus"] == "https://schema.org/EventRescheduled"
    assert moved["previousStartDate"] == "2030-01-15T09:00:00+01:00"
    assert moved["startDate"] == "2030-01-16T14:00:00+01:00"
    assert moved["endDate"] == "2030-01-16T16:00:00+01:00"
    assert moved["url"] == f"http://testserver/en/events/{series.slug}/?on=2030-01-15T09:00"


def test_all_day_event_has_dates(client):
    event = factories.event("Fair", day=date(2022, 6, 2), end_day=date(2022, 6, 3), start=None)
    data = jsonld(page(client, f"/en/events/{event.slug}/"))
    assert (data["startDate"], data["endDate"]) == ("2022-06-02", "2022-06-03")


def test_organizers_are_organizations_with_a_url(client, webinar):
    city = factories.organizer("city")
    city.url = "https://city.example.org/"
    city.save()
    webinar.organizers.add(city, factories.organizer("iurc"))
    data = jsonld(page(client, f"/en/events/{webinar.slug}/"))
    assert data["organizer"] == [
        {"@type": "Organization", "name": "City", "url": "https://city.example.org/"},
        {"@type": "Organization", "name": "Iurc", "url": "http://testserver/en/organizer/iurc/"},
    ]


def test_summary_is_the_description_when_there_is_one(client):
    event = factories.event(
        translations={
            "en": {"title": "Talk", "summary": "A short talk.", "description": "<p>x</p>"}
        }
    )
    data = jsonld(page(client, f"/en/events/{event.slug}/"))
    assert data["description"] == "A short talk."


def test_a_description_from_rich_text_is_plain_text_with_entities_decoded(client):
    event = factories.event(
        translations={"en": {"title": "Talk", "description": "<p>R&amp;D &lt;today&gt;</p>"}}
    )
    html = page(client, f"/en/events/{event.slug}/")
    assert jsonld(html)["description"] == "R&D <today>"
    assert dict(meta(html))["og:description"] == "R&amp;D &lt;today&gt;"


def test_image_and_social_tags(client, webinar, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    webinar.image.save("poster.png", ContentFile(b"\x89PNG"), save=False)
    services.save_event(webinar)
    webinar.translations.filter(language="en").update(image_alt="Speakers on a stage")
    html = page(client, f"/en/events/{webinar.slug}/")
    image = f"http://testserver/media/events/{timezone.now():%Y}/poster.png"
    assert jsonld(html)["image"] == [image]
    description = (
        "In the past two decades, regional innovation development policies have been widely "
        "discussed."
    )
    assert meta(html) == [
        ("og:type", "website"),
        ("og:site_name", "Almanac"),
        ("og:title", EN_TITLE.replace("&", "&amp;")),
        ("og:url", f"http://testserver/en/events/{webinar.slug}/"),
        ("og:description", description),
        ("og:locale", "en_US"),
        ("og:locale:alternate", "zh_CN"),
        ("og:image", image),
        ("og:image:alt", "Speakers on a stage"),
        ("twitter:card", "summary_large_image"),
        ("twitter:title", EN_TITLE.replace("&", "&amp;")),
        ("twitter:description", description),
        ("twitter:image", image),
        ("twitter:image:alt", "Speakers on a stage"),
    ]


def test_social_tags_without_image_in_chinese(client, webinar):
    tags = dict(meta(page(client, f"/zh-hans/events/{webinar.slug}/")))
    assert tags["og:title"] == ZH_TITLE
    assert tags["og:locale"] == "zh_CN"
    assert tags["og:locale:alternate"] == "en_US"
    assert tags["og:url"] == f"http://testserver/zh-hans/events/{webinar.slug}/"
    assert tags["twitter:card"] == "summary"
    assert "og:image" not in tags


def test_a_title_cannot_break_out_of_the_script(client):
    evil = '</script><script>alert("x")</script><!-- & -->'
    event = factories.event(translations={"en": {"title": evil, "summary": "<b>bold</b>"}})
    html = page(client, f"/en/events/{event.slug}/")
    start = html.index('<script type="application/ld+json">')
    body = html[start:].split(">", 1)[1].split("</script>", 1)[0]
    assert "<" not in body and ">" not in body and "&" not in body
    data = json.loads(body)
    assert data["name"] == evil
    assert data["description"] == "<b>bold</b>"
    assert '<script>alert("x")' not in html
    assert dict(meta(html))["og:title"] == (
        "&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;!-- &amp; --&gt;"
    )


def test_render_jsonld_escapes_markup_characters():
    rendered = render_jsonld({"name": "a</script>&<!--b", "zh": "研讨会"})
    assert rendered == (
        '<script type="application/ld+json">'
        '{"name":"a\\u003C/script\\u003E\\u0026\\u003C!--b","zh":"研讨会"}</script>'
    )


@pytest.mark.parametrize(
    "code,tag,locale",
    [
        ("en", "en", "en_US"),
        ("zh-hans", "zh-Hans", "zh_CN"),
        ("zh-hant", "zh-Hant", "zh_TW"),
        ("pt-br", "pt-BR", "pt_BR"),
        ("fr", "fr", "fr_FR"),
    ],
)
def test_language_codes(code, tag, locale):
    assert bcp47(code) == tag
    assert og_locale(code) == locale


def test_draft_preview_by_staff_still_renders(client):
    event = factories.event("Draft", status="draft", day=date(2030, 1, 1), start=time(9))
    client.force_login(factories.users()["alice"])
    data = jsonld(page(client, f"/en/events/{event.slug}/"))
    assert data["name"] == "Draft"
