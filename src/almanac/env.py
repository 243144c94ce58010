"""Strict parsers for settings that come from environment variables.

A bad value stops start-up with a message naming the variable, instead of
running with a surprising default (healthchecks' ``envbool`` does the same).
"""

from __future__ import annotations

import os
import zoneinfo

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean; use one of {sorted(_TRUE | _FALSE - {''})}."
    )


def env_int(name: str, default: int, *, minimum: int, maximum: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if not minimum <= value <= maximum:
        raise ImproperlyConfigured(f"{name}={value} is outside {minimum}..{maximum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if not items:
        raise ImproperlyConfigured(f"{name} is set but empty; give a comma-separated list.")
    return items


def env_zone(name: str, default: str) -> str:
    value = os.environ.get(name, default)
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfigured(
            f"{name}={value!r} is not an IANA time zone such as 'Europe/Brussels'."
        ) from None
    return value


def env_languages(name: str, default: list[str]) -> list[tuple[str, str]]:
    """Language codes such as ``en,zh-hans``, checked against Django's known languages."""
    from django.conf.locale import LANG_INFO

    codes = [code.lower() for code in env_list(name, default)]
    unknown = [code for code in codes if code not in LANG_INFO]
    if unknown:
        raise ImproperlyConfigured(
            f"{name} names unknown language codes {unknown}; use codes such as 'en' or 'zh-hans'."
        )
    if len(set(codes)) != len(codes):
        raise ImproperlyConfigured(f"{name} lists a language twice: {codes}.")
    return [(code, LANG_INFO[code]["name"]) for code in codes]


def env_database(name: str, default: str) -> dict:
    import dj_database_url

    raw = os.environ.get(name, default)
    try:
        config = dj_database_url.parse(raw, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:  # dj-database-url raises several types for bad URLs
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a database URL ({exc}); "
            "use sqlite:///path/to/file.sqlite3 or postgres://user@host:5432/name."
        ) from None
    engine = config.get("ENGINE", "")
    if engine not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
        raise ImproperlyConfigured(f"{name} must point at SQLite or PostgreSQL, not {engine!r}.")
    if engine.endswith("sqlite3"):
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL;",
            "transaction_mode": "IMMEDIATE",
        }
    return config


def env_redis_url(name: str) -> str | None:
    raw = os.environ.get(name)
    if not raw:
        return None
    if not raw.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"{name}={raw!r} must start with redis://, rediss:// or unix://."
        )
    return raw
