"""Summit pages: where they live, what the factories make, queries (the demo: test_demo_summits)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail import blocks

import pytest

from home.models import HomePage
from summits.factories import (
    DeclarationPageFactory,
    SummitIndexPageFactory,
    SummitPageFactory,
    programme_day,
)
from summits.models import (
    DeclarationPage,
    SessionBlock,
    SummitIndexPage,
    SummitPage,
)


def test_tree_rules(db):
    assert SummitIndexPage.allowed_parent_page_models() == [HomePage]
    assert SummitPage.allowed_parent_page_models() == [SummitIndexPage]
    assert DeclarationPage.allowed_parent_page_models() == [SummitPage]
    assert DeclarationPage.allowed_subpage_models() == []


def test_index_is_one_per_home_and_summits_only_under_it(home_page):
    assert SummitIndexPage.can_create_at(home_page)
    assert not SummitPage.can_create_at(home_page)
    assert not DeclarationPage.can_create_at(home_page)
    index = SummitIndexPageFactory(parent=home_page)
    assert not SummitIndexPage.can_create_at(home_page)
    assert SummitPage.can_create_at(index)
    summit = SummitPageFactory(parent=index)
    assert DeclarationPage.can_create_at(summit)
    DeclarationPageFactory(parent=summit)
    assert not DeclarationPage.can_create_at(summit)


def test_session_that_ends_before_it_starts_is_rejected():
    block = SessionBlock()
    value = block.to_python(
        {"start_time": "10:00", "end_time": "09:00", "title": "Workshops", "audience": "public"}
    )
    with pytest.raises(blocks.StructBlockValidationError) as error:
        block.clean(value)
    assert "end_time" in error.value.block_errors
    value = block.to_python(
        {"start_time": "09:00", "end_time": "10:00", "title": "Workshops", "audience": "public"}
    )
    assert block.clean(value)["title"] == "Workshops"


def summit_with(index, number, slug):
    summit = SummitPageFactory(
        parent=index,
        slug=slug,
        programme=[
            programme_day(datetime.date(2019, 8, 30) + datetime.timedelta(days=day), sessions=3)
            for day in range(number)
        ],
    )
    for n in range(number):
        summit.venues.create(name=f"Venue {n}", address=f"Street {n}")
    summit.save_revision().publish()
    DeclarationPageFactory(parent=summit)
    return summit


def test_summit_page_queries_do_not_grow_with_days_and_venues(client, home_page):
    index = SummitIndexPageFactory(parent=home_page)
    small, large = summit_with(index, 1, "small"), summit_with(index, 5, "large")
    counts = []
    for summit in (small, large):
        client.get(summit.url)  # warm caches (site root paths, locales)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(summit.url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_factories_make_pages_that_render(client, home_page):
    index = SummitIndexPageFactory(parent=home_page)
    summit = SummitPageFactory(parent=index)
    declaration = DeclarationPageFactory(parent=summit)
    for page in (index, summit, declaration):
        assert client.get(page.url).status_code == 200


def session(title):
    """A session's title as the programme shows it (the structured data names it too)."""
    return f'<h4 class="session__title"><bdi>{title}</bdi></h4>'


def test_the_programme_is_rendered_once_per_published_state_and_language(client, home_page):
    """The programme's HTML comes from the cache until the page is published again."""
    index = SummitIndexPageFactory(parent=home_page)
    summit = summit_with(index, 1, "cached")
    assert session("Session 1") in client.get(summit.url).content.decode()
    # Changed in the database without publishing: the cached programme is still served.
    renamed = [programme_day(datetime.date(2019, 8, 30), sessions=1)]
    renamed[0][1]["sessions"][0]["title"] = "Opening plenary"
    summit = SummitPage.objects.get(pk=summit.pk)
    summit.programme = renamed
    summit.save()  # the live row, with no new publication date
    html = client.get(summit.url).content.decode()
    assert session("Session 1") in html and session("Opening plenary") not in html
    # Published: a new cache key, the new programme.
    summit = SummitPage.objects.get(pk=summit.pk)
    summit.save_revision().publish()
    html = client.get(summit.url).content.decode()
    assert session("Opening plenary") in html and session("Session 1") not in html
    # A preview never reads or fills the cache.
    summit.programme = [programme_day(datetime.date(2019, 8, 30), sessions=1)]
    preview = summit.make_preview_request(None, summit.default_preview_mode)
    assert session("Session 1") in preview.render().content.decode()
