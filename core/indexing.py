"""Bulk loads update the search index and Wagtail's reference index once, at the end.

Every save of a page or snippet queues an update of both indexes (Wagtail's
signal handlers, through django-tasks). A load that saves each page a dozen
times (draft, revision, publication, translations…) would index it a dozen
times. Inside ``indexes_updated_at_the_end()`` the handlers stay quiet; what was
saved is remembered and indexed once per object when the block ends, with the
backend's ``add_bulk`` as ``update_index`` does it.
"""

from contextlib import contextmanager

from django.db.models.signals import post_save

from wagtail.models import ReferenceIndex
from wagtail.search import index as search_index
from wagtail.search import signal_handlers as search_signals
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

CHUNK = 500


@contextmanager
def indexes_updated_at_the_end():
    saved = {}

    def remember(sender, instance, raw=False, **kwargs):
        if not raw and instance.pk is not None:
            saved.setdefault(type(instance), set()).add(instance.pk)

    indexed_models = [
        model
        for model in search_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]
    for model in indexed_models:
        post_save.disconnect(search_signals.post_save_signal_handler, sender=model)
    post_save.connect(remember, weak=False, dispatch_uid="observatory-bulk-load")
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid="observatory-bulk-load")
        for model in indexed_models:
            post_save.connect(search_signals.post_save_signal_handler, sender=model)
    update_indexes(saved)


def update_indexes(saved):
    """Index ``{model: primary keys}`` in the search backends and the reference index."""
    backends = list(get_search_backends(with_auto_update=True))
    for model, keys in saved.items():
        keys = sorted(keys)
        for first in range(0, len(keys), CHUNK):
            chunk = keys[first : first + CHUNK]
            if search_index.class_is_indexed(model) and getattr(model, "search_auto_update", True):
                # As Wagtail's handler: a page is indexed as its specific type.
                by_type = {}
                for obj in model.get_indexed_objects().filter(pk__in=chunk):
                    indexed = obj.get_indexed_instance()
                    if indexed is not None:
                        by_type.setdefault(type(indexed), []).append(indexed)
                for indexed_model, objects in by_type.items():
                    for backend in backends:
                        backend.add_bulk(indexed_model, objects)
            if ReferenceIndex.is_indexed(model):
                for obj in model._default_manager.filter(pk__in=chunk):
                    ReferenceIndex.create_or_update_for_object(obj)
