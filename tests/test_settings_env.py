"""Settings come from the environment through strict parsers: bad values stop start-up."""

import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from almanac import env


@pytest.mark.parametrize(
    "raw,expected", [("1", True), ("true", True), ("off", False), ("0", False)]
)
def test_env_bool_parses(monkeypatch, raw, expected):
    monkeypatch.setenv("X_FLAG", raw)
    assert env.env_bool("X_FLAG", not expected) is expected


def test_env_bool_rejects_junk(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='maybe' is not a boolean"):
        env.env_bool("DEBUG", False)


def test_env_languages(monkeypatch):
    monkeypatch.setenv("ALMANAC_LANGUAGES", "en, zh-hans ,fr")
    assert [code for code, _ in env.env_languages("ALMANAC_LANGUAGES", ["en"])] == [
        "en",
        "zh-hans",
        "fr",
    ]
    monkeypatch.setenv("ALMANAC_LANGUAGES", "en,klingon")
    with pytest.raises(ImproperlyConfigured, match="unknown language codes \\['klingon'\\]"):
        env.env_languages("ALMANAC_LANGUAGES", ["en"])


@pytest.mark.parametrize("url", ["mysql://x@y/z", "nonsense", "sqlite"])
def test_env_database_rejects_unsupported_urls(monkeypatch, url):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env.env_database("DATABASE_URL", "sqlite:///x.sqlite3")


def test_env_database_parses_postgres(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/almanac")
    config = env.env_database("DATABASE_URL", "")
    assert (config["ENGINE"], config["NAME"], config["HOST"]) == (
        "django.db.backends.postgresql",
        "almanac",
        "127.0.0.1",
    )


def test_env_redis_url_and_zone_and_int(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "http://localhost")
    with pytest.raises(ImproperlyConfigured):
        env.env_redis_url("REDIS_URL")
    monkeypatch.setenv("ALMANAC_TIME_ZONE", "Europe/Atlantis")
    with pytest.raises(ImproperlyConfigured, match="not an IANA time zone"):
        env.env_zone("ALMANAC_TIME_ZONE", "UTC")
    monkeypatch.setenv("ALMANAC_FIRST_WEEKDAY", "9")
    with pytest.raises(ImproperlyConfigured, match="outside 0..6"):
        env.env_int("ALMANAC_FIRST_WEEKDAY", 6, minimum=0, maximum=6)


def test_bad_setting_stops_the_almanac_command_with_a_clear_message(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "almanac", "check"],
        env={"DEBUG": "perhaps", "ALMANAC_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "DEBUG='perhaps' is not a boolean" in result.stderr
    assert "Traceback" not in result.stderr
