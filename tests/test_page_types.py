"""Every page type: where it may be created, that it has a factory, and that it renders."""

import importlib

from django.test import TestCase

from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailPageTestCase

import pytest

from capitals.models import CapitalIndexPage, CapitalPage
from cities.models import CityIndexPage, CityPage
from exhibitions.models import ExhibitionPage, PanelPage
from home.models import HomePage, StandardPage
from initiatives.models import InitiativeIndexPage, InitiativePage
from international_day.models import InternationalDayPage
from newsletters.models import NewsletterIndexPage, NewsletterPage
from summits.models import DeclarationPage, SummitIndexPage, SummitPage
from tests.shared import fresh

OUR_APPS = {
    "home",
    "summits",
    "cities",
    "initiatives",
    "capitals",
    "exhibitions",
    "international_day",
    "newsletters",
}

# Each page type and the only parents it may have.
ALLOWED_PARENTS = {
    HomePage: {Page},
    StandardPage: {HomePage, StandardPage},
    SummitIndexPage: {HomePage},
    SummitPage: {SummitIndexPage},
    DeclarationPage: {SummitPage},
    ExhibitionPage: {SummitPage},
    PanelPage: {ExhibitionPage},
    CityIndexPage: {HomePage},
    CityPage: {CityIndexPage},
    InitiativePage: {CityPage},
    InitiativeIndexPage: {HomePage},
    CapitalIndexPage: {HomePage},
    CapitalPage: {CapitalIndexPage},
    InternationalDayPage: {HomePage},
    NewsletterIndexPage: {HomePage},
    NewsletterPage: {NewsletterIndexPage},
}
SINGLETONS = {
    HomePage,
    SummitIndexPage,
    CityIndexPage,
    InitiativeIndexPage,
    CapitalIndexPage,
    InternationalDayPage,
    DeclarationPage,
    ExhibitionPage,
    NewsletterIndexPage,
}


def our_page_models():
    return [model for model in get_page_models() if model._meta.app_label in OUR_APPS]


def test_every_page_type_is_in_the_tree_rules():
    assert set(our_page_models()) == set(ALLOWED_PARENTS)


class TestTreeRules(WagtailPageTestCase):
    def test_each_page_type_is_creatable_only_under_its_parents(self):
        candidates = [Page, *ALLOWED_PARENTS]
        for child, parents in ALLOWED_PARENTS.items():
            for parent in candidates:
                with self.subTest(child=child.__name__, parent=parent.__name__):
                    if parent in parents:
                        self.assertCanCreateAt(parent, child)
                    else:
                        self.assertCanNotCreateAt(parent, child)

    def test_singletons_are_limited_to_one_per_parent(self):
        for model in SINGLETONS:
            with self.subTest(model=model.__name__):
                self.assertEqual(model.max_count_per_parent, 1)


class TestEveryPageTypeHasAnExplicitTemplate(TestCase):
    def test_templates(self):
        for model in ALLOWED_PARENTS:
            with self.subTest(model=model.__name__):
                self.assertTrue(model.template.startswith("pages/"), model.template)


def factory_for(model):
    module = importlib.import_module(f"{model._meta.app_label}.factories")
    return getattr(module, f"{model.__name__}Factory")


@pytest.mark.parametrize("model", list(ALLOWED_PARENTS), ids=lambda model: model.__name__)
def test_every_page_type_has_a_factory(model):
    assert factory_for(model)._meta.model is model


@pytest.fixture(scope="module")
def one_of_each_world(module_home):
    """A page of every type, built once for the module (tests/shared.py)."""
    with module_home.build(on_commit=False):
        return build_one_of_each(module_home.home)


@pytest.fixture
def one_of_each(one_of_each_world, db):
    return fresh(one_of_each_world)


def build_one_of_each(home_page):
    """A page of every type, built with the factories, published in English."""
    pages = {HomePage: home_page}
    make = {model: factory_for(model) for model in ALLOWED_PARENTS}
    pages[StandardPage] = make[StandardPage](parent=home_page, slug="about")
    pages[SummitIndexPage] = make[SummitIndexPage](parent=home_page)
    pages[CityIndexPage] = make[CityIndexPage](parent=home_page)
    pages[InitiativeIndexPage] = make[InitiativeIndexPage](parent=home_page)
    pages[CapitalIndexPage] = make[CapitalIndexPage](parent=home_page)
    pages[InternationalDayPage] = make[InternationalDayPage](parent=home_page)
    pages[CityPage] = make[CityPage](parent=pages[CityIndexPage])
    pages[InitiativePage] = make[InitiativePage](parent=pages[CityPage])
    pages[SummitPage] = make[SummitPage](parent=pages[SummitIndexPage], host_city=pages[CityPage])
    pages[DeclarationPage] = make[DeclarationPage](parent=pages[SummitPage])
    pages[ExhibitionPage] = make[ExhibitionPage](parent=pages[SummitPage])
    pages[PanelPage] = make[PanelPage](parent=pages[ExhibitionPage])
    pages[CapitalPage] = make[CapitalPage](parent=pages[CapitalIndexPage], city=pages[CityPage])
    pages[NewsletterIndexPage] = make[NewsletterIndexPage](parent=home_page)
    pages[NewsletterPage] = make[NewsletterPage](parent=pages[NewsletterIndexPage])
    for page in pages.values():
        page.save_revision().publish()
    return pages


@pytest.mark.parametrize("model", list(ALLOWED_PARENTS), ids=lambda model: model.__name__)
def test_every_page_type_renders_in_its_template(client, one_of_each, model):
    page = one_of_each[model]
    response = client.get(page.url)
    assert response.status_code == 200
    assert model.template in [template.name for template in response.templates]
    assert f"{page.title}" in response.content.decode()
