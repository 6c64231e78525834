"""The home page of each language and the pages every part of the site shares."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock


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
        "capitals.InternationalDayPage",
        "newsletters.NewsletterIndexPage",
        "home.StandardPage",
    ]
    max_count_per_parent = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        # Imported here: those apps' models import home.blocks.
        from capitals.models import (
            InternationalDayPage,
            current_capital,
            international_day_countdown,
        )

        context = super().get_context(request, *args, **kwargs)
        context["countdown"] = international_day_countdown()
        context["capital"] = current_capital(self.locale)
        context["latest_initiatives"] = self.latest_initiatives()
        context["latest_news"] = (
            StandardPage.objects.live()
            .public()
            .filter(locale=self.locale)
            .order_by("-first_published_at")[:3]
        )
        context["international_day"] = (
            InternationalDayPage.objects.live().public().filter(locale=self.locale).first()
        )
        return context

    def latest_initiatives(self, count=3):
        """The newest initiatives of this language, each with ``listing_city`` set.

        An initiative's city is its parent page: one query finds them all by path.
        """
        from cities.models import CityPage
        from initiatives.models import InitiativePage

        initiatives = list(
            InitiativePage.objects.live()
            .public()
            .filter(locale=self.locale)
            .order_by("-first_published_at")[:count]
        )
        parent_paths = {initiative.path[: -self.steplen] for initiative in initiatives}
        cities = {city.path: city for city in CityPage.objects.filter(path__in=parent_paths)}
        for initiative in initiatives:
            initiative.listing_city = cities.get(initiative.path[: -self.steplen])
        return initiatives


class StandardPage(Page):
    """About, membership, contact and other free pages built from the shared blocks."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
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
