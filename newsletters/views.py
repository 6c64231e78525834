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
    return render(request, "newsletters/subscribe.html", {"subscribe_form": form}, status=status)


def thanks(request):
    return render(
        request, "newsletters/thanks.html", {"valid_days": max(1, confirm_max_age() // 86400)}
    )


@never_cache
def confirm(request, token):
    try:
        subscriber = confirm_subscription(token, request)
    except signing.SignatureExpired:
        return render(request, "newsletters/link_invalid.html", {"expired": True}, status=400)
    except (signing.BadSignature, ConfirmationRefused, ValueError, TypeError):
        return render(request, "newsletters/link_invalid.html", {"expired": False}, status=400)
    return render(request, "newsletters/confirmed.html", {"subscriber": subscriber})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    if request.method == "POST":
        # The page's own button says so; mail programs send List-Unsubscribe=One-Click.
        from_page = request.POST.get("from") == "page"
        channel = ConsentEvent.Channel.LINK if from_page else ConsentEvent.Channel.ONE_CLICK
        unsubscribe_by_token(token, channel, request=request)
        return render(request, "newsletters/unsubscribed.html", {"token": token})
    subscriber = Subscriber.objects.filter(token=token).first()
    already = subscriber is not None and subscriber.status != SubscriberStatus.SUBSCRIBED
    return render(request, "newsletters/unsubscribe.html", {"token": token, "already": already})
