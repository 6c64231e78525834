"""The search page and suggestions over HTTP: visibility rules, groups, promotions."""

import datetime

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction, Workflow

import pytest

from cities.factories import CityIndexPageFactory, CityPageFactory
from initiatives.factories import InitiativeIndexPageFactory, InitiativePageFactory

pytestmark = pytest.mark.django_db


def search(client, query, language="en", **params):
    return client.get(f"/{language}/search/", {"query": query, **params})


def content(response):
    return response.content.decode()


@pytest.fixture
def festival(standard_page):
    return standard_page("en", "Neighbourhood festival", "A festival of living together.")


class TestVisibility:
    def test_live_public_page_is_found(self, client, festival):
        response = search(client, "festival")
        assert response.status_code == 200
        assert "Neighbourhood festival" in content(response)
        assert "<mark>festival</mark>" in content(response)

    def test_draft_is_not_found(self, client, standard_page):
        standard_page("en", "Secret festival draft", "Draft festival.", live=False)
        assert "Secret festival draft" not in content(search(client, "festival"))

    def test_page_in_moderation_is_not_found(self, client, standard_page, admin_user):
        page = standard_page("en", "Moderated festival", "Waiting festival.", live=False)
        page.save_revision(user=admin_user)
        Workflow.objects.first().start(page, admin_user)
        assert page.workflow_in_progress
        assert "Moderated festival" not in content(search(client, "festival"))

    def test_new_version_in_moderation_is_not_shown(self, client, festival, admin_user):
        festival.title = "Renamed festival not yet approved"
        festival.save_revision(user=admin_user)
        Workflow.objects.first().start(festival, admin_user)
        response = search(client, "festival")
        assert "Renamed festival not yet approved" not in content(response)
        assert "Neighbourhood festival" in content(response)

    def test_private_page_is_not_found(self, client, standard_page):
        page = standard_page("en", "Private festival", "Members only festival.")
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
        assert "Private festival" not in content(search(client, "festival"))

    def test_child_of_private_page_is_not_found(self, client, standard_page):
        parent = standard_page("en", "Members area", "")
        PageViewRestriction.objects.create(page=parent, restriction_type=PageViewRestriction.LOGIN)
        from home.factories import StandardPageFactory

        StandardPageFactory(parent=parent, title="Hidden festival", introduction="festival")
        assert "Hidden festival" not in content(search(client, "festival"))

    def test_other_language_only_on_request(self, client, standard_page):
        standard_page("fr", "Fête de quartier festival", "Un festival.")
        assert "Fête de quartier festival" not in content(search(client, "festival"))
        response = search(client, "festival", lang="all")
        assert "Fête de quartier festival" in content(response)
        assert 'lang="fr"' in content(response)

    def test_language_follows_the_url(self, client, standard_page):
        standard_page("fr", "Fête festival", "Un festival.")
        assert "Fête festival" in content(search(client, "festival", language="fr"))


class TestGroups:
    @pytest.fixture
    def world(self, homes, standard_page):
        directory = CityIndexPageFactory(parent=homes["en"])
        InitiativeIndexPageFactory(parent=homes["en"])
        montreal = CityPageFactory(parent=directory, title="Montréal harmony", slug="montreal")
        for n in range(12):
            InitiativePageFactory(
                parent=montreal,
                title=f"Harmony walk {n}",
                summary="Walks for harmony between neighbours.",
                start_date=datetime.date(2021, 5, 16),
            )
        standard_page("en", "About harmony", "Harmony as a method.")

    def test_counts_per_type(self, client, world):
        response = search(client, "harmony")
        search_result = response.context["search"]
        # Only initiatives name their parent page.
        assert {
            r.context for r in search_result.results if r.result_type.slug != "initiatives"
        } == {""}
        counts = {kind.slug: count for kind, count in search_result.counts}
        assert counts["initiatives"] == 12
        assert counts["cities"] == 1
        assert counts["pages"] == 1
        assert search_result.total == 14
        assert 'href="?query=harmony&amp;type=initiatives"' in content(response)

    def test_type_filter_and_pagination(self, client, world):
        response = search(client, "harmony", type="initiatives")
        results = response.context["search"].results
        assert len(results) == 10
        assert {result.result_type.slug for result in results} == {"initiatives"}
        # Each initiative says whose it is: its city, the parent page.
        assert {result.context for result in results} == {"Montréal harmony"}
        response = search(client, "harmony", type="initiatives", page=2)
        assert len(response.context["search"].results) == 2
        assert "type=initiatives" in content(response)

    def test_unknown_type_and_page_are_ignored(self, client, world):
        response = search(client, "harmony", type="nope", page="zzz")
        assert response.status_code == 200
        assert response.context["search"].type_slug == ""


class TestNoResults:
    def test_helpful_page(self, client, homes):
        InitiativeIndexPageFactory(parent=homes["en"])
        CityIndexPageFactory(parent=homes["en"])
        response = search(client, "xyzzyqq")
        html = content(response)
        assert "Nothing matches" in html
        assert "lang=all" in html
        assert 'href="/en/initiatives/"' in html
        assert "Check the spelling" in html

    def test_links_follow_the_pages(self, client, homes):
        index = InitiativeIndexPageFactory(parent=homes["en"])
        assert 'href="/en/initiatives/"' in content(search(client, "xyzzyqq"))
        index.unpublish()
        assert 'href="/en/initiatives/"' not in content(search(client, "xyzzyqq"))


class TestPromotions:
    def test_editors_pick_on_top_and_hit_recorded(self, client, festival, standard_page):
        pick = standard_page("en", "Living together day", "The 16 May.")
        SearchPromotion.objects.create(
            query=Query.get("festival"), page=pick, description="Every 16 May", sort_order=0
        )
        response = search(client, "Festival")
        html = content(response)
        assert html.index("Living together day") < html.index("Neighbourhood festival")
        assert "Every 16 May" in html
        assert Query.get("festival").hits == 1

    def test_a_new_pick_shows_at_once_and_a_deleted_one_goes(self, client, festival, standard_page):
        pick = standard_page("en", "Living together day", "The 16 May.")
        assert "Chosen by the editors" not in content(
            search(client, "festival")
        )  # none promoted yet
        promotion = SearchPromotion.objects.create(
            query=Query.get("festival"),
            page=pick,
            description="Chosen by the editors",
            sort_order=0,
        )
        assert "Chosen by the editors" in content(search(client, "festival"))
        promotion.delete()
        assert "Chosen by the editors" not in content(search(client, "festival"))
        assert Query.get("festival").hits == 3

    def test_private_pick_is_not_shown(self, client, festival, standard_page):
        pick = standard_page("en", "Private pick", "")
        PageViewRestriction.objects.create(page=pick, restriction_type=PageViewRestriction.LOGIN)
        SearchPromotion.objects.create(query=Query.get("festival"), page=pick, sort_order=0)
        assert "Private pick" not in content(search(client, "festival"))

    def test_pick_in_other_language_is_not_shown(self, client, festival, standard_page):
        pick = standard_page("fr", "Choix français", "")
        SearchPromotion.objects.create(query=Query.get("festival"), page=pick, sort_order=0)
        assert "Choix français" not in content(search(client, "festival"))


class TestSuggest:
    def test_titles_and_urls(self, client, festival, standard_page):
        standard_page("fr", "Festival de Paris", "")
        response = client.get("/en/search/suggest/", {"q": "festi"})
        assert response.status_code == 200
        results = response.json()["results"]
        assert results == [
            {"title": "Neighbourhood festival", "url": festival.get_url(), "context": ""}
        ]

    def test_drafts_and_private_are_not_suggested(self, client, standard_page):
        standard_page("en", "Draft festival", "", live=False)
        page = standard_page("en", "Private festival", "")
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        assert client.get("/en/search/suggest/", {"q": "festival"}).json() == {"results": []}

    def test_hostile(self, client):
        for query in ("x" * 10_000, "\x00", '"(', ""):
            response = client.get("/en/search/suggest/", {"q": query})
            assert response.status_code == 200


class TestHeader:
    def test_combobox_markup(self, client, festival):
        html = content(client.get("/en/"))
        assert 'role="combobox"' in html
        assert 'aria-controls="header-search-suggestions"' in html
        assert 'data-suggest-url="/en/search/suggest/"' in html
        assert "js/search-autocomplete.js" in html


def test_newsletters_are_a_group_of_their_own(client, home_page):
    from newsletters.factories import NewsletterIndexPageFactory, NewsletterPageFactory

    index = NewsletterIndexPageFactory(parent=home_page)
    NewsletterPageFactory(parent=index, title="Harmony letter", preheader="Harmony in cities")
    html = client.get("/en/search/?query=harmony").content.decode()
    assert "Harmony letter" in html
    assert "Newsletters" in html
