"""A page published in English is in every language at once; moves and deletions follow."""

from wagtail.models import Page
from wagtail_localize.models import LocaleSynchronization

import pytest

from home.demo import TRANSLATED_LANGUAGES, publish, publish_everywhere, translate
from home.models import StandardPage

OTHER_LANGUAGES = ("fr", "de", "es", "ar")


def english_page(parent, slug, title=None):
    page = parent.add_child(
        instance=StandardPage(
            title=title or slug.title(), slug=slug, introduction="English text.", live=False
        )
    )
    return publish(page)


@pytest.fixture
def sections(home_page, locales):
    """Two English indexes translated into every language: "about" and "get-involved"."""

    def fill(copy, code):
        copy.title = f"{copy.title} [{code}]"

    about = english_page(home_page, "about", "About")
    involved = english_page(home_page, "get-involved", "Get involved")
    for page in (about, involved):
        publish_everywhere(page, locales, fill)
    return about, involved


def test_every_other_language_syncs_from_english(locales):
    synced = {
        sync.locale.language_code: sync.sync_from.language_code
        for sync in LocaleSynchronization.objects.select_related("locale", "sync_from")
    }
    assert synced == dict.fromkeys(OTHER_LANGUAGES, "en")
    assert set(TRANSLATED_LANGUAGES) == set(OTHER_LANGUAGES)


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_a_new_english_page_answers_at_once_in_every_language(client, sections, locales, code):
    about, _ = sections
    page = english_page(about, "contact", "Contact us")
    response = client.get(f"/{code}/about/contact/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Contact us" in html
    # The alias says it shows English until someone translates it.
    assert 'class="untranslated-notice" role="note"' in html
    alias = page.get_translation(locales[code])
    assert alias.alias_of_id == page.pk and alias.live


def test_a_draft_is_nowhere_and_shows_up_everywhere_when_published(client, sections, locales):
    about, _ = sections
    draft = about.add_child(instance=StandardPage(title="Draft", slug="draft", live=False))
    draft.save_revision()
    assert Page.objects.filter(translation_key=draft.translation_key).count() == 1
    draft.get_latest_revision().publish()
    assert Page.objects.filter(translation_key=draft.translation_key).count() == 5
    for code in OTHER_LANGUAGES:
        assert client.get(f"/{code}/about/draft/").status_code == 200


def test_a_new_page_keeps_its_place_among_its_siblings(sections, home_page, locales):
    about, involved = sections
    first = home_page.get_first_child()
    page = StandardPage(title="Summits first", slug="first", live=False)
    first.add_sibling(pos="left", instance=page)
    publish(page)
    for code in OTHER_LANGUAGES:
        local_home = home_page.get_translation(locales[code])
        assert local_home.get_first_child().translation_key == page.translation_key, code


def test_a_move_moves_aliases_and_translations(client, sections, locales):
    about, involved = sections
    page = english_page(about, "contact", "Contact us")
    french = translate(page, locales["fr"], fields={"title": "Nous écrire"})
    assert french.alias_of_id is None

    page.move(involved, pos="last-child")

    for code in ("en", *OTHER_LANGUAGES):
        assert client.get(f"/{code}/get-involved/contact/").status_code == 200, code
        # Wagtail's redirects app sends the old address to the new one, in each language.
        old = client.get(f"/{code}/about/contact/")
        assert (old.status_code, old["Location"]) == (301, f"/{code}/get-involved/contact/")
        local = Page.objects.get(translation_key=page.translation_key, locale=locales[code])
        assert local.get_parent().translation_key == involved.translation_key
    assert "Nous écrire" in client.get("/fr/get-involved/contact/").content.decode()


def test_a_reorder_reorders_every_language(sections, home_page, locales):
    about, involved = sections
    involved.move(about, pos="left")
    for code in OTHER_LANGUAGES:
        children = home_page.get_translation(locales[code]).get_children()
        keys = [child.translation_key for child in children]
        assert keys.index(involved.translation_key) < keys.index(about.translation_key), code


def test_a_deletion_deletes_the_aliases(client, sections, locales):
    about, _ = sections
    page = english_page(about, "contact", "Contact us")
    child = english_page(page, "form", "Form")
    translate(page, locales["fr"], fields={"title": "Nous écrire"})

    Page.objects.get(pk=page.pk).delete()

    for code in ("en", "de", "es", "ar"):
        assert client.get(f"/{code}/about/contact/").status_code == 404, code
    for key in (page.translation_key, child.translation_key):
        # No alias survives as an orphan copy of the English text.
        assert (
            not Page.objects.filter(translation_key=key, alias_of__isnull=True)
            .exclude(locale=locales["fr"])
            .exists()
        )
        assert not Page.objects.filter(translation_key=key, alias_of__isnull=False).exists()
    # A real translation is its editors' to delete.
    assert Page.objects.get(translation_key=page.translation_key).locale == locales["fr"]
