"""The Wagtail API v2 at /api/v2/: pages (filter with ?type= and ?locale=), images, documents.

Images and documents are listed, and found by id, only when a live public page
uses them (Wagtail's reference index knows which) and no collection privacy
keeps them from the caller: a city's drafts, a Capital application's documents
and an unpublished initiative's pictures are never listed, to anyone.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from .references import used_by_live_pages


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
