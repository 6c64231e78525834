"""Many live pages at once, for tests and benchmarks that need hundreds or thousands.

Rows go in with ``bulk_create`` and hand-made tree paths (treebeard's per-page work
and Wagtail's revisions are what a listing never reads), then the specific rows,
the search index with the backend's ``add_bulk`` as ``update_index`` does it.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

CHUNK = 1000


def bulk_pages(parent, model, specs, translation_keys=None, index=True):
    """Create live ``model`` pages under ``parent``: one per dict of ``specs``, returned.

    Each spec holds ``title``, ``slug`` and the model's own fields. The pages go
    after ``parent``'s children, in ``parent``'s locale; ``translation_keys`` (one
    per spec) makes them translations of pages of another language.
    """
    parent = Page.objects.get(pk=parent.pk)  # its numchild as the database has it
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    page_fields = {field.name for field in Page._meta.concrete_fields}
    created = []
    for first in range(0, len(specs), CHUNK):
        chunk = specs[first : first + CHUNK]
        pages = []
        for offset, spec in enumerate(chunk):
            number = parent.numchild + first + offset + 1
            slug = spec["slug"]
            key = translation_keys[first + offset] if translation_keys else uuid.uuid4()
            pages.append(
                Page(
                    title=spec["title"],
                    draft_title=spec["title"],
                    slug=slug,
                    content_type=content_type,
                    path=Page._get_path(parent.path, parent.depth + 1, number),
                    depth=parent.depth + 1,
                    numchild=0,
                    url_path=f"{parent.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=spec.get("first_published_at", now),
                    last_published_at=now,
                    locale_id=parent.locale_id,
                    translation_key=key,
                    show_in_menus=False,
                )
            )
        Page.objects.bulk_create(pages)
        if not all(page.pk for page in pages):  # a backend without RETURNING
            by_path = dict(
                Page.objects.filter(path__in=[page.path for page in pages]).values_list(
                    "path", "pk"
                )
            )
            for page in pages:
                page.pk = page.id = by_path[page.path]
        rows = []
        for page, spec in zip(pages, chunk, strict=True):
            own = {name: value for name, value in spec.items() if name not in page_fields}
            own.pop("first_published_at", None)
            row = model(page_ptr_id=page.pk, **own)
            rows.append(row)
        fields = list(model._meta.local_concrete_fields)
        model.objects.all()._batched_insert(rows, fields, batch_size=500)
        created += [page.pk for page in pages]
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(specs))
    pages = list(model.objects.filter(pk__in=created).order_by("path"))
    if index:
        backend = get_search_backend()
        for first in range(0, len(pages), CHUNK):
            backend.add_bulk(model, pages[first : first + CHUNK])
    return pages
