"""Moderating contributions: approve or reject (one or many), re-index, tell the host city's team.

Nothing a resident or a city writes is public before a moderator approves it. Approving
or rejecting re-indexes the panel (its search text holds its approved contributions),
through Celery after the transaction commits.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation

from wagtail.models import Locale

from cities.models import CityTeam
from core.emails import absolute_url, queue_templated_email
from observatory import outbox

from .models import Contribution
from .tasks import reindex_panels


def reindex_panel(panel_key):
    outbox.enqueue(reindex_panels, [str(panel_key)])


def _moderate(contributions, user, status):
    """Move ``contributions`` to ``status``; the number changed."""
    ids = [c.pk for c in contributions]
    with transaction.atomic():
        # The database says what is confirmed, not the objects handed in.
        queryset = (
            Contribution.objects.filter(pk__in=ids)
            .exclude(status=Contribution.Status.UNCONFIRMED)
            .exclude(status=status)
        )
        keys = {str(key) for key in queryset.values_list("panel_key", flat=True)}
        changed = queryset.update(status=status, moderated_at=timezone.now(), moderated_by=user)
        if keys:
            outbox.enqueue(reindex_panels, sorted(keys))
    return changed


def approve(contributions, user=None):
    """Approve confirmed contributions (an unconfirmed address is never published)."""
    return _moderate(contributions, user, Contribution.Status.APPROVED)


def reject(contributions, user=None):
    return _moderate(contributions, user, Contribution.Status.REJECTED)


def _language(user, fallback):
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile and profile.preferred_language) or fallback


def host_team_members(host):
    team = CityTeam.objects.filter(city_key=host.city_key).first()
    if team is None:
        return get_user_model().objects.none()
    return (
        team.group.user_set.filter(is_active=True)
        .exclude(email="")
        .select_related("wagtail_userprofile")
    )


def notify_host_team(contribution):
    """Tell the host city's team, each in their language, that a resident wrote (after commit)."""
    host = contribution.host
    if host is None or contribution.answered_as_city:
        return
    for member in host_team_members(host):
        language = _language(member, host.language)
        locale = Locale.objects.filter(language_code=language).first()
        with translation.override(language):
            panel = contribution.local_panel(locale)
            city = host.city(locale)
            exhibition = host.exhibition(locale)
            context = {
                "panel": panel.title if panel else "",
                "exhibition": exhibition.title if exhibition else "",
                "city": city.title if city else "",
                "name": contribution.name,
                "kind": str(contribution.get_kind_display()),
                "body": contribution.body,
                "panel_url": absolute_url(f"{panel.url}?host={host.pk}") if panel else "",
            }
        queue_templated_email("exhibition_host_contribution", member.email, context, language)
