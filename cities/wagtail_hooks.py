"""Admin: the themes (in one language at a time), and city teams: editors invite city staff."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_i18n import TranslatableSnippetViewSet
from core.admin_menus import NETWORK_MENU

from .admin_views import InvitationCreateView
from .models import CityInvitation, Theme


class ThemeViewSet(TranslatableSnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    menu_hook = NETWORK_MENU
    menu_order = 30


register_snippet(ThemeViewSet)


class CityInvitationViewSet(SnippetViewSet):
    model = CityInvitation
    add_view_class = InvitationCreateView
    icon = "mail"
    menu_label = _("City invitations")
    menu_hook = NETWORK_MENU
    menu_order = 10
    list_display = ["email", "team", "language", "created_at", "accepted_at"]
    list_filter = ["team", "language"]
    search_fields = ["email"]


register_snippet(CityInvitationViewSet)
