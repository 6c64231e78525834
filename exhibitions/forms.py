"""Forms of the exhibitions: contribute, edit, report, a city's answer, hosting."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.public_forms import PublicFormMixin

from .models import Contribution, ExhibitionHost

BODY_MAX = 2000


class ContributionForm(PublicFormMixin, forms.Form):
    """A resident comments on a panel or proposes something (confirmed by email)."""

    rate_scope = "exhibition-contribution"
    rate_limit = (10, 60 * 60)

    kind = forms.ChoiceField(
        label=_("What would you like to do?"),
        choices=[
            (Contribution.Kind.COMMENT, _("Comment")),
            (Contribution.Kind.PROPOSAL, _("Make a proposal")),
        ],
        initial=Contribution.Kind.COMMENT,
        widget=forms.RadioSelect,
    )
    body = forms.CharField(
        label=_("Your contribution"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        help_text=_("In your own language. The moderators read it before it appears."),
    )
    name = forms.CharField(
        label=_("Name shown with it"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_(
            "We send you a link to confirm, and to edit or delete what you wrote later. "
            "Your email address is never published."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    host = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_body(self):
        return self.cleaned_data["body"].strip()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class EditContributionForm(forms.Form):
    body = forms.CharField(
        label=_("Your contribution"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        help_text=_("A changed text is read by the moderators again before it appears."),
    )

    def clean_body(self):
        return self.cleaned_data["body"].strip()


class ReportForm(PublicFormMixin, forms.Form):
    rate_scope = "exhibition-report"
    rate_limit = (20, 60 * 60)
    min_fill_seconds = 1

    reason = forms.CharField(
        label=_("Why should the moderators look at it? (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CityAnswerForm(forms.Form):
    """A member city's answer: the city is the signed-in team's, never a field of the form."""

    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("Answer on behalf of your city"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )

    def clean_body(self):
        return self.cleaned_data["body"].strip()


class HostForm(forms.ModelForm):
    """A city team hosts a summit's exhibition: where, when and in which language."""

    class Meta:
        model = ExhibitionHost
        fields = ["venue", "start_date", "end_date", "language"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {"language": _("The language of the kiosk and the posters.")}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The exhibition closes after it opens."))
        return cleaned
