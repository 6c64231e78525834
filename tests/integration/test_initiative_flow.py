"""Flow 2 on real services: a city submits in French, an editor approves, the emails go out.

PostgreSQL, Redis and a real Celery worker whose emails reach a real SMTP sink.
"""

import io
import re

from django.test import Client

import pytest
from PIL import Image as PILImage

from initiatives.models import InitiativePage
from initiatives.submission import State, initiative_state
from tests.cities.portal import (
    PASSWORD,
    city_directory_everywhere,
    city_everywhere,
    member,
    moderator,
    themes_everywhere,
)
from tests.initiatives.test_submission import form_data
from tests.integration.conftest import message_text
from tests.worlds import committed_world, on_home_pages

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def portal():
    return committed_world("initiative_portal", on_home_pages(build_portal))


def build_portal(home, locales):
    index = city_directory_everywhere(home, locales)
    duesseldorf = city_everywhere(index, locales, "duesseldorf", "Düsseldorf")
    return {
        "locales": locales,
        "duesseldorf": duesseldorf,
        "themes": themes_everywhere(locales),
        "moderator": moderator(email="editor@observatory.test", language="en"),
        "staff": member(duesseldorf, "equipe@duesseldorf.test", language="fr"),
    }


def jpeg():
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (30, 120, 90)).save(buffer, "JPEG")
    buffer.name = "jardin.jpg"
    buffer.seek(0)
    return buffer


def test_city_submits_editor_approves_and_everyone_is_told(portal, mail_worker, smtp_sink):
    city = Client()
    assert city.login(username="equipe@duesseldorf.test", password=PASSWORD)
    data = form_data(portal, **{"images-0-file": jpeg(), "images-0-alt_text": "Un jardin"})
    response = city.post("/fr/my-city/initiatives/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = InitiativePage.objects.get(slug="jardins-partages-dans-chaque-quartier")
    assert page.locale.language_code == "fr" and not page.live
    assert initiative_state(page)[0] == State.IN_MODERATION

    # The worker tells the editor, with a link to review in the admin.
    [to_editor] = smtp_sink.wait_for("editor@observatory.test")
    assert "Jardins partagés dans chaque quartier" in to_editor["Subject"]
    review_link = re.search(r"http://\S+/admin/pages/(\d+)/edit/", message_text(to_editor))
    assert review_link and int(review_link.group(1)) == page.pk

    editor = Client()
    editor.force_login(portal["moderator"])
    task_state = page.current_workflow_task_state
    response = editor.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    public_url = "/fr/cities/duesseldorf/jardins-partages-dans-chaque-quartier/"
    assert city.get(public_url).status_code == 200

    # The city hears back in French, with the public address.
    [to_city] = smtp_sink.wait_for("equipe@duesseldorf.test")
    assert to_city["Content-Language"] == "fr"
    assert "/fr/cities/duesseldorf/jardins-partages-dans-chaque-quartier/" in message_text(to_city)
    assert "status--live" in city.get("/fr/my-city/").content.decode()


def test_rejection_comment_reaches_the_city(portal, mail_worker, smtp_sink):
    city = Client()
    city.login(username="equipe@duesseldorf.test", password=PASSWORD)
    response = city.post("/fr/my-city/initiatives/new/", form_data(portal))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = InitiativePage.objects.get(slug="jardins-partages-dans-chaque-quartier")
    smtp_sink.wait_for("editor@observatory.test")
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(
        task_state, portal["moderator"], "reject", comment="Merci d'ajouter une photo."
    )
    [to_city] = smtp_sink.wait_for("equipe@duesseldorf.test")
    assert "Merci d'ajouter une photo." in message_text(to_city)
    assert "/fr/my-city/" in message_text(to_city)
    page.refresh_from_db()
    assert not page.live
