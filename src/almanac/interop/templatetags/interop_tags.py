"""Template tags of interop: the event page's "add to calendar" links."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.translation import get_language

from almanac.interop.ics import AddToCalendarLinks, add_to_calendar_links

register = template.Library()


@register.simple_tag(takes_context=True)
def add_to_calendar(context: template.Context) -> AddToCalendarLinks | None:
    """The links for the page's ``occurrence``, in the page's language.

    Built in Python, not in the template: each link is a URL whose query values (title,
    details, location) need encoding, and Google and Outlook want different date forms.
    None when the page has no occurrence or request to build them from, and for a
    draft shown to staff: its .ics file and feed are not public, so the links would 404.
    """
    occurrence = context.get("occurrence")
    request = context.get("request")
    if occurrence is None or request is None or occurrence.event.status == "draft":
        return None
    language = context.get("LANGUAGE_CODE") or get_language() or settings.LANGUAGE_CODE
    return add_to_calendar_links(
        occurrence, language=language, scheme=request.scheme, host=request.get_host()
    )
