"""Django settings for Almanac. Every knob is an environment variable; see README.md."""

from __future__ import annotations

import secrets
from pathlib import Path

from almanac.env import (
    env_bool,
    env_database,
    env_int,
    env_languages,
    env_list,
    env_redis_url,
    env_str,
    env_zone,
)

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("ALMANAC_DATA_DIR", str(BASE_DIR.parent.parent / "var"))).resolve()

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    """SECRET_KEY from the environment, or one generated once and kept in DATA_DIR."""
    key = env_str("SECRET_KEY", "")
    if key:
        return key
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "almanac.events",
    "almanac.i18n",
    "almanac.calendar",
    "almanac.interop",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "almanac.i18n.middleware.ViewerZoneMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "almanac.urls"
WSGI_APPLICATION = "almanac.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{DATA_DIR / 'almanac.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_redis_url("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: the first is the site default and the last resort of every fallback.
LANGUAGES = env_languages("ALMANAC_LANGUAGES", ["en", "zh-hans"])
LANGUAGE_CODE = LANGUAGES[0][0]
LOCALE_PATHS = [BASE_DIR / "i18n" / "locale"]
USE_I18N = True

# Times are stored as wall clock + IANA zone; TIME_ZONE is only Django's own clock.
USE_TZ = True
TIME_ZONE = "UTC"
# Zone and first weekday of the site-wide views; each calendar has its own.
ALMANAC_TIME_ZONE = env_zone("ALMANAC_TIME_ZONE", "Europe/Brussels")
ALMANAC_FIRST_WEEKDAY = env_int("ALMANAC_FIRST_WEEKDAY", 6, minimum=0, maximum=6)  # 6 = Sunday
ALMANAC_LIST_PAGE_SIZE = env_int("ALMANAC_LIST_PAGE_SIZE", 20, minimum=1, maximum=500)
# Calendar feeds (.ics) keep this many days of past events; upcoming ones are all there.
# Sites allowed to show the embeddable widget in an iframe (CSP frame-ancestors).
ALMANAC_WIDGET_FRAME_ANCESTORS = env_list("ALMANAC_WIDGET_FRAME_ANCESTORS", ["*"])
ALMANAC_FEED_PAST_DAYS = env_int("ALMANAC_FEED_PAST_DAYS", 365, minimum=0, maximum=36500)
# iCalendar sources may point at private/loopback addresses (SSRF guard off): tests, intranets.
ALMANAC_ALLOW_PRIVATE_SOURCES = env_bool("ALMANAC_ALLOW_PRIVATE_SOURCES", False)

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("ALMANAC_MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Admin forms with many translations post many fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if env_bool("ALMANAC_HTTPS", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
