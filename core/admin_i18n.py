"""The admin in one language: snippet choosers, snippet listings, page forms, password reset.

A translatable snippet (a theme, a reminder message) exists once per language.
Where an editor picks or lists them, they see one language: the page's or
snippet's being edited (Wagtail sends it to choosers as ``?locale=``, from the
edit view's ``ACTIVE_CONTENT_LOCALE``), else their admin language (the active
one in admin views). A listing can still show every language on request.
"""

from django.db.models import Q

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.auth import PasswordResetForm
from wagtail.admin.forms.choosers import LocaleFilterMixin
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .password_reset import PasswordResetByTaskMixin


def requested_locale(request):
    """The Locale of ``?locale=`` if it names one, else the active one (the admin language's)."""
    code = request.GET.get("locale")
    if code:
        locale = Locale.objects.filter(language_code=code).first()
        if locale is not None:
            return locale
    return Locale.get_active()


class OneLanguageFilterMixin(LocaleFilterMixin):
    """The chooser's language filter, without "All"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "locale" in self.fields:
            self.fields["locale"].choices = [
                choice for choice in self.fields["locale"].choices if choice[0]
            ]


class OneLanguageChooseMixin:
    """A chooser modal listing the snippets of one language (``requested_locale``)."""

    def get_filter_form_class(self):
        form_class = super().get_filter_form_class()
        if issubclass(form_class, LocaleFilterMixin):
            form_class = type("FilterForm", (OneLanguageFilterMixin, form_class), {})
        return form_class

    def get_filter_form(self):
        data = self.request.GET.copy()
        if self.i18n_enabled:
            data["locale"] = requested_locale(self.request).language_code
        return self.get_filter_form_class()(data)


class OneLanguageChooseView(OneLanguageChooseMixin, ChooseView):
    pass


class OneLanguageChooseResultsView(OneLanguageChooseMixin, ChooseResultsView):
    pass


class OneLanguageSnippetChooserViewSet(SnippetChooserViewSet):
    choose_view_class = OneLanguageChooseView
    choose_results_view_class = OneLanguageChooseResultsView


class OneLanguageIndexView(IndexView):
    """A snippet listing in the admin language at first; "All" (``?locale=``) on request."""

    def get_locale(self):
        # Wagtail falls back on the default locale; "Add" then creates in the listed one.
        if self.i18n_enabled and not self.request.GET.get("locale"):
            return Locale.get_active()
        return super().get_locale()

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        if self.i18n_enabled and "locale" not in self.request.GET:
            data = self.request.GET.copy()
            data["locale"] = Locale.get_active().language_code
            kwargs["data"] = data
        return kwargs


class TranslatableSnippetViewSet(SnippetViewSet):
    """The viewset of every translatable snippet: its chooser and listing in one language."""

    index_view_class = OneLanguageIndexView
    chooser_viewset_class = OneLanguageSnippetChooserViewSet


def _local_choices(model, value, locale):
    """The pks of ``value`` (objects or pks) replaced by their translations in ``locale``."""
    many = not isinstance(value, (int, str)) and hasattr(value, "__iter__")
    pks = [getattr(item, "pk", item) for item in (value if many else [value])]
    keys = dict(model._default_manager.filter(pk__in=pks).values_list("pk", "translation_key"))
    local = dict(
        model._default_manager.filter(translation_key__in=keys.values(), locale=locale).values_list(
            "translation_key", "pk"
        )
    )
    mapped = [local.get(keys.get(pk), pk) for pk in pks]
    return mapped if many else mapped[0]


class OneLanguagePageForm(WagtailAdminPageForm):
    """A page form whose choices of translatable snippets are in the page's language.

    A synchronised relation (an initiative's themes) holds the source page's
    snippets after wagtail-localize syncs it: the form shows their translations
    chosen, and saves those. A snippet not translated yet stays offered as it is,
    so that saving never drops it.
    """

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        locale_id = self.instance.locale_id or (parent_page.locale_id if parent_page else None)
        if locale_id is None:
            return
        for name, field in self.fields.items():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if model is None or not issubclass(model, TranslatableMixin) or issubclass(model, Page):
                continue
            chosen = self.initial.get(name)
            if chosen not in (None, "", []):
                chosen = _local_choices(model, chosen, locale_id)
                self.initial[name] = chosen
            kept = chosen if isinstance(chosen, list) else [chosen]
            field.queryset = field.queryset.filter(
                Q(locale_id=locale_id) | Q(pk__in=[pk for pk in kept if pk not in (None, "")])
            )


class AdminPasswordResetForm(PasswordResetByTaskMixin, PasswordResetForm):
    """Wagtail's password reset, its email ours: in the editor's admin language, by Celery.

    Known or not, the address goes to Celery, which decides (``core.password_reset``).
    """

    reset_confirm_url_name = "wagtailadmin_password_reset_confirm"
    profile_language = True
