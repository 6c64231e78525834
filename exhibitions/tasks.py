"""Celery tasks of the exhibitions: re-index panels after their public discussion changed."""

from wagtail.search.index import insert_or_update_object

from celery import shared_task

from .models import PanelPage


@shared_task
def reindex_panels(panel_keys):
    """Index every translation of the panels again: their search text holds the approved
    contributions. Idempotent: it reads the database's present state."""
    for page in PanelPage.objects.filter(translation_key__in=panel_keys):
        insert_or_update_object(page)
