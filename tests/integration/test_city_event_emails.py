"""16 May events on real services: a city submits, moderators hear of it, the city hears back.

PostgreSQL, Redis and a real Celery worker whose emails reach a real SMTP sink.
"""

import re

from django.contrib.auth import get_user_model
from django.test import Client

import pytest

from international_day.models import CityEvent
from tests.cities.portal import (
    PASSWORD,
    city_directory_everywhere,
    city_everywhere,
    member,
    moderator,
)
from tests.integration.conftest import message_text
from tests.international_day.test_events import form_data
from tests.worlds import committed_world, on_home_pages

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def portal():
    return committed_world("event_portal", on_home_pages(build_portal))


def build_portal(home, locales):
    index = city_directory_everywhere(home, locales)
    duesseldorf = city_everywhere(index, locales, "duesseldorf", "Düsseldorf")
    get_user_model().objects.create_superuser("root", "root@observatory.test", PASSWORD)
    return {
        "moderator": moderator(email="editor@observatory.test", language="en"),
        "staff": member(duesseldorf, "equipo@duesseldorf.test", language="es"),
    }


def test_submission_reaches_moderators_and_approval_reaches_the_city(
    portal, mail_worker, smtp_sink
):
    city = Client()
    assert city.login(username="equipo@duesseldorf.test", password=PASSWORD)
    response = city.post("/es/my-city/events/new/", form_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    event = CityEvent.objects.get()
    assert event.status == CityEvent.Status.SUBMITTED and event.language == "es"

    # The worker tells each reviewer, with the link to review it in the admin.
    [to_editor] = smtp_sink.wait_for("editor@observatory.test")
    [to_root] = smtp_sink.wait_for("root@observatory.test")
    assert "Fiesta de la convivencia" in to_editor["Subject"]
    link = re.search(r"http://\S+/admin/city-events/review/(\d+)/", message_text(to_editor))
    assert link and int(link.group(1)) == event.pk
    assert to_root["Content-Language"] == "en"

    editor = Client()
    editor.force_login(portal["moderator"])
    response = editor.post(
        f"/admin/city-events/review/{event.pk}/", {"action": "approve", "approve-comment": ""}
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == CityEvent.Status.APPROVED

    # The city hears back in Spanish, the language it wrote in.
    [to_city] = smtp_sink.wait_for("equipo@duesseldorf.test")
    assert to_city["Content-Language"] == "es"
    assert "Fiesta de la convivencia" in to_city["Subject"]
    assert "/es/cities/duesseldorf/" in message_text(to_city)


def test_rejection_comment_reaches_the_city(portal, mail_worker, smtp_sink):
    city = Client()
    city.login(username="equipo@duesseldorf.test", password=PASSWORD)
    city.post("/es/my-city/events/new/", form_data())
    event = CityEvent.objects.get()
    smtp_sink.wait_for("editor@observatory.test")
    editor = Client()
    editor.force_login(portal["moderator"])
    editor.post(
        f"/admin/city-events/review/{event.pk}/",
        {"action": "reject", "reject-comment": "Falta la dirección exacta."},
    )
    [to_city] = smtp_sink.wait_for("equipo@duesseldorf.test")
    assert "Falta la dirección exacta." in message_text(to_city)
    assert "/es/my-city/" in message_text(to_city)
