"""Summits of mayors, their programmes and the declarations they adopt."""

import datetime

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.forms.utils import ErrorList
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.admin_i18n import OneLanguagePageForm
from core.blocks import BaseStreamBlock, CaptionedImageBlock
from core.i18n import active_locale, localized_by_key, localized_related
from core.images import PageImageMixin, renditions_of
from core.restrictions import private_q
from core.structured_data import json_ld

from ..signing import confirm, sign, signing_context, thanks
from .signatures import Signature, SignatureKind


class Audience(models.TextChoices):
    PARTICIPANTS = "participants", _("Participants only")
    PUBLIC = "public", _("Participants, press and public")


class SessionBlock(blocks.StructBlock):
    start_time = blocks.TimeBlock(label=_("start time"))
    end_time = blocks.TimeBlock(label=_("end time"), required=False)
    title = blocks.CharBlock(label=_("title"), max_length=200)
    venue = blocks.CharBlock(label=_("venue"), max_length=200, required=False)
    audience = blocks.ChoiceBlock(
        label=_("audience"), choices=Audience.choices, default=Audience.PARTICIPANTS
    )

    def clean(self, value):
        value = super().clean(value)
        if value.get("end_time") and value["end_time"] <= value["start_time"]:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "end_time": ErrorList([ValidationError(_("A session ends after it starts."))])
                }
            )
        return value

    class Meta:
        icon = "time"
        label = _("Session")


class ProgrammeDayBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("date"))
    title = blocks.CharBlock(label=_("theme of the day"), max_length=120, required=False)
    sessions = blocks.ListBlock(SessionBlock(), label=_("sessions"))

    class Meta:
        icon = "date"
        label = _("Day")
        template = "components/streamfield/programme_day_block.html"


class SummitIndexPage(Page):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction", help_text=_("A sentence or two above the list of summits.")),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["summits.SummitPage"]
    max_count_per_parent = 1
    template = "pages/summit_index_page.html"

    class Meta:
        verbose_name = _("summit index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        summits = list(
            SummitPage.objects.child_of(self)
            .live()
            .exclude(private_q())
            .defer_streamfields()
            .select_related("host_city", "image")
            .prefetch_related(renditions_of("card"))
            .order_by("-start_date")
        )
        # Host cities in the reader's language, in one query for every summit.
        local_cities = localized_by_key([summit.host_city for summit in summits], self.locale)
        for summit in summits:
            city = summit.host_city and local_cities[summit.host_city.translation_key]
            summit.listing_host_city = city if city and city.locale_id == self.locale_id else None
        context["summits"] = summits
        return context


class SummitPage(PageImageMixin, Page):
    """One International Mayors Summit: edition, host city, dates, venues, programme, results."""

    # Themes offered, and shown chosen, in the page's own language.
    base_form_class = OneLanguagePageForm

    edition = models.PositiveSmallIntegerField(_("edition"))
    host_city = models.ForeignKey(
        "cities.CityPage",
        verbose_name=_("host city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    introduction = models.TextField(_("introduction"), blank=True)
    themes = ParentalManyToManyField("cities.Theme", verbose_name=_("themes"), blank=True)
    programme = StreamField([("day", ProgrammeDayBlock())], verbose_name=_("programme"), blank=True)
    partners = models.TextField(_("partners"), blank=True, help_text=_("One partner per line."))
    results = StreamField(
        BaseStreamBlock(),
        verbose_name=_("results"),
        blank=True,
        help_text=_("The public exhibition of what the summit concluded."),
    )
    gallery = StreamField([("image", CaptionedImageBlock())], verbose_name=_("gallery"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel(
            "edition",
            help_text=_("The summit's number: 1 for Montréal 2015, 2 for Düsseldorf 2019."),
        ),
        FieldPanel("host_city", help_text=_("The member city that hosts the summit.")),
        MultiFieldPanel(
            [
                FieldPanel("start_date", help_text=_("The summit's first day.")),
                FieldPanel(
                    "end_date",
                    help_text=_(
                        "The summit's last day (the first day again for a one-day summit)."
                    ),
                ),
            ],
            heading=_("Dates"),
        ),
        FieldPanel(
            "introduction",
            help_text=_("A short paragraph at the top of the page, also shown in listings."),
        ),
        *PageImageMixin.image_panels,
        InlinePanel("venues", label=_("Venues")),
        FieldPanel(
            "themes",
            help_text=_("The themes the summit's workshops addressed."),
            widget=forms.CheckboxSelectMultiple,
        ),
        FieldPanel(
            "programme",
            help_text=_("The summit's days and sessions; readers also get them as a calendar."),
        ),
        FieldPanel("partners"),
        FieldPanel("results"),
        FieldPanel(
            "gallery",
            help_text=_(
                "Photos of the summit with captions; each image's "
                "description is its alternative text."
            ),
        ),
    ]
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("edition"),
        SynchronizedField("host_city"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("themes"),
        SynchronizedField("image"),
        TranslatableField("image_alt"),
        TranslatableField("image_credit"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("results"),
        index.FilterField("start_date"),
    ]

    api_fields = [
        APIField("edition"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("host_city"),
    ]

    parent_page_types = ["summits.SummitIndexPage"]
    subpage_types = ["summits.DeclarationPage", "exhibitions.ExhibitionPage"]
    template = "pages/summit_page.html"

    class Meta:
        verbose_name = _("summit")

    def partner_list(self):
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    def local_host_city(self):
        """The host city in the active language, or None when it is not live there."""
        if self.host_city_id is None:
            return None
        # The city and its translation in one query: the translation where it is live.
        # Wagtail's page rows only: the page shows the city's title and links to it.
        same_city = Page.objects.filter(pk=self.host_city_id).values("translation_key")
        found = list(
            Page.objects.filter(
                Q(pk=self.host_city_id)
                | Q(translation_key__in=same_city, locale=active_locale(), live=True)
            )
        )
        local = [city for city in found if city.pk != self.host_city_id]
        city = local[0] if local else next(city for city in found if city.pk == self.host_city_id)
        return city if city.live else None

    @cached_property
    def venue_list(self):
        """The venues, read once for the page and its structured data, with their pictures."""
        return list(self.venues.select_related("image").prefetch_related(renditions_of("card")))

    def local_themes(self):
        """The themes in the active language, in one query whatever their number."""
        return localized_related(self.themes)

    def declaration(self):
        """The live declaration below the summit, for a link: Wagtail's page row only."""
        return (
            Page.objects.child_of(self)
            .live()
            .exclude(private_q())
            .filter(content_type=ContentType.objects.get_for_model(DeclarationPage))
            .first()
        )

    def json_ld(self):
        """schema.org Event for the summit, with a subEvent for every programme session."""
        organizer = {
            "@type": "Organization",
            "name": str(_("International Observatory of Mayors on Living Together")),
        }
        venues = self.venue_list
        places = [
            {"@type": "Place", "name": venue.name, "address": venue.address or venue.name}
            for venue in venues
        ]
        sessions = []
        for day in self.programme:
            if day.block_type != "day":
                continue
            date = day.value["date"]
            for session in day.value["sessions"]:
                event = {
                    "@type": "Event",
                    "name": session["title"],
                    "startDate": datetime.datetime.combine(date, session["start_time"]).isoformat(),
                }
                if session.get("end_time"):
                    event["endDate"] = datetime.datetime.combine(
                        date, session["end_time"]
                    ).isoformat()
                if session.get("venue"):
                    event["location"] = {
                        "@type": "Place",
                        "name": session["venue"],
                        "address": session["venue"],
                    }
                sessions.append(event)
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "startDate": self.start_date.isoformat(),
            "endDate": self.end_date.isoformat(),
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "eventStatus": "https://schema.org/EventScheduled",
            "organizer": organizer,
            "inLanguage": self.locale.language_code,
        }
        if self.introduction:
            data["description"] = self.introduction
        url = self.full_url  # None when the page is not routable
        if url:
            data["url"] = url
        if places:
            data["location"] = places[0] if len(places) == 1 else places
        if sessions:
            data["subEvent"] = sessions
        return data

    @property
    def json_ld_string(self):
        return json_ld(self.json_ld())


class SummitVenue(Orderable):
    summit = ParentalKey(SummitPage, related_name="venues", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )

    panels = [
        FieldPanel("name", help_text=_("The venue's name, for example the city hall.")),
        FieldPanel("address", help_text=_("Street, postcode and city, as a map would show them.")),
        FieldPanel("image", help_text=_("A photo of the venue, shown with the summit's venues.")),
        FieldPanel("image_alt"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("venue")


class DeclarationPage(RoutablePageMixin, Page):
    """A declaration adopted at a summit, in structured parts, with its two signature statements."""

    adopted_on = models.DateField(_("adopted on"))
    adopted_at = models.CharField(_("adopted at"), max_length=200)
    subtitle = models.CharField(_("subtitle"), max_length=250, blank=True)
    language_note = models.CharField(
        _("note on the language versions"),
        max_length=300,
        blank=True,
        help_text=_(
            "Shown at the top: which texts are authoritative. A translation says here, in "
            "its own language, that it is a working translation."
        ),
    )
    preamble = StreamField(
        [("clause", blocks.RichTextBlock(features=["bold", "italic"], label=_("clause")))],
        verbose_name=_("preamble"),
        blank=True,
    )
    agreements = StreamField(
        [("item", blocks.RichTextBlock(features=["bold", "italic"], label=_("item")))],
        verbose_name=_("what we agree on"),
        blank=True,
    )
    goals = StreamField(
        [("item", blocks.RichTextBlock(features=["bold", "italic"], label=_("item")))],
        verbose_name=_("shared goals"),
        blank=True,
    )
    commitments = StreamField(
        [("item", blocks.RichTextBlock(features=["bold", "italic"], label=_("item")))],
        verbose_name=_("commitments"),
        blank=True,
    )
    commit_statement = models.TextField(
        _("statement: commit"),
        help_text=_("What a signatory who agrees and commits declares."),
    )
    acknowledge_statement = models.TextField(
        _("statement: acknowledge"),
        help_text=_(
            "What a signatory who acknowledges the declaration and brings it to the "
            "mayor or council declares."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle", help_text=_("A short line under the title.")),
        FieldPanel("language_note"),
        MultiFieldPanel(
            [
                FieldPanel(
                    "adopted_on", help_text=_("The date the summit adopted the declaration.")
                ),
                FieldPanel(
                    "adopted_at",
                    help_text=_("Where it was adopted, for example “Düsseldorf, Germany”."),
                ),
            ],
            heading=_("Adoption"),
        ),
        FieldPanel(
            "preamble",
            help_text=_("The text before the agreements: why the mayors adopt the declaration."),
        ),
        FieldPanel("agreements", help_text=_("What the signatories agree on, one item per point.")),
        FieldPanel("goals", help_text=_("The declaration's goals, one item per goal.")),
        FieldPanel(
            "commitments", help_text=_("What committing cities undertake, one item per commitment.")
        ),
        MultiFieldPanel(
            [FieldPanel("commit_statement"), FieldPanel("acknowledge_statement")],
            heading=_("Signature statements"),
        ),
    ]
    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("adopted_on")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("preamble"),
        index.SearchField("agreements"),
        index.SearchField("goals"),
        index.SearchField("commitments"),
    ]

    parent_page_types = ["summits.SummitPage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/declaration_page.html"

    class Meta:
        verbose_name = _("declaration")

    @property
    def summit(self):
        return self.get_parent().specific

    def signatories(self):
        """Counted signatures: totals by statement and by country, the list by statement."""
        signatures = list(
            Signature.objects.for_declaration(self)
            .counted()
            .select_related("city")
            .order_by("name")
        )
        # Member cities in the page's language, in one query.
        localized = localized_by_key([signature.city for signature in signatures], self.locale)
        by_kind = {kind: [] for kind in SignatureKind.values}
        by_country = {}
        for signature in signatures:
            if signature.city:
                signature.listing_city = localized[signature.city.translation_key].title
            else:
                signature.listing_city = signature.city_name
            by_kind[signature.kind].append(signature)
            if signature.country:
                by_country.setdefault(signature.country.code, [signature.country, 0])
                by_country[signature.country.code][1] += 1
        return {
            "total": len(signatures),
            "groups": [
                {"kind": kind, "label": SignatureKind(kind).label, "signatures": by_kind[kind]}
                for kind in SignatureKind.values
            ],
            "countries": sorted(by_country.values(), key=lambda item: (-item[1], item[0].name)),
            "country_max": max((count for _, count in by_country.values()), default=0),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["signatories"] = self.signatories()
        context.update(signing_context(self, request, form=kwargs.get("form")))
        return context

    # Signing (summits/signing.py holds the views): the form is on the page itself.
    @path("sign/", name="sign")
    def sign_route(self, request):
        return sign(self, request)

    @path("sign/thanks/", name="sign_thanks")
    def sign_thanks_route(self, request):
        return thanks(self, request)

    @path("confirm/<str:token>/", name="confirm")
    def confirm_route(self, request, token):
        return confirm(self, request, token)
