"""Time the public views against a database of N events; results go in docs/performance.md.

    .venv/bin/python bench/views.py --events 10000 --runs 20

It builds a fresh SQLite database in a temporary directory (or uses DATABASE_URL),
spreads the events over ten years, and reports the median and 95th percentile time
and the query count of each page. The claim it checks: a view costs what its window
holds, not what the database holds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from datetime import time as dtime
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    os.environ.setdefault("ALMANAC_DATA_DIR", tempfile.mkdtemp(prefix="almanac-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from almanac.events import services
    from almanac.events.models import Calendar, Event, EventTranslation

    call_command("migrate", verbosity=0)
    cal = services.save_translated(
        Calendar, slug="bench", languages=["en"], translations={"en": {"name": "Bench"}}
    )
    start = time.perf_counter()
    with transaction.atomic():
        first = date(2018, 1, 1)
        for i in range(args.events):
            day = first + timedelta(days=(i * 3653) // args.events)
            services.create_event(
                calendar=cal,
                translations={
                    "en": {"title": f"Bench event {i}"},
                    "zh-hans": {"title": f"活动 {i}"},
                },
                start_date=day,
                end_date=day,
                start_time=dtime(9 + i % 8),
                end_time=dtime(10 + i % 8),
                status=Event.Status.PUBLISHED,
            )
        # One repeating series per 100 events, without an end: the views must expand them
        # inside their window only, whenever that window is.
        for i in range(max(1, args.events // 100)):
            day = first + timedelta(days=i)
            services.create_event(
                calendar=cal,
                translations={"en": {"title": f"Series {i}"}},
                start_date=day,
                end_date=day,
                start_time=dtime(10),
                end_time=dtime(11),
                rrule="FREQ=WEEKLY",
                status=Event.Status.PUBLISHED,
            )
    print(
        f"created {Event.objects.count()} events, {EventTranslation.objects.count()} translations "
        f"in {time.perf_counter() - start:.1f} s on {connection.vendor}"
    )

    client = Client(HTTP_HOST="127.0.0.1")
    pages = [
        "/en/calendar/week/2022-05-29/",
        "/en/calendar/month/2022-06/",
        "/en/calendar/day/2022-06-02/",
        "/en/calendar/posterboard/2022-06/",
        "/en/events/?past=1",
        "/en/calendar/week/2022-05-29/?q=event+42",
        "/en/calendar/week/2122-05-29/",  # a century on: only the endless series remain
    ]
    print(f"{'page':45} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'KiB':>6}")
    for url in pages:
        client.get(url)  # warm caches and template loading
        timings = []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                t0 = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, url
        p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) >= 2 else timings[0]
        print(
            f"{url:45} {statistics.median(timings):10.1f} {p95:8.1f} {len(queries):8d} "
            f"{len(response.content) / 1024:6.1f}"
        )


if __name__ == "__main__":
    main()
