from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from almanac.calendar import views as calendar_views
from almanac.interop import urls_csv, urls_feeds, urls_ics, urls_import, urls_widget

urlpatterns = [
    path("ecwd_calendar/calendar/", calendar_views.legacy_redirect, name="legacy-ecwd"),
    # Staff tools that live beside the admin (imports, exports); they check permissions.
    *urls_import.urlpatterns,
    *urls_csv.urlpatterns,
    *urls_widget.urlpatterns,
    path("admin/", admin.site.urls),
    # Uploaded images. Fine for one server; put a CDN or the web server in front at scale.
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *urls_ics.urlpatterns,
    *urls_feeds.urlpatterns,
    *i18n_patterns(
        path("", include("almanac.calendar.urls")),
        *urls_ics.i18n_urlpatterns,
        *urls_feeds.i18n_urlpatterns,
        *urls_widget.i18n_urlpatterns,
        prefix_default_language=True,
    ),
]

handler400 = "almanac.calendar.errors.bad_request"
handler404 = "almanac.calendar.errors.not_found"
handler500 = "almanac.calendar.errors.server_error"
