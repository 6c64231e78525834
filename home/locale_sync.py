"""Every language's page tree follows the default language's: new pages, moves and deletions.

wagtail-localize's locale synchronisation (``LocaleSynchronization``: French, German,
Spanish and Arabic each "sync from" English) creates aliases when an editor creates
a page in the admin and when a synchronisation is saved, but nothing else: a page
published from code, the site's own forms or the API gets no alias, and neither
Wagtail nor wagtail-localize moves or deletes the aliases and translations of a page
that moves or goes (Wagtail's cascade is wagtail.contrib.simple_translation's hook,
which only its admin views ask). These handlers close those gaps:

- a page published in a language others sync from gets an alias in each of them,
  at the same place among its siblings (the alias shows the "not translated yet"
  notice until someone translates it; wagtail-localize's translation converts it);
- a move of such a page moves its aliases and translations, in every syncing
  language, under the matching parent and beside the matching sibling;
- a deletion deletes its aliases; real translations stay for their editors.
"""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from wagtail.models import Locale, Page
from wagtail.signals import page_published, post_page_move
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import PageIndex, synchronize_tree


def syncing_locales(locale_id):
    """The locales whose trees follow the tree of ``locale_id``."""
    return Locale.objects.filter(
        id__in=LocaleSynchronization.objects.filter(sync_from_id=locale_id).values("locale_id")
    )


def place_like_source(source, translation):
    """Put ``translation`` among its siblings where ``source`` is among its own.

    It goes just before the translation of the first following sibling of ``source``
    that exists in that language, or last.
    """
    following = source.get_next_siblings().values_list("translation_key", flat=True)
    parent = translation.get_parent()
    siblings = {
        page.translation_key: page
        for page in parent.get_children().filter(translation_key__in=list(following))
    }
    anchor = next((siblings[key] for key in following if key in siblings), None)
    if anchor is None:
        last = parent.get_last_child()
        if last is not None and last.pk != translation.pk:
            translation.move(parent, pos="last-child")
    elif translation.get_next_sibling() != anchor:
        translation.move(anchor, pos="left")


@receiver(page_published, dispatch_uid="home_alias_published_page")
def alias_published_page(sender, instance, alias=False, **kwargs):
    """A page published in a source language appears at once in every syncing language."""
    if alias or instance.alias_of_id or instance.depth < 2:
        return
    present = Page.objects.filter(translation_key=instance.translation_key).values("locale_id")
    for locale in syncing_locales(instance.locale_id).exclude(id__in=present):
        created = instance.copy_for_translation(locale, copy_parents=True, alias=True)
        if instance.depth > 2:
            place_like_source(instance, created)


@receiver(post_page_move, dispatch_uid="home_move_translations")
def move_translations(sender, instance, parent_page_before, parent_page_after, **kwargs):
    """Aliases and translations follow their source page to its new place."""
    if instance.alias_of_id:
        return
    source = Page.objects.get(pk=instance.pk)
    for locale in syncing_locales(source.locale_id):
        translation = (
            Page.objects.filter(translation_key=source.translation_key, locale=locale)
            .exclude(pk=source.pk)
            .first()
        )
        if translation is None:
            continue
        parent = translation.get_parent()
        # Only a translation that sat where its source sat follows it (as Wagtail's
        # admin does); one an editor placed elsewhere on purpose stays.
        if parent.translation_key != parent_page_before.translation_key:
            continue
        destination = parent_page_after.get_translation_or_none(locale)
        if destination is None:
            destination = parent_page_after.specific.copy_for_translation(
                locale, copy_parents=True, alias=True
            )
        if destination.pk != parent.pk:
            translation.move(destination, pos="last-child")
            translation = Page.objects.get(pk=translation.pk)
        place_like_source(source, translation)


@receiver(pre_delete, dispatch_uid="home_delete_aliases")
def delete_aliases(sender, instance, **kwargs):
    """The aliases of a deleted page go with it, instead of becoming orphan copies.

    Wagtail would keep them as regular pages (``alias_of`` is set to NULL) showing
    the deleted page's text. Django sends this signal once per model of the page
    (Page, then its specific class): the second time there is nothing left to do.
    """
    if not isinstance(instance, Page) or instance.alias_of_id:
        return
    aliases = Page.objects.filter(
        alias_of_id=instance.pk, translation_key=instance.translation_key
    ).exclude(locale_id=instance.locale_id)
    for alias in aliases:
        # An alias inside another one being deleted has gone with it.
        if Page.objects.filter(pk=alias.pk).exists():
            alias.delete()


def synchronize_locale_trees():
    """Alias, in every syncing language, each page that exists only in its source language.

    What wagtail-localize's ``sync_locale_trees`` command does, at once rather than
    as background jobs: for pages created before the synchronisation was set up.
    """
    synchronisations = list(LocaleSynchronization.objects.select_related("locale", "sync_from"))
    if not synchronisations:
        return
    index = PageIndex.from_database().sort_by_tree_position()
    for synchronisation in synchronisations:
        synchronize_tree(synchronisation.sync_from, synchronisation.locale, page_index=index)
