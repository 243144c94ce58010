"""The embeddable widget: list and month pages, framing headers, theme, embed script, snippet."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.staticfiles import finders
from django.test import override_settings
from django.urls import resolve
from django.utils import timezone, translation

from almanac.interop import widget
from tests import factories

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return re.findall(r'class="w-title" href="[^"]*" target="_top">([^<]*)</a>', response.text)


def _soon(days: int) -> date:
    return date.today() + timedelta(days=days)


# ---------------------------------------------------------------- list


def test_list_shows_the_n_soonest_upcoming_events_in_order(client):
    for days in (5, 2, 9, 1, 4):  # created out of order on purpose
        factories.event(f"In {days} days", day=_soon(days))
    factories.event("Last month", day=_soon(-30))
    # A weekly series that began 60 days ago: its next date is in 3 days (60 + 3 = 9 weeks).
    factories.event("Weekly", day=_soon(-60), rrule="FREQ=WEEKLY")

    response = client.get("/en/widget/list/?n=3")

    assert response.status_code == 200
    assert _titles(response) == ["In 1 days", "In 2 days", "Weekly"]
    on = _soon(3).isoformat()
    assert f'href="/en/events/weekly/?on={on}T09:00" target="_top"' in response.text


def test_list_default_is_five_events(client):
    for days in range(1, 8):
        factories.event(f"E{days}", day=_soon(days))
    assert _titles(client.get("/en/widget/list/")) == ["E1", "E2", "E3", "E4", "E5"]


@pytest.mark.parametrize(
    "raw,expected",
    [("1", 1), ("50", 50), ("7", 7), ("0", 1), ("-3", 1), ("51", 50), ("9999", 50),
     ("abc", 5), ("", 5), (None, 5)],
)  # fmt: skip
def test_n_is_clamped_to_1_50_and_junk_gives_the_default(rf, raw, expected):
    request = rf.get("/", {} if raw is None else {"n": raw})
    assert widget.parse_n(request.GET) == expected


def test_out_of_range_n_is_clamped_not_an_error(client):
    for days in (1, 2, 3):
        factories.event(f"E{days}", day=_soon(days))
    zero = client.get("/en/widget/list/?n=0")
    huge = client.get("/en/widget/list/?n=999")
    assert (zero.status_code, _titles(zero)) == (200, ["E1"])
    assert (huge.status_code, _titles(huge)) == (200, ["E1", "E2", "E3"])


def test_list_filters_by_category_and_calendar(client):
    iurc = factories.calendar("iurc-china")
    other = factories.calendar("other")
    talks = factories.category("talks")
    factories.event("IURC talk", cal=iurc, day=_soon(1)).categories.add(talks)
    factories.event("IURC visit", cal=iurc, day=_soon(2))
    factories.event("Other talk", cal=other, day=_soon(3)).categories.add(talks)

    assert _titles(client.get("/en/widget/list/?category=talks")) == ["IURC talk", "Other talk"]
    by_calendar = client.get("/en/widget/list/?calendar=iurc-china")
    assert _titles(by_calendar) == ["IURC talk", "IURC visit"]
    assert '<span class="w-scope">Iurc-China</span>' in by_calendar.text
    both = "/en/widget/list/?calendar=iurc-china&category=talks"
    assert _titles(client.get(both)) == ["IURC talk"]
    assert _titles(client.get("/en/widget/list/?calendar=nope")) == []


def test_list_speaks_the_language_of_the_url(client):
    factories.event(
        day=_soon(1),
        slug="webinar",
        translations={"en": {"title": "Webinar"}, "zh-hans": {"title": "研讨会"}},
    )
    en = client.get("/en/widget/list/")
    zh = client.get("/zh-hans/widget/list/")
    assert (_titles(en), _titles(zh)) == (["Webinar"], ["研讨会"])
    assert '<html lang="zh-hans"' in zh.text
    assert 'href="/zh-hans/events/webinar/" target="_top"' in zh.text


def test_links_open_in_the_parent_window_and_keep_the_zone(client):
    factories.event("Webinar", slug="webinar", day=_soon(1))
    response = client.get("/en/widget/list/?tz=Asia/Shanghai")
    assert 'href="/en/events/webinar/?tz=Asia/Shanghai" target="_top"' in response.text
    start = datetime.combine(_soon(1), time(9), ZoneInfo("Europe/Brussels"))
    in_shanghai = start.astimezone(ZoneInfo("Asia/Shanghai"))
    assert f"{in_shanghai:%H:%M}–{in_shanghai.hour + 2:02d}:00 <span" in response.text
    assert re.search(r'<time datetime="[^"]*\+08:00">', response.text)
    assert 'href="/en/events/?tz=Asia%2FShanghai" target="_top"' in response.text


def test_empty_list_says_so(client):
    response = client.get("/en/widget/list/")
    assert response.status_code == 200
    assert '<p class="w-empty">No upcoming events.</p>' in response.text
    assert '<ul class="w-list">' not in response.text


def test_widget_is_standalone_html_without_site_chrome(client):
    response = client.get("/en/widget/list/")
    assert 'class="site-header"' not in response.text
    assert 'class="site-footer"' not in response.text
    assert '<link rel="stylesheet" href="/static/almanac/widget.css">' in response.text
    assert '<script src="/static/almanac/widget.js" data-almanac-child async>' in response.text
    assert "<script>" not in response.text  # no inline script: strict CSP


# ---------------------------------------------------------------- theme


def test_theme_colours_become_css_custom_properties(client):
    response = client.get("/en/widget/list/?accent=1F5FBF&bg=%23fff&text=222222")
    assert (
        '<html lang="en" dir="ltr" class="almanac-widget" '
        'style="--w-accent: #1f5fbf; --w-bg: #fff; --w-text: #222222">'
    ) in response.text


@pytest.mark.parametrize(
    "value",
    ["red;}</style><script>alert(1)</script>", "red", "#12345", "1f5fbf;color:red",
     "url(javascript:alert(1))", "1f5fbf\n;x", "1f5fbfz", "\"><script>"],
)  # fmt: skip
def test_bad_colours_are_ignored_never_injected(client, value):
    response = client.get("/en/widget/list/", {"accent": value, "bg": value})
    assert response.status_code == 200
    assert '<html lang="en" dir="ltr" class="almanac-widget">' in response.text
    assert "--w-" not in response.text
    assert "<script>" not in response.text
    assert "alert" not in response.text


@pytest.mark.parametrize(
    "value,expected",
    [("1f5fbf", "#1f5fbf"), ("#ABC", "#abc"), (" abcdef ", "#abcdef"), ("abcd", None),
     ("##abc", None), ("ggg", None), ("", None), (None, None), ("١٢٣", None)],
)  # fmt: skip
def test_parse_colour(value, expected):
    assert widget.parse_colour(value) == expected


# ---------------------------------------------------------------- framing


@pytest.mark.parametrize("url", ["/en/widget/list/", "/en/widget/month/2022-06/"])
def test_widget_pages_may_be_framed_by_other_sites(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "X-Frame-Options" not in response.headers
    policy = response.headers["Content-Security-Policy"]
    assert policy.endswith("; frame-ancestors *")
    assert "script-src 'self'" in policy


def test_bad_month_page_is_framable_too(client):
    response = client.get("/en/widget/month/2022-13/")
    assert response.status_code == 404
    assert "X-Frame-Options" not in response.headers
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]


@override_settings(ALMANAC_WIDGET_FRAME_ANCESTORS=["https://iurc.eu", "https://*.example.org"])
def test_frame_ancestors_come_from_the_setting(client):
    response = client.get("/en/widget/list/")
    policy = response.headers["Content-Security-Policy"]
    assert policy.endswith("; frame-ancestors https://iurc.eu https://*.example.org")


@pytest.mark.parametrize(
    "value,expected",
    [("*", "*"), ("'self' https://iurc.eu", "'self' https://iurc.eu"), ([], "'none'"),
     (["https://a.org; script-src *"], "'none'"), (["https://a.org", "x\ny"], "https://a.org")],
)  # fmt: skip
def test_frame_ancestors_setting_cannot_add_directives(value, expected):
    with override_settings(ALMANAC_WIDGET_FRAME_ANCESTORS=value):
        assert widget.frame_ancestors() == expected


@pytest.mark.parametrize("url", ["/en/calendar/month/2022-06/", "/en/events/"])
def test_other_pages_still_refuse_framing(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" not in response.headers


# ---------------------------------------------------------------- month


def test_month_widget_is_a_table_of_the_month(client):
    factories.seed_webinar(factories.calendar("iurc-china"))
    response = client.get("/en/widget/month/2022-06/")
    text = response.text

    assert response.status_code == 200
    assert '<h1 class="w-heading">June 2022</h1>' in text
    assert '<caption class="visually-hidden">Events in June 2022</caption>' in text
    headers = re.findall(r'<th scope="col" abbr="(\w+)">(\w+)</th>', text)
    assert headers[0] == ("Sunday", "Sun") and len(headers) == 7
    days = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">', text)
    assert (len(days), days[0], days[-1]) == (35, "2022-05-29", "2022-07-02")
    assert text.count("<tr>") == 6  # the header row and five weeks
    assert (
        '<a href="/en/calendar/day/2022-06-02/" target="_top"><time datetime="2022-06-02">'
        '<span aria-hidden="true">2</span>'
        '<span class="visually-hidden">Thursday, June 2, 2022</span></time>'
        '<span class="visually-hidden">, 1 event</span></a>'
    ) in text
    assert _titles(response) == [
        "IURC China Webinar: Regional Innovation &amp; Smart Sustainable Specialization Strategies"
    ]
    assert 'href="/en/widget/month/2022-05/" rel="prev"' in text
    assert 'href="/en/widget/month/2022-07/" rel="next"' in text


def test_month_widget_follows_the_calendar_and_keeps_parameters(client):
    factories.calendar("iurc-china", first_weekday=0)
    response = client.get("/zh-hans/widget/month/2022-06/?calendar=iurc-china&accent=1f5fbf")
    days = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">', response.text)
    assert days[0] == "2022-05-30"  # the calendar's weeks start on Monday
    assert '<h1 class="w-heading">2022年6月' in response.text
    assert (
        'href="/zh-hans/widget/month/2022-07/?calendar=iurc-china&amp;accent=1f5fbf" rel="next"'
    ) in response.text


def test_month_widget_without_a_month_shows_the_current_one(client):
    response = client.get("/en/widget/month/")
    today = timezone.now().astimezone(ZoneInfo("Europe/Brussels")).date()
    assert response.status_code == 200
    assert f'<time datetime="{today.replace(day=1).isoformat()}">' in response.text
    assert today.strftime("%B %Y") in response.text


@pytest.mark.parametrize("when", ["2022-13", "junk", "2022-00", "0999-01", "2022-1x"])
def test_bad_month_is_404(client, when):
    response = client.get(f"/en/widget/month/{when}/")
    assert response.status_code == 404
    assert '<p class="w-empty" role="alert">' in response.text


def test_bad_zone_is_400(client):
    assert client.get("/en/widget/list/?tz=Mars/Olympus").status_code == 400


# ---------------------------------------------------------------- cost


def _make_events(n: int) -> None:
    cal = factories.calendar("main")
    cat = factories.category("talks")
    for i in range(n):
        event = factories.event(
            f"Event {i}",
            cal=cal,
            day=_soon(1 + i % 7),
            translations={"en": {"title": f"Event {i}"}, "zh-hans": {"title": f"活动 {i}"}},
            rrule="FREQ=WEEKLY" if i % 2 else "",
        )
        event.categories.add(cat)


# Literal counts. List: the candidates (one query, events.queries.soonest_upcoming) with
# their translations, categories and their translations, changed occurrences (5); a single
# calendar adds the calendar and its translations (2), a category its tree (1). Month:
# occurrences_between with the relations these events have (8; venues, tags and
# organizers add their own fixed prefetches).
WIDGET_PAGES = [
    ("/en/widget/list/?n=50", 5),
    ("/zh-hans/widget/list/?calendar=main&category=talks", 8),
    ("/en/widget/month/{month}/", 8),
    ("/en/widget/month/{month}/?calendar=main", 10),
]


@pytest.mark.parametrize("url,expected", WIDGET_PAGES)
@pytest.mark.parametrize("n", [1, 20])
def test_widget_query_count_does_not_grow_with_events(
    client, django_assert_num_queries, url, expected, n
):
    _make_events(n)
    with django_assert_num_queries(expected):
        response = client.get(url.format(month=f"{_soon(1):%Y-%m}"))
    assert response.status_code == 200
    assert "Event 0" in response.text or "活动 0" in response.text


# ---------------------------------------------------------------- embed script


def test_widget_js_is_a_static_file_that_sizes_the_iframe():
    path = finders.find("almanac/widget.js")
    assert path is not None
    source = open(path, encoding="utf-8").read()  # noqa: SIM115
    assert "postMessage" in source
    assert "event.origin !== origin" in source
    assert "event.source !== frame.contentWindow" in source
    assert "document.documentElement.scrollHeight" in source
    assert "data-almanac-child" in source
    assert finders.find("almanac/widget.css") is not None


# ---------------------------------------------------------------- snippet page


def test_snippet_page_is_not_shadowed_by_the_admin():
    """/admin/widget/ must resolve to the snippet page, not the admin's catch-all."""
    assert resolve("/admin/widget/").func is widget.widget_snippet


def test_snippet_page_requires_staff(client):
    people = factories.users()
    anonymous = client.get("/admin/widget/")
    assert anonymous.status_code == 302
    assert anonymous.headers["Location"] == "/admin/login/?next=/admin/widget/"
    client.force_login(people["charlie"])
    assert client.get("/admin/widget/").status_code == 302
    client.force_login(people["bob"])
    assert client.get("/admin/widget/").status_code == 200


def test_snippet_page_builds_the_embed_code(client):
    factories.calendar("iurc-china")
    factories.category("talks")
    client.force_login(factories.users()["bob"])
    response = client.get(
        "/admin/widget/",
        {"view": "month", "lang": "zh-hans", "calendar": "iurc-china", "category": "talks",
         "n": "80", "accent": "#1F5FBF", "bg": "red;}</style><script>", "text": ""},
    )  # fmt: skip
    text = response.text
    code = (
        "&lt;script src=&quot;http://testserver/static/almanac/widget.js&quot; "
        "data-almanac-widget=&quot;month&quot; data-lang=&quot;zh-hans&quot; "
        "data-calendar=&quot;iurc-china&quot; data-category=&quot;talks&quot; "
        "data-n=&quot;50&quot; data-accent=&quot;1f5fbf&quot; async&gt;&lt;/script&gt;"
    )
    assert f'<textarea id="widget-code" readonly rows="4" cols="80" class="vLargeTextField">{code}</textarea>' in text  # fmt: skip
    assert (
        '<iframe src="/zh-hans/widget/month/?calendar=iurc-china&amp;category=talks&amp;'
        'accent=1f5fbf" title="Preview"'
    ) in text
    assert '<script src="/static/almanac/widget.js" data-almanac-widget="month"' in text
    assert "<script>" not in text.split('id="content-main"')[1]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_snippet_page_rejects_unknown_choices(client):
    client.force_login(factories.users()["alice"])
    response = client.get(
        "/admin/widget/", {"view": "posterboard", "lang": "xx", "calendar": '"><b>'}
    )
    assert "data-almanac-widget=&quot;list&quot; data-lang=&quot;en&quot; data-n=&quot;5&quot;" in (
        response.text
    )
    assert "<b>" not in response.text


def test_embed_code_and_preview_url_agree():
    params = {"view": "list", "lang": "en", "calendar": "c", "category": "", "n": "3",
              "accent": "", "bg": "ffffff", "text": ""}  # fmt: skip
    assert widget.embed_code("https://h/static/almanac/widget.js", params) == (
        '<script src="https://h/static/almanac/widget.js" data-almanac-widget="list" '
        'data-lang="en" data-calendar="c" data-n="3" data-bg="ffffff" async></script>'
    )
    assert widget.widget_preview_url(params) == "/en/widget/list/?calendar=c&bg=ffffff&n=3"


def test_widget_urls_are_under_the_language_prefix():
    with translation.override("zh-hans"):
        assert resolve("/zh-hans/widget/list/").func is widget.widget_list
    assert resolve("/en/widget/month/2022-06/").kwargs == {"when": "2022-06"}
    assert resolve("/en/widget/month/").func is widget.widget_month
