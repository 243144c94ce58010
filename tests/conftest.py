import pytest
from django.core.cache import cache
from django.utils import translation

from almanac.i18n.catalogs import compile_catalogs


def pytest_sessionstart(session: pytest.Session) -> None:
    # The .po files are the source; the suite renders pages with what they compile to.
    compile_catalogs()


@pytest.fixture(autouse=True)
def _isolate():
    """Each test starts with an empty cache and the default language.

    A request to /zh-hans/… leaves Chinese active in this thread; without the reset the
    next test's messages would be in Chinese.
    """
    cache.clear()
    yield
    cache.clear()
    translation.deactivate()
