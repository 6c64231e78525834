"""Signing a declaration: the form on the page, the confirmation by email, the city's signature.

The routes live on ``DeclarationPage`` (RoutablePageMixin): ``sign/`` takes the
form, ``sign/thanks/`` says "check your email", ``confirm/<token>/`` confirms.

Whether an address has signed before never shows on screen: a new and a known
address get the same answer, and only the email to that address tells the
difference ("you have already signed", or the confirmation link again).
"""

import base64
import binascii
import logging

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import get_language, gettext

from cities.accounts import city_for_user
from core.emails import absolute_url, queue_templated_email
from core.page_cache import content_changed

from .forms import SignatureForm
from .models.signatures import Signature

logger = logging.getLogger(__name__)

CONFIRM_SALT = "summits.signature.confirm"
DEFAULT_CONFIRM_MAX_AGE = 7 * 24 * 3600


def confirm_max_age():
    """Seconds a confirmation link stays valid (OBSERVATORY_SIGNATURE_CONFIRM_MAX_AGE)."""
    return getattr(settings, "OBSERVATORY_SIGNATURE_CONFIRM_MAX_AGE", DEFAULT_CONFIRM_MAX_AGE)


def _email_digest(email):
    return salted_hmac(CONFIRM_SALT, email.strip().lower()).hexdigest()[:20]


def confirm_token(signature):
    """A signed, expiring token for ``signature``: its id and a digest of its address.

    Wagtail routes page paths made of letters, digits, ``_`` and ``-`` only, so the
    signed value (which has colons) travels base64-encoded.
    """
    signed = signing.dumps(
        {"id": signature.pk, "e": _email_digest(signature.email)}, salt=CONFIRM_SALT
    )
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def _signed_value(token):
    try:
        padded = token + "=" * (-len(token) % 4)
        return base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
    except (binascii.Error, ValueError):  # UnicodeError is a ValueError
        raise signing.BadSignature("not a token") from None


def signature_for_token(token, declaration):
    """The signature a token names, or raises signing.BadSignature (SignatureExpired if old)."""
    data = signing.loads(_signed_value(token), salt=CONFIRM_SALT, max_age=confirm_max_age())
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        raise signing.BadSignature("malformed token")
    signature = Signature.objects.filter(
        pk=data["id"], declaration_key=declaration.translation_key
    ).first()
    if signature is None or not constant_time_compare(
        str(data.get("e", "")), _email_digest(signature.email)
    ):
        raise signing.BadSignature("no such signature")
    return signature


def page_url(page, request, route=None, **kwargs):
    url = page.get_url(request) or page.url
    if route:
        url += page.reverse_subpage(route, kwargs=kwargs or None)
    return url


def confirm_url(page, request, signature):
    return absolute_url(page_url(page, request, "confirm", token=confirm_token(signature)))


def _city(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return city_for_user(user)


def city_signature(page, city):
    """The counted signature ``city`` already gave this declaration, or None."""
    if city is None:
        return None
    return (
        Signature.objects.for_declaration(page)
        .for_city(city)
        .counted()
        .order_by("confirmed_at")
        .first()
    )


def build_form(page, request, data=None):
    city = _city(request)
    return SignatureForm(
        data,
        request=request,
        declaration=page,
        city=city,
        user=request.user if city else None,
    )


def signing_context(page, request, form=None):
    """What the declaration's template needs for its signing section."""
    city = _city(request)
    signed = city_signature(page, city)
    if form is None and signed is None:
        form = build_form(page, request)
    return {
        "signing_form": form,
        "sign_url": page_url(page, request, "sign"),
        "signing_city": city,
        "city_signature": signed,
    }


def _email_context(page, request, signature):
    # Nothing the visitor typed goes into the email: the address is not confirmed yet.
    return {
        "declaration": page.title,
        "declaration_url": absolute_url(page_url(page, request)),
        "confirm_url": confirm_url(page, request, signature),
        "valid_days": max(1, confirm_max_age() // (24 * 3600)),
    }


def send_confirmation(page, request, signature):
    queue_templated_email(
        "signature_confirm",
        signature.email,
        _email_context(page, request, signature),
        get_language(),
    )


def send_already_signed(page, request, signature):
    context = _email_context(page, request, signature)
    del context["confirm_url"]
    queue_templated_email("signature_already_signed", signature.email, context, get_language())


def sign(page, request):
    """POST sign/: a new signature, then "check your email" (or, for a city, counted at once)."""
    if request.method != "POST":
        return HttpResponseRedirect(page_url(page, request) + "#sign")
    city = _city(request)
    if city_signature(page, city) is not None:
        messages.info(request, gettext("Your city has already signed this declaration."))
        return HttpResponseRedirect(page_url(page, request) + "#sign")
    form = build_form(page, request, data=request.POST)
    if not form.is_valid():
        response = page.render(request, form=form)
        response.status_code = 429 if form.rate_limited else 400
        return response
    signature = form.signature()
    signature.language = get_language()
    if city is None:
        record_public_signature(page, request, signature)
        return HttpResponseRedirect(page_url(page, request, "sign_thanks"))
    signature.source = Signature.Source.CITY
    signature.signed_by = request.user
    signature.confirmed_at = timezone.now()
    signature.signed_on = timezone.localdate()
    try:
        with transaction.atomic():
            signature.save()
    except IntegrityError:
        known = signature.email and (
            Signature.objects.for_declaration(page).with_email(signature.email).exists()
        )
        if not known:
            raise  # not the address: something else went wrong
        form.add_error("email", gettext("This email address has already signed."))
        response = page.render(request, form=form)
        response.status_code = 400
        return response
    messages.success(
        request,
        gettext("Thank you: the signature of %(city)s is recorded and counted.")
        % {"city": city.title},
    )
    return HttpResponseRedirect(page_url(page, request) + "#signatories")


def record_public_signature(page, request, signature):
    """Store a visitor's signature, unless the address signed already, and send one email.

    The same work for a new and a known address, so the answer's time does not
    tell whether an address has signed: one insert (which does nothing when the
    address signed before), the row locked and saved, one email: the confirmation
    link while the signature is unconfirmed, else "you have already signed".
    """
    with transaction.atomic():
        Signature.objects.bulk_create([signature], ignore_conflicts=True)
        stored = (
            Signature.objects.for_declaration(page)
            .with_email(signature.email)
            .select_for_update()
            .get()
        )
        # Unchanged when it existed: saved for the same work, and for Wagtail's indexes.
        # Either way no page changes (a new signature shows once confirmed): the page
        # cache is not purged, which would also tell a known address from a new one.
        stored.pages_unchanged = True
        stored.save()
        if stored.confirmed_at is None:
            send_confirmation(page, request, stored)
        else:
            send_already_signed(page, request, stored)
    return stored


def _render(page, request, template, status=200, **context):
    return TemplateResponse(
        request, template, {"page": page, "self": page, **context}, status=status
    )


def thanks(page, request):
    return _render(
        page,
        request,
        "summits/signature_thanks.html",
        valid_days=max(1, confirm_max_age() // (24 * 3600)),
    )


def confirm(page, request, token):
    """GET confirm/<token>/: count the signature. Idempotent; a bad link answers 400."""
    try:
        signature = signature_for_token(token, page)
    except signing.SignatureExpired:
        return _render(page, request, "summits/signature_link_invalid.html", 400, expired=True)
    except signing.BadSignature:
        return _render(page, request, "summits/signature_link_invalid.html", 400, expired=False)
    now = timezone.now()
    Signature.objects.filter(pk=signature.pk, confirmed_at__isnull=True).update(
        confirmed_at=now, signed_on=timezone.localdate(now)
    )
    content_changed()  # the signatories of the declaration (update() sends no signal)
    signature.refresh_from_db()
    response = _render(page, request, "summits/signature_confirmed.html", signature=signature)
    # The signer's own page: no cache keeps it (core.page_cache, a CDN).
    add_never_cache_headers(response)
    return response
