"""16 May events: what member cities register for the International Day, and its review.

A city's team writes an event from My city (``international_day.portal_views``),
saves it as a draft and submits it; the Observatory's reviewers (the "Moderators"
group and superusers) are told by email and approve or reject it in the admin
("16 May events", ``international_day.admin_views``); the city hears back in the
language the event was written in. Approved events show on the International
Day page, on the city's page and on the Capital's page of that year, and in the
iCalendar of registered events.

Events key on the city page's ``translation_key`` (like ``cities.CityTeam``):
every language shows the same events, with the city's name in that language.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale

from cities.media import make_public
from core.emails import absolute_url, queue_templated_email
from core.page_cache import content_changed

from .models import CityEvent, event_when

REVIEWERS_GROUP = "Moderators"  # core.moderation.MODERATORS: the same people review


# -- Submission and review ------------------------------------------------------------------


def _language(user, fallback="en"):
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile and profile.preferred_language) or fallback


def reviewers():
    """Who reviews events: active members of "Moderators" and superusers, with an email."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    condition = Q(is_superuser=True) | Q(groups__name=REVIEWERS_GROUP)
    return users.filter(condition).distinct().select_related("wagtail_userprofile")


def can_review(user):
    return bool(
        user.is_authenticated
        and user.is_active
        and (
            user.is_superuser
            or user.has_perm("international_day.change_cityevent")
            or user.groups.filter(name=REVIEWERS_GROUP).exists()
        )
    )


def _email_context(event, language):
    """JSON-safe strings for the emails, in ``language``."""
    with translation.override(language):
        city = event.city(Locale.objects.filter(language_code=language).first())
        return {
            "title": event.title,
            "city": city.title if city else "",
            "when": event_when(event),
            "place": event.place,
            "comment": event.review_comment,
            "my_city_url": absolute_url(reverse("my_city")),
            "public_url": absolute_url(city.url) if city and city.live and city.url else "",
            "review_url": absolute_url(reverse("city_events_admin:review", args=[event.pk])),
        }


def notify_reviewers(event, user=None):
    for reviewer in reviewers():
        if user is not None and reviewer.pk == user.pk:
            continue
        profile = getattr(reviewer, "wagtail_userprofile", None)
        if profile is not None and not profile.submitted_notifications:
            continue
        language = _language(reviewer)
        context = {
            **_email_context(event, language),
            "submitted_by": (user.get_full_name() or user.get_username()) if user else "",
        }
        queue_templated_email("city_event_submitted", reviewer.email, context, language)


def _notify_city(event, template):
    recipient = event.submitted_by or event.created_by
    if recipient is None or not recipient.email:
        return
    queue_templated_email(
        template, recipient.email, _email_context(event, event.language), event.language
    )


@transaction.atomic
def submit_event(event, user):
    """Send an event for review (once: a second submit of the same version tells no one)."""
    was_submitted = event.status == CityEvent.Status.SUBMITTED
    event.status = CityEvent.Status.SUBMITTED
    event.submitted_by = user
    event.submitted_at = timezone.now()
    event.save()
    if not was_submitted:
        notify_reviewers(event, user)
    return event


def _review(event, user, status, comment):
    """Move a submitted event to ``status``; False if it was not (or no longer) submitted."""
    with transaction.atomic():
        changed = CityEvent.objects.filter(pk=event.pk, status=CityEvent.Status.SUBMITTED).update(
            status=status,
            review_comment=comment,
            reviewed_by=user,
            reviewed_at=timezone.now(),
        )
        if not changed:
            return False
        content_changed()  # city and Capital pages list approved events
        event.refresh_from_db()
        _notify_city(
            event,
            "city_event_approved" if status == CityEvent.Status.APPROVED else "city_event_rejected",
        )
    return True


def approve_event(event, user, comment=""):
    approved = _review(event, user, CityEvent.Status.APPROVED, comment)
    if approved:
        # Published with the event: its picture leaves the city's private collection.
        make_public([event.image])
    return approved


def reject_event(event, user, comment):
    return _review(event, user, CityEvent.Status.REJECTED, comment)


def event_bounds(event):
    """(start, end) in UTC; an event without an end lasts two hours in calendars."""
    start = event.starts_at.astimezone(datetime.UTC)
    end = (event.ends_at or event.starts_at + datetime.timedelta(hours=2)).astimezone(datetime.UTC)
    return start, end


# city slug: (title, place, local start "HH:MM", description, language) — demo events
