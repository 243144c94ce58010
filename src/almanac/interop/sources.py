"""iCalendar URL sources: fetch a feed safely and re-import it (``ImportSource``).

No request objects here: the ``sync-ics`` command (cron), the admin "Sync now" action
and ``import-ics URL`` all call :func:`fetch` / :func:`sync`.

Why :func:`fetch` is careful: the URL is typed by staff, but the *server* fetches it, so
without checks a URL could make the server read its own admin ports, a cloud metadata
endpoint (169.254.169.254) or other machines of the private network (server-side
request forgery). Every address the host name resolves to must be public (not private,
loopback, link-local, multicast, reserved or unspecified) unless
``settings.ALMANAC_ALLOW_PRIVATE_SOURCES`` is set; each redirect target is checked the
same way, and there are at most :data:`MAX_REDIRECTS`.

Residual risk (DNS rebinding): urllib resolves the host again when it connects, so a
hostile DNS server answering a public address to our check and a private one a moment
later could still slip through. Checking *all* addresses narrows that window; closing it
would need connecting to the checked address ourselves (and verifying TLS against the
host name), which is not worth a dependency here. Deployments that care should also
block private ranges for the application user at the firewall.

:func:`sync` leaves the calendar exactly as it was when the feed cannot be fetched or
read, and imports with ``skip_errors`` otherwise, so one bad event does not block a
feed; every outcome is recorded on the source.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from almanac.events import services
from almanac.interop.ics_import import IcsFileError, parse, read_limited, too_large_message
from almanac.interop.models import ImportSource

TIMEOUT = 20  # seconds per network operation (connect, each read)
MAX_BYTES = 20 * 1024 * 1024  # the same cap as an uploaded file
MAX_REDIRECTS = 3
MAX_MESSAGE = 2000  # characters of error detail kept in ImportSource.last_message
# A source synced a little less than its interval ago is due anyway: the cron run that
# synced it started a few seconds or minutes after the hour, and the next run would
# otherwise find it "not quite due" and skip a whole cron period.
DUE_GRACE = timedelta(minutes=5)

_REDIRECTS = {301, 302, 303, 307, 308}
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_USER_AGENT = "Almanac iCalendar sync"


class SourceError(Exception):
    """The feed could not be fetched or is no iCalendar file; ``str()`` names URL and cause."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand every redirect back to :func:`fetch`, which checks the target first."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def check_url(url: str) -> None:
    """Raise :class:`SourceError` unless ``url`` is http(s) to a host we may contact."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourceError(_("%(url)s is not an http or https address.") % {"url": url})
    if settings.ALMANAC_ALLOW_PRIVATE_SOURCES:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, ValueError) as error:
        raise SourceError(
            _("%(url)s cannot be reached: the host name does not resolve (%(error)s).")
            % {"url": url, "error": error}
        ) from None
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if _is_private(address):
            raise SourceError(
                _(
                    "%(url)s points at a private address (%(address)s); "
                    "set ALMANAC_ALLOW_PRIVATE_SOURCES to allow it."
                )
                % {"url": url, "address": address}
            )


def _is_private(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def fetch(url: str) -> bytes:
    """The body of the iCalendar feed at ``url``, or :class:`SourceError` saying why not.

    Follows at most :data:`MAX_REDIRECTS` redirects, checking each target like the
    first URL; refuses a non-200 answer, a web page and more than :data:`MAX_BYTES`.
    """
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        check_url(current)
        request = urllib.request.Request(  # noqa: S310 (scheme checked above)
            current, headers={"User-Agent": _USER_AGENT, "Accept": "text/calendar, */*"}
        )
        try:
            with _opener.open(request, timeout=TIMEOUT) as response:
                if response.status != 200:
                    raise _status_error(current, response.status, response.reason)
                content_type = response.headers.get_content_type()
                if content_type in _HTML_TYPES:
                    raise _html_error(current, content_type)
                try:
                    data = read_limited(response, MAX_BYTES)
                except IcsFileError:
                    raise SourceError(
                        _("%(url)s is too large: %(reason)s")
                        % {"url": current, "reason": too_large_message(MAX_BYTES)}
                    ) from None
        except urllib.error.HTTPError as error:
            with error:
                if error.code in _REDIRECTS:
                    location = error.headers.get("Location", "")
                    if not location:
                        raise _status_error(current, error.code, error.reason) from None
                    current = urljoin(current, location)
                    continue
                raise _status_error(current, error.code, error.reason) from None
        except (TimeoutError, urllib.error.URLError, OSError) as error:
            raise _network_error(current, error) from None
        if _looks_like_html(data):
            raise _html_error(current, "text/html")
        return data
    raise SourceError(
        _("%(url)s redirects more than %(count)s times.") % {"url": url, "count": MAX_REDIRECTS}
    )


def _status_error(url: str, status: int, reason: str) -> SourceError:
    return SourceError(
        _("%(url)s answered %(status)s %(reason)s")
        % {"url": url, "status": status, "reason": reason}
    )


def _html_error(url: str, content_type: str) -> SourceError:
    return SourceError(
        _("%(url)s is a web page (%(type)s), not an iCalendar file.")
        % {"url": url, "type": content_type}
    )


def _network_error(url: str, error: BaseException) -> SourceError:
    reason = getattr(error, "reason", error)
    if isinstance(reason, TimeoutError) or isinstance(error, TimeoutError):
        return SourceError(
            _("%(url)s timed out after %(seconds)s s.") % {"url": url, "seconds": TIMEOUT}
        )
    detail = getattr(reason, "strerror", None) or str(reason)
    return SourceError(_("%(url)s cannot be reached: %(error)s") % {"url": url, "error": detail})


def _looks_like_html(data: bytes) -> bool:
    """Servers often send pages as text/plain or octet-stream; sniff the start too."""
    start = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


def sync(
    source: ImportSource, *, dry_run: bool = False, now: datetime | None = None
) -> services.ImportReport:
    """Fetch ``source`` and import it into its calendar; record the outcome on ``source``.

    A feed that cannot be fetched or parsed changes no event; the source gets status
    ``error`` and the message. Otherwise the import runs with ``skip_errors`` (events in
    error are listed in the message, the others written) and the status is ``ok``.
    In a dry run nothing is saved, neither events nor the source, but the outcome is set
    on the instance so callers read it the same way.
    """
    now = now or timezone.now()
    calendar = source.calendar
    try:
        data = fetch(source.url)
        plan = parse(data, default_zone=calendar.timezone, language=source.language)
    except (SourceError, IcsFileError) as error:
        message = str(error)
        if isinstance(error, IcsFileError):
            message = _("%(url)s: %(error)s") % {"url": source.url, "error": error}
        report = services.ImportReport(dry_run=dry_run, errors=[message])
        source.last_status = ImportSource.Status.ERROR
        source.last_message = message[:MAX_MESSAGE]
        source.last_counts = {"new": 0, "changed": 0, "unchanged": 0, "errors": 0}
    else:
        report = services.import_calendar(calendar, plan, dry_run=dry_run, skip_errors=True)
        source.last_status = ImportSource.Status.OK
        source.last_message = "\n".join(report.errors)[:MAX_MESSAGE]
        source.last_counts = counts(report)
    source.last_synced_at = now
    if not dry_run:
        source.save(
            update_fields=[
                "last_synced_at",
                "last_status",
                "last_message",
                "last_counts",
                "updated",
            ]
        )
    return report


def counts(report: services.ImportReport) -> dict[str, int]:
    return {
        "new": len(report.new),
        "changed": len(report.changed),
        "unchanged": len(report.unchanged),
        "errors": len(report.errors),
    }


def due(
    now: datetime | None = None, queryset: QuerySet[ImportSource] | None = None
) -> list[ImportSource]:
    """Active sources never synced, or synced at least their interval ago (less a grace).

    Filtered in Python: a site has a handful of sources, and interval arithmetic in SQL
    differs between SQLite and PostgreSQL.
    """
    now = now or timezone.now()
    queryset = ImportSource.objects.all() if queryset is None else queryset
    return [
        source
        for source in queryset.filter(active=True).select_related("calendar").order_by("pk")
        if source.last_synced_at is None
        or source.last_synced_at + timedelta(minutes=source.interval_minutes) - DUE_GRACE <= now
    ]
