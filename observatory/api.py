"""The Wagtail API v2 at /api/v2/: pages (filter with ?type= and ?locale=), images, documents.

Images and documents are listed, and found by id, only when a live public page
uses them (Wagtail's reference index knows which) and no collection privacy
keeps them from the caller: a city's drafts, a Capital application's documents
and an unpublished initiative's pictures are never listed, to anyone.
"""

from django.db.models import BigIntegerField, CharField
from django.db.models.functions import Cast

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex


def used_by_live_pages(queryset):
    """The images or documents of ``queryset`` that a live page without view restriction uses."""
    pages = (
        Page.objects.live()
        .public()
        .annotate(key=Cast("pk", output_field=CharField()))
        .values("key")
    )
    used = ReferenceIndex.objects.filter(
        base_content_type=ReferenceIndex._get_base_content_type(Page),
        object_id__in=pages,
        to_content_type=ReferenceIndex._get_base_content_type(queryset.model),
    ).values(object_pk=Cast("to_object_id", output_field=BigIntegerField()))
    return queryset.filter(pk__in=used)


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    def get_queryset(self):
        return used_by_live_pages(super().get_queryset())


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    def get_queryset(self):
        return used_by_live_pages(super().get_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
