"""Answer time of known and unknown addresses: subscribe, sign a declaration, password reset.

The difference of the medians should stay within noise (it was 38 ms and 12 ms
apart): each figure is recorded as answer_time.<form>.<vendor>.{known_median,
unknown_median, difference}, with the statements and queued tasks of one request.
"""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import timezone

import pytest

from cities.forms import PasswordResetForm
from summits.models import Signature
from tests.answer_time import assert_same_time, assert_same_work, compare
from tests.cities.portal import started_long_ago
from tests.newsletters.builders import subscribe, subscriber
from tests.summits.world import build_world, page_url, sign_data

ROUNDS = 100


def record(record_result, name, comparison):
    figures = comparison.figures()
    prefix = f"answer_time.{name}.{connection.vendor}"
    record_result(f"{prefix}.known_median", figures["known_median_ms"], "ms")
    record_result(f"{prefix}.unknown_median", figures["unknown_median_ms"], "ms")
    record_result(f"{prefix}.difference", figures["difference_ms"], "ms")
    record_result(f"{prefix}.runs", figures["runs"], "count")
    record_result(
        f"{prefix}.same_statements",
        int(comparison.known.statements == comparison.unknown.statements),
        "bool",
    )
    assert_same_work(comparison)
    assert_same_time(comparison)


def address(known, n):
    return f"198.{18 + int(known)}.{n // 250 % 250}.{n % 250 + 1}"


def test_subscribe(home_page, django_capture_on_commit_callbacks, record_result):
    subscriber("bekannt@example.de", language="de")
    client = Client()

    def send(known, n):
        email = "bekannt@example.de" if known else f"neu-{n}@example.de"
        assert subscribe(client, "de", address=address(known, n), email=email).status_code == 302

    record(record_result, "subscribe", compare(send, django_capture_on_commit_callbacks, ROUNDS))


def test_sign(home_page, locales, django_capture_on_commit_callbacks, record_result):
    world = build_world(home_page, locales)
    client = Client()
    url = page_url(world) + "sign/"
    with django_capture_on_commit_callbacks():
        client.post(url, sign_data(email="known@lyon.test"))
    Signature.objects.update(confirmed_at=timezone.now())

    def send(known, n):
        email = "known@lyon.test" if known else f"new-{n}@lyon.test"
        response = client.post(url, sign_data(email=email), REMOTE_ADDR=address(known, n))
        assert response.status_code == 302

    record(record_result, "sign", compare(send, django_capture_on_commit_callbacks, ROUNDS))


@pytest.mark.parametrize("where", ["site", "admin"])
def test_password_reset(home_page, django_capture_on_commit_callbacks, record_result, where):
    get_user_model().objects.create_superuser(
        username="staff@duesseldorf.test", email="staff@duesseldorf.test", password="x" * 20
    )
    client = Client()

    def send(known, n):
        email = "staff@duesseldorf.test" if known else f"nobody-{n}@nowhere.test"
        if where == "site":
            data = {"email": email, "form_started": started_long_ago(PasswordResetForm)}
            url = "/en/accounts/password-reset/"
        else:
            data, url = {"email": email}, "/admin/password_reset/"
        assert client.post(url, data, REMOTE_ADDR=address(known, n)).status_code == 302

    comparison = compare(send, django_capture_on_commit_callbacks, ROUNDS)
    record(record_result, f"password_reset_{where}", comparison)
