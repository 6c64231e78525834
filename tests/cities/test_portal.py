"""City accounts: teams and their rights, invitations, sign-in, password reset, My city."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail, signing
from django.utils import translation
from django.utils.html import escape

from wagtail.models import GroupCollectionPermission, GroupPagePermission

import pytest

from cities.accounts import city_for_user, ensure_city_team
from cities.forms import LoginForm, PasswordResetForm
from cities.invitations import INVITATION_SALT, invitation_token
from cities.models import CityInvitation, CityPage, CityTeam
from tests.cities.portal import city_directory_everywhere, city_everywhere, member, started_long_ago
from tests.shared import fresh

# The cities below are built once for the module (tests/shared.py), before its first test.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.usefixtures("member_cities"),
]

PASSWORD = "a-long-city-password-2026"


@pytest.fixture(scope="module")
def member_cities(module_home):
    """Düsseldorf and Montréal in every language, with their teams: built once."""
    home_page, locales = module_home.home, module_home.locales
    with module_home.build():
        index = city_directory_everywhere(home_page, locales)
        return {
            "duesseldorf": city_everywhere(index, locales, "duesseldorf", "Düsseldorf"),
            "montreal": city_everywhere(index, locales, "montreal", "Montréal"),
        }


@pytest.fixture
def cities(member_cities, db):
    return fresh(member_cities)


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


def test_each_city_gets_a_team_with_rights_on_its_pages_in_every_language_only(cities, locales):
    duesseldorf = cities["duesseldorf"]
    team = CityTeam.objects.get(city_key=duesseldorf.translation_key)
    translations = CityPage.objects.filter(translation_key=duesseldorf.translation_key)
    assert translations.count() == len(locales)
    granted = GroupPagePermission.objects.filter(group=team.group)
    assert {p.page_id for p in granted} == {page.pk for page in translations}
    assert {p.permission.codename for p in granted} == {"add_page", "change_page"}
    # No model permission at all (no admin access, no publishing), only its own collection.
    assert not team.group.permissions.exists()
    assert set(
        GroupCollectionPermission.objects.filter(group=team.group).values_list(
            "collection_id", flat=True
        )
    ) == {team.collection_id}
    assert ensure_city_team(duesseldorf) == team  # idempotent
    assert CityTeam.objects.count() == 2


def test_city_user_can_add_and_edit_under_own_city_but_never_publish(cities, locales):
    user = member(cities["duesseldorf"], "staff@duesseldorf.test")
    french = cities["duesseldorf"].get_translation(locales["fr"])
    own = french.permissions_for_user(user)
    assert own.can_add_subpage() and own.can_edit()
    assert not own.can_publish() and not own.can_publish_subpage()
    other = cities["montreal"].get_translation(locales["fr"]).permissions_for_user(user)
    assert not other.can_add_subpage() and not other.can_edit()
    assert city_for_user(user, locales["fr"]) == french


def test_invitation_email_link_lets_the_person_set_a_password_and_join(
    cities, client, locales, django_capture_on_commit_callbacks
):
    team = CityTeam.objects.get(city_key=cities["montreal"].translation_key)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = CityInvitation.objects.create(
            team=team, email="Maire@Montreal.test", language="fr"
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Maire@Montreal.test"]
    assert "Montréal [fr]" in message.subject
    assert message.extra_headers["Content-Language"] == "fr"
    url = link_in(message)
    assert url.startswith("http://testserver/fr/accounts/invitation/")
    response = client.get(url)
    assert response.status_code == 200
    assert 'lang="fr"' in response.content.decode()
    response = client.post(
        url, {"full_name": "Valérie", "password1": "short", "password2": "short"}
    )
    assert response.status_code == 400
    assert "Valérie" in response.content.decode()  # what was typed stays
    response = client.post(
        url, {"full_name": "Valérie", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/fr/my-city/"
    user = get_user_model().objects.get(email="Maire@Montreal.test")
    assert user.check_password(PASSWORD)
    assert city_for_user(user, locales["en"]) == cities["montreal"]
    invitation.refresh_from_db()
    assert invitation.accepted_at and invitation.user == user
    # Signed in already; the link cannot be used twice.
    assert client.get("/fr/my-city/").status_code == 200
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == "/fr/accounts/login/"


def test_expired_or_tampered_invitation_is_refused_clearly(cities, client, settings):
    team = CityTeam.objects.get(city_key=cities["montreal"].translation_key)
    invitation = CityInvitation.objects.create(team=team, email="x@montreal.test", language="en")
    token = invitation_token(invitation)
    response = client.get(f"/de/accounts/invitation/{token[:-2]}xx/")
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="de"' in html
    with translation.override("de"):
        not_valid = translation.gettext("This invitation link is not valid")
        expired = translation.gettext("This invitation has expired")
    assert not_valid != "This invitation link is not valid"  # said in German
    assert escape(not_valid) in html and escape(expired) not in html
    settings.OBSERVATORY_INVITATION_MAX_AGE = -1
    response = client.get(f"/en/accounts/invitation/{token}/")
    assert response.status_code == 400
    assert "This invitation has expired" in response.content.decode()
    forged = signing.dumps({"invitation": 999999}, salt=INVITATION_SALT)
    settings.OBSERVATORY_INVITATION_MAX_AGE = 3600
    assert client.get(f"/en/accounts/invitation/{forged}/").status_code == 400
    assert not get_user_model().objects.filter(email="x@montreal.test").exists()


def login_data(email, password):
    return {
        "username": email,
        "password": password,
        "form_started": started_long_ago(LoginForm),
    }


def test_sign_in_and_out_on_the_site_in_the_visitors_language(cities, client):
    member(cities["duesseldorf"], "staff@duesseldorf.test")
    response = client.get("/es/my-city/")
    assert response.status_code == 302
    assert response["Location"].startswith("/es/accounts/login/?next=/es/my-city/")
    page = client.get("/es/accounts/login/")
    assert page.status_code == 200 and 'lang="es"' in page.content.decode()
    wrong = client.post("/es/accounts/login/", login_data("staff@duesseldorf.test", "nope"))
    assert wrong.status_code == 200
    assert "staff@duesseldorf.test" in wrong.content.decode()
    response = client.post(
        "/es/accounts/login/?next=/es/my-city/",
        {**login_data("staff@duesseldorf.test", PASSWORD), "next": "/es/my-city/"},
    )
    assert response.status_code == 302 and response["Location"] == "/es/my-city/"
    # Spanish is an alias of English in these tests: the title is the English one.
    assert "<h1>Düsseldorf [es]</h1>" in client.get("/es/my-city/").content.decode()
    assert "<h1>Düsseldorf [fr]</h1>" in client.get("/fr/my-city/").content.decode()
    response = client.post("/es/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/es/my-city/").status_code == 302


def test_login_is_rate_limited_per_address(cities, client):
    member(cities["duesseldorf"], "staff@duesseldorf.test")
    limit = LoginForm.rate_limit[0]
    for _attempt in range(limit):
        client.post("/en/accounts/login/", login_data("staff@duesseldorf.test", "wrong"))
    # Even the right password waits now: guessing has no more tries.
    response = client.post("/en/accounts/login/", login_data("staff@duesseldorf.test", PASSWORD))
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_password_reset_answers_the_same_and_mails_only_known_addresses(
    cities, client, django_capture_on_commit_callbacks
):
    member(cities["duesseldorf"], "staff@duesseldorf.test")
    answers = []
    for email in ("staff@duesseldorf.test", "nobody@nowhere.test"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/fr/accounts/password-reset/",
                {"email": email, "form_started": started_long_ago(PasswordResetForm)},
            )
        answers.append((response.status_code, response["Location"]))
    assert answers[0] == answers[1] == (302, "/fr/accounts/password-reset/sent/")
    assert [m.to for m in mail.outbox] == [["staff@duesseldorf.test"]]
    url = link_in(mail.outbox[0])
    assert url.startswith("http://testserver/fr/accounts/reset/")
    response = client.get(url, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url,
        {"new_password1": "another-long-password-77", "new_password2": "another-long-password-77"},
    )
    assert response.status_code == 302
    assert (
        get_user_model()
        .objects.get(email="staff@duesseldorf.test")
        .check_password("another-long-password-77")
    )


def test_my_city_refuses_an_account_without_a_city(cities, client):
    get_user_model().objects.create_user(
        username="lost@x.test", email="lost@x.test", password=PASSWORD
    )
    client.login(username="lost@x.test", password=PASSWORD)
    response = client.get("/en/my-city/")
    # 404, as for a guessed id of another city's page: the portal tells outsiders nothing.
    assert response.status_code == 404
    assert "not linked to a member city" in response.content.decode()
    for url in (
        "/en/my-city/profile/",
        "/en/my-city/initiatives/new/",
        "/en/my-city/events/new/",
        "/en/my-city/capital/",
        "/en/my-city/signatures/1/upgrade/",
    ):
        assert client.get(url).status_code == 404, url


def test_city_users_cannot_enter_the_admin(cities, client):
    member(cities["duesseldorf"], "staff@duesseldorf.test")
    client.login(username="staff@duesseldorf.test", password=PASSWORD)
    for url in ("/admin/", f"/admin/pages/{cities['duesseldorf'].pk}/edit/", "/admin/images/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/admin/login/" in response["Location"]


def test_profile_changes_go_to_review_not_live(cities, client):
    from core.moderation import ensure_moderation_workflow

    ensure_moderation_workflow()
    member(cities["duesseldorf"], "staff@duesseldorf.test")
    client.login(username="staff@duesseldorf.test", password=PASSWORD)
    response = client.post(
        "/de/my-city/profile/",
        {
            "mayor": "Dr. Stephan Keller",
            "website": "duesseldorf.de",
            "description": "Eins.\n\nZwei.",
        },
    )
    assert response.status_code == 302
    city = CityPage.objects.get(pk=cities["duesseldorf"].pk)
    assert city.mayor != "Dr. Stephan Keller"  # live page unchanged
    assert city.workflow_in_progress
    draft = city.get_latest_revision_as_object()
    assert draft.mayor == "Dr. Stephan Keller"
    assert draft.website == "https://duesseldorf.de"
    assert draft.description == "<p>Eins.</p><p>Zwei.</p>"
    assert "In review" in client.get("/en/my-city/").content.decode()
    assert Permission.objects.filter(group__user__email="staff@duesseldorf.test").count() == 0
