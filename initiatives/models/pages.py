"""Initiatives that member cities share, and the index that filters them all."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cities.models import CityPage
from cities.serializers import ThemeListField
from core.admin_i18n import OneLanguagePageForm
from core.blocks import BaseStreamBlock, CaptionedImageBlock
from core.i18n import localized_related
from core.images import renditions_of
from core.restrictions import private_q


class InitiativeKind(models.TextChoices):
    """The three kinds of action the Düsseldorf Declaration's commitments name."""

    PUBLIC_ACTIVITY = "public_activity", _("Public activity")
    PUBLIC_POLICY = "public_policy", _("Public policy")
    CITY_PROGRAMME = "city_programme", _("City programme")


class InitiativePage(Page):
    """An initiative of one member city, under its CityPage."""

    # Themes offered, and shown chosen, in the page's own language.
    base_form_class = OneLanguagePageForm

    kind = models.CharField(_("kind"), max_length=20, choices=InitiativeKind.choices)
    themes = ParentalManyToManyField("cities.Theme", verbose_name=_("themes"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    summary = models.TextField(_("summary"), max_length=600)
    body = StreamField(BaseStreamBlock(), verbose_name=_("description"), blank=True)
    outcomes = RichTextField(_("outcomes"), blank=True, features=["bold", "italic", "link", "ul"])
    partners = models.TextField(_("partners"), blank=True, help_text=_("One partner per line."))
    images = StreamField([("image", CaptionedImageBlock())], verbose_name=_("images"), blank=True)
    documents = StreamField(
        [("document", DocumentChooserBlock(label=_("document")))],
        verbose_name=_("documents"),
        blank=True,
    )
    # Never shown on the site: for editors to reach the city's team.
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind", help_text=_("A public activity, a public policy or a city programme.")),
        FieldPanel(
            "themes",
            help_text=_(
                "One or more of the Observatory's themes; readers filter initiatives by them."
            ),
            widget=forms.CheckboxSelectMultiple,
        ),
        MultiFieldPanel(
            [
                FieldPanel("start_date", help_text=_("When the initiative began (or will begin).")),
                FieldPanel(
                    "end_date", help_text=_("Leave empty while the initiative is still running.")
                ),
            ],
            heading=_("Dates"),
        ),
        FieldPanel(
            "summary",
            help_text=_(
                "Up to 600 characters, shown on cards, in search results and in newsletters."
            ),
        ),
        FieldPanel(
            "body",
            help_text=_("The full description: the context, what was done and who took part."),
        ),
        FieldPanel("outcomes", help_text=_("What changed, with figures where you have them.")),
        FieldPanel("partners"),
        FieldPanel(
            "images",
            help_text=_("Photos with a caption; each image's description is its alternative text."),
        ),
        FieldPanel(
            "documents",
            help_text=_(
                "Reports, flyers or evaluations for readers to download (PDF or office formats)."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "contact_name", help_text=_("Who readers can write to about this initiative.")
                ),
                FieldPanel(
                    "contact_email",
                    help_text=_("Shown on the page: prefer a team address to a personal one."),
                ),
            ],
            heading=_("Contact (not public)"),
        ),
    ]
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("kind"),
        SynchronizedField("themes"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("documents"),
        SynchronizedField("contact_name"),
        SynchronizedField("contact_email"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("outcomes"),
        index.FilterField("kind"),
        index.FilterField("start_date"),
        index.RelatedFields("themes", [index.FilterField("slug")]),
    ]

    # The Wagtail API shows only these: never contact_name or contact_email.
    api_fields = [
        APIField("kind"),
        APIField("themes", serializer=ThemeListField()),
        APIField("start_date"),
        APIField("end_date"),
        APIField("summary"),
    ]

    parent_page_types = ["cities.CityPage"]
    subpage_types = []
    template = "pages/initiative_page.html"

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    @property
    def city(self):
        return self.get_parent().specific

    @property
    def card_image(self):
        """The first image of the initiative (a CaptionedImageBlock value), for its card.

        ``attach_card_images`` sets it for a whole list in two queries.
        """
        if hasattr(self, "_card_image"):
            return self._card_image
        for block in self.images:
            if block.block_type == "image" and block.value.get("image"):
                return block.value
        return None

    def partner_list(self):
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    def local_themes(self):
        """The themes in the active language, in one query whatever their number."""
        return localized_related(self.themes)


# What a card of an initiative never shows: its image comes from ``images``
# (``attach_card_images``), so that StreamField stays.
CARD_DEFERRED_FIELDS = ("body", "outcomes", "documents")


def latest_initiatives(locale, count=3):
    """The newest initiatives of ``locale``, each with ``listing_city`` set.

    An initiative's city is its parent page: one query finds them all by path.
    """
    initiatives = list(
        InitiativePage.objects.live()
        .exclude(private_q())
        .filter(locale=locale)
        .defer(*CARD_DEFERRED_FIELDS)
        .order_by("-first_published_at")[:count]
    )
    steplen = InitiativePage.steplen
    parent_paths = {initiative.path[:-steplen] for initiative in initiatives}
    cities = {city.path: city for city in CityPage.objects.filter(path__in=parent_paths)}
    for initiative in initiatives:
        initiative.listing_city = cities.get(initiative.path[:-steplen])
    return attach_card_images(initiatives)


def attach_card_images(initiatives):
    """Set ``card_image`` on each initiative: the images and their renditions in two queries."""
    first = {}
    for initiative in initiatives:
        for block in initiative.images.raw_data:
            if block.get("type") == "image" and block.get("value", {}).get("image"):
                first[initiative.pk] = block["value"]
                break
    images = (
        get_image_model()
        .objects.prefetch_related(renditions_of("card", "renditions"))
        .in_bulk({value["image"] for value in first.values()})
    )
    for initiative in initiatives:
        value = first.get(initiative.pk)
        image = images.get(value["image"]) if value else None
        initiative._card_image = {**value, "image": image} if image else None
    return initiatives
