"""Private media: images and documents that only their owners and the editors may see.

A city's uploads (initiatives and profile changes in moderation, council
decisions, 16 May event pictures) and a Capital application's documents live in
private collections: Wagtail's collection privacy (a ``CollectionViewRestriction``
for groups) names who may see them, the editors (Moderators, Editors) always
among them. Wagtail would send others to its sign-in page; the document serve
view answers them 404 (``private_documents_are_not_found`` below), like a guessed id: outsiders
do not learn that a file exists.

Apps narrow who may see a file through the ``MEDIA_ACCESS`` hook: a function
``(user, media)`` that returns False to refuse (the Capital jury: a juror with a
declared conflict of interest). Hooks only ever refuse; the collection's
restriction is what allows. ``CoreConfig.ready`` imports this module, which
registers the document serve check with Wagtail.

A file becomes public by moving to a collection without restriction, when a
page that shows it is published (``cities/media.py``); the Wagtail API lists
only media that live public pages use (``observatory/api.py``, ``observatory/references.py``).
"""

from django.contrib.auth.models import Group
from django.http import Http404

from wagtail import hooks
from wagtail.models import BaseViewRestriction, CollectionViewRestriction

from .moderation import EDITORS, MODERATORS

MEDIA_ACCESS = "observatory_media_access"
GROUPS = BaseViewRestriction.GROUPS


def editor_groups():
    """The groups that see every private collection (superusers see them too)."""
    return [Group.objects.get_or_create(name=name)[0] for name in (MODERATORS, EDITORS)]


def restrict_to_groups(collection, groups):
    """Make ``collection`` (and its children) private to ``groups`` and the editors. Idempotent."""
    restriction = collection.view_restrictions.filter(restriction_type=GROUPS).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=GROUPS
        )
    restriction.groups.add(*groups, *editor_groups())
    return restriction


def private_child(parent, name, groups):
    """The private collection under ``parent`` (the first restricted child), made if missing."""
    child = parent.get_children().filter(view_restrictions__restriction_type=GROUPS).first()
    if child is None:
        child = parent.add_child(name=name[:255])
    restrict_to_groups(child, groups)
    return child


def is_private(collection):
    """Whether a restriction (its own or an ancestor's) keeps ``collection`` from the public."""
    return collection.get_view_restrictions().exists()


def can_view(request, media):
    """Whether ``request``'s user may see ``media`` (a Wagtail image or document).

    A group restriction the user does not pass refuses; so does any ``MEDIA_ACCESS``
    hook. Password and sign-in restrictions an editor sets are Wagtail's to ask.
    """
    for restriction in media.collection.get_view_restrictions():
        if restriction.restriction_type == GROUPS and not restriction.accept_request(request):
            return False
    return all(check(request.user, media) is not False for check in hooks.get_hooks(MEDIA_ACCESS))


def move_to(media_items, collection):
    """Put ``media_items`` (images or documents) in ``collection``; returns those moved."""
    moved = []
    for media in media_items:
        if media.collection_id != collection.pk:
            media.collection = collection
            media.save(update_fields=["collection"])
            moved.append(media)
    return moved


# Before Wagtail's own check (which would send an outsider to the sign-in page).
@hooks.register("before_serve_document", order=-100)
def private_documents_are_not_found(document, request):
    if not can_view(request, document):
        raise Http404
    # Wagtail's ETag is the file's hash: never empty, or `If-None-Match: ""` would match.
    document.get_file_hash()
