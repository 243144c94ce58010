"""RSS and Atom feeds of upcoming events, the sitemap and robots.txt."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time, timedelta
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from almanac.calendar.views import Scope
from almanac.events import services
from almanac.events.models import Category, Event, EventTranslation
from almanac.events.queries import EventFilter
from almanac.interop.feeds import MAX_ITEMS, atom_id, feed_items
from tests import factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
BRUSSELS = ZoneInfo("Europe/Brussels")
EN_TITLE = "IURC China Webinar: Regional Innovation & Smart Sustainable Specialization Strategies"
ZH_TITLE = "IURC China 研讨会:区域创新与智慧专业化战略"
FUTURE = date(2099, 6, 2)  # a Tuesday, in Brussels summer time


@pytest.fixture
def webinar():
    """The seed webinar, moved to the future so that it is upcoming, with a summary."""
    return factories.event(
        cal=factories.calendar("iurc"),
        day=FUTURE,
        slug="iurc-china-webinar-2099",
        audience_zones=["Asia/Shanghai"],
        online_url="https://meet.example.org/iurc",
        translations={
            "en": {
                "title": EN_TITLE,
                "summary": "Regional innovation policy in the EU and China.",
                "description": "<p>Background, <strong>objectives</strong>.</p>",
            },
            "zh-hans": {
                "title": ZH_TITLE,
                "summary": "欧盟与中国的区域创新政策。",
                "description": "<p>背景与目标。</p>",
            },
        },
    )


def rss(client, url: str = "/en/feeds/rss/") -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    return ET.fromstring(response.content)


def rss_items(client, url: str = "/en/feeds/rss/") -> list[ET.Element]:
    return rss(client, url).findall("./channel/item")


def titles(client, url: str = "/en/feeds/rss/") -> list[str]:
    return [item.findtext("title") for item in rss_items(client, url)]


# RSS


def test_rss_channel_describes_the_upcoming_events_page_in_its_language(client, webinar):
    channel = rss(client).find("channel")
    assert channel.findtext("title") == "Upcoming events · Almanac"
    assert channel.findtext("link") == "http://testserver/en/events/"
    assert channel.findtext("language") == "en"
    self_link = channel.find(f"{ATOM}link")
    assert self_link.get("rel") == "self"
    assert self_link.get("href") == "http://testserver/en/feeds/rss/"


def test_rss_item_of_the_webinar(client, webinar):
    [item] = rss_items(client)
    # One level of XML escaping only: the parsed title is the title as typed.
    assert item.findtext("title") == EN_TITLE
    assert item.findtext("link") == "http://testserver/en/events/iurc-china-webinar-2099/"
    guid = item.find("guid")
    assert guid.text == webinar.uid
    assert guid.get("isPermaLink") == "false"
    assert parsedate_to_datetime(item.findtext("pubDate")) == webinar.published_at.replace(
        microsecond=0
    )


def test_rss_description_has_summary_times_in_event_and_audience_zones_and_rich_text(
    client, webinar
):
    [item] = rss_items(client)
    description = item.findtext("description")
    assert description == (
        "<p>Regional innovation policy in the EU and China.</p>\n"
        '<p><time datetime="2099-06-02T09:00:00+02:00">Tuesday, June 2, 2099 09:00–11:00 '
        "Central European Summer Time (Europe/Brussels)</time><br>"
        '<time datetime="2099-06-02T15:00:00+08:00">Tuesday, June 2, 2099 15:00–17:00 '
        "China Standard Time (Asia/Shanghai)</time></p>\n"
        '<p><strong>Online</strong><br><a href="https://meet.example.org/iurc">Join online</a></p>\n'
        "<p>Background, <strong>objectives</strong>.</p>"
    )


def test_rss_in_chinese_has_chinese_title_times_and_links(client, webinar):
    channel = rss(client, "/zh-hans/feeds/rss/").find("channel")
    assert channel.findtext("title") == "近期活动 · Almanac"
    assert channel.findtext("language") == "zh-hans"
    [item] = channel.findall("item")
    assert item.findtext("title") == ZH_TITLE
    assert item.findtext("link") == "http://testserver/zh-hans/events/iurc-china-webinar-2099/"
    description = item.findtext("description")
    assert description.startswith("<p>欧盟与中国的区域创新政策。</p>")
    assert "2099年6月2日星期二 09:00–11:00 中欧夏令时间 (Europe/Brussels)" in description
    assert "2099年6月2日星期二 15:00–17:00 中国标准时间 (Asia/Shanghai)" in description
    assert "<p>背景与目标。</p>" in description
    assert EN_TITLE not in description


def test_rss_falls_back_to_the_default_language_when_a_translation_is_missing(client):
    factories.event("Only in English", day=FUTURE)
    assert titles(client, "/zh-hans/feeds/rss/") == ["Only in English"]


def test_rss_categories_are_translated_names(client, webinar):
    category = services.save_translated(
        Category,
        slug="policy",
        translations={"en": {"name": "Policy"}, "zh-hans": {"name": "政策"}},
    )
    webinar.categories.add(category, factories.category("innovation"))
    [en_item] = rss_items(client)
    assert sorted(c.text for c in en_item.findall("category")) == ["Innovation", "Policy"]
    [zh_item] = rss_items(client, "/zh-hans/feeds/rss/")
    assert sorted(c.text for c in zh_item.findall("category")) == ["Innovation", "政策"]


def test_rss_organizers_are_the_item_creator(client, webinar):
    webinar.organizers.add(factories.organizer("iurc"), factories.organizer("city"))
    [item] = rss_items(client)
    creator = item.findtext("{http://purl.org/dc/elements/1.1/}creator")
    assert creator == "City, Iurc"


def test_past_events_and_drafts_are_left_out_cancelled_ones_are_marked(client, webinar):
    factories.seed_webinar()  # 2022: over
    factories.event("Draft", day=FUTURE, status=Event.Status.DRAFT)
    services.cancel_event(factories.event("Called off", day=FUTURE + timedelta(days=1)))
    assert titles(client) == [EN_TITLE, "Cancelled: Called off"]


def test_items_are_sorted_by_start_across_zones(client):
    factories.event(
        "Shanghai morning", day=FUTURE, start=time(10), end=time(11), zone="Asia/Shanghai"
    )
    factories.event("Brussels morning", day=FUTURE, start=time(9), end=time(10))
    factories.event("Day before", day=FUTURE - timedelta(days=1))
    # 10:00 Shanghai is 04:00 Brussels: before 09:00 Brussels.
    assert titles(client) == ["Day before", "Shanghai morning", "Brussels morning"]


def test_at_most_fifty_items_the_soonest(client):
    cal = factories.calendar()
    for i in range(MAX_ITEMS + 1):
        factories.event(f"E{i:02d}", cal=cal, day=FUTURE + timedelta(days=i))
    # Began long ago, but its next date is sooner than all of the above.
    factories.event("Weekly clinic", cal=cal, day=date(2024, 1, 4), rrule="FREQ=WEEKLY")
    found = titles(client)
    assert len(found) == MAX_ITEMS == 50
    assert found[0] == "Weekly clinic"
    assert found[1] == "E00"
    assert found[-1] == "E48"


def _next_thursday_nine(now: datetime) -> datetime:
    """09:00 Brussels on the first Thursday whose 09:00–11:00 has not ended at ``now``."""
    day = now.astimezone(BRUSSELS).date()
    while True:
        if day.weekday() == 3:
            end = datetime.combine(day, time(11), tzinfo=BRUSSELS)
            if end > now:
                return datetime.combine(day, time(9), tzinfo=BRUSSELS)
        day += timedelta(days=1)


def test_a_weekly_series_appears_once_at_its_next_date(client):
    # 2024-01-04 is a Thursday; the series has been running for years.
    series = factories.event("Weekly clinic", day=date(2024, 1, 4), rrule="FREQ=WEEKLY")
    factories.event("Far future", day=date(2199, 1, 1))
    before = timezone.now()
    items = rss_items(client)
    assert [i.findtext("title") for i in items] == ["Weekly clinic", "Far future"]
    expected = _next_thursday_nine(before)
    assert items[0].findtext("link") == (
        f"http://testserver/en/events/{series.slug}/?on={expected:%Y-%m-%dT%H:%M}"
    )
    assert f'<time datetime="{expected.isoformat()}">' in items[0].findtext("description")
    assert items[0].findtext("guid") == series.uid


def test_a_cancelled_next_date_of_a_series_is_marked(client):
    series = factories.event("Clinic", day=FUTURE, rrule="FREQ=WEEKLY;COUNT=3")
    services.change_occurrence(series, datetime(2099, 6, 2, 9), cancelled=True)
    assert titles(client) == ["Cancelled: Clinic"]


def test_feed_items_at_a_given_instant_skip_to_the_next_date():
    series = factories.event("Clinic", day=date(2030, 1, 1), rrule="FREQ=DAILY;COUNT=5")
    now = datetime(2030, 1, 2, 12, tzinfo=UTC)  # after 2 January's 09:00–11:00 Brussels
    [item] = feed_items(EventFilter(), now=now, language="en")
    assert item.event == series
    assert item.occurrence.start == datetime(2030, 1, 3, 9, tzinfo=BRUSSELS)


@pytest.mark.parametrize(
    "query,expected",
    [
        ("", ["Workshop", "Webinar"]),
        ("?q=worksh", ["Workshop"]),
        ("?calendar=other", ["Webinar"]),
        ("?category=talks", ["Workshop"]),
        ("?category=all", ["Workshop"]),  # a parent takes its children
        ("?tag=green", ["Webinar"]),
        ("?venue=hall", ["Workshop"]),
        ("?organizer=city", ["Webinar"]),
        ("?mode=online", ["Webinar"]),
        ("?mode=in_person", ["Workshop"]),
        ("?mode=online&mode=in_person", ["Workshop", "Webinar"]),
        ("?category=talks&mode=online", []),
        ("?calendar=nowhere", []),
    ],
)
def test_filters_narrow_the_items_like_the_pages(client, query, expected):
    workshop = factories.event(
        "Workshop", cal=factories.calendar("main"), day=FUTURE, venue=factories.venue("hall")
    )
    workshop.categories.add(factories.category("talks", parent=factories.category("all")))
    webinar = factories.event(
        "Webinar",
        cal=factories.calendar("other"),
        day=FUTURE + timedelta(days=1),
        online_url="https://meet.example.org/w",
    )
    webinar.tags.add(factories.tag("green"))
    webinar.organizers.add(factories.organizer("city"))
    assert titles(client, f"/en/feeds/rss/{query}") == expected


def test_filtered_feed_links_to_the_filtered_page_and_to_itself(client, webinar):
    channel = rss(client, "/en/feeds/rss/?mode=online&q=IURC").find("channel")
    assert channel.findtext("link") == "http://testserver/en/events/?q=IURC&mode=online"
    assert (
        channel.find(f"{ATOM}link").get("href")
        == "http://testserver/en/feeds/rss/?mode=online&q=IURC"
    )


def test_a_tz_parameter_adds_that_zone_to_the_times(client, webinar):
    [item] = rss_items(client, "/en/feeds/rss/?tz=America/New_York")
    assert (
        "Tuesday, June 2, 2099 03:00–05:00 Eastern Daylight Time (America/New_York)"
        in item.findtext("description")
    )


def test_all_day_events_show_their_dates_once(client):
    factories.event("Fair", day=FUTURE, end_day=FUTURE + timedelta(days=1), start=None, end=None)
    [item] = rss_items(client)
    assert (
        '<p><time datetime="2099-06-02">Tuesday, June 2, 2099 – Wednesday, June 3, 2099 '
        "(all day)</time></p>"
    ) in item.findtext("description")


def test_venue_name_and_address_are_in_the_description(client):
    factories.event("Workshop", day=FUTURE, venue=factories.venue("hall"))
    [item] = rss_items(client)
    assert "<p><strong>Venue</strong><br>Hall<br>Rue de la Loi 1<br>Brussels</p>" in item.findtext(
        "description"
    )


def test_unsafe_html_that_reached_the_database_is_removed(client, webinar):
    # Written past services (as a raw import might), so only the feed can clean it.
    EventTranslation.objects.filter(master=webinar, language="en").update(
        description='<p onclick="x()">Hi</p><script>alert(1)</script><img src=x onerror=y>'
    )
    [item] = rss_items(client)
    description = item.findtext("description")
    assert description.endswith("<p>Hi</p>")
    assert "script" not in description
    assert "onerror" not in description


def test_the_featured_image_is_an_enclosure_with_its_size(client, webinar, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    webinar.image.save("poster.png", ContentFile(b"\x89PNG" + b"0" * 96), save=False)
    services.save_event(webinar)
    [item] = rss_items(client)
    # upload_to is "events/%Y/": the year of the upload.
    assert webinar.image.name == f"events/{timezone.now():%Y}/poster.png"
    assert item.find("enclosure").attrib == {
        "url": f"http://testserver/media/events/{timezone.now():%Y}/poster.png",
        "length": "100",
        "type": "image/png",
    }


def test_an_image_missing_from_storage_is_left_out(client, webinar, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Event.objects.filter(pk=webinar.pk).update(image="events/2099/gone.png")
    [item] = rss_items(client)
    assert item.find("enclosure") is None


def test_an_event_without_image_has_no_enclosure(client, webinar):
    [item] = rss_items(client)
    assert item.find("enclosure") is None


def test_an_empty_feed_is_still_valid(client):
    assert rss_items(client) == []


def _make_events(n: int) -> None:
    cal = factories.calendar("main")
    cat = factories.category("talks")
    venue = factories.venue("hall")
    org = factories.organizer("city")
    for i in range(n):
        event = factories.event(
            f"Event {i}",
            cal=cal,
            day=FUTURE + timedelta(days=i),
            venue=venue,
            rrule="FREQ=WEEKLY;COUNT=3" if i % 2 else "",
            translations={"en": {"title": f"Event {i}"}, "zh-hans": {"title": f"活动 {i}"}},
        )
        event.categories.add(cat)
        event.organizers.add(org)


# One query for the events, then translations, venue translations, categories and their
# translations, organizers and theirs, changed occurrences: 8. A category filter reads the
# category tree: 1 more.
@pytest.mark.parametrize(
    "url,expected",
    [
        ("/en/feeds/rss/", 8),
        ("/zh-hans/feeds/atom/", 8),
        ("/en/feeds/rss/?category=talks&q=Event", 9),
    ],
)
@pytest.mark.parametrize("n", [1, 20])
def test_feed_query_count_does_not_grow_with_events(
    client, django_assert_num_queries, url, expected, n
):
    _make_events(n)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("<title>") == n + 1


# Atom


def test_atom_feed_is_valid_xml_with_entries(client, webinar):
    factories.event("Later", day=FUTURE + timedelta(days=3))
    response = client.get("/en/feeds/atom/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "Upcoming events · Almanac"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [EN_TITLE, "Later"]
    first = entries[0]
    # Atom ids are IRIs: urn:uuid: of the UID's own UUID.
    assert first.findtext(f"{ATOM}id") == f"urn:uuid:{webinar.uid.removesuffix('@almanac')}"
    assert first.find(f"{ATOM}link").attrib == {
        "href": "http://testserver/en/events/iurc-china-webinar-2099/",
        "rel": "alternate",
    }
    summary = first.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert summary.text.startswith("<p>Regional innovation policy in the EU and China.</p>")
    assert first.findtext(f"{ATOM}updated")


@pytest.mark.parametrize(
    "uid,expected",
    [
        (
            "6f1c2a9e-3b1d-4c55-9a0e-2f4b8d7c1e00@almanac",
            "urn:uuid:6f1c2a9e-3b1d-4c55-9a0e-2f4b8d7c1e00",
        ),
        (
            "urn:uuid:6f1c2a9e-3b1d-4c55-9a0e-2f4b8d7c1e00",
            "urn:uuid:6f1c2a9e-3b1d-4c55-9a0e-2f4b8d7c1e00",
        ),
        ("https://example.org/e/1", "https://example.org/e/1"),
        (
            "not-a-uuid@almanac",
            "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "not-a-uuid@almanac")),
        ),
        (
            "040000008200E00074C5B7101A82E008",
            "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "040000008200E00074C5B7101A82E008")),
        ),
    ],
)
def test_atom_ids_are_iris_and_stable(uid, expected):
    assert atom_id(uid) == expected


def test_atom_in_chinese(client, webinar):
    feed = ET.fromstring(client.get("/zh-hans/feeds/atom/").content)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-hans"
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == [ZH_TITLE]


# {% feed_links %}


def _feed_links(**context) -> str:
    request = RequestFactory().get("/en/events/")
    template = Template("{% load interop_feed_tags %}{% feed_links %}")
    return template.render(Context({"request": request, **context}))


def test_feed_links_keep_the_page_filters():
    html = _feed_links(filter=EventFilter(q="iurc", modes=("online",)))
    assert html == (
        '<link rel="alternate" type="application/rss+xml" title="Upcoming events (RSS)" '
        'href="/en/feeds/rss/?q=iurc&amp;mode=online">\n'
        '<link rel="alternate" type="application/atom+xml" title="Upcoming events (Atom)" '
        'href="/en/feeds/atom/?q=iurc&amp;mode=online">'
    )


def test_feed_links_inside_one_calendar_name_it():
    html = _feed_links(filter=EventFilter(), scope=Scope(factories.calendar("iurc")))
    assert 'href="/en/feeds/rss/?calendar=iurc"' in html
    assert 'href="/en/feeds/atom/?calendar=iurc"' in html


def test_feed_links_of_a_taxonomy_page_narrow_to_it():
    html = _feed_links(filter=EventFilter(), kind="category", object=factories.category("talks"))
    assert 'href="/en/feeds/rss/?category=talks"' in html


def test_feed_links_of_an_event_page_are_site_wide():
    event = factories.event("Talk")
    html = _feed_links(filter=EventFilter(), scope=Scope(event.calendar), event=event)
    assert 'href="/en/feeds/rss/"' in html


# Sitemap and robots.txt


def sitemap_urls(client) -> dict[str, dict]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)
    found = {}
    for url in root.findall(f"{SITEMAP}url"):
        found[url.findtext(f"{SITEMAP}loc")] = {
            "lastmod": url.findtext(f"{SITEMAP}lastmod"),
            "alternates": {
                link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
            },
        }
    return found


def test_sitemap_lists_an_event_in_each_of_its_languages_with_alternates(client):
    event = factories.seed_webinar()
    urls = sitemap_urls(client)
    en = f"http://testserver/en/events/{event.slug}/"
    zh = f"http://testserver/zh-hans/events/{event.slug}/"
    alternates = {"en": en, "zh-hans": zh}
    assert urls[en]["alternates"] == alternates
    assert urls[zh]["alternates"] == alternates
    lastmod = datetime.fromisoformat(urls[en]["lastmod"])
    assert lastmod == event.updated_at.replace(microsecond=0)


def test_sitemap_has_the_list_page_per_language_and_no_drafts(client):
    factories.event("Draft", slug="draft", status=Event.Status.DRAFT)
    services.cancel_event(factories.event("Called off", slug="called-off"))
    english_only = factories.event("English only", slug="english-only")
    urls = sitemap_urls(client)
    assert sorted(urls) == [
        "http://testserver/en/events/",
        "http://testserver/en/events/called-off/",
        f"http://testserver/en/events/{english_only.slug}/",
        "http://testserver/zh-hans/events/",
    ]
    assert urls["http://testserver/en/events/english-only/"]["alternates"] == {
        "en": "http://testserver/en/events/english-only/"
    }
    assert urls["http://testserver/zh-hans/events/"]["alternates"] == {
        "en": "http://testserver/en/events/",
        "zh-hans": "http://testserver/zh-hans/events/",
    }


@pytest.mark.parametrize("n", [1, 20])
def test_sitemap_query_count_does_not_grow_with_events(client, django_assert_num_queries, n):
    _make_events(n)
    with django_assert_num_queries(2):  # the events, their translations' languages
        response = client.get("/sitemap.xml")
    assert response.content.decode().count("<loc>") == 2 + 2 * n


def test_robots_txt_answers_head_and_refuses_post(client):
    assert client.head("/robots.txt").status_code == 200
    assert client.post("/robots.txt").status_code == 405


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "User-agent: *\nDisallow: /admin/\n\nSitemap: http://testserver/sitemap.xml\n"
    )
