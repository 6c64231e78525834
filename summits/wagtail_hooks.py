"""Admin: the signatures of declarations, for editors (the views are in ``admin_views``).

Editors hide a signature (``hidden``), import paper signatures from a CSV file
(all rows or none) and export the filtered listing as CSV or XLSX. The export's
first columns are the import's, so an export can be imported into another
declaration.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import StatusFlagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

import django_filters

from core.admin_menus import NETWORK_MENU

from .admin_views import SignatureImportView, SignatureIndexView
from .models import Signature
from .signature_import import declaration_choices


class SignatureFilterSet(WagtailFilterSet):
    declaration = django_filters.ChoiceFilter(
        label=_("Declaration"),
        field_name="declaration_key",
        choices=declaration_choices,
        empty_label=_("All"),
    )
    confirmed = django_filters.BooleanFilter(
        label=_("Confirmed"), field_name="confirmed_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Signature
        fields = ["kind", "source", "hidden", "country"]


class SignatureViewSet(SnippetViewSet):
    model = Signature
    icon = "form"
    menu_label = _("Signatures")
    menu_hook = NETWORK_MENU
    menu_order = 20
    index_view_class = SignatureIndexView
    list_display = [
        "name",
        "kind",
        "city_name",
        "country",
        "source",
        "confirmed_at",
        StatusFlagColumn("hidden", label=_("Visibility"), true_label=_("Hidden")),
    ]
    filterset_class = SignatureFilterSet
    search_fields = ["name", "title", "city_name", "email"]
    ordering = ["name"]
    list_export = [
        "name",
        "title",
        "city",
        "country",
        "email",
        "kind",
        "signed_on",
        "country_name",
        "source",
        "confirmed_at",
        "hidden",
        "upgraded_at",
        "declaration",
        "declaration_key",
    ]
    export_headings = {
        "name": "name",
        "title": "title",
        "city": "city",
        "country": "country",
        "email": "email",
        "kind": "kind",
        "signed_on": "signed_on",
        "country_name": "country_name",
        "source": "source",
        "confirmed_at": "confirmed_at",
        "hidden": "hidden",
        "upgraded_at": "upgraded_at",
        "declaration": "declaration",
        "declaration_key": "declaration_key",
    }
    export_filename = "signatures"

    @property
    def import_view(self):
        return SignatureImportView.as_view()

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("import/", self.import_view, name="import")]


register_snippet(SignatureViewSet)
