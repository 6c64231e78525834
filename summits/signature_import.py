"""The CSV import of paper signatures (admin): every row checked, all imported or none."""

import csv
import datetime
import io

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from django_countries import countries

from cities.models import CityPage
from core.i18n import one_per_key

from .forms import TEXT_MAX
from .models import DeclarationPage, Signature, SignatureKind

IMPORT_COLUMNS = ["name", "title", "city", "country", "email", "kind", "signed_on"]
IMPORT_MAX_BYTES = 5 * 1024 * 1024
IMPORT_MAX_ROWS = 20_000


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
                    gettext("%(column)s is longer than %(max)d characters.")
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
