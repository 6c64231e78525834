"""Subscribe (double opt-in), confirm by the emailed link, unsubscribe in one click.

- ``newsletter_subscribe``: GET shows the form on a page of its own; POST takes
  it (PRG to ``newsletter_thanks``), or shows it again with its errors (400, or
  429 when rate limited). The answer is the same for a new and a known address:
  only the email differs (a confirmation link, or "you are already subscribed").
- ``newsletter_confirm``: the signed, expiring link confirms (400 page when the
  link is bad, old, or was withdrawn since).
- ``newsletter_unsubscribe``: RFC 8058. Any POST unsubscribes, without session
  or CSRF token, and answers 200 whatever the token (unknown, old, already
  unsubscribed). A GET only asks; its button posts the same URL.
"""

from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .contacts import (
    ConfirmationRefused,
    confirm_max_age,
    confirm_subscription,
    unsubscribe_by_token,
)
from .forms import SubscribeForm
from .models import ConsentEvent, Subscriber, SubscriberStatus


def newsletter_page(request, *, status=200, **context):
    """One of the newsletter pages: they share ``newsletters/status.html``."""
    return render(request, "newsletters/status.html", context, status=status)


def subscribe_again(**context):
    return {
        "link_url": reverse("newsletter_subscribe"),
        "link_label": gettext("Subscribe again"),
        **context,
    }


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    if request.method == "POST":
        form = SubscribeForm(request.POST, request=request)
        if form.is_valid():
            form.save()
            return redirect("newsletter_thanks")
        status = 429 if form.rate_limited else 400
    else:
        form = SubscribeForm(request=request, source_url=request.get_full_path())
        status = 200
    return newsletter_page(
        request,
        status=status,
        subscribe_form=form,
        title=gettext("Subscribe"),
        heading=gettext("Subscribe to the reminders and newsletters"),
    )


def thanks(request):
    days = max(1, confirm_max_age() // 86400)
    return newsletter_page(
        request,
        icon="✉",
        heading=gettext("Check your email"),
        lead=gettext(
            "Thank you. We have sent you an email: click the link in it to confirm your "
            "subscription."
        ),
        notes=[
            ngettext(
                "You receive nothing else from us until you confirm. The link stays valid for "
                "%(days)s day.",
                "You receive nothing else from us until you confirm. The link stays valid for "
                "%(days)s days.",
                days,
            )
            % {"days": days},
            gettext(
                "No email after a few minutes? Look in your spam folder, or subscribe again: we "
                "will send the link once more."
            ),
        ],
    )


@never_cache
def confirm(request, token):
    try:
        subscriber = confirm_subscription(token, request)
    except signing.SignatureExpired:
        return link_invalid(request, expired=True)
    except (signing.BadSignature, ConfirmationRefused, ValueError, TypeError):
        return link_invalid(request, expired=False)
    return newsletter_page(
        request,
        icon="✓",
        tone="done",
        heading=gettext("You are subscribed"),
        lead=gettext(
            "Thank you. %(email)s will receive the reminders before 16 May and the "
            "Observatory's newsletters."
        )
        % {"email": subscriber.email},
        notes=[gettext("Every email has a link to unsubscribe in one click.")],
        link_url=f"/{subscriber.language}/",
        link_label=gettext("Back to the website"),
    )


def link_invalid(request, *, expired):
    if expired:
        heading = gettext("This link has expired")
        lead = gettext(
            "The link to confirm your subscription is only valid for a few days, and this one "
            "is too old."
        )
    else:
        heading = gettext("This link does not work")
        lead = gettext(
            "The link to confirm your subscription is incomplete, has been changed, or is no "
            "longer valid. Please copy the whole link from the email, or subscribe again."
        )
    return newsletter_page(
        request,
        status=400,
        **subscribe_again(
            icon="!",
            tone="error",
            heading=heading,
            lead=lead,
            notes=[gettext("Subscribe again and we will send you a new link.")],
        ),
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    if request.method == "POST":
        # The page's own button says so; mail programs send List-Unsubscribe=One-Click.
        from_page = request.POST.get("from") == "page"
        channel = ConsentEvent.Channel.LINK if from_page else ConsentEvent.Channel.ONE_CLICK
        unsubscribe_by_token(token, channel, request=request)
        return newsletter_page(
            request,
            **subscribe_again(
                icon="✓",
                tone="done",
                heading=gettext("You are unsubscribed"),
                lead=gettext("You will receive no more reminders or newsletters from us."),
                notes=[gettext("Changed your mind? You can subscribe again at any time.")],
                link_secondary=True,
            ),
        )
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is not None and subscriber.status != SubscriberStatus.SUBSCRIBED:
        return newsletter_page(
            request,
            heading=gettext("Unsubscribe"),
            lead=gettext("This address receives no emails from us."),
        )
    return newsletter_page(
        request,
        heading=gettext("Unsubscribe"),
        lead=gettext(
            "Do you want to stop receiving the reminders before 16 May and the Observatory's "
            "newsletters?"
        ),
        unsubscribe_token=token,
    )
