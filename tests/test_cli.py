"""The `almanac` command as a newcomer runs it: a fresh data directory, demo, serve."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _almanac(data_dir: Path) -> tuple[list[str], dict[str, str]]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL"}
    }
    env["ALMANAC_DATA_DIR"] = str(data_dir)
    return [sys.executable, "-m", "almanac"], env


def _fetch(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_demo_then_serve_shows_the_seed_week_with_compressed_static_files(tmp_path: Path) -> None:
    command, env = _almanac(tmp_path)
    subprocess.run([*command, "migrate", "-v", "0"], env=env, check=True, timeout=120)
    first = subprocess.run(
        [*command, "demo"], env=env, check=True, timeout=120, capture_output=True, text=True
    )
    second = subprocess.run(
        [*command, "demo"], env=env, check=True, timeout=120, capture_output=True, text=True
    )
    assert "48 created" in first.stdout
    assert "0 created, 0 updated, 48 unchanged" in second.stdout

    port = _free_port()
    server = subprocess.Popen([*command, "serve", "--port", str(port), "--workers", "1"], env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        html = _fetch(f"{base}/en/calendar/week/2022-05-29/", time.monotonic() + 60)
        title = "IURC China Webinar: Regional Innovation &amp; Smart Sustainable Specialization Strategies"
        assert html.count(f">{title}<") == 1
        assert html.count("No events") == 6
        css = next(
            part.split('"')[0]
            for part in html.split('href="')
            if part.startswith("/static/almanac/almanac.")
        )
        assert (
            css != "/static/almanac/almanac.css"
        )  # a hashed, cache-busting name from the manifest
        request = urllib.request.Request(base + css, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (loopback)
            assert response.headers["Content-Encoding"] == "gzip"
            assert "max-age=315360000" in response.headers["Cache-Control"]
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_serve_rejects_a_bad_port(tmp_path: Path) -> None:
    command, env = _almanac(tmp_path)
    result = subprocess.run(
        [*command, "serve", "--port", "70000"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "--port 70000 is not a TCP port" in result.stderr


@pytest.mark.parametrize(
    "variable,value,message",
    [
        ("DATABASE_URL", "mysql://root@localhost/x", "must point at SQLite or PostgreSQL"),
        ("ALMANAC_LANGUAGES", "en,elvish", "unknown language codes ['elvish']"),
    ],
)
def test_bad_environment_stops_start_up(
    tmp_path: Path, variable: str, value: str, message: str
) -> None:
    command, env = _almanac(tmp_path)
    env[variable] = value
    result = subprocess.run(
        [*command, "serve"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
