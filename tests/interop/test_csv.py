"""CSV export and import of events with their translations (interop.csv_io, services).

Files are built as bytes, as a spreadsheet would save them, and read back with the csv
module; the database is real and every write goes through the services.
"""

from __future__ import annotations

import csv
import io
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from almanac.events.models import Event, EventTranslation
from almanac.events.services import import_events_csv
from almanac.interop import csv_io
from almanac.interop.csv_io import CsvFileError, CsvReport, parse_csv
from tests import factories

pytestmark = pytest.mark.django_db

EN_TITLE = "IURC China Webinar: Regional Innovation & Smart Sustainable Specialization Strategies"
ZH_TITLE = "IURC China 研讨会:区域创新与智慧专业化战略"
HEADER = [
    "uid", "slug", "calendar", "status", "start_date", "start_time", "end_date", "end_time",
    "timezone", "all_day", "rrule", "venue", "categories", "tags", "organizers",
    "online_url", "external_url", "video_url", "highlights_url", "audience_zones",
    "title_en", "summary_en", "description_en", "image_alt_en", "highlights_en",
    "translation_status_en",
    "title_zh-hans", "summary_zh-hans", "description_zh-hans", "image_alt_zh-hans",
    "highlights_zh-hans", "translation_status_zh-hans",
]  # fmt: skip
SHORT_HEADER = "calendar,start_date,start_time,end_date,end_time,categories,title_en\r\n"


def read(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    assert reader.fieldnames == HEADER
    return list(reader)


def run(data: bytes, **options: Any) -> CsvReport:
    return import_events_csv(parse_csv(data), **options)


def snapshot() -> list[dict[str, Any]]:
    """Everything an import writes, by uid, without database ids and timestamps."""
    rows = []
    for event in Event.objects.order_by("uid"):
        rows.append(
            {
                **{
                    f.name: getattr(event, f.attname)
                    for f in Event._meta.concrete_fields
                    if f.name not in ("id", "calendar", "venue", "created_at", "updated_at")
                },
                "published_at": None,  # set again when a deleted event is re-created
                "calendar": event.calendar.slug,
                "venue": event.venue.slug if event.venue else None,
                "categories": sorted(event.categories.values_list("slug", flat=True)),
                "tags": sorted(event.tags.values_list("slug", flat=True)),
                "organizers": sorted(event.organizers.values_list("slug", flat=True)),
                "translations": list(
                    event.translations.order_by("language").values(
                        "language", "status", "title", "summary", "description",
                        "image_alt", "highlights",
                    )
                ),
            }
        )  # fmt: skip
    return rows


def full_programme() -> None:
    """The seed webinar and a repeating, categorised, all-day event with a venue."""
    cal = factories.calendar("iurc")
    factories.seed_webinar(cal)
    factories.event(
        cal=cal,
        day=date(2022, 7, 4),
        start=None,
        end=None,
        end_day=date(2022, 7, 5),
        slug="summer-school",
        translations={
            "en": {"title": "Summer school", "summary": 'Two days, "quoted", with, commas'},
            "zh-hans": {"title": "暑期学校", "status": EventTranslation.Status.DRAFT},
        },
        venue=factories.venue("brussels-hall"),
        categories=[factories.category("training"), factories.category("policy")],
        tags=[factories.tag("smart")],
        organizers=[factories.organizer("iurc-team")],
        rrule="FREQ=WEEKLY;COUNT=3",
        audience_zones=["Asia/Shanghai", "Asia/Tokyo"],
        online_url="https://example.org/live",
    )


# Export


def test_export_of_the_seed_webinar_has_the_header_and_one_row_in_both_languages() -> None:
    webinar = factories.seed_webinar(factories.calendar("iurc"))
    rows = read(csv_io.export_csv(csv_io.export_queryset()).encode("utf-8"))
    assert len(rows) == 1
    row = rows[0]
    assert row["uid"] == webinar.uid
    assert row["slug"] == "iurc-china-webinar-regional-innovation"
    assert row["calendar"] == "iurc"
    assert row["status"] == "published"
    assert (row["start_date"], row["start_time"], row["end_date"], row["end_time"]) == (
        "2022-06-02", "09:00", "2022-06-02", "11:00",
    )  # fmt: skip
    assert row["timezone"] == "Europe/Brussels"
    assert row["all_day"] == "false"
    assert row["highlights_url"] == "https://iurc.eu/highlights/regional-innovation"
    assert row["title_en"] == EN_TITLE
    assert row["title_zh-hans"] == ZH_TITLE
    assert row["description_zh-hans"] == "<p>欧盟自2002年以来实施了区域创新战略(RIS)。</p>"
    assert row["translation_status_en"] == "reviewed"


def test_export_can_be_limited_to_one_calendar() -> None:
    factories.seed_webinar(factories.calendar("iurc"))
    factories.event("Other", cal=factories.calendar("other"))
    rows = read(csv_io.export_csv(csv_io.export_queryset("other")).encode("utf-8"))
    assert [row["title_en"] for row in rows] == ["Other"]


# Import: round trip and idempotence


def test_round_trip_into_an_empty_database_recreates_identical_events() -> None:
    full_programme()
    before = snapshot()
    data = csv_io.export_csv(csv_io.export_queryset()).encode("utf-8")
    Event.objects.all().delete()

    report = run(data)

    assert report.errors == []
    assert report.written is True
    assert sorted(report.created) == ["iurc-china-webinar-regional-innovation", "summer-school"]
    assert snapshot() == before
    assert Event.objects.get(slug="summer-school").rrule == "FREQ=WEEKLY;COUNT=3"


def test_reimporting_an_export_changes_nothing() -> None:
    full_programme()
    before = snapshot()
    stamps = dict(Event.objects.values_list("uid", "updated_at"))
    data = csv_io.export_csv(csv_io.export_queryset()).encode("utf-8")

    report = run(data)

    assert (report.created, report.updated, report.unchanged) == ([], [], 2)
    assert snapshot() == before
    assert dict(Event.objects.values_list("uid", "updated_at")) == stamps
    assert EventTranslation.objects.count() == 4


def test_a_row_with_a_known_uid_updates_that_event_and_bumps_its_sequence() -> None:
    webinar = factories.seed_webinar(factories.calendar("iurc"))
    rows = read(csv_io.export_csv(csv_io.export_queryset()).encode("utf-8"))
    rows[0]["start_time"] = "10:00"
    rows[0]["end_time"] = "12:00"
    rows[0]["title_zh-hans"] = "新标题"
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=HEADER)
    writer.writeheader()
    writer.writerows(rows)

    report = run(out.getvalue().encode("utf-8"))  # no BOM this time

    assert (report.created, report.updated, report.errors) == ([], [webinar.slug], [])
    webinar.refresh_from_db()
    assert (webinar.start_time, webinar.end_time, webinar.sequence) == (time(10), time(12), 1)
    assert webinar.translation("zh-hans").title == "新标题"
    assert webinar.translation("en").title == EN_TITLE
    assert Event.objects.count() == 1


def test_header_order_is_free_and_missing_columns_take_defaults() -> None:
    factories.calendar("iurc", timezone="Asia/Shanghai")
    data = (
        b"title_en,end_date,start_date,calendar,uid\r\n"
        b"Launch,2026-03-02,2026-03-01,iurc,launch@example.org\r\n"
    )
    report = run(data)
    assert report.errors == []
    event = Event.objects.get()
    assert (event.uid, event.slug, event.timezone, event.all_day, event.status) == (
        "launch@example.org", "launch", "Asia/Shanghai", True, "draft",
    )  # fmt: skip
    assert (event.start_date, event.end_date) == (date(2026, 3, 1), date(2026, 3, 2))


# Import: errors


def test_bad_rows_are_reported_by_spreadsheet_row_number_and_nothing_is_written() -> None:
    factories.calendar("iurc")
    factories.category("training")
    data = (
        SHORT_HEADER
        + "iurc,2022-06-02,09:00,2022-06-02,11:00,training,Good\r\n"
        + "iurc,2022-06-02,09:00,2022-06-02,11:00,foo|training,Unknown category\r\n"
        + "iurc,2022-06-02,,2022-06-01,,,Ends too early\r\n"
        + "nowhere,2022-06-02,09:00,2022-06-02,08:00,,Ends before it starts\r\n"
        + "iurc,2022-13-02,9am,2022-06-02,,,Bad values\r\n"
    ).encode()

    report = run(data)

    assert [str(error) for error in report.errors] == [
        "Row 3: unknown category 'foo'",
        "Row 4: end_date 2022-06-01 is before start_date 2022-06-02",
        "Row 5: unknown calendar 'nowhere'",
        "Row 6: start_date '2022-13-02' is not a date like 2026-06-02.",
        "Row 6: start_time '9am' is not a time like 09:30.",
    ]
    assert report.written is False
    assert report.created == ["good"]  # what would have been created
    assert Event.objects.count() == 0


def test_errors_found_by_the_services_name_the_column() -> None:
    factories.calendar("iurc")
    data = (
        "calendar,start_date,start_time,end_date,end_time,rrule,timezone,title_en,title_zh-hans\r\n"
        "iurc,2022-06-02,09:00,2022-06-02,08:00,,,Backwards,\r\n"
        "iurc,2022-06-02,09:00,2022-06-02,10:00,FREQ=WEEKLY;COUNT=0,,Never,\r\n"
        "iurc,2022-06-02,09:00,2022-06-02,10:00,,Mars/Olympus,Nowhere,\r\n"
        f"iurc,2022-06-02,09:00,2022-06-02,10:00,,,Fine,{'长' * 301}\r\n"
    ).encode()

    report = run(data)

    messages = [str(error) for error in report.errors]
    assert messages[0] == "Row 2: end_date: The event ends before it starts."
    assert messages[1].startswith("Row 3: rrule: ")
    assert messages[2] == (
        # derive_times raises this one without a field; the message names the value.
        "Row 4: Mars/Olympus is not a known time zone; pick one such as Europe/Brussels."
    )
    assert messages[3] == (
        "Row 5: title_zh-hans: Ensure this value has at most 300 characters (it has 301)."
    )
    assert len(messages) == 4
    assert Event.objects.count() == 0


def test_skip_errors_imports_the_good_rows_and_reports_the_bad_ones() -> None:
    factories.calendar("iurc")
    factories.category("training")
    data = (
        SHORT_HEADER
        + "iurc,2022-06-02,09:00,2022-06-02,11:00,training,Good\r\n"
        + "iurc,2022-06-02,09:00,2022-06-02,11:00,foo,Bad\r\n"
        + "iurc,2022-06-03,,2022-06-03,,,All day\r\n"
    ).encode()

    report = run(data, skip_errors=True)

    assert [str(error) for error in report.errors] == ["Row 3: unknown category 'foo'"]
    assert report.written is True
    assert report.created == ["good", "all-day"]
    assert sorted(Event.objects.values_list("slug", "all_day")) == [
        ("all-day", True),
        ("good", False),
    ]
    assert list(Event.objects.get(slug="good").categories.values_list("slug", flat=True)) == [
        "training"
    ]


def test_a_row_partly_written_before_its_error_leaves_nothing_behind() -> None:
    factories.calendar("iurc")
    data = (
        "calendar,start_date,start_time,end_date,end_time,title_en,title_zh-hans\r\n"
        f"iurc,2022-06-02,09:00,2022-06-02,10:00,Fine,{'长' * 301}\r\n"
    ).encode()
    report = run(data, skip_errors=True)
    assert [error.row for error in report.errors] == [2]
    assert (Event.objects.count(), EventTranslation.objects.count()) == (0, 0)


def test_unknown_columns_are_named() -> None:
    with pytest.raises(CsvFileError) as caught:
        parse_csv(b"calendar,start_date,end_date,title_en,colour,title_fr\r\n")
    assert caught.value.messages == [
        "Unknown columns: colour, title_fr. See docs/csv.md for the columns."
    ]


def test_duplicate_uids_in_one_file_are_errors() -> None:
    plan = parse_csv(
        b"uid,calendar,start_date,end_date,title_en\r\n"
        b"a@x,iurc,2022-06-02,2022-06-02,One\r\n"
        b"a@x,iurc,2022-06-02,2022-06-02,Two\r\n"
    )
    assert [str(e) for e in plan.errors] == ["Row 3: uid a@x is already on row 2."]


def test_bom_is_optional_on_import_and_multiline_cells_keep_row_numbers() -> None:
    text = (
        "calendar,start_date,end_date,description_en,title_en\r\n"
        'iurc,2022-06-02,2022-06-02,"<p>one</p>\r\n<p>two</p>",First\r\n'
        "iurc,2022-06-03,2022-06-02,,Second\r\n"
    )
    with_bom, without = parse_csv(("\ufeff" + text).encode()), parse_csv(text.encode())
    assert with_bom == without
    assert with_bom.columns[0] == "calendar"
    assert with_bom.rows[0].translations == {
        "en": {"title": "First", "description": "<p>one</p>\r\n<p>two</p>"}
    }
    assert [str(e) for e in with_bom.errors] == [
        "Row 3: end_date 2022-06-02 is before start_date 2022-06-03"
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            "calendar,title_en\r\nΩ,x\r\n".encode("utf-16"),
            "The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.",
        ),
        (b"PK\x03\x04\x00\x00", "The file looks binary (a spreadsheet?), not CSV text."),
        (b"", "The file is empty; the first row must name the columns."),
        (
            b"a" * (10 * 1024 * 1024 + 1),
            "The file is larger than 10 MB; split it into several files.",
        ),
        (
            b"calendar,start_date,end_date,title_en\r\n"
            + b"iurc,2022-06-02,2022-06-02,x\r\n" * 10_001,
            "The file has 10001 rows; import at most 10000 at a time.",
        ),
        (b"calendar,title_en\r\n", "Required columns are missing: start_date, end_date."),
    ],
    ids=["utf-16", "binary", "empty", "too-big", "too-many-rows", "missing-columns"],
)
def test_files_that_cannot_be_read_get_a_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(CsvFileError) as caught:
        parse_csv(data)
    assert caught.value.messages == [message]


# Commands


def test_cli_export_then_dry_run_then_import(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    full_programme()
    before = snapshot()
    path = tmp_path / "events.csv"
    call_command("export-csv", "-o", str(path))
    assert len(read(path.read_bytes())) == 2
    Event.objects.all().delete()

    call_command("import-csv", str(path), "--dry-run")
    assert Event.objects.count() == 0
    assert capsys.readouterr().out == (
        "Dry run, nothing written. Created: 2, updated: 0, unchanged: 0.\n"
    )

    call_command("import-csv", str(path))
    assert capsys.readouterr().out == "Created: 2, updated: 0, unchanged: 0.\n"
    assert snapshot() == before


def test_cli_export_to_stdout_filters_by_calendar(capsys: pytest.CaptureFixture) -> None:
    factories.seed_webinar(factories.calendar("iurc"))
    factories.event("Other", cal=factories.calendar("other"))
    call_command("export-csv", "--calendar", "iurc")
    rows = read(capsys.readouterr().out.encode("utf-8"))
    assert [row["title_en"] for row in rows] == [EN_TITLE]
    with pytest.raises(CommandError, match="There is no calendar with the slug 'nope'."):
        call_command("export-csv", "--calendar", "nope")


def test_cli_import_with_bad_rows_fails_unless_told_to_skip(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    factories.calendar("iurc")
    path = tmp_path / "events.csv"
    path.write_bytes(
        (
            SHORT_HEADER
            + "iurc,2022-06-02,09:00,2022-06-02,11:00,,Good\r\n"
            + "iurc,2022-06-02,09:00,2022-06-02,11:00,foo,Bad\r\n"
        ).encode()
    )
    with pytest.raises(CommandError, match=r"Nothing imported: 1 rows have errors\."):
        call_command("import-csv", str(path))
    assert capsys.readouterr().err == "Row 3: unknown category 'foo'\n"
    assert Event.objects.count() == 0

    with pytest.raises(CommandError, match="1 bad rows were skipped"):
        call_command("import-csv", str(path), "--skip-errors")
    assert list(Event.objects.values_list("slug", flat=True)) == ["good"]

    with pytest.raises(CommandError, match="Unknown columns: size"):
        path.write_bytes(b"size\r\n")
        call_command("import-csv", str(path))


# Staff pages


@pytest.mark.parametrize("url", ["/admin/export-csv/", "/admin/import-csv/"])
@pytest.mark.parametrize(
    ("user", "expected"), [("alice", 200), ("bob", 403), ("charlie", 403), (None, 302)]
)
def test_csv_pages_permission_matrix(
    client: Client, url: str, user: str | None, expected: int
) -> None:
    users = factories.users()
    if user:
        client.force_login(users[user])
    response = client.get(url)
    assert response.status_code == expected
    if user is None:
        assert response["Location"] == f"/admin/login/?next={url}"


def test_staff_with_the_change_event_permission_may_use_the_csv_pages(client: Client) -> None:
    bob = factories.users()["bob"]
    bob.user_permissions.add(Permission.objects.get(codename="change_event"))
    client.force_login(bob)
    assert client.get("/admin/export-csv/").status_code == 200
    assert client.get("/admin/import-csv/").status_code == 200


def test_export_page_downloads_the_csv(client: Client) -> None:
    factories.seed_webinar(factories.calendar("iurc"))
    client.force_login(factories.users()["alice"])
    response = client.get("/admin/export-csv/?calendar=iurc")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="events-iurc.csv"'
    assert [row["title_zh-hans"] for row in read(response.content)] == [ZH_TITLE]
    assert client.get("/admin/export-csv/?calendar=nope").status_code == 404


def test_import_page_reports_bad_rows_and_imports_nothing_unless_skipping(client: Client) -> None:
    factories.calendar("iurc")
    client.force_login(factories.users()["alice"])
    body = (
        SHORT_HEADER
        + "iurc,2022-06-02,09:00,2022-06-02,11:00,,Good\r\n"
        + "iurc,2022-06-02,09:00,2022-06-02,11:00,foo,Bad\r\n"
    ).encode()

    def upload(**extra: Any) -> Any:
        file = io.BytesIO(body)
        file.name = "events.csv"
        return client.post("/admin/import-csv/", {"file": file, **extra})

    response = upload()
    assert response.status_code == 200
    assert response.context["report"].written is False
    assert "Row 3: unknown category &#x27;foo&#x27;" in response.content.decode()
    assert Event.objects.count() == 0

    response = upload(skip_errors="on")
    assert response.context["report"].created == ["good"]
    assert "Created: 1, updated: 0, unchanged: 0." in response.content.decode()
    assert Event.objects.count() == 1


def test_import_page_shows_file_errors_on_the_form(client: Client) -> None:
    client.force_login(factories.users()["alice"])
    file = io.BytesIO(b"size\r\n")
    file.name = "events.csv"
    response = client.post("/admin/import-csv/", {"file": file})
    assert response.context["report"] is None
    assert response.context["form"].errors == {
        "file": ["Unknown columns: size. See docs/csv.md for the columns."]
    }
