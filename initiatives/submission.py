"""Saving a city's initiative from the site's form: a draft page, its uploads, its moderation."""

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from wagtail.coreutils import find_available_slug
from wagtail.models import WorkflowState

from cities.accounts import team_for_user
from cities.media import private_collection
from cities.models import CityPage
from core.moderation import submit_for_moderation
from core.uploads import save_document, save_image

from .models import InitiativePage


class State:
    """Where an initiative stands, as My city shows it."""

    DRAFT = "draft"
    IN_MODERATION = "in_moderation"
    REJECTED = "rejected"
    LIVE = "live"


def initiative_state(page):
    """(state, reviewer's comment) of a page, from its workflow and publication."""
    workflow_state = page.current_workflow_state
    if workflow_state is not None:
        if workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
            return State.IN_MODERATION, ""
        if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            task_state = workflow_state.current_task_state
            return State.REJECTED, (task_state.get_comment() if task_state else "")
    if page.live:
        return State.LIVE, ""
    return State.DRAFT, ""


def city_initiatives(city):
    """Every initiative under any translation of ``city``, drafts included, newest first."""

    paths = CityPage.objects.filter(translation_key=city.translation_key).values_list(
        "path", flat=True
    )
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return (
        InitiativePage.objects.filter(condition)
        .exclude(alias_of__isnull=False)
        .select_related("locale", "latest_revision")
        .order_by("-latest_revision_created_at", "-pk")
    )


def _image_block(image, alt_text, caption):
    block = InitiativePage.images.field.stream_block.child_blocks["image"]
    return block.to_python(
        {
            "image": image.pk,
            "alt_text": alt_text,
            "decorative": False,
            "caption": caption,
            "credit": "",
        }
    )


def _store_uploads(page, user, image_forms, document_forms):
    team = team_for_user(user)
    collection = private_collection(team) if team else None
    images = [(block.block_type, block.value) for block in page.images]
    for form in image_forms:
        upload = form.cleaned_data.get("file")
        if not upload:
            continue
        alt_text = form.cleaned_data["alt_text"]
        image = save_image(
            upload, title=alt_text, description=alt_text, collection=collection, user=user
        )
        images.append(("image", _image_block(image, alt_text, form.cleaned_data["caption"])))
    page.images = images
    documents = [(block.block_type, block.value) for block in page.documents]
    for form in document_forms:
        upload = form.cleaned_data.get("file")
        if not upload:
            continue
        document = save_document(
            upload, title=form.cleaned_data["title"], collection=collection, user=user
        )
        documents.append(("document", document))
    page.documents = documents


def remove_uploads(page, image_ids, document_ids):
    """Drop the chosen images and documents from the page (the files stay for editors)."""
    page.images = [(b.block_type, b.value) for b in page.images if str(b.id) not in set(image_ids)]
    page.documents = [
        (b.block_type, b.value) for b in page.documents if str(b.id) not in set(document_ids)
    ]


@transaction.atomic
def save_initiative(*, city, user, form, image_forms, document_forms, page=None, submit=False,
                    removed_images=(), removed_documents=()):  # fmt: skip
    """Create or update the draft, then (``submit``) put it into moderation. Returns the page."""
    if page is None:
        page = InitiativePage(locale=city.locale, owner=user, live=False)
        form.apply_to(page)
        # ASCII where the script allows (accents dropped), the title's own script otherwise.
        slug = slugify(page.title) or slugify(page.title, allow_unicode=True) or "initiative"
        page.slug = find_available_slug(city, slug[:80])
        _store_uploads(page, user, image_forms, document_forms)
        city.add_child(instance=page)
    else:
        live_page = page
        page = page.get_latest_revision_as_object()
        form.apply_to(page)
        remove_uploads(page, removed_images, removed_documents)
        _store_uploads(page, user, image_forms, document_forms)
        page.live = live_page.live
    page.save_revision(user=user, log_action=True)
    if submit:
        submit_for_moderation(page, user)
    return page
