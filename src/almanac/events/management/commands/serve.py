"""`almanac serve`: migrate, collect static files, compile translations, serve with gunicorn."""

from __future__ import annotations

import os
import shutil
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from almanac.i18n.catalogs import compile_catalogs


class Command(BaseCommand):
    help = "Migrate, collect static files, compile translations, serve with gunicorn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("ALMANAC_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")),
            help="gunicorn worker processes (default 2, or $WEB_CONCURRENCY)",
        )  # fmt: skip

    def handle(self, *args, host: str, port: int, workers: int, **options) -> None:
        if not 1 <= port <= 65535:
            raise CommandError(f"--port {port} is not a TCP port (1-65535).")
        if workers < 1:
            raise CommandError("--workers must be at least 1.")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        compile_catalogs()
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or "gunicorn"
        self.stdout.write(f"Almanac is serving at http://{host}:{port}/ (Ctrl+C to stop)")
        sys.stdout.flush()
        forwarded = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
        os.execv(
            gunicorn,
            [gunicorn, "almanac.wsgi", "--bind", f"{host}:{port}", "--workers", str(workers),
             "--access-logfile", "-", "--forwarded-allow-ips", forwarded],
        )  # fmt: skip
