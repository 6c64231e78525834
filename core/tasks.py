"""Celery tasks of the shared layer: the password reset email, decided on the worker."""

from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from celery import shared_task

from .emails import absolute_url, send_templated_email


@shared_task
def send_password_reset(email, confirm_url_name, language, profile_language=False):
    """Email a reset link to each account of ``email`` that may reset its password: often none.

    The request only hands the address over (``core.password_reset``): whether an
    account exists is looked up here, so a known and an unknown address answer
    alike, in the same time. ``profile_language``: write in the language the
    person chose in the admin (Wagtail's profile), else ``language``.
    """
    for user in PasswordResetForm().get_users(email):
        profile = getattr(user, "wagtail_userprofile", None) if profile_language else None
        user_language = (profile and profile.preferred_language) or language
        with translation.override(user_language):
            path = reverse(
                confirm_url_name,
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            )
        send_templated_email.delay(
            "password_reset",
            getattr(user, user.get_email_field_name()),
            {"name": user.get_full_name() or user.get_username(), "url": absolute_url(path)},
            user_language,
        )
