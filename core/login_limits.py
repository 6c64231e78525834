"""Sign-in limits (django-axes): failures counted per account and per address, on both logins.

The site's sign-in (``cities.forms.LoginForm``) and Wagtail's ``/admin/login/``
(``AdminLoginForm``, through ``WAGTAILADMIN_USER_LOGIN_FORM``) authenticate through
:class:`LoginLimitBackend`, first in ``AUTHENTICATION_BACKENDS``. django-axes
counts each failure under the account's user name and under the visitor's
address (``core.public_forms.client_address``: the real client behind our
proxies, never the proxy). ``AXES_FAILURE_LIMIT`` failures of either within
``AXES_COOLOFF_TIME`` lock it: the form says so in the visitor's language and
the page answers 429; even the right password is refused until the lock ends.

A new password ends the lock of its account (:func:`unlock_on_new_password`):
the password reset is the way out for a person locked out by someone else.
"""

import logging

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address
from django.db.models.signals import post_save
from django.http import HttpResponse
from django.utils.translation import ngettext

from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from axes.utils import reset

from .public_forms import client_address

logger = logging.getLogger(__name__)


def client_ip(request):
    """AXES_CLIENT_IP_CALLABLE: the visitor's address (``client_address``), None if it is none."""
    address = client_address(request)
    try:
        validate_ipv46_address(address)
    except ValidationError:  # "unknown": no REMOTE_ADDR (a Unix socket without a proxy header)
        return None
    return address


def cool_off_minutes():
    cool_off = get_cool_off()
    return max(1, int(cool_off.total_seconds() // 60)) if cool_off else 0


def lockout_message():
    minutes = cool_off_minutes()
    return ngettext(
        "Too many failed sign-in attempts for this account or from your connection. "
        "Please wait %(minutes)s minute, or reset your password to unlock your account.",
        "Too many failed sign-in attempts for this account or from your connection. "
        "Please wait %(minutes)s minutes, or reset your password to unlock your account.",
        minutes,
    ) % {"minutes": minutes}


class LoginLimitBackend(AxesStandaloneBackend):
    """Refuses every sign-in while its account or address is locked (then ModelBackend signs in).

    Only requests are counted: ``authenticate()`` without one (the test client's
    ``login()``, a shell) is nobody's attempt from an address.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class LoginLimitMixin:
    """For an AuthenticationForm: a locked account or address gets its own message."""

    def get_invalid_login_error(self):
        if getattr(self.request, "axes_locked_out", False):
            return forms.ValidationError(lockout_message(), code="locked_out")
        return super().get_invalid_login_error()


class AdminLoginForm(LoginLimitMixin, WagtailLoginForm):
    """Wagtail's sign-in form (``WAGTAILADMIN_USER_LOGIN_FORM``) with the limits' message."""


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the sign-in page with the form's message, as 429."""
    if original_response is not None and original_response.status_code == 200:
        original_response.status_code = 429
        return original_response
    return HttpResponse(lockout_message(), status=429, content_type="text/plain; charset=utf-8")


def unlock_on_new_password(sender, instance, **kwargs):
    """post_save of the user model: a password just set (a reset, a change) ends the lock.

    ``set_password()`` keeps the new password in ``_password`` until ``save()`` has
    told the password validators, after this signal: so it is set only on the save
    that stores a new password.
    """
    if getattr(instance, "_password", None) is None:
        return
    username = instance.get_username()
    if reset(username=username):
        logger.info("sign-in limits: a new password unlocked account %s", instance.pk)


def connect_signals():
    post_save.connect(
        unlock_on_new_password,
        sender=get_user_model(),
        dispatch_uid="core.login_limits.unlock_on_new_password",
    )
