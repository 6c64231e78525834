"""My city → initiatives: a city's staff write, save and submit initiatives on the site."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cities.accounts import city_member_required, is_city_member

from .forms import MAX_DOCUMENTS, MAX_IMAGES, DocumentFormSet, ImageFormSet, InitiativeForm
from .models import InitiativePage
from .submission import State, initiative_state, save_initiative


def _own_initiative(user, page_id):
    """The initiative if ``user``'s city may edit it; 404 otherwise (never 403: ids stay secret)."""
    page = InitiativePage.objects.filter(pk=page_id).first()
    if page is None or not is_city_member(user, page.get_parent()):
        raise Http404
    if not page.permissions_for_user(user).can_edit():
        raise Http404
    return page


@city_member_required
def initiative_form(request, page_id=None):
    city = request.city_team.city()
    page = _own_initiative(request.user, page_id) if page_id else None
    if page is None and not city.permissions_for_user(request.user).can_add_subpage():
        raise Http404
    state, comment = initiative_state(page) if page else (State.DRAFT, "")
    if state == State.IN_MODERATION:
        messages.warning(
            request, _("This initiative is being reviewed. You can change it again afterwards.")
        )
        return redirect("my_city")
    draft = page.get_latest_revision_as_object() if page else None
    locale = page.locale if page else city.locale
    if request.method == "POST":
        form = InitiativeForm(request.POST, locale=locale)
        images = ImageFormSet(request.POST, request.FILES, prefix="images")
        documents = DocumentFormSet(request.POST, request.FILES, prefix="documents")
        existing_images = len(draft.images) if draft else 0
        existing_documents = len(draft.documents) if draft else 0
        removed_images = request.POST.getlist("remove_image")
        removed_documents = request.POST.getlist("remove_document")
        too_many = _too_many(
            images, existing_images - len(removed_images), MAX_IMAGES
        ) or _too_many(documents, existing_documents - len(removed_documents), MAX_DOCUMENTS)
        if form.is_valid() and images.is_valid() and documents.is_valid() and not too_many:
            submit = "submit" in request.POST
            page = save_initiative(
                city=page.get_parent().specific if page else city,
                user=request.user,
                form=form,
                image_forms=images.forms,
                document_forms=documents.forms,
                page=page,
                submit=submit,
                removed_images=removed_images,
                removed_documents=removed_documents,
            )
            if submit:
                messages.success(
                    request,
                    _("“%(title)s” was sent to the Observatory's editors for review.")
                    % {"title": form.cleaned_data["title"]},
                )
                return redirect("my_city")
            messages.success(
                request,
                _("Draft saved. You can come back to it from My city."),
            )
            return redirect("initiative_edit", page_id=page.pk)
        if too_many:
            messages.error(request, too_many)
        status = 400
    else:
        initial = (
            InitiativeForm.initial_from_page(draft)
            if draft
            else {"contact_name": request.user.get_full_name(), "contact_email": request.user.email}
        )
        form = InitiativeForm(initial=initial, locale=locale)
        images = ImageFormSet(prefix="images")
        documents = DocumentFormSet(prefix="documents")
        status = 200
    return render(
        request,
        "initiatives/initiative_form.html",
        {
            "city": city,
            "initiative": page,
            "draft": draft,
            "state": state,
            "comment": comment,
            "form": form,
            "image_formset": images,
            "document_formset": documents,
            "removed_images": request.POST.getlist("remove_image"),
            "removed_documents": request.POST.getlist("remove_document"),
        },
        status=status,
    )


def _too_many(formset, existing, limit):
    new = sum(1 for form in formset.forms if form.is_valid() and form.cleaned_data.get("file"))
    if existing + new > limit:
        return ngettext(
            "An initiative can have at most %(limit)s file of this kind.",
            "An initiative can have at most %(limit)s files of this kind.",
            limit,
        ) % {"limit": limit}
    return ""
