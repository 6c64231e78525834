"""`make run`'s last words: a short summary with the address, the accounts and where emails go."""

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command

import pytest

from cities.accounts import is_city_member
from tests.cities.builders import city, city_directory

pytestmark = pytest.mark.django_db


def test_the_summary_names_the_site_the_accounts_and_where_emails_go(
    home_page, settings, tmp_path, monkeypatch
):
    settings.VAR_DIR = tmp_path
    settings.BASE_URL = "http://127.0.0.1:8000"
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = settings.BASE_DIR / "var" / "mail"
    monkeypatch.setenv("ADMIN_PASSWORD", "correct-horse-battery-2026")
    duesseldorf = city(city_directory(home_page), title="Düsseldorf", slug="duesseldorf")

    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    summary = out.getvalue().splitlines()

    assert len(summary) <= 10, summary
    text = "\n".join(summary)
    assert "Observatory is ready" in text
    assert "http://127.0.0.1:8000/admin/   user admin   password correct-horse-battery-2026" in text
    assert "duesseldorf@localhost" in text
    assert "written to var/mail/" in text
    assert "var/log/setup.log" in text
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("correct-horse-battery-2026")
    city_user = get_user_model().objects.get(username="duesseldorf@localhost")
    assert is_city_member(city_user, duesseldorf)

    # A second run creates nobody and prints the same password (kept in var/).
    again = io.StringIO()
    call_command("ensure_admin", stdout=again)
    assert "password correct-horse-battery-2026" in again.getvalue()
    assert get_user_model().objects.count() == 2
