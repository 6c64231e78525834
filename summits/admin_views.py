"""Admin views of the signatures: the listing with its CSV export, the paper signatures import."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views.snippets import IndexView

from core.csv import SafeSpreadsheetExportMixin

from .models import DeclarationPage, Signature, SignatureKind
from .signature_import import SignatureImportForm, declaration_choices


class SignatureIndexView(SafeSpreadsheetExportMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("city")

    @cached_property
    def import_url(self):
        if self.request.user.has_perm("summits.add_signature"):
            return reverse("wagtailsnippets_summits_signature:import")
        return None

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.import_url:
            buttons.append(HeaderButton(_("Import CSV"), url=self.import_url, icon_name="upload"))
        return buttons

    @cached_property
    def declaration_titles(self):
        return dict(declaration_choices())

    def to_row_dict(self, item):
        computed = {
            "city": item.city.title if item.city_id else item.city_name,
            "country": item.country.code if item.country else "",
            "country_name": item.country.name if item.country else "",
            "declaration": self.declaration_titles.get(str(item.declaration_key), ""),
            "declaration_key": str(item.declaration_key),
        }
        return {
            field: computed[field] if field in computed else getattr(item, field)
            for field in self.list_export
        }


class SignatureImportView(WagtailAdminTemplateMixin, FormView):
    form_class = SignatureImportForm
    template_name = "summits/admin/import_signatures.html"
    page_title = _("Import signatures")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("summits.add_signature"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailsnippets_summits_signature:list"),
                "label": capfirst_plural(),
            },
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = ["name", "title", "city", "country", "email", "kind", "signed_on"]
        context["kinds"] = SignatureKind.values
        return context

    def form_valid(self, form):
        now = timezone.now()
        for signature in form.signatures:
            signature.confirmed_at = now
        try:
            with transaction.atomic():
                Signature.objects.bulk_create(form.signatures)
        except IntegrityError:
            form.add_error(
                None,
                gettext(
                    "No signature was imported: an email address of the file signed this "
                    "declaration in the meantime. Send the file again to see which."
                ),
            )
            return self.form_invalid(form)
        count = len(form.signatures)
        declaration = (
            DeclarationPage.objects.filter(translation_key=form.cleaned_data["declaration"])
            .order_by("pk")
            .first()
        )
        messages.success(
            self.request,
            ngettext(
                "%(count)d signature imported into “%(declaration)s”.",
                "%(count)d signatures imported into “%(declaration)s”.",
                count,
            )
            % {"count": count, "declaration": declaration.title if declaration else ""},
        )
        return HttpResponseRedirect(reverse("wagtailsnippets_summits_signature:list"))

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


def capfirst_plural():
    return str(Signature._meta.verbose_name_plural).capitalize()
