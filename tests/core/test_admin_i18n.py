"""The admin in one language: snippet choosers, snippet listings and page forms."""

import json
import re

from django.contrib.auth import get_user_model

from wagtail.snippets.models import get_snippet_models
from wagtail.users.models import UserProfile

import pytest

from cities.models import Theme
from core.admin_i18n import OneLanguageIndexView, OneLanguageSnippetChooserViewSet
from initiatives.factories import InitiativePageFactory
from initiatives.models import InitiativePage
from newsletters.models import ReminderMessage
from tests.cities.portal import city_directory_everywhere, city_everywhere

pytestmark = pytest.mark.django_db

THEME_CHOOSER = "/admin/snippets/choose/cities/theme/"
SLUGS = ["mobility", "urbanism", "security", "digital", "diversity"]


@pytest.fixture
def themes(locales):
    """The five themes, each translated into every language: {code: [theme, …]}."""
    by_language = {code: [] for code in locales}
    for order, slug in enumerate(SLUGS):
        source = Theme.objects.create(
            name=f"{slug} [en]", slug=slug, sort_order=order, locale=locales["en"]
        )
        by_language["en"].append(source)
        for code, locale in locales.items():
            if code != "en":
                copy = source.copy_for_translation(locale)
                copy.name = f"{slug} [{code}]"
                copy.save()
                by_language[code].append(copy)
    return by_language


def editor_in(client, language):
    user = get_user_model().objects.create_superuser(
        f"editor-{language}", f"editor-{language}@observatory.test", "a-long-password-2026"
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return user


def chooser_names(response):
    assert response.status_code == 200
    html = response.json()["html"] if "json" in response["Content-Type"] else response.text
    return [name.strip() for name in re.findall(r"data-chooser-modal-choice[^>]*>([^<]+)<", html)]


def active_content_locale(response):
    html = response.content.decode()
    config = re.search(r'<script id="wagtail-config"[^>]*>(.*?)</script>', html, re.S)
    return json.loads(config.group(1)).get("ACTIVE_CONTENT_LOCALE")


def test_theme_chooser_lists_the_admin_language_without_a_page(client, themes):
    editor_in(client, "de")
    assert chooser_names(client.get(THEME_CHOOSER)) == [f"{slug} [de]" for slug in SLUGS]
    # Its search and pages (the results view) stay in one language too.
    results = client.get(THEME_CHOOSER + "results/?q=")
    assert chooser_names(results) == [f"{slug} [de]" for slug in SLUGS]


def test_theme_chooser_lists_the_language_it_is_asked_for(client, themes):
    editor_in(client, "de")
    french = chooser_names(client.get(THEME_CHOOSER + "?locale=fr"))
    assert french == [f"{slug} [fr]" for slug in SLUGS]
    arabic = chooser_names(client.get(THEME_CHOOSER + "results/?locale=ar&q=digital"))
    assert arabic == ["digital [ar]"]
    # An unknown language falls back on the admin's; "All" is not offered.
    response = client.get(THEME_CHOOSER + "?locale=xx")
    assert chooser_names(response) == [f"{slug} [de]" for slug in SLUGS]
    assert '<option value="">' not in response.json()["html"]


def test_reminder_message_chooser_lists_one_language(client, locales):
    message = ReminderMessage.objects.create(
        name="Countdown", subject="{days} days", body="<p>Soon.</p>", locale=locales["en"]
    )
    for code in ("fr", "de", "ar"):
        copy = message.copy_for_translation(locales[code])
        copy.name = f"Countdown [{code}]"
        copy.save()
    editor_in(client, "ar")
    chooser = "/admin/snippets/choose/newsletters/remindermessage/"
    assert chooser_names(client.get(chooser)) == ["Countdown [ar]"]
    assert chooser_names(client.get(chooser + "?locale=en")) == ["Countdown"]


def test_theme_listing_shows_the_admin_language_and_every_language_on_request(client, themes):
    editor_in(client, "de")

    def listed(query=""):
        html = client.get("/admin/snippets/cities/theme/" + query).content.decode()
        return {code for code in themes if f"digital [{code}]" in html}

    assert listed() == {"de"}
    assert listed("?locale=fr") == {"fr"}
    assert listed("?locale=") == set(themes)  # "All"


@pytest.fixture
def french_city(home_page, locales, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        directory = city_directory_everywhere(home_page, locales)
        city = city_everywhere(directory, locales, "duesseldorf", "Düsseldorf")
    return city.get_translation(locales["fr"])


def test_a_french_page_sends_french_to_the_chooser_and_offers_french_themes(
    client, themes, french_city
):
    editor_in(client, "de")
    response = client.get(f"/admin/pages/add/initiatives/initiativepage/{french_city.pk}/")
    assert response.status_code == 200
    # Wagtail adds ?locale=<this> to every chooser the page opens: French themes.
    assert active_content_locale(response) == "fr"
    html = response.content.decode()
    assert all(f"{slug} [fr]" in html for slug in SLUGS)
    assert not any(f"[{code}]" in html for code in ("en", "de", "es", "ar"))


def test_a_translated_page_shows_its_synchronised_themes_in_its_language(
    client, themes, french_city
):
    # After a sync the French initiative holds the English page's themes.
    page = InitiativePageFactory(parent=french_city, themes=themes["en"][1:3])
    form_class = InitiativePage.get_edit_handler().get_form_class()
    form = form_class(instance=page, parent_page=french_city, for_user=None)
    assert [str(theme) for theme in form.fields["themes"].queryset] == [
        f"{slug} [fr]" for slug in SLUGS
    ]
    assert sorted(form.initial["themes"]) == sorted(theme.pk for theme in themes["fr"][1:3])

    editor_in(client, "de")
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    checked = re.findall(r'<input type="checkbox" name="themes" value="(\d+)"[^>]*checked', html)
    assert sorted(map(int, checked)) == sorted(theme.pk for theme in themes["fr"][1:3])


def test_a_theme_not_translated_yet_stays_chosen(themes, french_city, locales):
    untranslated = Theme.objects.create(name="only english", slug="only", locale=locales["en"])
    page = InitiativePageFactory(parent=french_city, themes=[untranslated, themes["en"][0]])
    form_class = InitiativePage.get_edit_handler().get_form_class()
    form = form_class(instance=page, parent_page=french_city, for_user=None)
    offered = set(form.fields["themes"].queryset)
    assert untranslated in offered and set(themes["fr"]) <= offered
    assert not offered & set(themes["de"])


def test_every_translatable_snippet_chooses_and_lists_in_one_language():
    translatable = [model for model in get_snippet_models() if hasattr(model, "translation_key")]
    assert {Theme, ReminderMessage} <= set(translatable)
    for model in translatable:
        viewset = model.snippet_viewset
        assert isinstance(viewset.chooser_viewset, OneLanguageSnippetChooserViewSet), model
        assert issubclass(viewset.index_view_class, OneLanguageIndexView), model
