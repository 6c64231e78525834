"""What core registers with Wagtail: private documents answer 404, and every document its ETag."""

from django.http import Http404

from wagtail import hooks

from .media_privacy import can_view


# Before Wagtail's own check (which would send an outsider to the sign-in page).
@hooks.register("before_serve_document", order=-100)
def private_documents_are_not_found(document, request):
    if not can_view(request, document):
        raise Http404
    # Wagtail's ETag is the file's hash: never empty, or `If-None-Match: ""` would match.
    document.get_file_hash()
