"""A city team's images and documents: private while they are the team's work, public once shown.

Each team has its collection (``CityTeam.collection``, the public side) and,
inside it, a private collection (its "Private work", restricted to the team and
the editors: ``core.media_privacy``). Everything the team uploads goes to the
private one. When a page that uses a file is published (an initiative approved,
a profile change accepted), the file moves up to the team's collection, public;
when the last live page that used it is unpublished, it moves back.
"""

from django.dispatch import receiver

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, ReferenceIndex
from wagtail.signals import page_published, page_unpublished

from core.media_privacy import move_to, private_child
from observatory.references import used_by_live_pages

from .models import CityTeam

CITIES_COLLECTION = "Member cities"
PRIVATE_WORK = "Private work"


def city_collection(title):
    """A new collection for a city's team, under "Member cities"."""
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    parent = root.get_children().filter(name=CITIES_COLLECTION).first()
    if parent is None:
        parent = root.add_child(name=CITIES_COLLECTION)
    return parent.add_child(name=title[:255])


def private_collection(team):
    """The team's private collection, made (with the team's own) when missing."""
    if team.collection is None:
        city = team.city()
        team.collection = city_collection(city.title if city else team.group.name)
        team.save(update_fields=["collection"])
    return private_child(team.collection, PRIVATE_WORK, [team.group])


def _team_of_private(collection):
    """The team whose private collection ``collection`` is, or None."""
    if collection.depth < 2 or not collection.view_restrictions.exists():
        return None
    return CityTeam.objects.filter(collection=collection.get_parent()).first()


def make_public(media_items):
    """Move the media that sit in a team's private collection to the team's own collection."""
    moved = []
    for media in media_items:
        if media is None:
            continue
        team = _team_of_private(media.collection)
        if team is not None:
            moved += move_to([media], team.collection)
    return moved


def _page_media(page):
    """The images and documents ``page`` (its row: the live content) uses, by model.

    Read from the page itself the way Wagtail's reference index reads it: the index
    is brought up to date in the background, after this.
    """
    references = {
        (content_type_id, str(key))
        for content_type_id, key, *_paths in ReferenceIndex._extract_references_from_object(page)
    }
    media = {}
    for model in (get_image_model(), get_document_model()):
        content_type = ReferenceIndex._get_base_content_type(model)
        keys = [int(key) for type_id, key in references if type_id == content_type.pk]
        media[model] = model.objects.filter(pk__in=keys)
    return media


@receiver(page_published, dispatch_uid="city_media_public_when_published")
def publish_page_media(sender, instance, **kwargs):
    for queryset in _page_media(instance.specific).values():
        make_public(queryset.select_related("collection"))


@receiver(page_unpublished, dispatch_uid="city_media_private_when_unpublished")
def withdraw_page_media(sender, instance, **kwargs):
    """What no live page uses any more goes back to its team's private collection."""
    for queryset in _page_media(instance.specific).values():
        still_shown = set(used_by_live_pages(queryset).values_list("pk", flat=True))
        for media in queryset.exclude(pk__in=still_shown):
            team = CityTeam.objects.filter(collection=media.collection_id).first()
            if team is not None:
                move_to([media], private_collection(team))
