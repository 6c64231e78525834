"""The password reset request, the same for a known and an unknown address.

Django's reset form looks the address up during the request and sends only when
it knows it, so the answer's time tells who has an account. With
:class:`PasswordResetByTaskMixin` the request hands the address to Celery
(:func:`core.tasks.send_password_reset`) whatever it is: one message, the same
work, and the worker decides whether anyone gets an email.
"""

from django.utils import translation

from observatory import outbox

from .tasks import send_password_reset


class PasswordResetByTaskMixin:
    """For a PasswordResetForm: ``save()`` enqueues the lookup and the email, known or not."""

    #: The URL name of the "choose a new password" view the email links to.
    reset_confirm_url_name = "password_reset_confirm"
    #: Write in the language of the person's admin profile (Wagtail) when they chose one.
    profile_language = False

    def save(self, *args, **kwargs):
        # Through the outbox (observatory.outbox): a broker that is down delays it only.
        outbox.enqueue(
            send_password_reset,
            self.cleaned_data["email"],
            self.reset_confirm_url_name,
            translation.get_language(),
            self.profile_language,
        )
