"""Transactional emails from templates/emails/, in the recipient's language, sent by Celery.

Each email is three templates: ``emails/<name>.subject.txt``, ``emails/<name>.txt``
and ``emails/<name>.html`` (the HTML extends ``emails/base.html``). Callers use
:func:`queue_templated_email` inside the transaction that saves the row the email
belongs to: the email is recorded in the outbox with the row (nothing for a request
that rolls back) and sent by Celery once, even if Redis is down when the row is saved
(``observatory.outbox``).

An email says the language it is written in: ``Content-Language`` and the HTML's
``lang`` and ``dir`` come from the language it was rendered in, one of the site's
languages (an unknown code renders, and is labelled, in the default language).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation

from celery import shared_task

from observatory import outbox


def absolute_url(path):
    """A site path as a full URL for an email (BASE_URL names the public site)."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.BASE_URL.rstrip("/") + path


def identity_context():
    """What every email's header and footer show: the logo (a PNG: mail clients drop SVG)."""
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "base_url": settings.BASE_URL,
        "logo_url": absolute_url(static("img/logo-email.png")),
    }


def site_language(language):
    """``language`` as one of the site's languages (``fr-ca`` → ``fr``), else the default one."""
    try:
        return translation.get_supported_language_variant(language or "")
    except LookupError:
        return settings.LANGUAGE_CODE


def render_email(template, context, language):
    """(subject, text, html, language rendered in) of an email template in ``language``."""
    language = site_language(language)
    context = {**identity_context(), **context}
    with translation.override(language):
        context["language"] = language
        context["language_bidi"] = translation.get_language_bidi()
        subject = render_to_string(f"emails/{template}.subject.txt", context)
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    # A subject is one line, whatever the template's whitespace.
    return " ".join(subject.split()), text, html, language


def build_email(template, to, context, language, reply_to=None):
    subject, text, html, language = render_email(template, context, language)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[to] if isinstance(to, str) else list(to),
        reply_to=reply_to or None,
        headers={"Content-Language": language},
    )
    message.attach_alternative(html, "text/html")
    return message


@shared_task(autoretry_for=(OSError,), retry_backoff=30, retry_kwargs={"max_retries": 5})
def send_templated_email(template, to, context, language, reply_to=None):
    """Render and send one email. ``context`` must be JSON: ids and strings, not objects."""
    build_email(template, to, context, language, reply_to=reply_to).send()


def queue_templated_email(template, to, context, language, reply_to=None):
    """Send :func:`send_templated_email` through the outbox, after the current transaction."""
    return outbox.enqueue(send_templated_email, template, to, context, language, reply_to=reply_to)
