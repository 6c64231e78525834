"""The member-city portal: My city, the city profile, invitations, sign-in and password reset."""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.core import signing
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.moderation import submit_for_moderation
from core.sections import MY_CITY, section_context
from core.text import html_to_text, text_to_html
from core.uploads import save_image

from .accounts import city_member_required
from .forms import CityProfileForm, InvitationAcceptForm
from .invitations import INVITATION_SALT, invitation_max_age
from .media import private_collection
from .models import CityInvitation, CityPage


class RateLimitedStatusMixin:
    """Answer 429 when the form was refused for too many attempts."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if getattr(form, "rate_limited", False):
            response.status_code = 429
        return response


class LoginView(RateLimitedStatusMixin, auth_views.LoginView):
    pass


class PasswordResetView(RateLimitedStatusMixin, auth_views.PasswordResetView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


def _city_source(team):
    """The city's page in its original language: the one the profile form edits.

    That is the page no other page is an alias or translation of: the oldest
    non-alias translation. Editors translate its changes with wagtail-localize.
    """
    pages = CityPage.objects.filter(translation_key=team.city_key, alias_of__isnull=True)
    return pages.order_by("pk").first()


@city_member_required
def my_city(request):
    """My city: the hub of a city's team; the apps above add their sections (MY_CITY hooks)."""
    team = request.city_team
    city = team.city()
    context = {
        "city": city,
        "team": team,
        "profile_in_review": _city_source(team).workflow_in_progress,
    }
    context.update(section_context(MY_CITY, team, city, request))
    return render(request, "cities/my_city.html", context)


@city_member_required
def city_profile(request):
    team = request.city_team
    source = _city_source(team)
    if not source.permissions_for_user(request.user).can_edit():
        raise Http404
    if source.workflow_in_progress:
        messages.warning(
            request,
            _("Your latest changes are being reviewed. You can edit the profile afterwards."),
        )
        return redirect("my_city")
    draft = source.get_latest_revision_as_object()
    if request.method == "POST":
        form = CityProfileForm(request.POST, request.FILES)
        if form.is_valid():
            _save_profile(draft, form, team, request.user)
            messages.success(
                request, _("Thank you. The Observatory's editors will review the changes.")
            )
            return redirect("my_city")
        status = 400
    else:
        form = CityProfileForm(
            initial={
                "mayor": draft.mayor,
                "website": draft.website,
                "description": html_to_text(draft.description, link_addresses=False),
            }
        )
        status = 200
    return render(
        request,
        "cities/city_profile.html",
        {"city": team.city(), "source": draft, "form": form},
        status=status,
    )


@transaction.atomic
def _save_profile(page, form, team, user):
    data = form.cleaned_data
    page.mayor = data["mayor"]
    page.website = data["website"]
    page.description = text_to_html(data["description"])
    if data.get("image"):
        page.image = save_image(
            data["image"],
            title=data["image_alt"],
            description=data["image_alt"],
            collection=private_collection(team),
            user=user,
        )
        page.image_alt = data["image_alt"]
    page.save_revision(user=user, log_action=True)
    submit_for_moderation(page, user)


def accept_invitation(request, token):
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=invitation_max_age())
        invitation = CityInvitation.objects.select_related("team__group").get(pk=data["invitation"])
    except signing.SignatureExpired:
        return render(request, "accounts/invitation_invalid.html", {"expired": True}, status=400)
    except (signing.BadSignature, CityInvitation.DoesNotExist, KeyError, TypeError):
        return render(request, "accounts/invitation_invalid.html", {"expired": False}, status=400)
    if invitation.accepted_at:
        messages.info(request, _("This invitation has already been used. Please sign in."))
        return redirect("login")
    User = get_user_model()
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        # A known person joins the team and signs in with the password they have.
        with transaction.atomic():
            existing.groups.add(invitation.team.group)
            invitation.accepted_at = timezone.now()
            invitation.user = existing
            invitation.save(update_fields=["accepted_at", "user"])
        messages.success(request, _("You have joined your city's team. Please sign in."))
        return redirect("login")
    if request.method == "POST":
        form = InvitationAcceptForm(request.POST, email=invitation.email)
        if form.is_valid():
            with transaction.atomic():
                user = User(username=invitation.email.lower(), email=invitation.email)
                user.first_name = form.cleaned_data["full_name"][:150]
                user.set_password(form.cleaned_data["password1"])
                user.save()
                user.groups.add(invitation.team.group)
                invitation.accepted_at = timezone.now()
                invitation.user = user
                invitation.save(update_fields=["accepted_at", "user"])
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your account is ready."))
            return redirect("my_city")
        status = 400
    else:
        form = InvitationAcceptForm(email=invitation.email)
        status = 200
    return render(
        request,
        "accounts/invitation_accept.html",
        {"form": form, "invitation": invitation, "city": invitation.team.city()},
        status=status,
    )
