"""Invitations to a city's team: a signed link by email, valid for days and used once."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from core.emails import absolute_url, queue_templated_email

INVITATION_SALT = "cities.invitation"


def invitation_max_age():
    return getattr(settings, "OBSERVATORY_INVITATION_MAX_AGE", 7 * 24 * 60 * 60)


def invitation_token(invitation):
    return signing.dumps({"invitation": invitation.pk}, salt=INVITATION_SALT)


def send_invitation(invitation):
    """Email the invitation's signed link, in its language, once the row is committed."""
    with translation.override(invitation.language):
        path = reverse("city_invitation", args=[invitation_token(invitation)])
        city = invitation.team.city()
    context = {
        "url": absolute_url(path),
        "city": city.title if city else str(invitation.team),
        "days": invitation_max_age() // 86400,
        "invited_by": invitation.invited_by.get_full_name() if invitation.invited_by else "",
    }
    queue_templated_email("city_invitation", invitation.email, context, invitation.language)
