"""The Simplified Chinese UI catalog: complete, up to date, and compiled without GNU gettext."""

from __future__ import annotations

import gettext
import io
import os
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from django.utils.translation import trans_real

import almanac
from almanac.i18n.catalogs import compile_catalogs, main

PACKAGE = Path(almanac.__file__).resolve().parent
LOCALE_DIR = PACKAGE / "i18n" / "locale"
ZH_PO = LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"

# printf-style placeholders as Python's % operator reads them; "%%" is a literal percent.
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]")


def placeholders(text: str) -> set[str]:
    return {p for p in PLACEHOLDER.findall(text) if p != "%%"}


def load(po: Path, strict: bool = True):
    with po.open("rb") as fileobj:
        return read_po(fileobj, abort_invalid=strict)


def entries(po: Path, strict: bool = True):
    return [message for message in load(po, strict) if message.id]


def keys(po: Path, strict: bool = True) -> set[tuple[str | tuple[str, ...], str | None]]:
    return {(message.id, message.context) for message in entries(po, strict)}


def copy_catalog(tmp_path: Path, text: str | None = None) -> Path:
    """The zh_Hans catalog (or ``text``) in a locale directory under ``tmp_path``."""
    po = tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(ZH_PO.read_text(encoding="utf-8") if text is None else text, encoding="utf-8")
    return po


# Completeness


def test_header_declares_simplified_chinese_utf8_and_one_plural_form():
    catalog = load(ZH_PO)
    headers = dict(catalog.mime_headers)
    assert headers["Language"] == "zh_Hans"
    assert "charset=utf-8" in headers["Content-Type"].lower()
    assert catalog.num_plurals == 1
    assert catalog.plural_expr == "0"
    assert not catalog.fuzzy


def test_every_message_is_translated_and_none_is_fuzzy():
    messages = entries(ZH_PO)
    assert len(messages) > 150
    untranslated = [m.id for m in messages if not m.string or not all(_strings(m))]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


def test_plural_messages_have_exactly_one_form():
    plural = [m for m in entries(ZH_PO) if m.pluralizable]
    assert plural, "the catalog has ngettext / blocktranslate count messages"
    assert [m.id for m in plural if len(m.string) != 1] == []


def test_translations_keep_exactly_the_placeholders_of_the_english():
    mismatched = []
    for message in entries(ZH_PO):
        ids = message.id if message.pluralizable else (message.id,)
        wanted = set().union(*(placeholders(i) for i in ids))
        for string in _strings(message):
            if placeholders(string) != wanted:
                mismatched.append((message.id, string))
    assert mismatched == []


def test_translations_are_chinese_not_copied_english():
    # Names and codes that stay as they are in Chinese text.
    same_by_design = {"UID"}
    copied = [m.id for m in entries(ZH_PO) if m.id == m.string and m.id not in same_by_design]
    assert copied == []
    assert all(
        re.search(r"[\u4e00-\u9fff]", s)
        for m in entries(ZH_PO)
        if m.id not in same_by_design
        for s in _strings(m)
    )


def _strings(message) -> tuple[str, ...]:
    return message.string if message.pluralizable else (message.string,)


# Up to date with the sources


def test_catalog_has_every_translatable_string_of_templates_and_code(tmp_path, monkeypatch):
    if shutil.which("xgettext") is None or shutil.which("msguniq") is None:
        pytest.skip("GNU gettext (xgettext) is not installed; apt-get install -y gettext")
    source = tmp_path / "src" / "almanac"
    shutil.copytree(PACKAGE, source, ignore=shutil.ignore_patterns("__pycache__", "*.po", "*.mo"))
    fresh_locale = source / "i18n" / "locale"
    monkeypatch.chdir(source)
    # The same command as the one that made the catalog, into the copy, from scratch.
    with override_settings(LOCALE_PATHS=[fresh_locale]):
        call_command(
            "makemessages",
            locale=["zh_Hans"],
            no_obsolete=True,
            no_location=True,
            verbosity=0,
            stdout=io.StringIO(),
        )
    # A new catalog has two msgstr[n] per plural message whatever its Plural-Forms say;
    # only the msgids matter here.
    extracted = keys(fresh_locale / "zh_Hans" / "LC_MESSAGES" / "django.po", strict=False)
    in_catalog = keys(ZH_PO)
    assert len(extracted) > 150
    assert sorted(map(str, extracted - in_catalog)) == [], (
        "strings missing from django.po: run makemessages (see src/almanac/i18n/catalogs.py) "
        "and translate them"
    )
    assert sorted(map(str, in_catalog - extracted)) == [], (
        "django.po has strings the sources no longer use: run makemessages --no-obsolete"
    )


# Compiling with Babel


def test_compile_writes_a_mo_that_gnu_gettext_reads(tmp_path):
    po = copy_catalog(tmp_path)
    written = compile_catalogs(tmp_path / "locale")
    mo = po.with_suffix(".mo")
    assert written == [mo]
    with mo.open("rb") as fileobj:
        catalog = gettext.GNUTranslations(fileobj)
    assert catalog.gettext("No events") == "没有活动"
    assert catalog.gettext("Posterboard") == "海报墙"
    assert (
        catalog.ngettext("%(count)d event was published.", "%(count)d events were published.", 5)
        % {"count": 5}
        == "已发布 5 个活动。"
    )
    assert catalog.info()["language"] == "zh_Hans"
    assert "nplurals=1" in catalog.info()["plural-forms"]


def test_compile_only_what_changed_unless_forced(tmp_path):
    po = copy_catalog(tmp_path)
    locale = tmp_path / "locale"
    assert compile_catalogs(locale) == [po.with_suffix(".mo")]
    assert compile_catalogs(locale) == []
    assert compile_catalogs(locale, force=True) == [po.with_suffix(".mo")]
    # A .po edited after its .mo was compiled is compiled again.
    mo_time = po.with_suffix(".mo").stat().st_mtime
    os.utime(po, (mo_time + 10, mo_time + 10))
    assert compile_catalogs(locale) == [po.with_suffix(".mo")]


def test_compile_leaves_fuzzy_translations_out(tmp_path):
    text = ZH_PO.read_text(encoding="utf-8").replace(
        'msgid "No events"\n', '#, fuzzy\nmsgid "No events"\n'
    )
    po = copy_catalog(tmp_path, text)
    compile_catalogs(tmp_path / "locale")
    with po.with_suffix(".mo").open("rb") as fileobj:
        catalog = gettext.GNUTranslations(fileobj)
    assert catalog.gettext("No events") == "No events"
    assert catalog.gettext("Today") == "今天"


def test_a_broken_po_is_an_error_naming_file_and_line(tmp_path):
    text = ZH_PO.read_text(encoding="utf-8")
    lines = text.splitlines()
    line = lines.index('msgid "No events"') + 2  # its msgstr, counted from 1
    po = copy_catalog(tmp_path, text.replace('msgstr "没有活动"', 'msgstr "没有活动'))
    with pytest.raises(ValueError, match=rf"{re.escape(str(po))}:{line}:"):
        compile_catalogs(tmp_path / "locale")
    assert not po.with_suffix(".mo").exists()


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('msgid "a"\nmsgstrr "b"\n', "expected a keyword"),
        ('msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', "missing msgstr"),
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', "duplicate entry"),
        ('#, python-format\nmsgid "%(zone)s"\nmsgstr "%(zoon)s"\n', "placeholder"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[1] "c"\n', "num_plurals"),
        ("<<<<<<< HEAD\n", "expected a keyword"),
    ],
)
def test_broken_entries_are_reported(tmp_path, body, problem):
    header = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
    )
    po = copy_catalog(tmp_path, header + body)
    with pytest.raises(ValueError, match=rf"^{re.escape(str(po))}:\d+: .*{problem}"):
        compile_catalogs(tmp_path / "locale")


def test_the_command_line_compiles_and_says_what_it_wrote(tmp_path, capsys):
    po = copy_catalog(tmp_path)
    assert main([str(tmp_path / "locale")]) == 0
    assert f"compiled {po.with_suffix('.mo')}" in capsys.readouterr().out
    assert main([str(tmp_path / "locale")]) == 0
    assert "up to date" in capsys.readouterr().out


# The site in Chinese


@pytest.fixture
def compiled():
    """The real catalogs compiled, and Django made to load them afresh."""
    compile_catalogs()
    trans_real._translations.clear()
    yield
    trans_real._translations.clear()
    # A request leaves its language active in this thread; later tests expect the default.
    translation.deactivate()


def test_django_translates_with_the_compiled_catalog(compiled):
    with translation.override("zh-hans"):
        assert translation.gettext("No events") == "没有活动"
        assert translation.gettext("Week") == "周"
    with translation.override("en"):
        assert translation.gettext("No events") == "No events"


@pytest.mark.django_db
def test_chinese_week_page_is_in_chinese(client, compiled):
    html = client.get("/zh-hans/calendar/week/2022-05-29/").content.decode()
    assert html.count("没有活动") == 7
    assert "No events" not in html
    for text in (
        "今天",
        "海报墙",
        "4天",
        "跳转到日期",
        "时间显示为 Europe/Brussels 时间",
    ):
        assert text in html
