"""The outbox: what a saved row owes is saved with it and reaches a worker once.

Tasks run in-process here (eager); tests/integration/test_redis_outage.py stops a real
Redis under a real web server, worker and beat.
"""

import ast
import datetime
from pathlib import Path

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.utils import timezone

import pytest
from kombu.exceptions import OperationalError

from core.emails import queue_templated_email
from newsletters.models import Subscriber
from observatory import outbox
from observatory.models import OutboxMessage
from observatory.tasks import run_outbox_message
from tests.newsletters.builders import subscribe

pytestmark = pytest.mark.django_db

Status = OutboxMessage.Status
ROOT = Path(__file__).resolve().parents[2]
CONTEXT = {"name": "Lea", "url": "http://testserver/de/newsletters/confirm/x/", "days": 7}


class Broker:
    """Stops and starts the broker as kombu sees it: a stopped one refuses every message."""

    def __init__(self):
        self.refused = []
        self._patch = pytest.MonkeyPatch()

    def _refuse(self, *args, **kwargs):
        self.refused.append(args)
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    def stop(self):
        self._patch.setattr(run_outbox_message, "apply_async", self._refuse)
        self._patch.setattr(outbox, "_broker_paused_until", 0.0)

    def start(self):
        self._patch.undo()


@pytest.fixture
def broker_down():
    broker = Broker()
    broker.stop()
    yield broker
    broker.start()


def queue(email="lea@example.de"):
    return queue_templated_email("subscription_confirm", email, CONTEXT, "de")


def test_a_rolled_back_save_leaves_no_outbox_row_and_sends_nothing(
    django_capture_on_commit_callbacks,
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        Subscriber.objects.create(email="lea@example.de", language="de")
        queue()
        raise RuntimeError("the request failed after saving")
    assert not Subscriber.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


def test_the_email_waits_for_the_commit_then_is_sent_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        message = queue()
    assert OutboxMessage.objects.get().status == Status.PENDING
    assert mail.outbox == []
    callbacks[0]()
    message.refresh_from_db()
    assert message.status == Status.DONE and message.done_at is not None
    assert message.attempts == 1
    [sent] = mail.outbox
    assert sent.to == ["lea@example.de"] and sent.extra_headers["Content-Language"] == "de"
    # A second copy of the message (a re-sent hand-over, a sweep) sends nothing.
    assert outbox.deliver(message.pk) == Status.DONE
    assert outbox.sweep() == 0
    assert len(mail.outbox) == 1


def test_subscribing_while_the_broker_is_down_answers_and_the_sweep_sends_once(
    home_page, client, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = subscribe(client, "de", email="leser@example.de")
    assert response.status_code == 302  # not a 500 after saving the row
    assert Subscriber.objects.filter(email="leser@example.de").exists()
    [message] = OutboxMessage.objects.all()
    assert len(broker_down.refused) == 1
    assert (message.status, message.lease_until, message.attempts) == (Status.PENDING, None, 0)
    assert mail.outbox == []

    # Still down: the sweep hands nothing over and raises nothing.
    assert outbox.sweep() == 0
    assert len(broker_down.refused) == 2

    broker_down.start()
    assert outbox.sweep() == 1
    message.refresh_from_db()
    assert message.status == Status.DONE
    [sent] = mail.outbox
    assert sent.to == ["leser@example.de"] and "/de/newsletters/confirm/" in sent.body
    assert outbox.sweep() == 0 and len(mail.outbox) == 1


def test_requests_stop_waiting_for_a_broker_that_just_refused(broker_down):
    with transaction.atomic():
        first = queue("a@example.org")
    outbox.hand_over(first.pk)
    with transaction.atomic():
        second = queue("b@example.org")
    outbox.hand_over(second.pk)
    # The first refusal pauses hand-overs for a moment: the second request did not wait.
    assert len(broker_down.refused) == 1
    assert OutboxMessage.objects.filter(status=Status.PENDING).count() == 2


def test_a_message_handed_over_but_not_done_goes_again_only_after_its_lease(broker_down):
    with transaction.atomic():
        message = queue()
    now = timezone.now()
    # Handed to a broker that then lost it (a Redis restart without persistence).
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=Status.QUEUED, lease_until=now + datetime.timedelta(seconds=60)
    )
    assert outbox.sweep() == 0 and broker_down.refused == []
    OutboxMessage.objects.filter(pk=message.pk).update(
        lease_until=now - datetime.timedelta(seconds=1)
    )
    broker_down.start()
    assert outbox.sweep() == 1
    message.refresh_from_db()
    assert message.status == Status.DONE
    assert len(mail.outbox) == 1


def test_a_message_a_worker_is_running_is_not_run_again():
    with transaction.atomic():
        message = queue()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=Status.RUNNING, lease_until=timezone.now() + datetime.timedelta(minutes=30)
    )
    assert outbox.deliver(message.pk) == Status.RUNNING
    assert outbox.sweep() == 0
    assert mail.outbox == []
    # Its worker died: once the lease (longer than Celery's time limit) is over, it runs.
    assert outbox.running_lease() > datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    OutboxMessage.objects.filter(pk=message.pk).update(
        lease_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert outbox.sweep() == 1
    assert len(mail.outbox) == 1


def test_a_failing_task_is_tried_again_later_then_given_up(monkeypatch, caplog):
    def smtp_down(*args, **kwargs):
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", smtp_down)
    with transaction.atomic():
        message = queue()
    assert outbox.deliver(message.pk) == Status.PENDING
    message.refresh_from_db()
    assert message.attempts == 1 and "SMTP server down" in message.last_error
    assert message.lease_until > timezone.now()  # not before its delay
    assert outbox.sweep() == 0
    assert "failed, attempt 1" in caplog.text
    for _attempt in range(2, outbox.MAX_ATTEMPTS + 1):
        OutboxMessage.objects.filter(pk=message.pk).update(lease_until=timezone.now())
        outbox.sweep()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.FAILED, outbox.MAX_ATTEMPTS)
    assert outbox.sweep() == 0


def test_done_messages_are_forgotten_after_a_week():
    with transaction.atomic():
        old, recent = queue(), queue()
    OutboxMessage.objects.update(status=Status.DONE)
    OutboxMessage.objects.filter(pk=old.pk).update(
        done_at=timezone.now() - datetime.timedelta(days=8)
    )
    OutboxMessage.objects.filter(pk=recent.pk).update(done_at=timezone.now())
    outbox.sweep()
    assert list(OutboxMessage.objects.values_list("pk", flat=True)) == [recent.pk]


def test_beat_sweeps_the_outbox_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["sweep-outbox"]
    assert entry["task"] == "observatory.tasks.sweep_outbox"
    assert entry["schedule"] == 60.0


def test_a_request_never_retries_a_broker_that_is_down():
    """kombu retries the connection on every publish unless told (celery#4627)."""
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    assert options["max_retries"] <= 1 and options["socket_connect_timeout"] <= 2
    assert settings.CELERY_BROKER_CONNECTION_TIMEOUT <= 2
    assert settings.CELERY_TASK_PUBLISH_RETRY_POLICY["max_retries"] <= 1


# Request code hands tasks to Celery only through the outbox. Tasks may chain tasks
# (a worker runs them, the sweepers restart a broken chain).
DIRECT_CALLS = {"delay", "apply_async", "delay_on_commit", "apply_async_on_commit"}
ALLOWED = {Path("observatory/outbox.py"), Path("observatory/health.py")}


def test_no_request_code_hands_a_task_to_the_broker_directly():
    from tests.test_layers import project_modules

    found = []
    for path in project_modules():
        relative = path.relative_to(ROOT)
        if relative.name == "tasks.py" or relative in ALLOWED or "migrations" in relative.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr in DIRECT_CALLS:
                found.append(f"{relative}:{node.lineno} .{node.attr}")
    assert not found, found
