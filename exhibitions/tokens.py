"""Signed links of a contribution: confirm it (7 days), then edit or delete it (while it exists).

A token names one contribution and a digest of its own random secret: it opens that
contribution and no other, and dies with it. Wagtail routes page paths made of
letters, digits, ``_`` and ``-`` only, so the signed value travels base64-encoded.
"""

import base64
import binascii

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import Contribution

CONFIRM_SALT = "exhibitions.contribution.confirm"
MANAGE_SALT = "exhibitions.contribution.manage"
DEFAULT_CONFIRM_MAX_AGE = 7 * 24 * 3600


def confirm_max_age():
    return getattr(settings, "OBSERVATORY_CONTRIBUTION_CONFIRM_MAX_AGE", DEFAULT_CONFIRM_MAX_AGE)


def _digest(contribution, salt):
    return salted_hmac(salt, contribution.secret).hexdigest()[:24]


def _token(contribution, salt):
    signed = signing.dumps({"id": contribution.pk, "s": _digest(contribution, salt)}, salt=salt)
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def confirm_token(contribution):
    return _token(contribution, CONFIRM_SALT)


def manage_token(contribution):
    return _token(contribution, MANAGE_SALT)


def _contribution(token, salt, max_age, panel):
    try:
        padded = token + "=" * (-len(token) % 4)
        signed = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
    except (binascii.Error, ValueError):
        raise signing.BadSignature("not a token") from None
    data = signing.loads(signed, salt=salt, max_age=max_age)
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        raise signing.BadSignature("malformed token")
    contribution = Contribution.objects.filter(
        pk=data["id"], panel_key=panel.translation_key, answered_as_city=False
    ).first()
    if contribution is None or not constant_time_compare(
        str(data.get("s", "")), _digest(contribution, salt)
    ):
        raise signing.BadSignature("no such contribution")
    return contribution


def contribution_to_confirm(token, panel):
    """The contribution a confirmation link names, or raises BadSignature/SignatureExpired."""
    return _contribution(token, CONFIRM_SALT, confirm_max_age(), panel)


def contribution_to_manage(token, panel):
    """The contribution an edit-or-delete link names, or raises BadSignature."""
    return _contribution(token, MANAGE_SALT, None, panel)
