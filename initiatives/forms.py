"""The site's own form for a member city to submit an initiative, with its images and documents."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import Theme
from core.i18n import active_locale, localized_by_key
from core.text import html_to_text, text_to_html
from core.uploads import validate_document, validate_image

from .models import InitiativeKind

MAX_IMAGES = 6
MAX_DOCUMENTS = 5


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class InitiativeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    kind = forms.ChoiceField(
        label=_("Kind of initiative"), choices=InitiativeKind.choices, widget=forms.RadioSelect
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("One or more of the five themes of the Düsseldorf summit."),
    )
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty while it is ongoing."),
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Two or three sentences shown in lists and search results (600 characters)."),
    )
    body = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "What the city does, for whom and with whom. Separate paragraphs with an empty line."
        ),
    )
    outcomes = forms.CharField(
        label=_("Outcomes"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What changed: figures, lessons, what others can reuse."),
    )
    partners = forms.CharField(
        label=_("Partners"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One partner per line."),
    )
    contact_name = forms.CharField(
        label=_("Contact name"),
        required=False,
        max_length=200,
        help_text=_("Not published: for the Observatory's editors."),
    )
    contact_email = forms.EmailField(label=_("Contact email"), required=False)

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        locale = locale or active_locale()
        self.fields["themes"].queryset = Theme.objects.filter(locale=locale)
        # A translated initiative keeps its source's themes (synchronised): show their translations.
        if self.initial.get("themes"):
            local = localized_by_key(self.initial["themes"], locale).values()
            self.initial["themes"] = [theme for theme in local if theme.locale_id == locale.pk]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date comes before the start date."))
        return cleaned

    @classmethod
    def initial_from_page(cls, page):
        body = "\n\n".join(
            html_to_text(block.value.source, link_addresses=False)
            for block in page.body
            if block.block_type == "paragraph"
        )
        return {
            "title": page.title,
            "kind": page.kind,
            "themes": list(page.themes.all()),
            "start_date": page.start_date,
            "end_date": page.end_date,
            "summary": page.summary,
            "body": body,
            "outcomes": html_to_text(page.outcomes, link_addresses=False),
            "partners": page.partners,
            "contact_name": page.contact_name,
            "contact_email": page.contact_email,
        }

    def apply_to(self, page):
        data = self.cleaned_data
        for name in ("title", "kind", "start_date", "end_date", "summary", "partners"):
            setattr(page, name, data[name])
        page.contact_name = data["contact_name"]
        page.contact_email = data["contact_email"]
        page.outcomes = text_to_html(data["outcomes"])
        # The site's form writes paragraphs; other blocks an editor added are kept.
        kept = [(b.block_type, b.value) for b in page.body if b.block_type != "paragraph"]
        paragraphs = [("paragraph", text_to_html(data["body"]))] if data["body"].strip() else []
        page.body = [*paragraphs, *[(kind, value) for kind, value in kept]]
        page.themes = list(data["themes"])


class ImageUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Image"),
        required=False,
        validators=[validate_image],
        help_text=_("JPEG, PNG or WebP, up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    alt_text = forms.CharField(
        label=_("What the image shows"),
        max_length=250,
        required=False,
        help_text=_("For people who cannot see it."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("file") and not cleaned.get("alt_text"):
            self.add_error("alt_text", _("Describe the image for people who cannot see it."))
        return cleaned


class DocumentUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Document"),
        required=False,
        validators=[validate_document],
        help_text=_("PDF or office document (Word, Excel, PowerPoint, OpenDocument), up to 20 MB."),
    )
    title = forms.CharField(label=_("Document title"), max_length=255, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("file") and not cleaned.get("title"):
            self.add_error("title", _("Give the document a title."))
        return cleaned


ImageFormSet = forms.formset_factory(ImageUploadForm, extra=2, max_num=MAX_IMAGES)
DocumentFormSet = forms.formset_factory(DocumentUploadForm, extra=2, max_num=MAX_DOCUMENTS)
