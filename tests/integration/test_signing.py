"""Flow 3 on PostgreSQL, Redis and a real Celery worker: sign, confirm by email, be counted."""

import random
import re
import threading

from django.db import connection
from django.test import Client

import pytest

from summits.models import Signature
from tests.integration.conftest import message_text
from tests.summits.world import (
    committed_declaration_world,
    forget_rate_limits,
    page_url,
    sign_data,
)

# Real processes (the worker) and threads see only committed data.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(real_services):
    return committed_declaration_world()


@pytest.fixture
def address():
    """A visitor address of its own, so no other test's attempts count against it."""
    address = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
    forget_rate_limits(address)
    yield address
    forget_rate_limits(address)


def test_sign_confirm_by_email_and_appear_in_every_language(world, mail_worker, smtp_sink, address):
    client = Client(REMOTE_ADDR=address)
    email = f"mayor-{random.randint(0, 10**9)}@lyon.test"
    response = client.post(
        page_url(world, "fr") + "sign/",
        sign_data(name="Grégory Doucet", email=email, kind="acknowledge"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.get(response["Location"]).status_code == 200
    signature = Signature.objects.get(email=email)
    assert signature.confirmed_at is None and signature.language == "fr"
    assert "Grégory Doucet" not in client.get(page_url(world, "en")).content.decode()

    [message] = smtp_sink.wait_for(email)
    assert message["Content-Language"] == "fr"
    link = re.search(r"https?://\S+/confirm/\S+/", message_text(message)).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    confirmed = client.get("/" + path)
    assert confirmed.status_code == 200
    signature.refresh_from_db()
    assert signature.confirmed_at is not None

    for code in ("en", "fr"):
        html = client.get(page_url(world, code)).content.decode()
        assert "Grégory Doucet" in html, code
        assert "No signature has been confirmed yet." not in html


def test_concurrent_signatures_of_one_address_make_one_row(world, address, mailoutbox):
    """N requests at the same moment with one address: one signature, no error."""
    threads_count = 8
    barrier = threading.Barrier(threads_count)
    url = page_url(world) + "sign/"
    statuses, errors = [], []
    data = [sign_data(email="Same@Lyon.test", name=f"Signer {n}") for n in range(threads_count)]

    def post(n):
        try:
            client = Client(REMOTE_ADDR=address)
            barrier.wait(timeout=30)
            statuses.append(client.post(url, data[n]).status_code)
        except Exception as error:  # reported below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    assert statuses == [302] * threads_count
    assert Signature.objects.filter(email__iexact="same@lyon.test").count() == 1
    # Every request got an email: one confirmation, the others the same link again.
    assert len(mailoutbox) == threads_count
    assert all("/confirm/" in message.body for message in mailoutbox)
