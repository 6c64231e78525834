"""The email service's tracking webhook (django-anymail): each event stored once, then processed.

anymail's view at ``/webhooks/anymail/<esp>/tracking/`` checks the shared secret
(``ANYMAIL["WEBHOOK_SECRET"]``, basic auth; a wrong or missing one is refused
with 400) and the ESP's own signature where it has one, then sends
``anymail.signals.tracking`` for each event. :func:`store_tracking_event`
stores it as an :class:`EmailEvent`, unique by the ESP's event id (or, when the
ESP gives none, a hash of ESP, message id, type, time and recipient), so an
event the ESP delivers twice is stored and acted on once. The work itself
(suppressing the address, marking the delivery) is the Celery task
:func:`newsletters.tasks.process_email_event`, recorded in the outbox with the event.
"""

import functools
import hashlib
import json
import logging

from django.core import checks
from django.db import IntegrityError, transaction
from django.http import HttpResponseForbidden

from observatory import outbox

from .models import EmailEvent, matching_delivery
from .tasks import process_email_event

logger = logging.getLogger(__name__)

#: Events that change something: the rest (delivered, opened…) are only stored.
ACTIONABLE = {"bounced", "complained", "rejected", "unsubscribed"}


def event_key(event, esp_name):
    """The ESP's event id, or a stable hash of what identifies the event."""
    if event.event_id:
        return f"{esp_name}:{event.event_id}"[:255]
    parts = [
        esp_name or "",
        event.message_id or "",
        event.event_type or "",
        event.timestamp.isoformat() if event.timestamp else "",
        (event.recipient or "").lower(),
    ]
    return "sha256:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def json_safe(value):
    """The raw ESP event as JSON (QueryDicts, datetimes and the like made plain)."""
    if hasattr(value, "lists"):  # a QueryDict: keep every value
        value = {key: values if len(values) > 1 else values[0] for key, values in value.lists()}
    try:
        return json.loads(json.dumps(value, default=str))
    except (TypeError, ValueError):
        return {"repr": repr(value)[:10000]}


def normalized(event):
    """What anymail understood of the event (kept beside the ESP's raw payload)."""
    return json_safe(
        {
            "event_type": event.event_type,
            "reject_reason": event.reject_reason,
            "description": event.description,
            "mta_response": event.mta_response,
            "metadata": event.metadata,
            "tags": event.tags,
        }
    )


def store_tracking_event(sender, event, esp_name, **kwargs):
    """anymail.signals.tracking receiver: store once, then enqueue the processing."""
    key = event_key(event, esp_name)
    if EmailEvent.objects.filter(event_id=key).exists():
        return None
    try:
        with transaction.atomic():
            stored = EmailEvent.objects.create(
                event_id=key,
                event_type=(event.event_type or "unknown")[:32],
                esp_name=(esp_name or "")[:40],
                recipient=(event.recipient or "")[:254],
                message_id=(event.message_id or "")[:255],
                delivery=matching_delivery(event.message_id, event.metadata),
                occurred_at=event.timestamp,
                payload={"anymail": normalized(event), "esp_event": json_safe(event.esp_event)},
            )
            # Processed once, even if the broker is down now (observatory.outbox).
            outbox.enqueue(process_email_event, stored.pk)
    except IntegrityError:  # the same event arrived twice at the same moment
        return None
    return stored


def webhook_secret():
    """The ``user:password`` the email service presents (``ANYMAIL["WEBHOOK_SECRET"]``)."""
    from anymail.utils import get_anymail_setting

    return get_anymail_setting("webhook_secret", default=None)


def secret_required(view):
    """Refuse every webhook request (403) while no secret is set: anymail would accept them.

    Without ``WEBHOOK_SECRET`` anymail only warns and takes whatever arrives, so
    anyone could report bounces and complaints that unsubscribe real readers.
    """

    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        if not webhook_secret():
            logger.error("webhook refused: ANYMAIL_WEBHOOK_SECRET is not set")
            return HttpResponseForbidden("Webhook secret not configured.")
        return view(request, *args, **kwargs)

    return guarded


def uses_esp_backend(backend):
    """Whether an email backend is an email service's, through django-anymail."""
    return backend.startswith("anymail.backends.") and not backend.startswith(
        ("anymail.backends.test.", "anymail.backends.console.")
    )


@checks.register(checks.Tags.security)
def check_webhook_secret(app_configs=None, **kwargs):
    """An email service without the webhook's secret: an error outside DEBUG, else a warning."""
    from django.conf import settings

    if not uses_esp_backend(settings.EMAIL_BACKEND) or webhook_secret():
        return []
    level = checks.Warning if settings.DEBUG else checks.Error
    return [
        level(
            "An email service backend is configured but ANYMAIL_WEBHOOK_SECRET is not set: "
            "its tracking webhook would refuse every request, so bounces and complaints "
            "would be lost.",
            hint="Set ANYMAIL_WEBHOOK_SECRET to a long random user:password and give the "
            "same to the email service's webhook URL (see README: Environment).",
            id="newsletters.E001" if level is checks.Error else "newsletters.W001",
        )
    ]


def connect():
    from anymail.signals import tracking

    tracking.connect(store_tracking_event, dispatch_uid="newsletters.store_tracking_event")
