"""The site's form for a member city to register a 16 May event, and the reviewers' form."""

import datetime
import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.time_zones import time_zone_choices
from core.uploads import validate_image

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_LOCAL, **kwargs)


class CityEventForm(forms.Form):
    """Times are typed as on the event's poster, in the event's time zone (``time_zone``)."""

    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        widget=DateTimeLocalInput(),
        input_formats=[DATETIME_LOCAL, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"),
        required=False,
        widget=DateTimeLocalInput(),
        input_formats=[DATETIME_LOCAL, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        help_text=_("Optional."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        help_text=_("The local time of the event: the times above are in this time zone."),
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=255,
        help_text=_("Where it happens: a square, a hall, a park, with its address."),
    )
    latitude = forms.DecimalField(
        label=_("Latitude"),
        min_value=-90,
        max_value=90,
        max_digits=9,
        decimal_places=6,
        widget=forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        min_value=-180,
        max_value=180,
        max_digits=9,
        decimal_places=6,
        widget=forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
        help_text=_("Decimal degrees, e.g. 51.2277 and 6.7735. Or click the place on the map."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What happens, for whom, and how to take part (5,000 characters)."),
    )
    link = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("A page with more information or registration (optional)."),
    )
    image = forms.FileField(
        label=_("Image"),
        required=False,
        validators=[validate_image],
        help_text=_("JPEG, PNG or WebP, up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    image_alt = forms.CharField(
        label=_("What the image shows"),
        max_length=250,
        required=False,
        help_text=_("For people who cannot see it. Required with an image."),
    )
    remove_image = forms.BooleanField(label=_("Remove the current image"), required=False)

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        if event is None or event.image_id is None:
            del self.fields["remove_image"]

    def _aware(self, value, zone):
        if value is None:
            return None
        if timezone.is_aware(value):
            value = timezone.make_naive(value)
        return value.replace(tzinfo=zone)

    def clean(self):
        cleaned = super().clean()
        try:
            zone = zoneinfo.ZoneInfo(cleaned.get("time_zone") or "UTC")
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = datetime.UTC
        # Django read the times in the site's time zone: they were typed in the event's.
        for name in ("starts_at", "ends_at"):
            if cleaned.get(name) is not None:
                cleaned[name] = self._aware(cleaned[name], zone)
        start, end = cleaned.get("starts_at"), cleaned.get("ends_at")
        if start and (start.year < 2000 or start.year > timezone.now().year + 10):
            self.add_error("starts_at", _("Please check the year."))
        if start and end and end < start:
            self.add_error("ends_at", _("The end comes before the start."))
        has_image = cleaned.get("image") or (
            self.event is not None and self.event.image_id and not cleaned.get("remove_image")
        )
        if has_image and not cleaned.get("image_alt", "").strip():
            self.add_error("image_alt", _("Describe the image for people who cannot see it."))
        return cleaned

    @classmethod
    def initial_from_event(cls, event):
        zone = event.zone
        return {
            "title": event.title,
            "starts_at": timezone.localtime(event.starts_at, zone).replace(tzinfo=None),
            "ends_at": (
                timezone.localtime(event.ends_at, zone).replace(tzinfo=None)
                if event.ends_at
                else None
            ),
            "time_zone": event.time_zone,
            "place": event.place,
            "latitude": event.latitude,
            "longitude": event.longitude,
            "description": event.description,
            "link": event.link,
            "image_alt": event.alt_text,
        }

    def apply_to(self, event):
        data = self.cleaned_data
        for name in (
            "title",
            "starts_at",
            "ends_at",
            "time_zone",
            "place",
            "latitude",
            "longitude",
            "description",
            "link",
        ):
            setattr(event, name, data[name])


class RejectForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the city change?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The city receives this comment by email, and sees it in My city."),
    )


class ApproveForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the city (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
