"""Admin: the signatures of declarations, for editors."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Signature


class SignatureViewSet(SnippetViewSet):
    model = Signature
    icon = "form"
    menu_label = _("Signatures")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "kind", "city_name", "country", "source", "confirmed_at", "hidden"]
    list_filter = ["kind", "source", "hidden", "country"]
    search_fields = ["name", "title", "city_name", "email"]
    ordering = ["name"]


register_snippet(SignatureViewSet)
