"""Transactional emails say the language they are written in, and Arabic reads right to left."""

from django.core import mail

import pytest

from core.emails import build_email, send_templated_email

CONTEXT = {"name": "Amal", "url": "https://example.org/confirm/x/", "days": 7}


def html_of(message):
    return message.alternatives[0][0]


def test_an_arabic_email_is_right_to_left_and_says_arabic():
    message = build_email("subscription_confirm", "amal@example.org", CONTEXT, "ar")
    html = html_of(message)
    assert message.extra_headers["Content-Language"] == "ar"
    assert '<html lang="ar" dir="rtl">' in html
    # Mail clients that drop <html>'s attributes keep the wrapper's, and its alignment.
    assert 'lang="ar" dir="rtl"' in html.split("<body", 1)[1]
    assert "text-align:right" in html and "text-align:left" not in html


def test_a_french_email_is_left_to_right():
    message = build_email("subscription_confirm", "marc@example.org", CONTEXT, "fr")
    html = html_of(message)
    assert message.extra_headers["Content-Language"] == "fr"
    assert '<html lang="fr" dir="ltr">' in html and "text-align:left" in html
    assert "Bonjour" in message.body


@pytest.mark.parametrize(
    ("asked", "written"), [("fr-ca", "fr"), ("pt", "en"), ("", "en"), (None, "en")]
)
def test_an_email_is_labelled_with_the_language_it_is_written_in(asked, written):
    message = build_email("subscription_confirm", "someone@example.org", CONTEXT, asked)
    assert message.extra_headers["Content-Language"] == written
    assert f'<html lang="{written}"' in html_of(message)


def test_the_task_sends_in_the_recipients_language():
    send_templated_email("subscription_confirm", "lea@example.de", CONTEXT, "de")
    [message] = mail.outbox
    assert message.extra_headers["Content-Language"] == "de"
    assert '<html lang="de" dir="ltr">' in html_of(message)


def test_the_admins_password_reset_is_in_the_editors_language(
    client, db, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model

    from wagtail.users.models import UserProfile

    editor = get_user_model().objects.create_user(
        "amal", "amal@observatory.test", "a-long-editor-password-2026", is_staff=True
    )
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "ar"
    profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/password_reset/", {"email": "amal@observatory.test"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["amal@observatory.test"]
    assert message.extra_headers["Content-Language"] == "ar"
    assert '<html lang="ar" dir="rtl">' in html_of(message)
    assert "/admin/password_reset/confirm/" in message.body
