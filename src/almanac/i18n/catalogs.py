"""Compile the UI translations (``django.po`` → ``django.mo``) with Babel.

The ``.po`` files are the source and live in the repository; the binary ``.mo`` files that
Django reads are build output (ignored by git) and are compiled by the build, the test
suite and the deployment with this module. Django's own ``compilemessages`` would need GNU
gettext's ``msgfmt`` on every machine that builds Almanac; Babel is already a dependency,
so Python is all it takes::

    python -m almanac.i18n.catalogs            # compile what changed under LOCALE_PATHS
    python -m almanac.i18n.catalogs --force    # compile everything

Compiling checks what ``msgfmt --check-format`` would: a malformed ``.po`` (bad quoting,
unknown keyword, missing ``msgstr``, duplicate entry, too many plural forms, invalid
UTF-8) or a translation whose ``%(name)s`` placeholders the code cannot fill is a
``ValueError`` naming the file and line, never a silently wrong catalog. Fuzzy entries
are left out, as ``msgfmt`` leaves them out: the English text is shown until a
translator confirms them.

A running process caches the catalogs it has loaded; restart it after compiling.

Updating a catalog after UI strings changed does need GNU gettext (``xgettext``), on the
translator's machine only; from ``src/almanac``::

    DJANGO_SETTINGS_MODULE=almanac.settings python -m django makemessages \\
        -l zh_Hans --no-obsolete --no-location

then translate the new entries and remove any ``#, fuzzy`` flag that msgmerge added.
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

DOMAIN = "django"

_STRING = r'"(?:[^"\\]|\\.)*"'
_KEYWORD_LINE = re.compile(rf"(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+({_STRING})")
_CONTINUATION_LINE = re.compile(_STRING)


def locale_dirs() -> list[Path]:
    """The directories of ``settings.LOCALE_PATHS``."""
    from django.conf import settings

    return [Path(path) for path in settings.LOCALE_PATHS]


def po_files(directories: Iterable[Path]) -> list[Path]:
    """Every ``<lang>/LC_MESSAGES/django.po`` in ``directories``, in a stable order."""
    found: set[Path] = set()
    for directory in directories:
        found.update(Path(directory).glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return sorted(found)


def is_stale(po: Path, mo: Path) -> bool:
    """Whether ``mo`` is missing or older than ``po``."""
    return not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime


def read_catalog(po: Path) -> Catalog:
    """Parse and check ``po``; ValueError("<file>:<line>: <problem>") if it is broken."""
    data = po.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        raise ValueError(f"{po}:1: starts with a byte order mark; save it as UTF-8 without one")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ValueError(f"{po}:{line}: not valid UTF-8 ({exc.reason})") from None
    lines = text.splitlines()
    _check_syntax(po, lines)
    try:
        catalog = read_po(lines, domain=DOMAIN, abort_invalid=True)
    except PoFileError as exc:
        # Babel counts lines from 0 and appends " on <n>" to its message.
        problem = str(exc).removesuffix(f" on {exc.lineno}")
        raise ValueError(f"{po}:{exc.lineno + 1}: {problem}") from None
    for message, errors in catalog.check():
        if message.fuzzy:
            continue  # not compiled, so it cannot break a page
        problems = "; ".join(str(error) for error in errors)
        raise ValueError(f"{po}:{message.lineno}: {problems} (msgid {message.id!r})")
    return catalog


def _check_syntax(po: Path, lines: Sequence[str]) -> None:
    """What Babel's lenient parser lets through: bad quoting, stray text, duplicate entries."""
    seen: dict[tuple[str, str], int] = {}
    context: list[str] = []
    msgid: list[str] | None = None
    msgid_line = 0
    current: list[str] | None = None  # the string a continuation line extends

    def end_msgid() -> None:
        nonlocal msgid
        if msgid is None:
            return
        key = ("".join(context), "".join(msgid))
        if key in seen:
            raise ValueError(
                f"{po}:{msgid_line}: duplicate entry, first defined on line {seen[key]}"
            )
        seen[key] = msgid_line
        msgid = None

    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            # A comment ends the current entry; obsolete (#~) entries are not compiled.
            if line.startswith("#"):
                end_msgid()
                current = None
            continue
        if _CONTINUATION_LINE.fullmatch(line):
            if current is None:
                raise ValueError(f"{po}:{number}: a string outside any msgid or msgstr")
            current.append(line)
            continue
        match = _KEYWORD_LINE.fullmatch(line)
        if not match:
            raise ValueError(
                f"{po}:{number}: expected a keyword and one quoted string, got {line[:60]!r}"
            )
        keyword, string = match.groups()
        if keyword == "msgctxt":
            end_msgid()
            context = current = [string]
        elif keyword == "msgid":
            if msgid is not None:
                end_msgid()
                context = []
            msgid, msgid_line = [string], number
            current = msgid
        elif keyword == "msgid_plural":
            current = [string]
        else:  # msgstr, msgstr[n]
            end_msgid()
            context = []
            current = [string]
    end_msgid()


def compile_catalog(po: Path, mo: Path | None = None) -> Path:
    """Compile one ``.po`` into ``mo`` (default: beside it), atomically; returns ``mo``."""
    catalog = read_catalog(po)
    mo = mo or po.with_suffix(".mo")
    # Write to a temporary file and rename it, so a process reading the catalog meanwhile
    # sees the old file or the new one, never half of one.
    fd, temporary = tempfile.mkstemp(dir=mo.parent, prefix=f".{mo.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fileobj:
            write_mo(fileobj, catalog, use_fuzzy=False)
        os.chmod(temporary, 0o644)
        os.replace(temporary, mo)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return mo


def compile_catalogs(locale_dir: Path | None = None, *, force: bool = False) -> list[Path]:
    """Compile every ``django.po`` under ``locale_dir`` (default: ``settings.LOCALE_PATHS``).

    A catalog is compiled only when its ``.mo`` is missing or older than the ``.po``,
    unless ``force``. Returns the ``.mo`` files written. Raises ValueError naming the file
    and line for a broken ``.po``; catalogs compiled before it are kept.
    """
    directories = [Path(locale_dir)] if locale_dir is not None else locale_dirs()
    written = []
    for po in po_files(directories):
        mo = po.with_suffix(".mo")
        if force or is_stale(po, mo):
            written.append(compile_catalog(po, mo))
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m almanac.i18n.catalogs",
        description="Compile django.po translation catalogs into django.mo with Babel.",
    )
    parser.add_argument(
        "locale_dir",
        nargs="*",
        type=Path,
        help="locale directories to compile (default: settings.LOCALE_PATHS)",
    )
    parser.add_argument("--force", action="store_true", help="compile even if up to date")
    args = parser.parse_args(argv)
    if not args.locale_dir:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "almanac.settings")
    try:
        written = [
            mo
            for directory in args.locale_dir or [None]
            for mo in compile_catalogs(directory, force=args.force)
        ]
    except ValueError as exc:
        parser.exit(1, f"error: {exc}\n")
    for mo in written:
        print(f"compiled {mo}")
    if not written:
        print("all catalogs are up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
