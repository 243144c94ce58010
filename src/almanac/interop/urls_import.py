"""URL patterns of this part of interop: ``urlpatterns`` at the root, ``i18n_urlpatterns``
under the language prefix. almanac/urls.py includes both."""

from django.urls import path

from almanac.interop import import_views

urlpatterns: list = [
    path("admin/import-ics/", import_views.import_ics, name="import-ics"),
]
i18n_urlpatterns: list = []
