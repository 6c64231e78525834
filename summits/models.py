"""Summits of mayors, their programmes and the declarations they adopt."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from django_countries.fields import CountryField

from home.blocks import BaseStreamBlock, CaptionedImageBlock
from home.structured_data import json_ld, localized_by_key


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

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
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
            .public()
            .select_related("host_city")
            .order_by("-start_date")
        )
        # Host cities in the reader's language, in one query for every summit.
        local_cities = localized_by_key([summit.host_city for summit in summits], self.locale)
        for summit in summits:
            city = summit.host_city and local_cities[summit.host_city.translation_key]
            summit.listing_host_city = city if city and city.locale_id == self.locale_id else None
        context["summits"] = summits
        return context


class SummitPage(Page):
    """One International Mayors Summit: edition, host city, dates, venues, programme, results."""

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
        FieldPanel("edition"),
        FieldPanel("host_city"),
        MultiFieldPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Dates")),
        FieldPanel("introduction"),
        InlinePanel("venues", label=_("Venues")),
        FieldPanel("themes"),
        FieldPanel("programme"),
        FieldPanel("partners"),
        FieldPanel("results"),
        FieldPanel("gallery"),
    ]
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("edition"),
        SynchronizedField("host_city"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("themes"),
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
    subpage_types = ["summits.DeclarationPage"]
    template = "pages/summit_page.html"

    class Meta:
        verbose_name = _("summit")

    def partner_list(self):
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    def local_host_city(self):
        """The host city in the active language, or None when it is not live there."""
        if self.host_city_id is None:
            return None
        city = self.host_city.localized
        return city if city.live else None

    def local_themes(self):
        """The themes in the active language, in one query whatever their number."""
        themes = list(self.themes.all())
        local = localized_by_key(themes)
        return [local[theme.translation_key] for theme in themes]

    def declaration(self):
        return DeclarationPage.objects.child_of(self).live().public().first()

    def json_ld(self):
        """schema.org Event for the summit, with a subEvent for every programme session."""
        organizer = {
            "@type": "Organization",
            "name": "International Observatory of Mayors on Living Together",
        }
        venues = list(self.venues.all())
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
        if self.url:
            data["url"] = self.full_url
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

    panels = [FieldPanel("name"), FieldPanel("address")]

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
        FieldPanel("subtitle"),
        FieldPanel("language_note"),
        MultiFieldPanel(
            [FieldPanel("adopted_on"), FieldPanel("adopted_at")], heading=_("Adoption")
        ),
        FieldPanel("preamble"),
        FieldPanel("agreements"),
        FieldPanel("goals"),
        FieldPanel("commitments"),
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
        from .signing import signing_context

        context = super().get_context(request, *args, **kwargs)
        context["signatories"] = self.signatories()
        context.update(signing_context(self, request, form=kwargs.get("form")))
        return context

    # Signing (summits/signing.py holds the views): the form is on the page itself.
    @path("sign/", name="sign")
    def sign_route(self, request):
        from .signing import sign

        return sign(self, request)

    @path("sign/thanks/", name="sign_thanks")
    def sign_thanks_route(self, request):
        from .signing import thanks

        return thanks(self, request)

    @path("confirm/<str:token>/", name="confirm")
    def confirm_route(self, request, token):
        from .signing import confirm

        return confirm(self, request, token)


class SignatureKind(models.TextChoices):
    """The two statements a signatory of a declaration chooses between."""

    COMMIT = "commit", _("I agree and commit")
    ACKNOWLEDGE = "acknowledge", _("I acknowledge and will bring it to my mayor or council")


class SignatureQuerySet(models.QuerySet):
    def for_declaration(self, declaration):
        """Signatures of a declaration in any language: they key on its translation_key."""
        return self.filter(declaration_key=declaration.translation_key)

    def counted(self):
        """Signatures that count: confirmed and not hidden by an editor."""
        return self.filter(confirmed_at__isnull=False, hidden=False)

    def for_city(self, city):
        """Signatures of a member city (any translation of its page), every declaration."""
        return self.filter(city__translation_key=city.translation_key)

    def with_email(self, email):
        """Signatures by ``email``, whatever its case (as the unique constraint compares it)."""
        return self.alias(email_lower=Lower("email")).filter(email_lower=email.lower())


class Signature(models.Model):
    """One signature of a declaration, shared by every translation of the declaration page."""

    class Source(models.TextChoices):
        ONLINE = "online", _("online")
        PAPER = "paper", _("paper")
        CITY = "city", _("member city account")

    declaration_key = models.UUIDField(
        _("declaration"), db_index=True, help_text=_("The declaration page's translation key.")
    )
    kind = models.CharField(_("statement"), max_length=12, choices=SignatureKind.choices)
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    city = models.ForeignKey(
        "cities.CityPage",
        verbose_name=_("member city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    city_name = models.CharField(_("city"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.ONLINE
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    hidden = models.BooleanField(_("hidden"), default=False)
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        help_text=_("The language the signatory used: emails to them are in it."),
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The member-city account that signed on behalf of its city."),
    )
    upgraded_at = models.DateTimeField(
        _("upgraded to a commitment at"),
        null=True,
        blank=True,
        help_text=_("When an acknowledging city committed, by a decision of its council."),
    )
    council_decision = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("council decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SignatureQuerySet.as_manager()

    panels = [
        FieldPanel("declaration_key"),
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("title"),
                FieldPanel("city"),
                FieldPanel("city_name"),
                FieldPanel("country"),
                FieldPanel("email"),
            ],
            heading=_("Signatory"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("source"),
                FieldPanel("signed_on"),
                FieldPanel("confirmed_at"),
                FieldPanel("hidden"),
                FieldPanel("language", read_only=True),
                FieldPanel("signed_by", read_only=True),
            ],
            heading=_("Signature"),
        ),
        MultiFieldPanel(
            [FieldPanel("upgraded_at"), FieldPanel("council_decision")],
            heading=_("Commitment by council decision"),
        ),
    ]

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["name"]
        indexes = [models.Index(fields=["declaration_key", "kind"])]
        constraints = [
            # One signature per address and declaration, whatever the case of the address;
            # paper signatures without an address do not count.
            models.UniqueConstraint(
                models.F("declaration_key"),
                Lower("email"),
                condition=~models.Q(email=""),
                name="summits_signature_one_per_email",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    def display_city(self):
        """The member city in the active language, or the city as typed."""
        if self.city_id:
            return self.city.localized.title
        return self.city_name

    def declaration(self):
        """The declaration page in the active language (else in any), or None."""
        from wagtail.models import Locale

        pages = DeclarationPage.objects.filter(translation_key=self.declaration_key)
        return pages.filter(locale=Locale.get_active()).first() or pages.order_by("pk").first()

    def declaration_title(self):
        declaration = self.declaration()
        return declaration.title if declaration else ""

    declaration_title.short_description = _("declaration")

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @property
    def can_upgrade(self):
        """An acknowledgement a city can turn into a commitment (by its council's decision)."""
        return (
            self.kind == SignatureKind.ACKNOWLEDGE
            and self.city_id is not None
            and self.confirmed_at is not None
        )

    def upgrade_url(self):
        """The portal page where the city uploads its council's decision ("" if not routed)."""
        from django.urls import NoReverseMatch, reverse

        try:
            return reverse("signature_upgrade", kwargs={"signature_id": self.pk})
        except NoReverseMatch:
            return ""
