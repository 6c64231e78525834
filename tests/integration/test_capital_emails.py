"""Designating the Capital tells every applicant, by email from a real worker, in their language."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest

from capitals.cycle import designate
from capitals.factories import CapitalIndexPageFactory
from capitals.models import CapitalApplication, CapitalCall, CapitalCriterion
from home.demo import ensure_home_pages, ensure_locales
from tests.cities.portal import city_directory_everywhere, city_everywhere, member
from tests.integration.conftest import message_text

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_applicant_hears_the_decision(mail_worker, smtp_sink):
    locales = ensure_locales()
    home = ensure_home_pages(locales)
    index = city_directory_everywhere(home, locales)
    CapitalIndexPageFactory(parent=home)
    call = CapitalCall.objects.create(
        year=2029, deadline=timezone.now() + datetime.timedelta(days=1)
    )
    CapitalCriterion.objects.create(call=call, name="Ambition", max_points=10)
    applications = {}
    for slug, title, email, language in (
        ("duesseldorf", "Düsseldorf", "team@duesseldorf.test", "de"),
        ("montreal", "Montréal", "equipe@montreal.test", "fr"),
    ):
        city = city_everywhere(index, locales, slug, title)
        user = member(city, email, language=language)
        applications[slug] = CapitalApplication.objects.create(
            call=call,
            city_key=city.translation_key,
            motivation="…",
            planned_activities="…",
            language=language,
            status=CapitalApplication.Status.SUBMITTED,
            submitted_by=user,
        )
    editor = get_user_model().objects.create_superuser("editor", "editor@x.test", "pw")
    designate(call, applications["duesseldorf"], editor)

    [winner] = smtp_sink.wait_for("team@duesseldorf.test")
    [other] = smtp_sink.wait_for("equipe@montreal.test")
    assert winner["Content-Language"] == "de" and other["Content-Language"] == "fr"
    assert "2029" in winner["Subject"] and "2029" in other["Subject"]
    assert "Düsseldorf" in message_text(other)
