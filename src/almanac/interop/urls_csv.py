"""URL patterns of this part of interop: ``urlpatterns`` at the root, ``i18n_urlpatterns``
under the language prefix. almanac/urls.py includes both.

The CSV tools sit under ``/admin/`` beside the admin's own pages (and before them in
almanac/urls.py, so the admin's catch-all does not take them); they check permissions
themselves (see ``csv_views``).
"""

from django.urls import path

from almanac.interop import csv_views

urlpatterns: list = [
    path("admin/export-csv/", csv_views.export_csv_view, name="export-csv"),
    path("admin/import-csv/", csv_views.import_csv_view, name="import-csv"),
]
i18n_urlpatterns: list = []
