"""The outbox: the tasks that saved rows owe, recorded with the rows, handed to Celery when it can.

A ``.delay()`` after a commit fails while Redis is down, and the row it belonged to
stays saved without its email. So a view calls ``enqueue(task, *args, **kwargs)``
instead: it writes an ``OutboxMessage`` in the caller's transaction (a rolled-back
save leaves none) and, once the transaction commits, tries once to hand it to the
broker, never raising and never waiting long. Beat's ``sweep_outbox`` (every minute)
hands over again every message still pending, and every message whose lease ran out.

Exactly once: a worker runs a message through ``deliver``, which claims it under a row
lock (a second copy of the message finds it running or done and does nothing), runs
the task outside that transaction, then marks it done. A message handed over but not
done goes to the broker again only after its lease (``OBSERVATORY_OUTBOX_LEASE_SECONDS``:
Redis may have lost it), a running one only after Celery's hard time limit (its worker
died). Only a worker that dies after the task's effect and before marking it done makes
it run twice. A failing task is tried again with a growing delay, at most
``MAX_ATTEMPTS`` times.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from celery import current_app

from .models import OutboxMessage

logger = logging.getLogger(__name__)

Status = OutboxMessage.Status
ACTIVE = (Status.PENDING, Status.QUEUED, Status.RUNNING)
MAX_ATTEMPTS = 8
SWEEP_BATCH = 500
KEEP_DONE = timedelta(days=7)
# After a failed hand-over, requests leave their messages to the sweep for a moment
# instead of each waiting for the broker's connection timeout again.
BROKER_PAUSE_SECONDS = 5.0
_broker_paused_until = 0.0


def lease():
    """How long a message handed to the broker stays there before it is handed over again."""
    return timedelta(seconds=settings.OBSERVATORY_OUTBOX_LEASE_SECONDS)


def running_lease():
    # A task cannot run longer than Celery's hard time limit: past it, its worker died.
    limit = getattr(settings, "CELERY_TASK_TIME_LIMIT", None) or 0
    return max(lease(), timedelta(seconds=limit + 60))


def retry_delay(attempts):
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def enqueue(task, *args, **kwargs):
    """Record ``task(*args, **kwargs)`` in the current transaction; hand it over after the commit.

    Arguments must be JSON (ids and strings, not objects). Call it inside the
    ``transaction.atomic()`` that saves the row the task belongs to.
    """
    message = OutboxMessage.objects.create(task=task.name, args=list(args), kwargs=kwargs)
    transaction.on_commit(lambda: hand_over(message.pk), robust=True)
    return message


def _due(now):
    """Messages to hand to the broker: never handed over, or whose lease ran out."""
    return OutboxMessage.objects.filter(status__in=ACTIVE).filter(
        Q(status=Status.PENDING, lease_until__isnull=True) | Q(lease_until__lte=now)
    )


def _publish(pk):
    """Give message ``pk`` (already marked queued) to the broker; False if it did not take it."""
    global _broker_paused_until
    from .tasks import run_outbox_message

    try:
        # No retries here: the sweep is the retry, and a request must not wait.
        run_outbox_message.apply_async((pk,), retry=False)
    except Exception as error:  # broker down, timeout: the message waits for the sweep
        _broker_paused_until = time.monotonic() + BROKER_PAUSE_SECONDS
        logger.warning(
            "outbox: the broker did not take message %s (%s); the sweep will hand it over",
            pk,
            error.__class__.__name__,
        )
        OutboxMessage.objects.filter(pk=pk, status=Status.QUEUED).update(
            status=Status.PENDING, lease_until=None
        )
        return False
    return True


def hand_over(pk):
    """After the commit: hand message ``pk`` to the broker if nobody did yet. Never raises."""
    if time.monotonic() < _broker_paused_until:
        return False
    try:
        now = timezone.now()
        taken = OutboxMessage.objects.filter(pk=pk, status=Status.PENDING).update(
            status=Status.QUEUED, lease_until=now + lease()
        )
        return bool(taken) and _publish(pk)
    except Exception:  # the request that saved the row has succeeded: log, never fail it
        logger.exception("outbox: message %s not handed over; the sweep will", pk)
        return False


def sweep(limit=SWEEP_BATCH):
    """Hand over what is due (beat, every minute); forget done messages after a week.

    Returns how many messages went to the broker. Stops at the first refusal: the
    broker is down, the next sweep tries again.
    """
    global _broker_paused_until
    _broker_paused_until = 0.0
    now = timezone.now()
    OutboxMessage.objects.filter(status=Status.DONE, done_at__lt=now - KEEP_DONE).delete()
    handed = 0
    for pk in _due(now).order_by("pk").values_list("pk", flat=True)[:limit]:
        if not _due(now).filter(pk=pk).update(status=Status.QUEUED, lease_until=now + lease()):
            continue  # a worker or another sweep took it meanwhile
        if not _publish(pk):
            break
        handed += 1
    return handed


def _task(name):
    task = current_app.tasks.get(name)
    return task if task is not None else import_string(name)


def deliver(pk):
    """Run message ``pk`` once (the worker's side). Returns its status afterwards."""
    now = timezone.now()
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(pk=pk).first()
        if message is None:
            return None
        if message.status in (Status.DONE, Status.FAILED):
            return message.status
        if message.status == Status.RUNNING and (message.lease_until or now) > now:
            return message.status  # another worker runs it right now
        message.status = Status.RUNNING
        message.attempts += 1
        message.lease_until = now + running_lease()
        message.save(update_fields=["status", "attempts", "lease_until"])
    try:
        _task(message.task)(*message.args, **message.kwargs)
    except Exception as error:
        gave_up = message.attempts >= MAX_ATTEMPTS
        status = Status.FAILED if gave_up else Status.PENDING
        OutboxMessage.objects.filter(pk=pk, status=Status.RUNNING).update(
            status=status,
            lease_until=None if gave_up else timezone.now() + retry_delay(message.attempts),
            last_error=f"{error.__class__.__name__}: {error}"[:2000],
        )
        logger.exception(
            "outbox: %s (message %s) failed, attempt %s", message, pk, message.attempts
        )
        return status
    OutboxMessage.objects.filter(pk=pk).update(
        status=Status.DONE, done_at=timezone.now(), lease_until=None, last_error=""
    )
    return Status.DONE
