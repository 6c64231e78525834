"""Forms of the summits app: signing a declaration, upgrading a signature, importing signatures."""

import csv
import datetime
import io

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from django_countries import countries

from cities.models import CityPage
from observatory.public_forms import PublicFormMixin
from observatory.uploads import validate_document

from .models import DeclarationPage, Signature, SignatureKind

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
    country = forms.ChoiceField(label=_("Country"))
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
            CityPage.objects.live().public().filter(locale=Locale.get_active()).order_by("title")
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


# CSV import of paper signatures -----------------------------------------------------------

IMPORT_COLUMNS = ["name", "title", "city", "country", "email", "kind", "signed_on"]
IMPORT_MAX_BYTES = 5 * 1024 * 1024
IMPORT_MAX_ROWS = 20_000


def declaration_choices():
    """Every declaration, once (in the default language, else its first translation)."""
    choices = {}
    pages = DeclarationPage.objects.select_related("locale").order_by("pk")
    default = Locale.get_default()
    for page in pages:
        if page.translation_key not in choices or page.locale_id == default.pk:
            choices[page.translation_key] = page.title
    return [(str(key), title) for key, title in choices.items()]


def parse_country(value):
    """An ISO code (alpha-2 or alpha-3) or an English country name, as alpha-2; "" if unknown."""
    value = value.strip()
    if not value:
        return ""
    code = countries.alpha2(value.upper()) if len(value) in (2, 3) else ""
    if code:
        return code
    return countries.by_name(value, language="en") or ""


def parse_kind(value):
    value = value.strip().lower()
    return value if value in SignatureKind.values else None


class SignatureImportForm(forms.Form):
    """Paper signatures from a CSV file: every row valid, or nothing imported."""

    declaration = forms.ChoiceField(label=_("Declaration"))
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, with a header row and the columns name, title, city, country, email, "
            "kind, signed_on. country: an ISO code (DE) or an English name (Germany); kind: "
            "commit or acknowledge; signed_on: a date as 2019-08-31. Only name, country and "
            "kind are required."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["declaration"].choices = declaration_choices()
        self.row_errors = []
        self.signatures = []

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."), code="too_large")
        raw = upload.read()
        if b"\x00" in raw:
            raise ValidationError(_("This is not a text (CSV) file."), code="binary")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(
                _("The file is not in UTF-8. Save it as “CSV UTF-8” and try again."),
                code="encoding",
            ) from None
        return text

    def clean(self):
        cleaned = super().clean()
        text, key = cleaned.get("file"), cleaned.get("declaration")
        if text is None or not key:
            return cleaned
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(io.StringIO(text), dialect)
        try:
            header = [column.strip().lower() for column in next(reader)]
        except (StopIteration, csv.Error):
            raise ValidationError(_("The file is empty."), code="empty") from None
        missing = [column for column in ("name", "country", "kind") if column not in header]
        if missing:
            raise ValidationError(
                _("The header row lacks the column(s): %(columns)s.")
                % {"columns": ", ".join(missing)},
                code="header",
            )
        self.parse_rows(reader, header, key)
        if self.row_errors:
            raise ValidationError(
                _("No signature was imported: correct the rows below and send the file again."),
                code="rows",
            )
        if not self.signatures:
            raise ValidationError(_("The file has no signatures."), code="empty")
        return cleaned

    def parse_rows(self, reader, header, key):
        known_emails = set(
            Signature.objects.filter(declaration_key=key)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        known_emails = {email.lower() for email in known_emails}
        cities = {}
        for city in CityPage.objects.filter(locale=Locale.get_default()):
            cities.setdefault(city.title.strip().lower(), city)
        seen = {}
        row_number = 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                self.row_errors.append((reader.line_num, [str(error)]))
                break
            row_number += 1
            if not any(value.strip() for value in values):
                continue
            if row_number > IMPORT_MAX_ROWS:
                self.row_errors.append(
                    (row_number, [gettext("Too many rows: at most %d.") % IMPORT_MAX_ROWS])
                )
                break
            row = dict(zip(header, values, strict=False))
            row = {column: (row.get(column) or "").strip() for column in IMPORT_COLUMNS}
            errors = []
            signature = self.parse_row(row, key, errors, cities)
            email = row["email"].lower()
            if email and not errors:
                if email in known_emails:
                    errors.append(
                        gettext("%(email)s has already signed this declaration.")
                        % {"email": row["email"]}
                    )
                elif email in seen:
                    errors.append(
                        gettext("%(email)s is already on row %(row)d.")
                        % {"email": row["email"], "row": seen[email]}
                    )
                seen.setdefault(email, row_number)
            if errors:
                self.row_errors.append((row_number, errors))
            else:
                self.signatures.append(signature)

    def parse_row(self, row, key, errors, cities):
        for column in ("name", "title", "city"):
            if len(row[column]) > TEXT_MAX:
                errors.append(
                    ngettext(
                        "%(column)s is longer than %(max)d character.",
                        "%(column)s is longer than %(max)d characters.",
                        TEXT_MAX,
                    )
                    % {"column": column, "max": TEXT_MAX}
                )
        if not row["name"]:
            errors.append(gettext("name is empty."))
        country = parse_country(row["country"])
        if not country:
            errors.append(
                gettext("country “%(value)s” is neither an ISO code nor a country name.")
                % {"value": row["country"][:50]}
            )
        kind = parse_kind(row["kind"])
        if kind is None:
            errors.append(
                gettext("kind “%(value)s” must be commit or acknowledge.")
                % {"value": row["kind"][:50]}
            )
        if row["email"]:
            try:
                validate_email(row["email"])
            except ValidationError:
                errors.append(
                    gettext("email “%(value)s” is not an email address.")
                    % {"value": row["email"][:100]}
                )
        signed_on = None
        if row["signed_on"]:
            try:
                signed_on = datetime.date.fromisoformat(row["signed_on"])
            except ValueError:
                errors.append(
                    gettext("signed_on “%(value)s” is not a date like 2019-08-31.")
                    % {"value": row["signed_on"][:50]}
                )
        if errors:
            return None
        city = cities.get(row["city"].lower()) if row["city"] else None
        return Signature(
            declaration_key=key,
            name=row["name"],
            title=row["title"],
            city=city,
            city_name="" if city else row["city"],
            country=country,
            email=row["email"],
            kind=kind,
            source=Signature.Source.PAPER,
            signed_on=signed_on,
        )
