"""URL patterns of this part of interop: ``urlpatterns`` at the root, ``i18n_urlpatterns``
under the language prefix. almanac/urls.py includes both.

The staff snippet page sits under /admin/ for editors, so almanac/urls.py must list
``urlpatterns`` before ``path("admin/", admin.site.urls)``: the admin's catch-all view
would otherwise answer /admin/widget/ with a 404.
"""

from django.urls import path

from almanac.interop import widget

urlpatterns: list = [
    path("admin/widget/", widget.widget_snippet, name="widget-snippet"),
]
i18n_urlpatterns: list = [
    path("widget/list/", widget.widget_list, name="widget-list"),
    path("widget/month/", widget.widget_month, name="widget-month-current"),
    path("widget/month/<str:when>/", widget.widget_month, name="widget-month"),
]
