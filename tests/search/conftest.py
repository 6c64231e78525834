"""Pages in several languages for the search tests."""

import pytest

from home.factories import StandardPageFactory


@pytest.fixture
def homes(home_page, locales):
    """The home page of every language, by language code."""
    return {code: home_page.get_translation(locale) for code, locale in locales.items()}


@pytest.fixture
def standard_page(homes):
    """Make a live StandardPage under the home page of ``code``."""

    def make(code, title, introduction="", **kwargs):
        return StandardPageFactory(
            parent=homes[code], title=title, introduction=introduction, **kwargs
        )

    return make
