"""The `almanac` command: Django's management commands, plus `demo` and `serve`."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "almanac.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line([sys.argv[0], *sys.argv[1:]])
    except ImproperlyConfigured as exc:
        sys.exit(f"Almanac is misconfigured: {exc}")


if __name__ == "__main__":
    main()
