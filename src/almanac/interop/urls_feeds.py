"""URL patterns of this part of interop: ``urlpatterns`` at the root, ``i18n_urlpatterns``
under the language prefix. almanac/urls.py includes both.

- ``/sitemap.xml`` and ``/robots.txt`` sit at the root, where crawlers look for them;
- ``/<lang>/feeds/rss/`` and ``/<lang>/feeds/atom/`` take the calendar pages' filter
  parameters (``?category=…&mode=online``) and speak the prefix's language.
"""

from django.urls import path

from almanac.interop.feeds import EventsAtomFeed, EventsRssFeed
from almanac.interop.sitemaps import robots_txt, sitemap_xml

urlpatterns: list = [
    path("sitemap.xml", sitemap_xml, name="sitemap"),
    path("robots.txt", robots_txt, name="robots-txt"),
]
i18n_urlpatterns: list = [
    path("feeds/rss/", EventsRssFeed(), name="feed-rss"),
    path("feeds/atom/", EventsAtomFeed(), name="feed-atom"),
]
