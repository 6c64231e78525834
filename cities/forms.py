"""Forms of the member-city portal: sign-in, password reset, invitations and the city profile."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.utils.translation import gettext_lazy as _

from core.login_limits import LoginLimitMixin
from core.password_reset import PasswordResetByTaskMixin
from core.public_forms import PublicFormMixin
from core.uploads import validate_image


class LoginForm(LoginLimitMixin, PublicFormMixin, AuthenticationForm):
    """Sign-in with the public-form protections and the per-account, per-address login limits."""

    # Password managers fill and send in under a second.
    min_fill_seconds = 1
    rate_limit = (20, 15 * 60)
    rate_scope = "login"

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.fields["username"].label = _("Email")


class PasswordResetForm(PasswordResetByTaskMixin, PublicFormMixin, DjangoPasswordResetForm):
    """Django's reset (same answer for every address), decided and sent by Celery.

    The request hands any address over; the worker looks it up (``core.password_reset``).
    """

    min_fill_seconds = 2
    rate_limit = (5, 60 * 60)
    rate_scope = "password-reset"


class InvitationAcceptForm(forms.Form):
    """A person invited to a city team chooses a name and a password."""

    full_name = forms.CharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            user = get_user_model()(username=self.email, email=self.email)
            user.first_name = cleaned.get("full_name", "")
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class CityProfileForm(forms.Form):
    """What a city keeps up to date itself; editors review it before it goes live."""

    mayor = forms.CharField(label=_("Mayor"), max_length=200, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Separate paragraphs with an empty line."),
    )
    image = forms.FileField(
        label=_("New image"),
        required=False,
        validators=[validate_image],
        help_text=_("JPEG, PNG or WebP, up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    image_alt = forms.CharField(
        label=_("What the new image shows"),
        max_length=250,
        required=False,
        help_text=_("For people who cannot see it."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not cleaned.get("image_alt"):
            self.add_error("image_alt", _("Describe the image for people who cannot see it."))
        return cleaned
