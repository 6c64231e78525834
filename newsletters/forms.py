"""The public subscribe form and the editors' CSV import of subscribers."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from django_countries import countries

from core.csv import CSVImportForm
from core.public_forms import PublicFormMixin
from core.widgets import LongSelect

from .contacts import LANGUAGE_CODES, request_subscription

#: The version of the consent text below: change it whenever the text changes.
CONSENT_VERSION = "2026-11"
CONSENT_TEXT = _(
    "I agree that the International Observatory of Mayors on Living Together sends me, "
    "in the language I chose, reminders before 16 May and its newsletters by email. "
    "I can unsubscribe at any time with the link in every email."
)
TEXT_MAX = 200


class LanguageSelect(forms.Select):
    """Each language in its own name, marked with its language for screen readers."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
            try:
                if translation.get_language_info(value)["bidi"]:
                    option["attrs"]["dir"] = "rtl"
            except KeyError:
                pass
        return option


def safe_source_path(value):
    """A path on this site (``/de/international-day/``), or "" for anything else."""
    value = (value or "").strip()
    if (
        not value.startswith("/")
        or value.startswith("//")
        or "\\" in value
        or any(ord(c) < 32 for c in value)
        or len(value) > 400
    ):
        return ""
    return value


def country_choices():
    """The empty choice, then every country by its name in the active language."""
    return [("", _("—")), *countries]


class SubscribeForm(PublicFormMixin, forms.Form):
    """Subscribe to the one list, with a language preference (double opt-in).

    Build with ``request=``; ``source_url`` is the path of the page the form was on.
    """

    rate_scope = "subscribe"
    rate_limit = (10, 60 * 60)

    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the emails"), choices=settings.LANGUAGES, widget=LanguageSelect
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    city_name = forms.CharField(
        label=_("City"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    country = forms.ChoiceField(label=_("Country"), required=False, widget=LongSelect)
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Please tick the box to agree, or we cannot send emails.")},
    )
    source_url = forms.CharField(required=False, widget=forms.HiddenInput)

    field_order = ["email", "language", "name", "city_name", "country", "consent"]

    def __init__(self, *args, request, source_url="", **kwargs):
        super().__init__(*args, request=request, **kwargs)
        language = translation.get_language() or settings.LANGUAGE_CODE
        self.fields["language"].initial = language if language in LANGUAGE_CODES else "en"
        # Called when shown or validated: the footer's form, without the country, never
        # sorts some 250 translated names (on every page).
        self.fields["country"].choices = country_choices
        if source_url:
            self.initial["source_url"] = source_url
        # Whatever arrives there only decides what is recorded (a path of this site, or not).
        self.fields["source_url"].validators = []
        # Keep the honeypot last, after the real fields.
        self.order_fields([*self.field_order, "source_url", "form_started", "homepage"])

    @property
    def consent_text(self):
        """The consent text exactly as this form shows it (in the active language)."""
        return str(self.fields["consent"].label)

    def clean_source_url(self):
        return safe_source_path(self.cleaned_data.get("source_url"))

    def save(self):

        path = self.cleaned_data.get("source_url") or self.request.get_full_path()
        return request_subscription(
            self.cleaned_data,
            self.request,
            consent_text=self.consent_text,
            consent_version=CONSENT_VERSION,
            source_url=self.request.build_absolute_uri(safe_source_path(path) or "/"),
        )


# The editors' import ------------------------------------------------------------------

IMPORT_COLUMNS = ["email", "name", "language", "country", "city"]


def parse_country(value):
    """An ISO code (``DE``) or a country's English or local name, as a code; "" if empty."""
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) == 2 and countries.alpha2(value.upper()):
        return value.upper()
    code = countries.by_name(value) or countries.by_name(
        value, language=translation.get_language() or "en"
    )
    if code:
        return code
    raise ValidationError(
        gettext("“%(value)s” is not a country (use its two-letter code).") % {"value": value[:60]}
    )


class SubscriberImportForm(CSVImportForm):
    """A CSV file of people who agreed elsewhere (a paper form, an event), with that source."""

    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, with a header row. Columns: email, name, language, country, city."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    consent_source = forms.CharField(
        label=_("Where and how did these people agree?"),
        max_length=500,
        help_text=_(
            "Recorded with each subscriber's consent. For example: “paper form at the "
            "Düsseldorf summit 2019”."
        ),
    )
    default_language = forms.ChoiceField(
        label=_("Language for rows without one"), choices=settings.LANGUAGES, initial="en"
    )

    columns = IMPORT_COLUMNS
    required_columns = ("email",)
    only_known_columns = True
    max_rows = 50_000

    @property
    def rows(self):
        return self.records

    def clean_consent_source(self):
        value = self.cleaned_data["consent_source"].strip()
        if len(value) < 5:
            raise ValidationError(_("Describe the source of the consent in a few words."))
        return value

    def prepare(self, cleaned_data):
        self.default_language = cleaned_data.get("default_language") or "en"
        self.seen_emails = {}
        return True

    def parse_row(self, row, number, errors):
        email = row["email"]
        try:
            validate_email(email)
            if len(email) > 254:
                raise ValidationError("")
        except ValidationError:
            errors.append(gettext("“%(email)s” is not an email address.") % {"email": email[:80]})
        else:
            if email.lower() in self.seen_emails:
                errors.append(
                    gettext("This address is already on row %(row)s.")
                    % {"row": self.seen_emails[email.lower()]}
                )
            self.seen_emails.setdefault(email.lower(), number)
        language = row["language"].lower() or self.default_language
        if language not in LANGUAGE_CODES:
            errors.append(
                gettext("“%(language)s” is not a language of the site (%(codes)s).")
                % {"language": language[:20], "codes": ", ".join(LANGUAGE_CODES)}
            )
        try:
            country = parse_country(row["country"])
        except ValidationError as error:
            errors.extend(error.messages)
            country = ""
        for field in ("name", "city"):
            if len(row[field]) > TEXT_MAX:
                errors.append(
                    ngettext(
                        "The %(field)s is longer than %(max)s character.",
                        "The %(field)s is longer than %(max)s characters.",
                        TEXT_MAX,
                    )
                    % {"field": field, "max": TEXT_MAX}
                )
            if "\x00" in row[field]:
                errors.append(gettext("The %(field)s has invalid characters.") % {"field": field})
        return {
            "email": email,
            "name": row["name"],
            "language": language,
            "country": country,
            "city": row["city"],
        }
