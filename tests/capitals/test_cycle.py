"""The Capital cycle: call, applications, eligibility, jury conflicts and scores, designation."""

import datetime

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase
from django.utils import timezone

import pytest

from capitals.cycle import ensure_jury_group
from capitals.factories import CapitalIndexPageFactory
from capitals.models import (
    CapitalApplication,
    CapitalCall,
    CapitalCriterion,
    CapitalPage,
    CapitalScore,
    JurorDeclaration,
)
from summits.factories import DeclarationPageFactory, SummitIndexPageFactory, SummitPageFactory
from summits.models import Signature, SignatureKind
from tests.cities.portal import PASSWORD, city_directory_everywhere, city_everywhere, member
from tests.shared import fresh

# The world below is built once for the module (tests/shared.py), before its first test.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cycle_world")]


@pytest.fixture(scope="module")
def cycle_world(module_home):
    """Two member cities with their teams and an open call: built once for the module."""
    home_page, locales = module_home.home, module_home.locales
    with module_home.build(on_commit=False):
        return build_cycle_world(home_page, locales)


@pytest.fixture
def world(cycle_world, db):
    return fresh(cycle_world)


def build_cycle_world(home_page, locales):
    with TestCase.captureOnCommitCallbacks(execute=True):
        index = city_directory_everywhere(home_page, locales)
        duesseldorf = city_everywhere(index, locales, "duesseldorf", "Düsseldorf")
        montreal = city_everywhere(index, locales, "montreal", "Montréal")
    summit = SummitPageFactory(
        parent=SummitIndexPageFactory(parent=home_page), host_city=duesseldorf
    )
    declaration = DeclarationPageFactory(parent=summit)
    CapitalIndexPageFactory(parent=home_page)
    call = CapitalCall.objects.create(
        year=2028,
        deadline=timezone.now() + datetime.timedelta(days=30),
        declaration=declaration,
    )
    criteria = [
        CapitalCriterion.objects.create(call=call, name="Ambition", max_points=10, sort_order=0),
        CapitalCriterion.objects.create(call=call, name="Reach", max_points=5, sort_order=1),
    ]
    # Düsseldorf signed the Declaration (confirmed); Montréal did not.
    Signature.objects.create(
        declaration_key=declaration.translation_key,
        kind=SignatureKind.COMMIT,
        name="Mayor",
        city=duesseldorf,
        confirmed_at=timezone.now(),
    )
    return {
        "duesseldorf": duesseldorf,
        "montreal": montreal,
        "call": call,
        "criteria": criteria,
        "staff": member(duesseldorf, "staff@duesseldorf.test", language="de"),
        "other": member(montreal, "staff@montreal.test", language="fr"),
    }


def apply(client, email, language="de", action="submit", **data):
    client.login(username=email, password=PASSWORD)
    return client.post(
        f"/{language}/my-city/capital/2028/",
        {
            "motivation": data.get("motivation", "Weil wir zusammenleben."),
            "planned_activities": "Ein Fest am Rhein.",
            "documents-TOTAL_FORMS": "2",
            "documents-INITIAL_FORMS": "0",
            "documents-MIN_NUM_FORMS": "0",
            "documents-MAX_NUM_FORMS": "5",
            action: "1",
        },
    )


def test_city_sees_the_open_call_and_its_eligibility(client, world):
    client.login(username="staff@duesseldorf.test", password=PASSWORD)
    page = client.get("/de/my-city/capital/").content.decode()
    assert "2028" in page and "status--live" in page  # eligible
    client.login(username="staff@montreal.test", password=PASSWORD)
    page = client.get("/fr/my-city/capital/").content.decode()
    assert "status--rejected" in page  # not eligible: no signature


def test_city_applies_saves_draft_then_submits_once(client, world):
    response = apply(client, "staff@duesseldorf.test", action="save")
    assert response.status_code == 302
    application = CapitalApplication.objects.get()
    assert application.status == "draft" and application.language == "de"
    apply(client, "staff@duesseldorf.test", motivation="Neu.")
    application.refresh_from_db()
    assert application.status == "submitted" and application.motivation == "Neu."
    assert CapitalApplication.objects.count() == 1
    assert application.is_eligible()


def test_no_application_after_the_deadline(client, world):
    CapitalCall.objects.filter(pk=world["call"].pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = apply(client, "staff@duesseldorf.test")
    assert response.status_code == 302 and not CapitalApplication.objects.exists()


def test_only_city_staff_apply(client, world):
    get_user_model().objects.create_user("lost", "lost@x.test", PASSWORD)
    client.login(username="lost", password=PASSWORD)
    assert client.get("/en/my-city/capital/").status_code == 404
    client.logout()
    assert client.get("/en/my-city/capital/2028/").status_code == 302


@pytest.fixture
def jurors(world):
    group = ensure_jury_group()
    users = []
    for name in ("anna", "bruno", "chen"):
        user = get_user_model().objects.create_user(name, f"{name}@jury.test", PASSWORD)
        user.groups.add(group)
        users.append(user)
    return users


@pytest.fixture
def two_applications(client, world):
    apply(client, "staff@duesseldorf.test")
    apply(client, "staff@montreal.test", language="fr", motivation="Parce que.")
    client.logout()
    return {a.city().slug: a for a in CapitalApplication.objects.all()}


def test_juror_declares_before_seeing_and_scores_only_without_conflict(
    client, world, jurors, two_applications
):
    anna = jurors[0]
    client.force_login(anna)
    duesseldorf = two_applications["duesseldorf"]
    page = client.get(f"/admin/capital-jury/{duesseldorf.pk}/").content.decode()
    assert "Weil wir zusammenleben." not in page  # nothing to read before declaring
    client.post(f"/admin/capital-jury/{duesseldorf.pk}/", {"has_conflict": "True"})
    page = client.get(f"/admin/capital-jury/{duesseldorf.pk}/").content.decode()
    assert "Weil wir zusammenleben." not in page and "conflict of interest" in page
    response = client.post(
        f"/admin/capital-jury/{duesseldorf.pk}/",
        {f"criterion_{c.pk}": 5 for c in world["criteria"]},
    )
    assert not CapitalScore.objects.filter(juror=anna).exists()
    assert response.status_code == 200
    # No conflict with Montréal: she reads and scores it, within each criterion's maximum.
    montreal = two_applications["montreal"]
    client.post(f"/admin/capital-jury/{montreal.pk}/", {"has_conflict": "False"})
    assert "Parce que." in client.get(f"/admin/capital-jury/{montreal.pk}/").content.decode()
    too_high = {
        f"criterion_{world['criteria'][0].pk}": 11,
        f"criterion_{world['criteria'][1].pk}": 3,
    }
    assert client.post(f"/admin/capital-jury/{montreal.pk}/", too_high).status_code == 200
    assert not CapitalScore.objects.exists()
    good = {**too_high, f"criterion_{world['criteria'][0].pk}": 8}
    assert client.post(f"/admin/capital-jury/{montreal.pk}/", good).status_code == 302
    assert CapitalScore.objects.filter(juror=anna, application=montreal).count() == 2
    # A declaration is final.
    client.post(f"/admin/capital-jury/{duesseldorf.pk}/", {"has_conflict": "False"})
    assert JurorDeclaration.objects.get(juror=anna, application=duesseldorf).has_conflict


def test_non_jurors_cannot_reach_the_jury(client, world, two_applications):
    editor = get_user_model().objects.create_user("ed", "ed@x.test", PASSWORD)
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/capital-jury/").status_code in (302, 403)
    application = two_applications["duesseldorf"]
    assert client.get(f"/admin/capital-jury/{application.pk}/").status_code in (302, 403)


def score(application, juror, points):
    JurorDeclaration.objects.create(application=application, juror=juror, has_conflict=False)
    for criterion, value in zip(application.call.criteria.all(), points, strict=True):
        CapitalScore.objects.create(
            application=application, juror=juror, criterion=criterion, points=value
        )


def test_ranking_averages_each_jurors_total(world, jurors, two_applications):
    duesseldorf, montreal = two_applications["duesseldorf"], two_applications["montreal"]
    score(duesseldorf, jurors[0], (9, 4))  # 13
    score(duesseldorf, jurors[1], (7, 4))  # 11
    score(montreal, jurors[0], (10, 5))  # 15 (but not eligible)
    ranking = world["call"].ranking()
    assert [a.pk for a in ranking] == [montreal.pk, duesseldorf.pk]
    assert ranking[1].average == 12 and ranking[1].scored_by == 2
    assert ranking[0].eligible is False and ranking[1].eligible is True


def test_designation_makes_a_draft_capital_page_and_tells_every_applicant(
    client, world, jurors, two_applications, django_capture_on_commit_callbacks
):
    editor = get_user_model().objects.create_superuser("editor", "editor@x.test", PASSWORD)
    client.force_login(editor)
    call = world["call"]
    ranking = client.get(f"/admin/capital-ranking/{call.pk}/").content.decode()
    assert "Designate as Capital" in ranking
    montreal = two_applications["montreal"]
    client.post(f"/admin/capital-ranking/{call.pk}/", {"application": montreal.pk})
    call.refresh_from_db()
    assert call.designated is None  # not eligible
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/capital-ranking/{call.pk}/",
            {"application": two_applications["duesseldorf"].pk},
        )
    # The English draft (other languages follow it as aliases: locale synchronisation).
    page = CapitalPage.objects.get(year=2028, alias_of__isnull=True)
    assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert not page.live and page.city.pk == world["duesseldorf"].pk
    call.refresh_from_db()
    assert call.designated.pk == two_applications["duesseldorf"].pk
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"staff@duesseldorf.test", "staff@montreal.test"}
    assert by_address["staff@duesseldorf.test"].extra_headers["Content-Language"] == "de"
    assert "2028" in by_address["staff@montreal.test"].subject
    assert by_address["staff@montreal.test"].extra_headers["Content-Language"] == "fr"
    # The archive shows it once editors publish it.
    assert "/en/capitals/2028/" not in client.get("/en/capitals/").content.decode()
    page.save_revision().publish()
    assert "/en/capitals/2028/" in client.get("/en/capitals/").content.decode()
    # Only once.
    client.post(f"/admin/capital-ranking/{call.pk}/", {"application": montreal.pk})
    assert CapitalPage.objects.filter(year=2028, alias_of__isnull=True).count() == 1


def test_dashboard_panel_shows_the_cycle(client, world, two_applications):
    editor = get_user_model().objects.create_superuser("editor", "editor@x.test", PASSWORD)
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "capital-cycle-heading" in html and "2028" in html
    assert "Next 16 May" in html


def test_demo_opens_a_call_for_the_year_after_the_demo_capitals(world):
    from capitals.demo import load_demo_call

    CapitalCall.objects.all().delete()
    call = load_demo_call()
    assert call.is_open and call.criteria.count() == 3
    assert call.declaration is not None
    assert load_demo_call() is None  # idempotent
