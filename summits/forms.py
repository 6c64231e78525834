"""Forms of the summits app: signing a declaration, upgrading a signature, importing signatures."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from django_countries import countries

from cities.models import CityPage
from core.i18n import active_locale
from core.public_forms import PublicFormMixin
from core.restrictions import private_q
from core.uploads import validate_document
from core.widgets import LongSelect

from .models.signatures import Signature, SignatureKind

TEXT_MAX = 200


def statement_label(short, statement, lang=None):
    """A radio label: the statement's short name, then the page's own words for it.

    ``lang`` names the language of the statement when it differs from the page's
    (an untranslated alias); ``dir="auto"`` keeps its punctuation right in RTL.
    """
    return format_html(
        '<span class="statement-choice__name">{}</span> '
        '<span class="statement-choice__text" dir="auto"{}>{}</span>',
        short,
        format_html(' lang="{}"', lang) if lang else "",
        statement,
    )


class CityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class SignatureForm(PublicFormMixin, forms.Form):
    """Anyone signs a declaration; a member city's account signs on behalf of its city.

    Build with ``declaration=`` (the page being read) and ``city=`` (the signing
    user's city page, or None for the public).
    """

    rate_scope = "sign"
    # A city hall signs once; a few attempts allow for typing mistakes on a shared address.
    rate_limit = (10, 60 * 60)

    kind = forms.ChoiceField(
        label=_("Your statement"), widget=forms.RadioSelect(attrs={"class": "statement-choices"})
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=TEXT_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    title = forms.CharField(
        label=_("Position"),
        max_length=TEXT_MAX,
        help_text=_("For example: Mayor of Düsseldorf, Deputy Mayor for Culture."),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    city = CityChoiceField(
        label=_("Member city"),
        queryset=CityPage.objects.none(),
        widget=LongSelect,
        required=False,
        empty_label=_("— My city is not in this list —"),
        help_text=_("Choose your city if it is a member of the Observatory."),
    )
    city_name = forms.CharField(
        label=_("City, if it is not in the list"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    country = forms.ChoiceField(label=_("Country"), widget=LongSelect)
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_(
            "We send you a link to confirm your signature. Your email address is never published."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my name, title, city and country are published among the "
            "signatories of this declaration, in every language of the site."
        ),
        help_text=_(
            "Your email address stays with the Observatory: it serves to confirm your "
            "signature and is never shown or shared."
        ),
    )

    field_order = ["kind", "name", "title", "city", "city_name", "country", "email", "consent"]

    def __init__(self, *args, declaration, city=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.declaration = declaration
        self.signing_city = city
        source = declaration.alias_of if declaration.alias_of_id else None
        text_lang = source.locale.language_code if source else None
        self.fields["kind"].choices = [
            (
                SignatureKind.COMMIT.value,
                statement_label(
                    SignatureKind.COMMIT.label, declaration.commit_statement, text_lang
                ),
            ),
            (
                SignatureKind.ACKNOWLEDGE.value,
                statement_label(
                    SignatureKind.ACKNOWLEDGE.label, declaration.acknowledge_statement, text_lang
                ),
            ),
        ]
        self.fields["city"].queryset = (
            CityPage.objects.live()
            .exclude(private_q())
            .filter(locale=active_locale())
            .order_by("title")
        )
        self.fields["country"].choices = [("", _("— Choose a country —")), *countries]
        if city is not None:
            # A member city's account signs for its own city: no other, no email round trip.
            self.fields["city"].disabled = True
            self.fields["city"].initial = city.pk
            self.fields["city"].queryset = CityPage.objects.filter(pk=city.pk)
            self.fields["city"].empty_label = None
            self.fields["city"].help_text = _("You sign on behalf of your city.")
            self.fields["country"].disabled = True
            self.fields["country"].initial = city.country.code
            del self.fields["city_name"]
            self.fields["email"].required = False
            self.fields["email"].help_text = _("Your email address is never published.")
            if user is not None:
                self.fields["email"].initial = user.email
                self.fields["name"].initial = user.get_full_name()
            if city.mayor and not self.fields["name"].initial:
                self.fields["name"].initial = city.mayor

    def fields_cache_key(self):
        # A member city's form holds its city and its user's name: never kept.
        key = super().fields_cache_key()
        if key is None or self.signing_city is not None:
            return None
        return (*key, self.declaration.pk)

    def clean(self):
        cleaned = super().clean()
        if (
            self.signing_city is None
            and not cleaned.get("city")
            and not cleaned.get("city_name")
            and "city_name" not in self.errors
            and "city" not in self.errors
        ):
            self.add_error("city_name", gettext("Choose your city in the list or write its name."))
        return cleaned

    def signature(self):
        """An unsaved Signature from the cleaned data."""
        data = self.cleaned_data
        city = self.signing_city or data.get("city")
        return Signature(
            declaration_key=self.declaration.translation_key,
            kind=data["kind"],
            name=data["name"].strip(),
            title=data["title"].strip(),
            city=city,
            city_name="" if city else data.get("city_name", "").strip(),
            country=city.country.code if self.signing_city else data["country"],
            email=data.get("email", "").strip(),
        )


class UpgradeForm(forms.Form):
    """An acknowledging city commits: its council's decision, as a document."""

    decision = forms.FileField(
        label=_("Council decision"),
        help_text=_(
            "The decision of your mayor or council to commit to the declaration: a PDF or an "
            "office document (Word, Excel, PowerPoint, OpenDocument), at most 20 MB."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,application/pdf"}
        ),
    )
    decision_title = forms.CharField(
        label=_("Title of the decision"),
        max_length=TEXT_MAX,
        help_text=_("For example: City council decision of 12 March 2024."),
    )
    confirm = forms.BooleanField(
        label=_(
            "Our council decided to commit: our city now agrees with the principles and goals "
            "of the declaration and commits to work towards them."
        ),
    )

    def clean_decision(self):
        decision = self.cleaned_data["decision"]
        validate_document(decision)
        return decision
