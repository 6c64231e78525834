"""Flow 2 in a real browser: a city signs in, submits in French; an editor approves in the admin."""

import io

from django.core import mail

import pytest
from PIL import Image as PILImage

from initiatives.models import InitiativePage
from tests.browser.conftest import screenshot
from tests.cities.portal import (
    PASSWORD,
    city_directory_everywhere,
    city_everywhere,
    member,
    moderator,
    themes_everywhere,
)

# The live server's thread sees only committed data.
pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Jardins partagés dans chaque quartier"


@pytest.fixture
def portal(home_page, locales, live_server):
    index = city_directory_everywhere(home_page, locales)
    duesseldorf = city_everywhere(index, locales, "duesseldorf", "Düsseldorf")
    themes_everywhere(locales)
    editor = moderator(email="editor@observatory.test", language="en")
    editor.set_password(PASSWORD)
    editor.save()
    member(duesseldorf, "equipe@duesseldorf.test", language="fr")
    return live_server


def photo_png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 200), (46, 125, 50)).save(buffer, "PNG")
    return {"name": "jardin.png", "mimeType": "image/png", "buffer": buffer.getvalue()}


def test_city_submits_in_french_and_editor_approves_in_the_admin(portal, page_for):
    site = portal.url
    page = page_for(locale="fr-FR")
    page.goto(site + "/fr/my-city/")
    assert "/fr/accounts/login/" in page.url
    page.fill("input[name=username]", "equipe@duesseldorf.test")
    page.fill("input[name=password]", PASSWORD)
    page.wait_for_timeout(1100)  # a person takes a moment; the form refuses bots that don't
    page.locator("main form.site-form button[type=submit]").click()
    page.wait_for_url(site + "/fr/my-city/")
    assert page.locator("h1").inner_text() == "Düsseldorf [fr]"

    page.locator("a[href='/fr/my-city/initiatives/new/']").first.click()
    page.wait_for_url(site + "/fr/my-city/initiatives/new/")
    page.fill("input[name=title]", TITLE)
    page.locator("input[name=kind][value=public_activity]").check()
    page.locator("input[name=themes]").first.check()
    page.fill("input[name=start_date]", "2024-03-01")
    page.fill("textarea[name=summary]", "Des jardins où les voisins se rencontrent.")
    page.fill("textarea[name=body]", "Vingt jardins ouverts à tous.\n\nAvec les écoles.")
    page.set_input_files("input[name='images-0-file']", files=[photo_png()])
    page.fill("input[name='images-0-alt_text']", "Un jardin partagé")
    screenshot(page, "portal-initiative-form-fr")
    page.locator("button[name=submit]").click()
    page.wait_for_url(site + "/fr/my-city/")
    row = page.locator("tr", has_text=TITLE)
    assert row.locator(".status--in_moderation").count() == 1
    screenshot(page, "portal-my-city-fr")

    initiative = InitiativePage.objects.get(title=TITLE)
    assert initiative.locale.language_code == "fr" and not initiative.live
    assert [m.to for m in mail.outbox] == [["editor@observatory.test"]]

    # The editor reviews in Wagtail's admin and approves.
    admin = page_for(locale="en-GB")
    admin.goto(site + "/admin/login/")
    admin.fill("input[name=username]", "editor@observatory.test")
    admin.fill("input[name=password]", PASSWORD)
    admin.locator("button[type=submit]").click()
    admin.wait_for_url(site + "/admin/")
    admin.goto(site + f"/admin/pages/{initiative.pk}/edit/")
    admin.locator("footer [data-w-dropdown-target=toggle]").first.click()
    admin.get_by_role("button", name="Approve and Publish", exact=True).click()
    admin.wait_for_url(lambda url: "/edit/" not in url, timeout=15000)
    screenshot(admin, "admin-approved")

    initiative.refresh_from_db()
    assert initiative.live
    to_city = [m for m in mail.outbox if m.to == ["equipe@duesseldorf.test"]]
    assert len(to_city) == 1 and to_city[0].extra_headers["Content-Language"] == "fr"

    page.goto(site + "/fr/my-city/")
    assert page.locator("tr", has_text=TITLE).locator(".status--live").count() == 1
    page.goto(site + "/fr/cities/duesseldorf/jardins-partages-dans-chaque-quartier/")
    assert page.locator("h1").inner_text() == TITLE
    assert page.locator("img[alt='Un jardin partagé']").count() == 1
    screenshot(page, "initiative-published-fr")
