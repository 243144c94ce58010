from django.urls import path, re_path

from almanac.calendar import views

app_name = "calendar"


def _views(prefix: str, name_prefix: str) -> list:
    """The calendar views, site-wide (prefix "") or inside one calendar ("c/<slug>/")."""
    patterns = [
        path(f"{prefix}calendar/", views.calendar_home, name=f"{name_prefix}home"),
        path(f"{prefix}calendar/go/", views.go_to_date, name=f"{name_prefix}go"),
        path(f"{prefix}events/", views.event_list, name=f"{name_prefix}list"),
    ]
    for view in ("week", "month", "day", "4days", "posterboard"):
        patterns.append(
            path(
                f"{prefix}calendar/{view}/<str:when>/",
                views.period_view,
                {"view": view},
                name=f"{name_prefix}{view}",
            )  # fmt: skip
        )
    return patterns


urlpatterns = [
    path("", views.calendar_home, name="root"),
    *_views("", ""),
    *_views("c/<slug:calendar_slug>/", "c-"),
    path("c/<slug:calendar_slug>/", views.calendar_home, name="c-root"),
    # Slugs have no dots, so /events/<slug>.ics (a feed, outside the language prefix)
    # never looks like an event page to LocaleMiddleware's redirect.
    re_path(r"^events/(?P<slug>[^/.]+)/$", views.event_detail, name="event"),
    path("timezone/", views.choose_timezone, name="timezone"),
    *[
        path(f"{kind}/<slug:slug>/", views.taxonomy_page, {"kind": kind}, name=kind)
        for kind in views.TAXONOMIES
    ],
]
