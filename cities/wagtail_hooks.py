"""Admin: the themes (in one language at a time), and city teams: editors invite city staff."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_i18n import TranslatableSnippetViewSet

from .admin_views import InvitationCreateView
from .models import CityInvitation, Theme


class ThemeViewSet(TranslatableSnippetViewSet):
    model = Theme
    icon = "tag"


register_snippet(ThemeViewSet)


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
