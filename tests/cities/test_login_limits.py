"""Abuse limits that hit the abuser: the client behind our proxies, sign-in locks, reset.

Every probe here goes through the proxy (REMOTE_ADDR is the proxy's), as in
production, and counts how many attempts past a limit were still answered as
ordinary attempts: the bypasses, 0 everywhere.
"""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import translation
from django.utils.html import escape

import pytest

from cities.forms import LoginForm, PasswordResetForm
from core.login_limits import lockout_message
from tests.answer_time import assert_same_work, compare
from tests.cities.portal import started_long_ago

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

PASSWORD = "a-long-city-password-2026"
NEW_PASSWORD = "another-long-password-77"
PROXY = "10.0.0.1"
LIMIT = 10  # AXES_FAILURE_LIMIT


@pytest.fixture
def behind_one_proxy(settings):
    settings.OBSERVATORY_TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def person(home_page):
    return get_user_model().objects.create_user(
        username="staff@duesseldorf.test", email="staff@duesseldorf.test", password=PASSWORD
    )


@pytest.fixture
def editor(home_page):
    return get_user_model().objects.create_superuser(
        username="editor", email="editor@observatory.test", password=PASSWORD
    )


def via_proxy(client_address, spoofed=None):
    """The headers our proxy sends: what the client claimed, then the address it saw."""
    chain = f"{spoofed}, {client_address}" if spoofed else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": chain}


def site_login(client, username, password, lang="en", **headers):
    data = {"username": username, "password": password}
    data["form_started"] = started_long_ago(LoginForm)
    return client.post(f"/{lang}/accounts/login/", data, **headers)


def admin_login(client, username, password, **headers):
    return client.post("/admin/login/", {"username": username, "password": password}, **headers)


def lockout_text(lang):
    """The lockout message as a page in ``lang`` shows it."""
    with translation.override(lang):
        return escape(lockout_message())


def reset_password_by_email(client, capture, url, email, data=None):
    """Ask for a reset, follow the emailed link, choose NEW_PASSWORD; the last answer."""
    mail.outbox.clear()
    with capture(execute=True):
        assert client.post(url, {"email": email, **(data or {})}).status_code == 302
    [message] = mail.outbox
    link = re.search(r"https?://\S+", message.body).group(0)
    response = client.get(link.removeprefix("http://testserver"), follow=True)
    form_url = response.redirect_chain[-1][0]
    return client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})


# The client's address ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "proxy_setting",
    [{"OBSERVATORY_TRUSTED_PROXY_COUNT": 1}, {"OBSERVATORY_TRUST_X_FORWARDED_FOR": True}],
    ids=["proxy-count", "legacy-trust-flag"],
)
def test_a_guesser_behind_the_proxy_is_stopped_and_nobody_else(
    settings, person, client, proxy_setting
):
    """Rotating the left of X-Forwarded-For bypassed the limit (15 of 15); now 0."""
    for name, value in proxy_setting.items():
        setattr(settings, name, value)
    guesser = "203.0.113.66"
    statuses = [
        site_login(
            client, f"guess{n}@nowhere.test", "wrong", **via_proxy(guesser, f"192.0.2.{n}")
        ).status_code
        for n in range(1, 26)
    ]
    bypassed = statuses[LIMIT:].count(200)
    assert statuses[: LIMIT - 1] == [200] * (LIMIT - 1)
    assert bypassed == 0 and set(statuses[LIMIT - 1 :]) == {429}
    # The person behind the same proxy signs in at once.
    response = site_login(Client(), person.username, PASSWORD, **via_proxy("198.51.100.7"))
    assert response.status_code == 302


def test_without_trusted_proxies_the_header_is_ignored(person, client):
    statuses = [
        site_login(
            client,
            "guess@nowhere.test",
            "wrong",
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        ).status_code
        for n in range(1, LIMIT + 6)
    ]
    assert statuses[LIMIT:].count(200) == 0


# Sign-in on the site ----------------------------------------------------------------------


def test_wrong_passwords_lock_the_account_from_any_address_until_a_password_reset(
    behind_one_proxy, person, client, django_capture_on_commit_callbacks
):
    # Ten guessers, each from an address of its own: the account counts them all.
    for n in range(LIMIT):
        site_login(Client(), person.username, "wrong", **via_proxy(f"203.0.113.{n + 1}"))
    # Now even the right password, from the person's own address, is refused, and said so.
    response = site_login(client, person.username, PASSWORD, "fr", **via_proxy("198.51.100.7"))
    assert response.status_code == 429
    assert lockout_text("fr") in response.content.decode()
    assert lockout_text("fr") != lockout_text("en")
    # The password reset unlocks it.
    done = reset_password_by_email(
        client,
        django_capture_on_commit_callbacks,
        "/fr/accounts/password-reset/",
        person.email,
        {"form_started": started_long_ago(PasswordResetForm)},
    )
    assert done.status_code == 302
    response = site_login(Client(), person.username, NEW_PASSWORD, **via_proxy("198.51.100.7"))
    assert response.status_code == 302


def test_someone_elses_wrong_passwords_from_another_address_leave_mine_alone(
    behind_one_proxy, person
):
    guesser = Client()
    for n in range(LIMIT + 5):
        site_login(guesser, f"guess{n}@nowhere.test", "wrong", **via_proxy("203.0.113.66"))
    response = site_login(Client(), person.username, PASSWORD, **via_proxy("198.51.100.7"))
    assert response.status_code == 302


# Sign-in on the admin ---------------------------------------------------------------------


def test_the_admin_login_is_limited_and_a_reset_unlocks(
    behind_one_proxy, editor, client, django_capture_on_commit_callbacks
):
    """30 wrong passwords on /admin/login/ were 30 × 200; now 9 failures, then 429."""
    guesser = Client()
    statuses = [
        admin_login(guesser, "editor", f"wrong-{n}", **via_proxy("203.0.113.66")).status_code
        for n in range(30)
    ]
    assert statuses[: LIMIT - 1] == [200] * (LIMIT - 1)
    assert statuses[LIMIT - 1 :] == [429] * (30 - LIMIT + 1)
    # The account is locked from everywhere: the right password is refused, with the reason.
    response = admin_login(client, "editor", PASSWORD, **via_proxy("198.51.100.7"))
    assert response.status_code == 429
    assert lockout_text("en") in response.content.decode()
    # Wagtail's own password reset unlocks it.
    done = reset_password_by_email(
        client, django_capture_on_commit_callbacks, "/admin/password_reset/", editor.email
    )
    assert done.status_code == 302
    response = admin_login(client, "editor", NEW_PASSWORD, **via_proxy("198.51.100.7"))
    assert response.status_code == 302


def test_the_admin_login_counts_per_address_too(behind_one_proxy, editor):
    guesser = Client()
    statuses = [
        admin_login(guesser, f"someone-{n}", "wrong", **via_proxy("203.0.113.66")).status_code
        for n in range(LIMIT + 5)
    ]
    assert statuses[LIMIT:].count(200) == 0
    # The editor, from elsewhere behind the same proxy, is not affected.
    response = admin_login(Client(), "editor", PASSWORD, **via_proxy("198.51.100.7"))
    assert response.status_code == 302


# Password reset: the same work for every address ------------------------------------------


def test_password_reset_costs_the_same_for_known_and_unknown_addresses(
    person, django_capture_on_commit_callbacks
):
    client = Client()

    def send(known, n):
        email = person.email if known else f"nobody-{n}@nowhere.test"
        response = client.post(
            "/en/accounts/password-reset/",
            {"email": email, "form_started": started_long_ago(PasswordResetForm)},
            REMOTE_ADDR=f"198.51.{100 + int(known)}.{n % 250 + 1}",
        )
        assert response.status_code == 302

    comparison = compare(send, django_capture_on_commit_callbacks, rounds=3)
    assert_same_work(comparison)
    assert comparison.known.tasks == 1


def test_the_admin_password_reset_costs_the_same_too(editor, django_capture_on_commit_callbacks):
    client = Client()

    def send(known, n):
        email = editor.email if known else f"nobody-{n}@nowhere.test"
        response = client.post(
            "/admin/password_reset/",
            {"email": email},
            REMOTE_ADDR=f"198.51.{100 + int(known)}.{n % 250 + 1}",
        )
        assert response.status_code == 302

    comparison = compare(send, django_capture_on_commit_callbacks, rounds=3)
    assert_same_work(comparison)
    assert comparison.known.tasks == 1
