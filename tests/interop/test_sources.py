"""iCalendar URL sources: real HTTP against a local server, SSRF guard, sync-ics, admin."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from almanac.events.models import Event
from almanac.interop import sources
from almanac.interop.models import ImportSource
from tests import factories

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
GOOGLE = (FIXTURES / "google.ics").read_bytes()
GOOGLE_UIDS = 3
CHANGELIST = reverse("admin:interop_importsource_changelist")


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/calendar; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Server:
    base: str
    routes: dict[str, Route]
    hits: list[str]

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
def server(settings) -> Iterator[Server]:
    """A real HTTP server on 127.0.0.1 serving ``routes``; loopback allowed by default."""
    settings.ALMANAC_ALLOW_PRIVATE_SOURCES = True
    routes: dict[str, Route] = {}
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            route = routes.get(self.path, Route(404, b"missing", "text/plain"))
            if route.delay:
                time.sleep(route.delay)
            try:
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(route.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout test)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}", routes, hits)
    finally:
        httpd.shutdown()
        httpd.server_close()


def make_source(server: Server, path: str = "/cal.ics", **fields) -> ImportSource:
    calendar = fields.pop("calendar", None) or factories.calendar("feeds")
    return ImportSource.objects.create(calendar=calendar, url=server.url(path), **fields)


def event_rows() -> list[tuple]:
    return list(Event.objects.order_by("pk").values_list("pk", "uid", "sequence", "start_time"))


def test_sync_imports_and_records_ok(server: Server) -> None:
    server.routes["/cal.ics"] = Route(body=GOOGLE)
    source = make_source(server)
    now = timezone.now()
    report = sources.sync(source, now=now)
    assert (len(report.new), report.errors, report.written) == (GOOGLE_UIDS, [], True)
    assert Event.objects.filter(calendar=source.calendar).count() == GOOGLE_UIDS
    source.refresh_from_db()
    assert (source.last_status, source.last_message, source.last_synced_at) == ("ok", "", now)
    assert source.last_counts == {"new": 3, "changed": 0, "unchanged": 0, "errors": 0}


def test_second_sync_changes_nothing(server: Server) -> None:
    server.routes["/cal.ics"] = Route(body=GOOGLE)
    source = make_source(server)
    sources.sync(source)
    before = event_rows()
    report = sources.sync(source)
    assert (report.new, report.changed, len(report.unchanged)) == ([], [], GOOGLE_UIDS)
    assert event_rows() == before
    source.refresh_from_db()
    assert source.last_counts == {"new": 0, "changed": 0, "unchanged": 3, "errors": 0}


def test_dry_run_writes_nothing(server: Server) -> None:
    server.routes["/cal.ics"] = Route(body=GOOGLE)
    source = make_source(server)
    report = sources.sync(source, dry_run=True)
    assert (len(report.new), report.written, Event.objects.count()) == (3, False, 0)
    source.refresh_from_db()
    assert (source.last_status, source.last_synced_at) == ("never", None)


def sync_fails(server: Server, source: ImportSource, expected: str) -> None:
    """Sync a source whose calendar already holds the Google events; nothing may change."""
    server.routes["/good.ics"] = Route(body=GOOGLE)
    good = ImportSource.objects.create(calendar=source.calendar, url=server.url("/good.ics"))
    sources.sync(good)
    before = event_rows()
    assert len(before) == GOOGLE_UIDS
    report = sources.sync(source)
    assert report.errors == [expected]
    assert event_rows() == before
    source.refresh_from_db()
    assert (source.last_status, source.last_message) == ("error", expected)
    assert source.last_synced_at is not None
    assert source.last_counts == {"new": 0, "changed": 0, "unchanged": 0, "errors": 0}


def test_404_is_an_error(server: Server) -> None:
    source = make_source(server, "/gone.ics")
    sync_fails(server, source, f"{source.url} answered 404 Not Found")


def test_html_page_is_an_error(server: Server) -> None:
    server.routes["/page"] = Route(body=b"<!DOCTYPE html><html></html>", content_type="text/html")
    source = make_source(server, "/page")
    sync_fails(server, source, f"{source.url} is a web page (text/html), not an iCalendar file.")


def test_html_body_sent_as_text_plain_is_an_error(server: Server) -> None:
    server.routes["/sneaky"] = Route(
        body=b"\n  <html><body>Login</body></html>", content_type="text/plain"
    )
    source = make_source(server, "/sneaky")
    sync_fails(server, source, f"{source.url} is a web page (text/html), not an iCalendar file.")


def test_oversize_is_an_error(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_BYTES", 1024 * 1024)
    server.routes["/big.ics"] = Route(body=GOOGLE + b" " * (1024 * 1024))
    source = make_source(server, "/big.ics")
    sync_fails(
        server,
        source,
        f"{source.url} is too large: The file is larger than 1 MB; "
        "split it or import a shorter period.",
    )


def test_timeout_is_an_error(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "TIMEOUT", 0.5)
    server.routes["/slow.ics"] = Route(body=GOOGLE, delay=2)
    source = make_source(server, "/slow.ics")
    started = time.monotonic()
    sync_fails(server, source, f"{source.url} timed out after 0.5 s.")
    assert time.monotonic() - started < 2


def test_invalid_ics_is_an_error(server: Server) -> None:
    server.routes["/text.ics"] = Route(body=b"hello", content_type="text/plain")
    source = make_source(server, "/text.ics")
    server.routes["/good.ics"] = Route(body=GOOGLE)
    report = sources.sync(source)
    source.refresh_from_db()
    assert source.last_status == "error"
    assert source.last_message.startswith(f"{source.url}: ")
    assert (report.errors, Event.objects.count()) == ([source.last_message], 0)


def test_loopback_refused_without_the_setting(server: Server, settings) -> None:
    settings.ALMANAC_ALLOW_PRIVATE_SOURCES = False
    server.routes["/cal.ics"] = Route(body=GOOGLE)
    source = make_source(server)
    sources.sync(source)
    source.refresh_from_db()
    assert (source.last_status, source.last_message) == (
        "error",
        f"{source.url} points at a private address (127.0.0.1); "
        "set ALMANAC_ALLOW_PRIVATE_SOURCES to allow it.",
    )
    assert (server.hits, Event.objects.count()) == ([], 0)


@pytest.mark.parametrize(
    "address", ["10.0.0.5", "169.254.169.254", "192.168.1.1", "[::1]", "0.0.0.0", "224.0.0.1"]
)
def test_private_literals_refused(settings, address: str) -> None:
    settings.ALMANAC_ALLOW_PRIVATE_SOURCES = False
    with pytest.raises(sources.SourceError, match="points at a private address"):
        sources.fetch(f"http://{address}/cal.ics")


def test_other_schemes_refused(settings) -> None:
    settings.ALMANAC_ALLOW_PRIVATE_SOURCES = True
    with pytest.raises(sources.SourceError) as caught:
        sources.fetch("file:///etc/passwd")
    assert str(caught.value) == "file:///etc/passwd is not an http or https address."


def test_redirect_is_followed_and_rechecked(
    server: Server, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.routes["/cal.ics"] = Route(body=GOOGLE)
    server.routes["/old"] = Route(302, headers={"Location": "/cal.ics"})
    assert sources.fetch(server.url("/old")) == GOOGLE
    assert server.hits == ["/old", "/cal.ics"]

    # The first hop passes the check (as a public host would); the target is loopback.
    settings.ALMANAC_ALLOW_PRIVATE_SOURCES = False
    real_check = sources.check_url
    checked: list[str] = []

    def check(url: str) -> None:
        checked.append(url)
        if url.endswith("/old"):
            return
        real_check(url)

    monkeypatch.setattr(sources, "check_url", check)
    server.hits.clear()
    with pytest.raises(sources.SourceError) as caught:
        sources.fetch(server.url("/old"))
    assert str(caught.value) == (
        f"{server.url('/cal.ics')} points at a private address (127.0.0.1); "
        "set ALMANAC_ALLOW_PRIVATE_SOURCES to allow it."
    )
    assert (checked, server.hits) == ([server.url("/old"), server.url("/cal.ics")], ["/old"])


def test_too_many_redirects(server: Server) -> None:
    for n in range(5):
        server.routes[f"/r{n}"] = Route(301, headers={"Location": f"/r{n + 1}"})
    with pytest.raises(sources.SourceError) as caught:
        sources.fetch(server.url("/r0"))
    assert str(caught.value) == f"{server.url('/r0')} redirects more than 3 times."
    assert server.hits == ["/r0", "/r1", "/r2", "/r3"]


def test_due() -> None:
    calendar = factories.calendar("due")
    now = timezone.now()

    def source(name: str, synced_minutes_ago: int | None, **fields) -> ImportSource:
        synced = None if synced_minutes_ago is None else now - timedelta(minutes=synced_minutes_ago)
        return ImportSource.objects.create(
            calendar=calendar,
            url=f"https://example.org/{name}.ics",
            last_synced_at=synced,
            **fields,
        )

    never = source("never", None)
    old = source("old", 61)
    almost = source("almost", 57)  # within the grace: the last cron run started a bit late
    source("recent", 30)
    source("inactive", None, active=False)
    weekly = source("weekly", 60, interval_minutes=7 * 24 * 60)
    assert [s.url for s in sources.due(now)] == [never.url, old.url, almost.url]
    assert weekly not in sources.due(now)


def test_sync_ics_syncs_only_due_sources(server: Server) -> None:
    server.routes["/cal.ics"] = Route(body=GOOGLE)
    server.routes["/other.ics"] = Route(body=(FIXTURES / "outlook.ics").read_bytes())
    due = make_source(server)
    recent = make_source(server, "/other.ics", calendar=factories.calendar("other"))
    recent.last_synced_at = timezone.now() - timedelta(minutes=5)
    recent.save()
    out = io.StringIO()
    call_command("sync-ics", stdout=out)
    assert out.getvalue().splitlines() == [
        f"#{due.pk} {due.url}: ok: 3 new, 0 changed, 0 unchanged, 0 errors",
        "1 source(s) synced, 0 failed.",
    ]
    assert server.hits == ["/cal.ics"]
    assert Event.objects.filter(calendar=recent.calendar).count() == 0

    out = io.StringIO()
    call_command("sync-ics", "--all", stdout=out)
    assert out.getvalue().splitlines()[-1] == "2 source(s) synced, 0 failed."
    assert server.hits == ["/cal.ics", "/cal.ics", "/other.ics"]
    imported = Event.objects.filter(calendar=recent.calendar).count()
    recent.refresh_from_db()
    assert imported > 0
    assert recent.last_counts == {"new": imported, "changed": 0, "unchanged": 0, "errors": 0}


def test_sync_ics_fails_when_a_source_fails(server: Server) -> None:
    server.routes["/cal.ics"] = Route(body=GOOGLE)
    good = make_source(server)
    bad = make_source(server, "/gone.ics", calendar=good.calendar)
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"^2 source\(s\) synced, 1 failed\.$"):
        call_command("sync-ics", stdout=out)
    assert f"#{bad.pk} {bad.url}: error: {bad.url} answered 404 Not Found" in out.getvalue()
    assert Event.objects.count() == 3


def test_sync_ics_source_and_dry_run(server: Server) -> None:
    server.routes["/cal.ics"] = Route(body=GOOGLE)
    source = make_source(server, active=False)
    out = io.StringIO()
    call_command("sync-ics", "--source", str(source.pk), "--dry-run", stdout=out)
    assert out.getvalue().splitlines()[-1] == (
        "Dry run: nothing was written. 1 source(s) synced, 0 failed."
    )
    assert Event.objects.count() == 0
    with pytest.raises(CommandError, match="No source with the id 999"):
        call_command("sync-ics", "--source", "999", stdout=io.StringIO())


def test_import_ics_url(server: Server) -> None:
    server.routes["/cal.ics"] = Route(body=GOOGLE)
    factories.calendar("cli")
    out = io.StringIO()
    call_command(
        "import-ics", server.url("/cal.ics"), calendar="cli", stdout=out, stderr=io.StringIO()
    )
    assert out.getvalue().splitlines()[:2] == ["new: 3", "changed: 0"]
    assert Event.objects.filter(calendar__slug="cli").count() == 3
    with pytest.raises(CommandError) as caught:
        call_command("import-ics", server.url("/nope"), calendar="cli", stdout=io.StringIO())
    assert str(caught.value) == f"{server.url('/nope')} answered 404 Not Found Nothing was written."


def test_admin_sync_now(server: Server, client) -> None:
    alice = factories.users()["alice"]
    server.routes["/cal.ics"] = Route(body=GOOGLE)
    source = make_source(server)
    bad = make_source(server, "/gone.ics", calendar=source.calendar)
    client.force_login(alice)
    response = client.post(
        CHANGELIST,
        {"action": "sync_now", "_selected_action": [source.pk, bad.pk]},
        follow=True,
    )
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert sorted(shown) == sorted(
        [
            f"{source.url}: 3 new, 0 changed, 0 unchanged, 0 errors.",
            f"{bad.url} answered 404 Not Found",
        ]
    )
    source.refresh_from_db()
    assert (source.last_status, Event.objects.count()) == ("ok", 3)
    page = client.get(reverse("admin:interop_importsource_change", args=[source.pk]))
    assert page.status_code == 200
    assert b'name="last_status"' not in page.content  # read-only


def test_str() -> None:
    source = ImportSource(calendar=factories.calendar("s"), url="https://example.org/a.ics")
    assert str(source) == "https://example.org/a.ics"
