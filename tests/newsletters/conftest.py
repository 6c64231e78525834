import pytest


@pytest.fixture
def site(home_page):
    """The home pages in every language (the site's templates need them)."""
    return home_page
