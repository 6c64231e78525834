"""The query budget on the demo content: every public page type in at most 12 queries.

``tests/test_query_budget.py`` builds a small world of its own; the demo has more
of everything (images on every card, themes, events, signatures, translations),
which is what a visitor meets. One page of each type is requested in English and in
Arabic, as ``make bench`` does: once to warm what a running site keeps (the frame,
content types…), then with a query string no page cache has seen, and its queries
are counted. A page over the budget fails with the queries it made.
Marked ``postgres``: ``make test`` runs it on SQLite and on PostgreSQL.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

BUDGET = 12
LANGUAGES = ["en", "ar"]
# A page of each public type in the demo (the paths are the English slugs, kept in
# every language by wagtail-localize), and the other public views.
PAGES = {
    "home": "/{lang}/",
    "initiative index": "/{lang}/initiatives/",
    "initiative index, filtered": "/{lang}/initiatives/?kind=public_policy&year=2023",
    "initiative": None,  # the first initiative of Düsseldorf, see initiative_url
    "city directory": "/{lang}/cities/",
    "city": "/{lang}/cities/montreal/",
    "summit index": "/{lang}/summits/",
    "summit": "/{lang}/summits/duesseldorf-2019/",
    "declaration": "/{lang}/summits/duesseldorf-2019/declaration/",
    "exhibition": None,  # see page_of_type
    "exhibition panel": None,
    "capitals index": "/{lang}/capitals/",
    "capital": None,
    "international day": "/{lang}/international-day/",
    "newsletter archive": None,
    "newsletter": None,
    "standard page": None,
    "search": "/{lang}/search/?query=festival",
    "open data": "/{lang}/open-data/",
}
MODELS = {
    "initiative": "initiatives.InitiativePage",
    "exhibition": "exhibitions.ExhibitionPage",
    "exhibition panel": "exhibitions.PanelPage",
    "capital": "capitals.CapitalPage",
    "newsletter archive": "newsletters.NewsletterIndexPage",
    "newsletter": "newsletters.NewsletterPage",
    "standard page": "home.StandardPage",
}


def page_of_type(name, lang):
    """The URL of the first live page of the type ``name`` in ``lang``, in tree order."""
    from django.apps import apps

    model = apps.get_model(MODELS[name])
    pages = model.objects.live().filter(locale__language_code=lang).order_by("path")
    if name == "initiative":
        pages = pages.filter(url_path__contains="/duesseldorf/")
    page = pages.first()
    assert page is not None, f"the demo has no live {name} in {lang}"
    return page.get_url()


def url_for(name, lang):
    pattern = PAGES[name]
    return page_of_type(name, lang) if pattern is None else pattern.format(lang=lang)


def unseen(url, number):
    return f"{url}{'&' if '?' in url else '?'}_budget={number}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_demo_page_within_budget(client, demo_db, name, lang):
    url = url_for(name, lang)
    assert client.get(url).status_code == 200, url  # what a running site keeps warm
    with CaptureQueriesContext(connection) as context:
        response = client.get(unseen(url, 1))
    assert response.status_code == 200, url
    queries = "\n".join(f"  {query['sql'][:400]}" for query in context)
    assert len(context) <= BUDGET, (
        f"{name} ({lang}, {url}): {len(context)} queries, the budget is {BUDGET}:\n{queries}"
    )
