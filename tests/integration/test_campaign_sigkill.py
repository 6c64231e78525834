"""A campaign survives workers killed with SIGKILL: nobody misses it, nobody gets it twice.

Real Redis, PostgreSQL, Celery worker processes and an SMTP sink on localhost.
The sink answers slowly enough for the campaign to be cut twice in the middle.
"""

import collections
import time

from django.utils import timezone

import pytest

from home.demo import ensure_home_pages, ensure_locales
from newsletters.factories import NewsletterIndexPageFactory, NewsletterPageFactory
from newsletters.models import Campaign, Delivery, DeliveryStatus, Subscriber, SubscriberStatus
from newsletters.tasks import start_campaign, sweep_deliveries
from tests.integration.conftest import SMTPSink, WorkerProcess, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

RECIPIENTS = 400
LEASE_SECONDS = 3
BATCH = 25  # deliveries a worker claims and sends together: several batches, cut twice


@pytest.fixture
def slow_sink():
    sink = SMTPSink(delay=0.01).start()
    yield sink
    sink.stop()


@pytest.fixture
def campaign(db):
    home = ensure_home_pages(ensure_locales())
    index = NewsletterIndexPageFactory(parent=home)
    newsletter = NewsletterPageFactory(parent=index, title="Sixteen days to go")
    Subscriber.objects.bulk_create(
        Subscriber(
            email=f"person{n}@example.org",
            language="fr" if n % 3 else "en",
            status=SubscriberStatus.SUBSCRIBED,
        )
        for n in range(RECIPIENTS)
    )
    return Campaign.objects.create(newsletter=newsletter, send_at=timezone.now())


def sent_count():
    return Delivery.objects.filter(status=DeliveryStatus.SENT).count()


def test_sigkill_twice_mid_campaign_loses_and_doubles_nobody(broker, slow_sink, campaign):
    env = {
        **slow_sink.env,
        "OBSERVATORY_DELIVERY_LEASE_SECONDS": str(LEASE_SECONDS),
        "OBSERVATORY_DELIVERY_BATCH_SIZE": str(BATCH),
    }
    worker = WorkerProcess(env=env).start()
    start_campaign.delay(campaign.pk)
    kills = 0
    try:
        for threshold in (RECIPIENTS // 4, RECIPIENTS // 2):
            assert wait_for(lambda t=threshold: sent_count() >= t, timeout=90), (
                f"stuck at {sent_count()} sent"
            )
            # Kill in the middle of a batch: rows claimed or being handed to the service.
            assert wait_for(
                lambda: (
                    Delivery.objects.filter(
                        status__in=[DeliveryStatus.CLAIMED, DeliveryStatus.SENDING]
                    ).count()
                    >= 10
                ),
                timeout=30,
                interval=0.02,
            )
            worker.kill()
            kills += 1
            in_hand = Delivery.objects.filter(
                status__in=[DeliveryStatus.CLAIMED, DeliveryStatus.SENDING]
            ).count()
            assert in_hand > 0, "the kill should leave rows in a dead worker's hands"
            worker = WorkerProcess(env=env).start()

        # Beat's sweeper, once a minute in production, every second here.
        def finished():
            sweep_deliveries()
            campaign.refresh_from_db()
            return campaign.status == Campaign.Status.DONE

        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not finished():
            time.sleep(1)
        assert campaign.status == Campaign.Status.DONE
    finally:
        worker.stop()
    assert kills == 2

    # Count what the SMTP sink really received, per recipient and per delivery row.
    received = collections.Counter(str(message["To"]) for message in slow_sink.messages)
    rows = {row.subscriber.email: row for row in Delivery.objects.select_related("subscriber")}
    assert len(rows) == RECIPIENTS
    statuses = collections.Counter(row.status for row in rows.values())
    assert set(statuses) <= {DeliveryStatus.SENT, DeliveryStatus.UNCERTAIN}, statuses
    assert max(received.values()) == 1, "nobody gets the email twice"
    for address, row in rows.items():
        if row.status == DeliveryStatus.SENT:
            assert received[address] == 1, f"{address} marked sent but received nothing"
        else:  # handed to the service as the worker died: at most once, never resent
            assert received[address] <= 1
    assert sum(received.values()) >= statuses[DeliveryStatus.SENT]
    # Each kill can leave at most the batch in flight uncertain (committed `sending`
    # before its first message went): never resent, whether it arrived or not.
    assert statuses[DeliveryStatus.UNCERTAIN] <= kills * BATCH
    print(  # noqa: T201 - shown with -s: what the kills did
        f"\nsent={statuses[DeliveryStatus.SENT]} uncertain={statuses[DeliveryStatus.UNCERTAIN]} "
        f"received={sum(received.values())}"
    )
