"""The home page of each language and the pages every part of the site shares."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.sections import HOME_PAGE, section_context


class HomePage(Page):
    """The root of each language's tree: /en/, /fr/, /de/, /es/, /ar/."""

    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A few sentences under the title that say what the Observatory is."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "summits.SummitIndexPage",
        "cities.CityIndexPage",
        "initiatives.InitiativeIndexPage",
        "capitals.CapitalIndexPage",
        "international_day.InternationalDayPage",
        "newsletters.NewsletterIndexPage",
        "home.StandardPage",
    ]
    max_count_per_parent = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The countdown, the Capital, the latest initiatives and the news (newsletters)
        # come from the apps that own them (core.sections.HOME_PAGE hooks).
        context.update(section_context(HOME_PAGE, self, request))
        return context


class StandardPage(Page):
    """About, membership, contact and other free pages built from the shared blocks."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel(
            "introduction",
            help_text=_(
                "A sentence or two under the title; also shown in listings and search results."
            ),
        ),
        FieldPanel(
            "body",
            help_text=_("The page's content: paragraphs, headings, images, quotes and links."),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    template = "pages/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
