"""``/sitemap.xml`` and ``/robots.txt``, on ``django.contrib.sitemaps``.

The sitemap lists the upcoming-events page in every site language and every public
(published or cancelled) event in each language it has a translation in, with
``xhtml:link`` hreflang alternates between those. A language the event is not
translated into is left out on purpose: its page would show another language's text
under a fallback notice, and hreflang must point at pages really in that language.

The view renders our own ``interop/sitemap.xml``, so ``django.contrib.sitemaps`` need
not be in ``INSTALLED_APPS`` (its only contribution would be that template).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from almanac.events.models import Event, EventTranslation

# Landing pages, by URL name, listed in every language.
PAGES = ("calendar:list",)


def site_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


class PublicSitemap(Sitemap):
    """Landing pages and events, one section.

    One section, not two: Django's sitemap view asks every section for the same page
    (``?p=2``), and a short section's missing page 2 would turn the whole page into a 404
    once the events outgrow the first 50,000 URLs.
    """

    i18n = True
    alternates = True

    def items(self) -> list[Any]:
        translations = Prefetch(
            "translations", queryset=EventTranslation.objects.only("id", "master_id", "language")
        )
        events = (
            Event.objects.published()
            .only("id", "slug", "updated_at")
            .prefetch_related(translations)
            .order_by("pk")
        )
        return [*PAGES, *events]

    def get_languages_for_item(self, item: Any) -> list[str]:
        languages = site_languages()
        if isinstance(item, str):
            return languages
        translated = {t.language for t in item.translations.all()}
        return [code for code in languages if code in translated] or languages[:1]

    def location(self, item: Any) -> str:
        if isinstance(item, str):
            return reverse(item)
        return reverse("calendar:event", args=[item.slug])

    def lastmod(self, item: Any) -> datetime | None:
        return None if isinstance(item, str) else item.updated_at.replace(microsecond=0)

    def changefreq(self, item: Any) -> str | None:
        return "daily" if isinstance(item, str) else None


SITEMAPS = {"public": PublicSitemap}


def sitemap_xml(request: HttpRequest) -> HttpResponse:
    """The sitemap, rendered with our template (see the module docstring)."""
    return sitemap(request, SITEMAPS, template_name="interop/sitemap.xml")


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawl everything public; keep out of the admin; say where the sitemap is."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
