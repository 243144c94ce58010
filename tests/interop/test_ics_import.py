"""iCalendar import: files from real clients, idempotency, dry run, errors, CLI, upload page."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from almanac.events import services
from almanac.events.models import Event, EventTranslation, OccurrenceChange
from almanac.events.queries import occurrences_between
from almanac.interop import ics
from almanac.interop.ics_import import MAX_BYTES, IcsFileError, parse
from tests import factories

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
BRUSSELS = ZoneInfo("Europe/Brussels")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def run(cal, data: bytes, **options) -> services.ImportReport:
    return services.import_calendar(cal, parse(data, default_zone=cal.timezone), **options)


def counts() -> tuple[int, int, int]:
    return Event.objects.count(), EventTranslation.objects.count(), OccurrenceChange.objects.count()


def summary(event: Event) -> tuple:
    return (
        event.translation("en").title,
        event.start_date,
        event.start_time,
        event.end_date,
        event.end_time,
        event.timezone,
        event.all_day,
        event.status,
        event.rrule,
        event.exdates,
    )


def ics_text(body: str, calendar_props: str = "") -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
    lines += [line for line in calendar_props.splitlines() if line]
    lines += body.strip().splitlines()
    lines += ["END:VCALENDAR", ""]
    return "\r\n".join(lines).encode()


def vevent(uid: str, *lines: str) -> str:
    return "\n".join(
        ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20220101T000000Z", *lines, "END:VEVENT"]
    )


# Fixtures from real clients


def test_google_export_utc_times_land_in_x_wr_timezone():
    cal = factories.calendar("iurc", timezone="Asia/Shanghai")
    report = run(cal, fixture("google.ics"))
    assert (len(report.new), report.errors) == (3, [])
    events = {e.uid: e for e in Event.objects.all()}
    assert summary(events["4ph3k1ffr5u5pv0g9ts1mgc7p8@google.com"]) == (
        "IURC China Webinar: Regional Innovation",
        date(2022, 6, 2), time(9, 0), date(2022, 6, 2), time(11, 0),
        "Europe/Brussels", False, "published", "", [],
    )  # fmt: skip
    webinar = events["4ph3k1ffr5u5pv0g9ts1mgc7p8@google.com"].translation("en")
    assert webinar.description == (
        "<p>Online (Zoom)</p><p>In the past two decades, regional innovation policies have "
        "been widely discussed.</p><p>Register on the IURC site.</p>"
    )
    # UNTIL=20220628T072959Z is 09:29:59 on the 28th in Brussels: the 28th is included.
    assert summary(events["0j1vcb3bfl7k3t6d0ts0v8r2ks@google.com"])[5:] == (
        "Europe/Brussels", False, "published", "FREQ=WEEKLY;UNTIL=20220628;BYDAY=TU",
        ["2022-06-14T09:30"],
    )  # fmt: skip
    forum = events["7u9qk6d9c2hjq0m4s3t8g1bq5e@google.com"]
    assert (forum.all_day, forum.start_date, forum.end_date) == (
        True,
        date(2022, 6, 9),
        date(2022, 6, 10),
    )
    starts = [
        o.start
        for o in occurrences_between(Event.objects.filter(rrule__startswith="FREQ=WEEKLY"),
                                     date(2022, 6, 1), date(2022, 7, 31), BRUSSELS)
    ]  # fmt: skip
    assert starts == [datetime(2022, 6, d, 9, 30, tzinfo=BRUSSELS) for d in (7, 21, 28)]


def test_outlook_windows_zone_names_become_iana_zones():
    cal = factories.calendar("outlook")
    report = run(cal, fixture("outlook.ics"))
    assert (len(report.new), report.errors) == (2, [])
    committee = Event.objects.get(translations__title="Steering committee")
    assert summary(committee)[1:] == (
        date(2022, 7, 7), time(14, 0), date(2022, 7, 7), time(15, 30),
        "Europe/Berlin", False, "published", "FREQ=MONTHLY;COUNT=4;BYDAY=1TH", [],
    )  # fmt: skip
    assert committee.uid == (
        "040000008200E00074C5B7101A82E00800000000D0C8B5E2A86AD801000000000000000"
        "010000000C7D1B0C0BFA3C14C8A0E2B9E6B7A2F3D"
    )
    call = Event.objects.get(translations__title="Call with Beijing partners")
    assert (call.timezone, call.start_time, call.status) == ("Asia/Shanghai", time(15), "cancelled")


def test_thunderbird_recurrence_id_overrides_move_retitle_and_cancel():
    cal = factories.calendar("tb")
    report = run(cal, fixture("thunderbird.ics"))
    assert (len(report.new), report.errors, report.ignored_categories) == (1, [], 2)
    event = Event.objects.get()
    assert (event.timezone, event.rrule, event.start_time) == (
        "Europe/Berlin",
        "FREQ=WEEKLY;COUNT=5",
        time(18),
    )
    berlin = ZoneInfo("Europe/Berlin")
    found = occurrences_between(Event.objects.all(), date(2022, 6, 1), date(2022, 7, 31), berlin)
    assert [(o.start, o.is_cancelled, o.title) for o in found] == [
        (datetime(2022, 6, 6, 18, tzinfo=berlin), False, "Reading group"),
        (datetime(2022, 6, 14, 19, tzinfo=berlin), False, "Reading group (moved to Tuesday)"),
        (datetime(2022, 6, 20, 18, tzinfo=berlin), True, "Reading group"),
        (datetime(2022, 6, 27, 18, tzinfo=berlin), False, "Reading group"),
        (datetime(2022, 7, 4, 18, tzinfo=berlin), False, "Reading group"),
    ]


def test_apple_export_all_day_and_zoned_event():
    cal = factories.calendar("apple")
    report = run(cal, fixture("apple.ics"))
    assert (len(report.new), report.errors) == (2, [])
    week = Event.objects.get(uid="5B6E1C2A-9F0D-4E33-8A1B-2C3D4E5F6A7B")
    assert summary(week)[:7] == (
        "European Week of Regions", date(2022, 9, 13), None, date(2022, 9, 15), None,
        "Europe/Brussels", True,
    )  # fmt: skip
    assert week.external_url == "https://europa.eu/regions-and-cities/"
    panel = Event.objects.get(uid="8C1D2E3F-4A5B-6C7D-8E9F-0A1B2C3D4E5F")
    assert (panel.timezone, panel.start_time, panel.end_time) == (
        "America/New_York",
        time(10),
        time(11, 30),
    )
    assert panel.start_utc == datetime(2022, 9, 20, 14, tzinfo=ZoneInfo("UTC"))
    assert panel.translation("en").description == ("<p>Javits Center, 429 11th Ave, New York</p>")


def test_custom_tzid_falls_back_to_a_zone_with_the_same_offsets():
    data = ics_text(
        vevent(
            "custom-1",
            "SUMMARY:Custom zone",
            "DTSTART;TZID=Customized Time Zone:20220602T090000",
            "DURATION:PT90M",
        ),
        calendar_props="\n".join([
            "BEGIN:VTIMEZONE", "TZID:Customized Time Zone",
            "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200",
            "TZOFFSETTO:+0100", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0200", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT",
            "END:VTIMEZONE",
        ]),
    )  # fmt: skip
    (plan,) = parse(data, default_zone="Asia/Tokyo").events
    assert (plan.timezone, plan.start_time, plan.end_time) == (
        "Europe/Budapest",
        time(9),
        time(10, 30),
    )


def test_floating_times_use_the_calendar_zone_and_dtstart_only_rules():
    data = ics_text(
        vevent("f-1", "SUMMARY:Floating", "DTSTART:20220602T090000")
        + "\n"
        + vevent("f-2", "SUMMARY:One day", "DTSTART;VALUE=DATE:20220603")
    )
    first, second = parse(data, default_zone="Asia/Shanghai").events
    assert (first.timezone, first.start_time, first.end_time) == ("Asia/Shanghai", time(9), time(9))
    assert (second.all_day, second.start_date, second.end_date) == (
        True,
        date(2022, 6, 3),
        date(2022, 6, 3),
    )


# Round trip with our own export


def _export(cal) -> bytes:
    events = list(ics.for_export(Event.objects.filter(calendar=cal)))
    return ics.build_calendar(
        events,
        info=ics.CalendarInfo(name="IURC", zone=cal.timezone),
        language="en",
        base_url="https://almanac.example",
        now=timezone.now(),
    )


def test_export_then_import_gives_the_same_occurrences_and_reimport_changes_nothing():
    source = factories.calendar("source")
    factories.seed_webinar(source)
    series = factories.event("Weekly", cal=source, day=date(2022, 5, 30), start=time(17), end=time(18), rrule="FREQ=DAILY;COUNT=6", exdates=["2022-06-01T17:00"])  # fmt: skip
    services.change_occurrence(series, datetime(2022, 6, 2, 17), cancelled=True)
    services.change_occurrence(
        series, datetime(2022, 6, 3, 17),
        new_start=datetime(2022, 6, 3, 19), new_end=datetime(2022, 6, 3, 20),
    )  # fmt: skip
    services.change_occurrence(series, datetime(2022, 6, 4, 17), titles={"en": "Renamed"})
    factories.event("Holiday", cal=source, day=date(2022, 6, 1), start=None, end=None)
    week = (date(2022, 5, 29), date(2022, 6, 4))

    def shown(cal) -> list[tuple]:
        return [
            (o.event.uid, o.event.translation("en").title, o.start, o.end, o.is_cancelled, o.title)
            for o in occurrences_between(Event.objects.filter(calendar=cal), *week, BRUSSELS)
        ]

    expected = shown(source)
    assert len(expected) == 7
    assert [o[2:] for o in expected if o[1] == "Weekly"] == [
        (datetime(2022, 5, 30, 17, tzinfo=BRUSSELS), datetime(2022, 5, 30, 18, tzinfo=BRUSSELS), False, "Weekly"),
        (datetime(2022, 5, 31, 17, tzinfo=BRUSSELS), datetime(2022, 5, 31, 18, tzinfo=BRUSSELS), False, "Weekly"),
        (datetime(2022, 6, 2, 17, tzinfo=BRUSSELS), datetime(2022, 6, 2, 18, tzinfo=BRUSSELS), True, "Weekly"),
        (datetime(2022, 6, 3, 19, tzinfo=BRUSSELS), datetime(2022, 6, 3, 20, tzinfo=BRUSSELS), False, "Weekly"),
        (datetime(2022, 6, 4, 17, tzinfo=BRUSSELS), datetime(2022, 6, 4, 18, tzinfo=BRUSSELS), False, "Renamed"),
    ]  # fmt: skip
    data = _export(source)
    Event.objects.filter(calendar=source).delete()  # UIDs are unique site-wide
    target = factories.calendar("target")

    report = run(target, data)
    assert (len(report.new), report.errors) == (3, [])
    assert shown(target) == expected
    sequences = dict(Event.objects.values_list("uid", "sequence"))
    before = counts()

    again = run(target, data)
    assert (again.new, again.changed, len(again.unchanged), again.errors) == ([], [], 3, [])
    assert counts() == before
    assert dict(Event.objects.values_list("uid", "sequence")) == sequences


# Dry run, idempotency, updates


def test_dry_run_reports_what_the_real_run_does_and_writes_nothing():
    cal = factories.calendar("dry")
    before = counts()
    dry = run(cal, fixture("thunderbird.ics"), dry_run=True)
    assert counts() == before
    assert (len(dry.new), dry.written, dry.dry_run) == (1, False, True)
    real = run(cal, fixture("thunderbird.ics"))
    assert (real.new, real.written) == (dry.new, True)
    assert counts() == (before[0] + 1, before[1] + 1, before[2] + 2)


def test_reimport_is_unchanged_and_a_changed_time_updates_with_sequence_plus_one():
    cal = factories.calendar("idem")
    run(cal, fixture("google.ics"))
    uid = "4ph3k1ffr5u5pv0g9ts1mgc7p8@google.com"
    sequence = Event.objects.get(uid=uid).sequence
    again = run(cal, fixture("google.ics"))
    assert (again.new, again.changed, len(again.unchanged)) == ([], [], 3)
    assert Event.objects.get(uid=uid).sequence == sequence

    moved = fixture("google.ics").replace(b"DTSTART:20220602T070000Z", b"DTSTART:20220602T060000Z")
    moved = moved.replace(b"SUMMARY:IURC China Webinar: Regional Innovation", b"SUMMARY:New title")
    report = run(cal, moved)
    assert (report.changed, len(report.unchanged), Event.objects.count()) == ([uid], 2, 3)
    event = Event.objects.get(uid=uid)
    assert (event.start_time, event.sequence, event.translation("en").title) == (
        time(8),
        sequence + 1,
        "New title",
    )


def test_events_not_in_the_file_are_reported_not_deleted():
    cal = factories.calendar("keep")
    mine = factories.event("Mine", cal=cal)
    report = run(cal, fixture("apple.ics"))
    assert report.would_remove == [mine.uid]
    assert Event.objects.filter(pk=mine.pk).exists()


def test_uid_of_another_calendar_is_an_error_and_not_moved():
    other = factories.calendar("other")
    run(other, fixture("apple.ics"))
    cal = factories.calendar("mine")
    report = run(cal, fixture("apple.ics"), skip_errors=True)
    assert report.errors == [
        "VEVENT at line 24 (UID 5B6E1C2A-9F0D-4E33-8A1B-2C3D4E5F6A7B): An event with this UID "
        "belongs to another calendar; it was not moved.",
        "VEVENT at line 37 (UID 8C1D2E3F-4A5B-6C7D-8E9F-0A1B2C3D4E5F): An event with this UID "
        "belongs to another calendar; it was not moved.",
    ]
    assert Event.objects.filter(calendar=cal).count() == 0


# Errors


BAD_AND_GOOD = ics_text(
    vevent("good-1", "SUMMARY:Good", "DTSTART:20220602T090000Z", "DTEND:20220602T100000Z")
    + "\n"
    + vevent("no-start", "SUMMARY:No start")
    + "\n"
    + vevent("hourly", "SUMMARY:Hourly", "DTSTART:20220602T090000Z", "RRULE:FREQ=HOURLY;COUNT=3")
    + "\n"
    + vevent(
        "byhour", "SUMMARY:By hour", "DTSTART:20220602T090000Z", "RRULE:FREQ=DAILY;BYHOUR=9,10"
    )
)


def test_errors_name_component_line_and_uid_and_nothing_is_written():
    cal = factories.calendar("errs")
    before = counts()
    report = run(cal, BAD_AND_GOOD)
    assert report.errors == [
        "VEVENT at line 11 (UID no-start): DTSTART is missing",
        "VEVENT at line 16 (UID hourly): RRULE at line 21: Only daily, weekly, monthly and "
        "yearly repeats are supported.",
        "VEVENT at line 23 (UID byhour): RRULE at line 28: BYHOUR is not supported; use FREQ, INTERVAL, "
        "COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS or WKST.",
    ]
    assert (report.new, report.written, counts()) == (["good-1"], False, before)


def test_skip_errors_writes_the_good_events():
    cal = factories.calendar("skip")
    report = run(cal, BAD_AND_GOOD, skip_errors=True)
    assert (report.new, len(report.errors), report.written) == (["good-1"], 3, True)
    assert list(Event.objects.values_list("uid", flat=True)) == ["good-1"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"<!DOCTYPE html>\n<html><body>Not found</body></html>\n",
            "This is not an iCalendar file: it must start with BEGIN:VCALENDAR, but line 1 is "
            "“<!DOCTYPE html>”.",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This is a binary file, not an iCalendar (.ics) text file."),
        (
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Cut",
            "The file ends inside VEVENT begun at line 3: it looks truncated.",
        ),
        (
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nthis is no content line\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            "Line 4 is not an iCalendar content line: “this is no content line”.",
        ),
        (
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
            "Line 4: END:VTODO does not close VEVENT begun at line 2.",
        ),
        (b"BEGIN:VCALENDAR\r\nSUMMARY:caf\xe9\r\nEND:VCALENDAR\r\n", "Line 2 is not UTF-8 text; save the file as UTF-8 and try again."),
        (b"x" * (MAX_BYTES + 1), "The file is larger than 20 MB; split it or import a shorter period."),
    ],
    ids=["html", "binary", "truncated", "garbage-line", "bad-end", "latin-1", "too-large"],
)  # fmt: skip
def test_unusable_files_are_refused_with_a_message(data, message):
    with pytest.raises(IcsFileError) as caught:
        parse(data, default_zone="Europe/Brussels")
    assert str(caught.value) == message


# Command line


def test_cli_dry_run_then_import_then_reimport(tmp_path, capsys):
    cal = factories.calendar("cli")
    path = FIXTURES / "google.ics"
    out = io.StringIO()
    call_command(
        "import-ics", str(path), calendar="cli", dry_run=True, stdout=out, stderr=io.StringIO()
    )
    assert out.getvalue().splitlines()[:6] == [
        "Dry run: nothing was written.",
        "new: 3", "changed: 0", "unchanged: 0",
        "not in the file (would be removed; kept): 0", "errors: 0",
    ]  # fmt: skip
    assert Event.objects.count() == 0
    call_command(
        "import-ics", str(path), calendar="cli", stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert Event.objects.filter(calendar=cal).count() == 3
    out, err = io.StringIO(), io.StringIO()
    call_command("import-ics", str(path), calendar="cli", progress=True, stdout=out, stderr=err)
    assert "unchanged: 3" in out.getvalue().splitlines()
    assert err.getvalue() == f"\r[{'#' * 30}] 3/3\n"


def test_cli_errors_abort_and_name_lines(tmp_path):
    factories.calendar("cli")
    path = tmp_path / "bad.ics"
    path.write_bytes(BAD_AND_GOOD)
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"Nothing was written: 3 error\(s\)"):
        call_command("import-ics", str(path), calendar="cli", stdout=io.StringIO(), stderr=err)
    assert "VEVENT at line 11 (UID no-start): DTSTART is missing" in err.getvalue().splitlines()
    assert Event.objects.count() == 0


def test_cli_refuses_html(tmp_path):
    factories.calendar("cli")
    page = tmp_path / "page.ics"
    page.write_bytes(b"<html></html>")
    with pytest.raises(CommandError, match="must start with BEGIN:VCALENDAR"):
        call_command("import-ics", str(page), calendar="cli")


# Upload page


def _upload(data: bytes, cal, **fields) -> dict:
    return {
        "calendar": cal.pk,
        "file": SimpleUploadedFile("cal.ics", data, content_type="text/calendar"),
        "language": "en",
        **fields,
    }


def test_upload_page_permissions(client):
    users = factories.users()
    client.force_login(users["charlie"])
    response = client.get("/admin/import-ics/")
    assert (response.status_code, response["Location"]) == (
        302,
        "/admin/login/?next=/admin/import-ics/",
    )
    client.force_login(users["bob"])
    assert client.get("/admin/import-ics/").status_code == 403


def test_upload_page_dry_run_then_import(client):
    users = factories.users()
    cal = factories.calendar("upload")
    client.force_login(users["alice"])
    page = client.get("/admin/import-ics/")
    assert page.status_code == 200
    assert page.context["form"]["dry_run"].value() is True
    response = client.post("/admin/import-ics/", _upload(fixture("apple.ics"), cal, dry_run="on"))
    assert response.status_code == 200
    assert (len(response.context["report"].new), Event.objects.count()) == (2, 0)
    assert b'<dd id="count-new">2</dd>' in response.content
    response = client.post("/admin/import-ics/", _upload(fixture("apple.ics"), cal))
    assert (response.context["report"].written, Event.objects.count()) == (True, 2)


def test_upload_page_shows_file_errors(client):
    users = factories.users()
    cal = factories.calendar("upload")
    client.force_login(users["alice"])
    response = client.post("/admin/import-ics/", _upload(b"<html></html>", cal))
    assert response.status_code == 400
    assert "must start with BEGIN:VCALENDAR" in response.context["file_error"]
    assert Event.objects.count() == 0
