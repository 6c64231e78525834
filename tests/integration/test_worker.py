"""Tasks on a real Celery worker, against PostgreSQL and Redis."""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

from wagtail.models import ReferenceIndex

import pytest

from observatory.tasks import ROUNDTRIP_KEY, record_roundtrip
from tests.integration.conftest import WorkerProcess, wait_for

# Real processes (the worker) see only committed data.
pytestmark = pytest.mark.django_db(transaction=True)


def roundtrip_result(token):
    return cache.get(ROUNDTRIP_KEY.format(token=token))


def test_task_enqueued_on_commit_runs_on_the_worker(celery_worker_process):
    token = uuid.uuid4().hex
    with transaction.atomic():
        record_roundtrip.delay_on_commit(token)
        assert roundtrip_result(token) is None
    assert wait_for(lambda: roundtrip_result(token)) is not None


def test_task_enqueued_in_rolled_back_transaction_never_runs(celery_worker_process):
    dropped, sentinel = uuid.uuid4().hex, uuid.uuid4().hex
    with pytest.raises(RuntimeError), transaction.atomic():
        record_roundtrip.delay_on_commit(dropped)
        raise RuntimeError("the request failed")
    # A task sent after it runs: the worker has drained the queue past the dropped one.
    with transaction.atomic():
        record_roundtrip.delay_on_commit(sentinel)
    assert wait_for(lambda: roundtrip_result(sentinel)) is not None
    assert roundtrip_result(dropped) is None


@override_settings(TASKS={"default": {"BACKEND": "observatory.task_backends.CeleryBackend"}})
def test_wagtail_background_work_runs_on_the_worker(celery_worker_process, locales):
    from home.demo import ensure_home_pages

    home = ensure_home_pages(locales)
    french = home.get_translation(locales["fr"])
    ReferenceIndex.objects.all().delete()
    with transaction.atomic():
        # Saving a page makes Wagtail queue its reference-index update (django-tasks).
        home.introduction = f'<p>See <a linktype="page" id="{french.pk}">the French site</a>.</p>'
        home.save()
        assert not ReferenceIndex.objects.exists()
    # The worker, not this process, wrote Wagtail's reference index for the page.
    assert wait_for(lambda: ReferenceIndex.objects.filter(to_object_id=str(french.pk)).exists())


def test_healthz_reports_a_stopped_worker(client, broker):
    worker = WorkerProcess().start()
    try:
        response = client.get("/healthz")
        body = response.json()
        assert response.status_code == 200, body
        assert body["broker"] == {"status": "ok", "mode": "redis"}
        assert worker.name in body["workers"]["workers"]
    finally:
        worker.stop()
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 503
    assert body["workers"]["status"] == "down"
    assert worker.name not in body["workers"].get("workers", [])
