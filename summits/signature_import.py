"""The CSV import of paper signatures (admin): every row checked, all imported or none."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from django_countries import countries

from cities.models import CityPage
from core.csv import CSVImportForm
from core.i18n import one_per_key

from .forms import TEXT_MAX
from .models import DeclarationPage, Signature, SignatureKind

IMPORT_COLUMNS = ["name", "title", "city", "country", "email", "kind", "signed_on"]


def declaration_choices():
    """Every declaration once, titled in the admin's language (else the default, else its first)."""
    pages = one_per_key(DeclarationPage.objects.order_by("pk"))
    return [(str(key), page.title) for key, page in pages.items()]


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


class SignatureImportForm(CSVImportForm):
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

    columns = IMPORT_COLUMNS
    required_columns = ("name", "country", "kind")
    max_rows = 20_000
    import_messages = {
        **CSVImportForm.import_messages,
        "too_large": _("The file is larger than 5 MB."),
        "binary": _("This is not a text (CSV) file."),
        "encoding": _("The file is not in UTF-8. Save it as “CSV UTF-8” and try again."),
        "rows": _("No signature was imported: correct the rows below and send the file again."),
        "no_rows": _("The file has no signatures."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["declaration"].choices = declaration_choices()

    @property
    def signatures(self):
        return self.records

    def prepare(self, cleaned_data):
        self.key = cleaned_data.get("declaration")
        if not self.key:
            return False
        known_emails = (
            Signature.objects.filter(declaration_key=self.key)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        self.known_emails = {email.lower() for email in known_emails}
        self.cities = {}
        for city in CityPage.objects.filter(locale=Locale.get_default()):
            self.cities.setdefault(city.title.strip().lower(), city)
        self.seen_emails = {}
        return True

    def parse_row(self, row, number, errors):
        signature = self.parse_signature(row, errors)
        email = row["email"].lower()
        if email and not errors:
            if email in self.known_emails:
                errors.append(
                    gettext("%(email)s has already signed this declaration.")
                    % {"email": row["email"]}
                )
            elif email in self.seen_emails:
                errors.append(
                    gettext("%(email)s is already on row %(row)d.")
                    % {"email": row["email"], "row": self.seen_emails[email]}
                )
            self.seen_emails.setdefault(email, number)
        return signature

    def parse_signature(self, row, errors):
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
        city = self.cities.get(row["city"].lower()) if row["city"] else None
        return Signature(
            declaration_key=self.key,
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
