"""The people on the list: consent, confirmation, withdrawal, imports and member-city contacts.

Every change of a subscriber's status goes through the functions of this module,
and each one adds an append-only :class:`ConsentEvent` (never updated, never
deleted) naming its channel:

- :func:`request_subscription` (the public form): an ``opt_in`` event with the
  exact consent text and version, the form's address, IP and user agent, then
  one email: the confirmation link, or "you are already subscribed" (with the
  unsubscribe link) for an address that already receives the emails. Nothing
  else is sent before confirmation: ``Subscriber.objects.receiving()`` is only
  ``subscribed``.
- :func:`confirm_subscription` (the link): ``confirm``, ``email_link``.
- :func:`withdraw` (unsubscribe page, one-click POST, editor, bounce, complaint).
- :func:`import_subscribers` (an editor's CSV with a documented consent source).
- :func:`sync_city_contact` / :func:`sync_city_contacts`: member-city staff.

An address that unsubscribed, bounced or complained can subscribe again: the
form sends it a confirmation (the person may have fixed their mailbox, or
changed their mind), and only the click on that link makes it receive emails
again. Until then its status stays what it was. Imports and city accounts never
resubscribe such an address.
"""

import logging
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.users.models import UserProfile

from cities.models import CityPage, CityTeam
from core.emails import absolute_url, queue_templated_email
from core.public_forms import client_address

from .models import ConsentEvent, Subscriber, SubscriberStatus

logger = logging.getLogger(__name__)

CONFIRM_SALT = "newsletters.subscription.confirm"
DEFAULT_CONFIRM_MAX_AGE = 7 * 24 * 3600
SUPPRESSED = (
    SubscriberStatus.UNSUBSCRIBED,
    SubscriberStatus.BOUNCED,
    SubscriberStatus.COMPLAINED,
)
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def confirm_max_age():
    """Seconds a confirmation link stays valid (OBSERVATORY_SUBSCRIPTION_CONFIRM_MAX_AGE)."""
    return getattr(settings, "OBSERVATORY_SUBSCRIPTION_CONFIRM_MAX_AGE", DEFAULT_CONFIRM_MAX_AGE)


def supported_language(code, default="en"):
    """``code`` if the site has it (``de-at`` → ``de``), else ``default``."""
    code = (code or "").lower().replace("_", "-")
    if code in LANGUAGE_CODES:
        return code
    base = code.split("-")[0]
    return base if base in LANGUAGE_CODES else default


def member_city(name):
    """The member city called ``name`` in any language (its original page), or None."""

    name = (name or "").strip()
    if not name:
        return None
    match = CityPage.objects.filter(title__iexact=name).order_by("pk").first()
    if match is None:
        return None
    return (
        CityPage.objects.filter(translation_key=match.translation_key, alias_of__isnull=True)
        .order_by("pk")
        .first()
        or match
    )


def client_details(request):
    """(IP address, user agent) of a request, for consent events."""

    address = client_address(request) if request is not None else ""
    try:
        validate_ipv46_address(address)
    except ValidationError:  # "unknown" or anything else that is not an address
        address = None
    agent = request.META.get("HTTP_USER_AGENT", "") if request is not None else ""
    return address, agent.replace("\x00", "")[:500]


def record(subscriber, action, channel, request=None, **fields):
    """Append one consent event (with the request's IP and user agent when there is one)."""
    if request is not None:
        address, agent = client_details(request)
        fields.setdefault("ip_address", address)
        fields.setdefault("user_agent", agent)
    if "note" in fields:
        fields["note"] = str(fields["note"])[:500]
    return ConsentEvent.objects.create(
        subscriber=subscriber, action=action, channel=channel, **fields
    )


# Confirmation links ------------------------------------------------------------------


def confirm_token(subscriber, opt_in, details):
    """A signed, expiring token naming the subscriber, its opt-in and the details to apply."""
    return signing.dumps(
        {"s": subscriber.pk, "o": opt_in.pk, "d": details}, salt=CONFIRM_SALT, compress=True
    )


def confirm_url(subscriber, opt_in, details):
    with translation.override(details["language"]):
        return absolute_url(
            reverse("newsletter_confirm", args=[confirm_token(subscriber, opt_in, details)])
        )


def read_confirm_token(token):
    """The token's data, or raises signing.BadSignature (SignatureExpired when too old)."""
    data = signing.loads(token, salt=CONFIRM_SALT, max_age=confirm_max_age())
    if not (
        isinstance(data, dict)
        and isinstance(data.get("s"), int)
        and isinstance(data.get("o"), int)
        and isinstance(data.get("d"), dict)
    ):
        raise signing.BadSignature("malformed token")
    return data


# Subscribing ---------------------------------------------------------------------------


def request_subscription(data, request, consent_text, consent_version, source_url):
    """The form's answer: record the opt-in and send one email. Same on screen for everyone.

    ``data`` holds email, language, name, city_name, country (cleaned). Returns the
    subscriber. The email leaves with ``delay_on_commit``: nothing for a rolled-back request.

    Every address, new or known, costs the same work, so the answer's time does not
    tell whether an address is on the list: one insert (which does nothing when the
    address exists), the row locked and saved, one ``opt_in`` event, one email (the
    confirmation link, or "you are already subscribed"). Requests for the same new
    address at the same moment make one subscriber: the insert skips the conflict,
    the lock orders them.
    """
    email = data["email"].strip()
    language = supported_language(data.get("language"))
    city = member_city(data.get("city_name"))
    details = {
        "language": language,
        "name": data.get("name", "")[:200],
        "city_name": data.get("city_name", "")[:200],
        "country": str(data.get("country") or ""),
        "city": city.pk if city else None,
    }
    token = uuid.uuid4()
    with transaction.atomic():
        Subscriber.objects.bulk_create(
            [
                Subscriber(
                    email=email,
                    name=details["name"],
                    language=language,
                    city=city,
                    city_name=details["city_name"],
                    country=details["country"],
                    status=SubscriberStatus.PENDING,
                    token=token,
                )
            ],
            ignore_conflicts=True,
        )
        subscriber = (
            Subscriber.objects.select_for_update()
            .alias(email_lower=Lower("email"))
            .get(email_lower=Lower(Value(email)))
        )
        if subscriber.status == SubscriberStatus.PENDING and subscriber.token != token:
            # Never confirmed: nothing was ever sent to it but confirmations.
            subscriber.name = details["name"] or subscriber.name
            subscriber.language = language
            subscriber.city = city or subscriber.city
            subscriber.city_name = details["city_name"] or subscriber.city_name
            subscriber.country = details["country"] or subscriber.country
        # Saved in every case (unchanged but for a pending address): the same work for
        # all, and Wagtail's search and reference indexes see the new row.
        subscriber.save()
        # Unsubscribed, bounced or complained addresses keep their status until they confirm.
        # An address already receiving records the request too: the same work for all.
        opt_in = record(
            subscriber,
            ConsentEvent.Action.OPT_IN,
            ConsentEvent.Channel.FORM,
            request=request,
            consent_text=str(consent_text),
            consent_version=consent_version,
            source_url=source_url[:500],
        )
        if subscriber.status == SubscriberStatus.SUBSCRIBED:
            # Already receiving: tell the address so, with its unsubscribe link.
            queue_templated_email(
                "subscription_already",
                subscriber.email,
                {
                    "name": subscriber.name,
                    "unsubscribe_url": subscriber.unsubscribe_url(),
                    "home_url": absolute_url(f"/{language}/"),
                },
                language,
            )
        else:
            queue_templated_email(
                "subscription_confirm",
                subscriber.email,
                {
                    "name": details["name"],
                    "url": confirm_url(subscriber, opt_in, details),
                    "days": max(1, confirm_max_age() // 86400),
                },
                language,
            )
    return subscriber


class ConfirmationRefused(Exception):
    """The token is valid but its opt-in was withdrawn since (or the subscriber is gone)."""


def confirm_subscription(token, request):
    """Confirm the subscription a token names; returns the subscriber.

    Raises signing.BadSignature / SignatureExpired for a bad or old link, and
    ConfirmationRefused when the address withdrew after asking (an unsubscribe, a
    bounce or a complaint since the opt-in): then only a new request can confirm.
    A second click on the same link changes nothing.
    """
    data = read_confirm_token(token)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=data["s"]).first()
        opt_in = ConsentEvent.objects.filter(
            pk=data["o"], subscriber=subscriber, action=ConsentEvent.Action.OPT_IN
        ).first()
        if subscriber is None or opt_in is None:
            raise ConfirmationRefused
        later = subscriber.consent_events.filter(pk__gt=opt_in.pk)
        if subscriber.status == SubscriberStatus.SUBSCRIBED:
            return subscriber
        if later.filter(action=ConsentEvent.Action.WITHDRAW).exists():
            raise ConfirmationRefused
        details = data["d"]

        subscriber.language = supported_language(details.get("language"), subscriber.language)
        subscriber.name = str(details.get("name") or subscriber.name)[:200]
        subscriber.city_name = str(details.get("city_name") or subscriber.city_name)[:200]
        subscriber.country = str(details.get("country") or subscriber.country)
        if details.get("city"):
            subscriber.city = CityPage.objects.filter(pk=details["city"]).first() or subscriber.city
        subscriber.status = SubscriberStatus.SUBSCRIBED
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save()
        record(
            subscriber,
            ConsentEvent.Action.CONFIRM,
            ConsentEvent.Channel.EMAIL_LINK,
            request=request,
            consent_version=opt_in.consent_version,
            note=f"opt-in #{opt_in.pk}",
        )
    return subscriber


# Withdrawing ---------------------------------------------------------------------------

WITHDRAW_STATUS = {
    ConsentEvent.Channel.BOUNCE: SubscriberStatus.BOUNCED,
    ConsentEvent.Channel.COMPLAINT: SubscriberStatus.COMPLAINED,
}


def withdraw(subscriber, channel, request=None, note="", at=None):
    """Stop all email to ``subscriber``; records the withdrawal once. True if anything changed.

    ``unsubscribed`` for the person's own choice (one_click, link, editor,
    city_account), ``bounced`` or ``complained`` for what the email service reports.
    A complaint also overrides an earlier unsubscribe or bounce (it is the
    strongest signal); anything else leaves an already suppressed address alone.
    """
    status = WITHDRAW_STATUS.get(channel, SubscriberStatus.UNSUBSCRIBED)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status in SUPPRESSED and not (
            status == SubscriberStatus.COMPLAINED
            and subscriber.status != SubscriberStatus.COMPLAINED
        ):
            return False
        subscriber.status = status
        subscriber.unsubscribed_at = at or timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])
        record(subscriber, ConsentEvent.Action.WITHDRAW, channel, request=request, note=note)
    return True


def unsubscribe_by_token(token, channel, request=None):
    """The unsubscribe link: True if the token named a subscriber that was receiving."""
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is None:
        return False
    return withdraw(subscriber, channel, request=request)


# Member-city contacts ------------------------------------------------------------------


def _team_of(user):

    return CityTeam.objects.filter(group__user=user).order_by("pk").first()


def _team_city(team):

    return (
        CityPage.objects.filter(translation_key=team.city_key, alias_of__isnull=True)
        .order_by("pk")
        .first()
    )


def _profile_language(user):

    profile = UserProfile.objects.filter(user=user).first()
    return supported_language(profile.preferred_language if profile else "", "en")


def _only_city_account_consent(subscriber):
    """Whether the subscription rests on the city account alone (no opt-in of its own)."""
    # A form's opt-in counts once confirmed (its confirm event): anyone can type an address.
    own = Q(action=ConsentEvent.Action.CONFIRM) | (
        Q(action=ConsentEvent.Action.OPT_IN) & ~Q(channel=ConsentEvent.Channel.FORM)
    )
    return (
        not subscriber.consent_events.filter(own)
        .exclude(channel=ConsentEvent.Channel.CITY_ACCOUNT)
        .exists()
    )


def sync_city_contact(user):
    """Keep ``user``'s subscriber in step with their team: a contact while active in a team.

    Joining a team subscribes the address (channel ``city_account``), unless the
    address unsubscribed, bounced or complained: that choice stands. Leaving the
    team (or being deactivated) clears the flag and, when the subscription rested
    on the account alone, withdraws it (channel ``city_account``).
    """
    email = (user.email or "").strip()
    if not email:
        return None
    team = _team_of(user) if user.is_active else None
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if team is None:
            if subscriber is None or not subscriber.is_city_contact:
                return subscriber
            subscriber.is_city_contact = False
            subscriber.save(update_fields=["is_city_contact"])
            if subscriber.status == SubscriberStatus.SUBSCRIBED and _only_city_account_consent(
                subscriber
            ):
                withdraw(subscriber, ConsentEvent.Channel.CITY_ACCOUNT, note="left the city team")
            return subscriber
        city = _team_city(team)
        language = _profile_language(user)
        if subscriber is None:
            subscriber = Subscriber.objects.create(
                email=email,
                name=user.get_full_name()[:200],
                language=language,
                city=city,
                city_name=city.title[:200] if city else "",
                country=str(getattr(city, "country", "") or "") if city else "",
                is_city_contact=True,
                status=SubscriberStatus.PENDING,
            )
        else:
            changed = []
            if not subscriber.is_city_contact:
                subscriber.is_city_contact = True
                changed.append("is_city_contact")
            elif subscriber.language != language:
                # The account's language is the contact's (a person's own choice wins otherwise).
                subscriber.language = language
                changed.append("language")
            if city and subscriber.city_id != city.pk:
                subscriber.city = city
                changed.append("city")
            if changed:
                subscriber.save(update_fields=changed)
        if subscriber.status == SubscriberStatus.PENDING:
            subscriber.status = SubscriberStatus.SUBSCRIBED
            subscriber.confirmed_at = timezone.now()
            subscriber.save(update_fields=["status", "confirmed_at"])
            record(
                subscriber,
                ConsentEvent.Action.OPT_IN,
                ConsentEvent.Channel.CITY_ACCOUNT,
                note=f"member of {team.group.name} (user #{user.pk})",
            )
        return subscriber


def sync_city_contacts():
    """Bring every member-city contact in step (also run by ``manage.py sync_city_contacts``).

    Returns (contacts now, flags cleared).
    """

    User = get_user_model()
    members = User.objects.filter(
        is_active=True, groups__in=CityTeam.objects.values("group")
    ).distinct()
    emails = set()
    for user in members:
        if sync_city_contact(user) is not None:
            emails.add(user.email.strip().lower())
    cleared = 0
    for subscriber in Subscriber.objects.filter(is_city_contact=True):
        if subscriber.email.lower() in emails:
            continue
        user = User.objects.filter(email__iexact=subscriber.email).first()
        if user is not None:
            sync_city_contact(user)
        else:
            with transaction.atomic():
                subscriber.is_city_contact = False
                subscriber.save(update_fields=["is_city_contact"])
                if subscriber.status == SubscriberStatus.SUBSCRIBED and _only_city_account_consent(
                    subscriber
                ):
                    withdraw(subscriber, ConsentEvent.Channel.CITY_ACCOUNT, note="account removed")
        cleared += 1
    return len(emails), cleared


def on_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """m2m_changed on User.groups: sync the users whose city-team membership changed."""

    if action == "pre_clear" and reverse:
        # group.user_set.clear(): remember who was in it, post_clear has no pk_set.
        instance._newsletters_cleared_users = list(instance.user_set.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    User = get_user_model()
    if reverse:  # instance is a Group
        if not CityTeam.objects.filter(group=instance).exists():
            return
        if action == "post_clear":
            pk_set = getattr(instance, "_newsletters_cleared_users", [])
        users = User.objects.filter(pk__in=pk_set or [])
    else:  # instance is a User
        if action != "post_clear" and not CityTeam.objects.filter(group__in=pk_set or []).exists():
            return
        users = [instance]
    for user in users:
        sync_city_contact(user)


def on_user_saved(sender, instance, created, update_fields=None, **kwargs):
    """A user deactivated, reactivated or with a new address: sync their contact."""
    if created or (update_fields and set(update_fields) <= {"last_login", "password"}):
        return
    if (
        instance.is_active is False
        or Subscriber.objects.filter(
            Q(email__iexact=instance.email) & Q(is_city_contact=True)
        ).exists()
        or _team_of(instance)
    ):
        sync_city_contact(instance)


# Import --------------------------------------------------------------------------------


def import_subscribers(rows, source):
    """Subscribe the rows of an editor's file, whose people agreed elsewhere (``source``).

    New addresses and pending ones become subscribed, each with an ``opt_in`` event
    (channel import, the source as its note). Addresses already subscribed are left
    as they are; addresses that unsubscribed, bounced or complained are never
    resubscribed by an import. Returns counts: imported, already, refused.
    """
    counts = {"imported": 0, "already": 0, "refused": 0}
    now = timezone.now()
    with transaction.atomic():
        for row in rows:
            subscriber = (
                Subscriber.objects.select_for_update().filter(email__iexact=row["email"]).first()
            )
            if subscriber is not None and subscriber.status == SubscriberStatus.SUBSCRIBED:
                counts["already"] += 1
                continue
            if subscriber is not None and subscriber.status in SUPPRESSED:
                counts["refused"] += 1
                continue
            city = member_city(row.get("city"))
            if subscriber is None:
                subscriber = Subscriber(email=row["email"])
            subscriber.name = row.get("name") or subscriber.name
            subscriber.language = row.get("language") or subscriber.language
            subscriber.country = row.get("country") or subscriber.country
            subscriber.city_name = row.get("city") or subscriber.city_name
            subscriber.city = city or subscriber.city
            subscriber.status = SubscriberStatus.SUBSCRIBED
            subscriber.confirmed_at = now
            subscriber.unsubscribed_at = None
            subscriber.save()
            record(
                subscriber,
                ConsentEvent.Action.OPT_IN,
                ConsentEvent.Channel.IMPORT,
                note=source,
                at=now,
            )
            counts["imported"] += 1
    return counts
