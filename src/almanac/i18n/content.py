"""Which stored translation of a piece of content to show, and in what order to look.

The order for a language is: the language itself, then the fallbacks configured in
``ALMANAC_FALLBACKS`` (e.g. zh-hant → zh-hans), then the site default language, then
whatever translation exists. A visitor never sees an empty title.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Protocol, TypeVar

from django.conf import settings


class HasLanguage(Protocol):
    language: str


T = TypeVar("T", bound=HasLanguage)


@cache
def fallback_chain(language: str) -> tuple[str, ...]:
    chain = [language]
    chain += getattr(settings, "ALMANAC_FALLBACKS", {}).get(language, [])
    if "-" in language:
        chain.append(language.split("-")[0])
    chain.append(settings.LANGUAGE_CODE)
    return tuple(dict.fromkeys(chain))


def pick(translations: Iterable[T], language: str) -> T | None:
    """The best translation for ``language`` among ``translations``, or None if there is none."""
    by_language = {t.language: t for t in translations}
    for code in fallback_chain(language):
        if code in by_language:
            return by_language[code]
    # Last resort: any translation, in a stable order.
    return by_language[min(by_language)] if by_language else None
