"""Admin for city teams: editors invite city staff by email."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from observatory.emails import absolute_url, send_templated_email

from .models import CityInvitation


def send_invitation(invitation):
    """Email the invitation's signed link, in its language, once the row is committed."""
    from django.utils import translation

    from .portal_views import invitation_max_age, invitation_token

    with translation.override(invitation.language):
        path = reverse("city_invitation", args=[invitation_token(invitation)])
        city = invitation.team.city()
    context = {
        "url": absolute_url(path),
        "city": city.title if city else str(invitation.team),
        "days": invitation_max_age() // 86400,
        "invited_by": invitation.invited_by.get_full_name() if invitation.invited_by else "",
    }
    send_templated_email.delay_on_commit(
        "city_invitation", invitation.email, context, invitation.language
    )


class InvitationCreateView(CreateView):
    def save_instance(self):
        self.form.instance.invited_by = self.request.user
        return super().save_instance()


class CityInvitationViewSet(SnippetViewSet):
    model = CityInvitation
    add_view_class = InvitationCreateView
    icon = "mail"
    menu_label = _("City invitations")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["email", "team", "language", "created_at", "accepted_at"]
    list_filter = ["team", "language"]
    search_fields = ["email"]


register_snippet(CityInvitationViewSet)
