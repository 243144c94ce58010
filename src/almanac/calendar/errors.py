"""Error pages in the site's look, in the visitor's language, with the reason when we know it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def _page(request: HttpRequest, status: int, message: str) -> HttpResponse:
    html = render_to_string(
        "calendar/error.html", {"status": status, "message": message}, request=request
    )
    return HttpResponse(html, status=status)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    detail = exception.args[0] if exception is not None and exception.args else ""
    # Django's resolver puts a dict here; only our own messages are meant for visitors.
    return _page(request, 404, detail if isinstance(detail, str) else "")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 400, "")


def server_error(request: HttpRequest) -> HttpResponse:
    # No database, no context processors that might fail again: a static message.
    return HttpResponse(
        "<!doctype html><title>Server error</title><h1>Something went wrong</h1>"
        "<p>The error has been logged. Please try again in a moment.</p>",
        status=500,
    )
