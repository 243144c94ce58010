"""URL patterns of this part of interop: ``urlpatterns`` at the root, ``i18n_urlpatterns``
under the language prefix. almanac/urls.py includes both.

The .ics URLs live at the root only: a subscription URL must not change with the
visitor's language, which is a query parameter instead (``?lang=``, see ``ics_views``).
``feeds/all.ics`` comes first, so a calendar cannot take the slug ``all``.
"""

from django.urls import path

from almanac.interop import ics_views

urlpatterns: list = [
    path("events/<str:slug>.ics", ics_views.event_ics, name="ics-event"),
    path("feeds/all.ics", ics_views.all_feed, name="ics-all"),
    path("feeds/<slug:calendar_slug>.ics", ics_views.calendar_feed, name="ics-feed"),
]
i18n_urlpatterns: list = []
