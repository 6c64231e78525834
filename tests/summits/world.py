"""A declaration in every language and two member cities, and what a signer posts."""

import time

from django.core import signing

from home.demo import publish_everywhere
from summits.factories import DeclarationPageFactory, SummitIndexPageFactory, SummitPageFactory
from summits.forms import SignatureForm
from tests.cities.portal import city_directory_everywhere, city_everywhere
from tests.worlds import committed_world, on_home_pages


def forget_rate_limits(address="127.0.0.1"):
    """Forget this address's signing attempts (only its own keys: the cache may be shared)."""
    from django.core.cache import cache

    attempts, window = SignatureForm.rate_limit
    now = int(time.time() // window)
    cache.delete_many(
        [f"ratelimit:{SignatureForm.rate_scope}:{address}:{slot}" for slot in (now - 1, now)]
    )


def started_long_ago(seconds=30):
    """A `form_started` value that passes the signing form's minimum fill time."""
    return signing.dumps(time.time() - seconds, salt=SignatureForm.signing_salt())


def sign_data(**overrides):
    """The signing form's POST; ``None`` leaves a field out."""
    data = {
        "kind": "commit",
        "name": "Ada Mayor",
        "title": "Mayor of Lyon",
        "city": "",
        "city_name": "Lyon",
        "country": "FR",
        "email": "ada@lyon.test",
        "consent": "on",
        "homepage": "",
        "form_started": started_long_ago(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def fill_declaration(copy, code):
    copy.title = f"Düsseldorf Declaration [{code}]"
    copy.commit_statement = f"I agree and commit [{code} statement]"
    copy.acknowledge_statement = f"I acknowledge [{code} statement]"


def build_world(home, locales):
    """The declaration translated into fr/de and aliased in es/ar, and two member cities."""
    # Spanish and Arabic stay aliases here: what a reader sees before a translation exists.
    languages = ("fr", "de")
    index = SummitIndexPageFactory(parent=home, slug="summits")
    publish_everywhere(index, locales, lambda copy, code: None, languages)
    summit = SummitPageFactory(parent=index, slug="duesseldorf-2019")
    publish_everywhere(summit, locales, lambda copy, code: None, languages)
    declaration = DeclarationPageFactory(parent=summit, slug="declaration")
    publish_everywhere(declaration, locales, fill_declaration, languages)
    cities = city_directory_everywhere(home, locales)
    return {
        "declaration": declaration,
        "locales": locales,
        "duesseldorf": city_everywhere(cities, locales, "duesseldorf", "Düsseldorf"),
        "montreal": city_everywhere(cities, locales, "montreal", "Montréal"),
    }


def page_url(world, code="en"):
    return world["declaration"].get_translation(world["locales"][code]).url


def committed_declaration_world():
    """``build_world``'s world with the locales and home pages, committed for a transactional
    test: built once per run (tests/worlds.py)."""
    return committed_world("declaration", on_home_pages(build_world))
