"""Wagtail's django-tasks and wagtail-localize jobs travel through Celery after commit."""

from django.db import transaction
from django.test import override_settings

from wagtail.models import Locale, Page, ReferenceIndex

from observatory.task_arguments import decode_arguments, encode_arguments

CELERY_TASKS = {"default": {"BACKEND": "observatory.task_backends.CeleryBackend"}}


def test_model_arguments_round_trip(locales):
    encoded = encode_arguments([locales["fr"], {"page_index": None, "locale": locales["de"]}])
    assert encoded[0] == {"__model__": "wagtailcore.Locale", "pk": locales["fr"].pk}
    decoded = decode_arguments(encoded)
    assert decoded[0] == locales["fr"]
    assert decoded[1]["locale"] == locales["de"]


@override_settings(TASKS=CELERY_TASKS)
def test_wagtail_reference_index_runs_through_celery_after_commit(
    home_page, django_capture_on_commit_callbacks
):
    from wagtail.tasks import update_reference_index_task

    ReferenceIndex.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = update_reference_index_task.enqueue("home", "homepage", home_page.pk)
    assert result.backend == "default"
    assert len(callbacks) == 1  # nothing ran yet: it waits for the commit
    assert not ReferenceIndex.objects.exists()
    callbacks[0]()
    # The Celery task ran (eagerly) and did Wagtail's work.
    assert ReferenceIndex.is_indexed(Page)


def test_localize_job_backend_enqueues_on_commit(locales, django_capture_on_commit_callbacks):
    from observatory.task_backends import LocalizeJobBackend

    RECORDED.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        LocalizeJobBackend({}).enqueue(_record, [locales["es"]], {"note": "sync"})
        assert RECORDED == []
    assert len(callbacks) == 1
    assert RECORDED[-1] == ("es", "sync")


RECORDED = []


def _record(locale, note):
    RECORDED.append((locale.language_code, note))


def test_transaction_rollback_drops_queued_job(locales):
    from observatory.task_backends import LocalizeJobBackend

    RECORDED.clear()
    try:
        with transaction.atomic():
            LocalizeJobBackend({}).enqueue(
                _record, [Locale.objects.get(language_code="fr")], {"note": "x"}
            )
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    assert RECORDED == []
