"""Capitals of Living Together by year, and the International Day of 16 May."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import BaseStreamBlock, DocumentListBlock
from home.structured_data import json_ld, localized_by_key

INTERNATIONAL_DAY = (5, 16)  # 16 May: UN General Assembly resolution 72/130


def next_international_day(today=None):
    """The next 16 May, today included."""
    today = today or timezone.localdate()
    this_year = datetime.date(today.year, *INTERNATIONAL_DAY)
    return this_year if this_year >= today else datetime.date(today.year + 1, *INTERNATIONAL_DAY)


def international_day_countdown(today=None):
    """What templates/components/countdown.html shows: the target date and days left."""
    today = today or timezone.localdate()
    target = next_international_day(today)
    days = (target - today).days
    return {"target": target, "days": days, "is_today": days == 0}


def localize_cities(capitals):
    """Set ``local_city`` on each Capital: its city in the active language, in one query.

    The same as ``capital.city.localized`` for each, without a query per Capital.
    """
    capitals = list(capitals)
    local = localized_by_key([capital.city for capital in capitals])
    for capital in capitals:
        capital.local_city = local[capital.city.translation_key]
    return capitals


class CapitalIndexPage(Page):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["capitals.CapitalPage"]
    max_count_per_parent = 1
    template = "pages/capital_index_page.html"

    class Meta:
        verbose_name = _("Capitals archive")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["capitals"] = localize_cities(
            CapitalPage.objects.child_of(self)
            .live()
            .public()
            .select_related("city")
            .order_by("-year")
        )
        return context


class CapitalPage(Page):
    """The Capital of Living Together of one year: its city, 16 May programme and report.

    The slug is the year and is synchronised: /en/capitals/2020/, /fr/capitals/2020/.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    city = models.ForeignKey(
        "cities.CityPage",
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    designated_on = models.DateField(_("designation date"), null=True, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    programme = StreamField(BaseStreamBlock(), verbose_name=_("16 May programme"), blank=True)
    report = StreamField(BaseStreamBlock(), verbose_name=_("report"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("year"),
        FieldPanel("city"),
        FieldPanel("designated_on"),
        FieldPanel("introduction"),
        FieldPanel("programme"),
        FieldPanel("report"),
    ]
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("year"),
        SynchronizedField("city"),
        SynchronizedField("designated_on"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("programme"),
        index.SearchField("report"),
        index.FilterField("year"),
    ]

    api_fields = [APIField("year"), APIField("city")]

    parent_page_types = ["capitals.CapitalIndexPage"]
    subpage_types = []
    template = "pages/capital_page.html"

    class Meta:
        verbose_name = _("Capital of Living Together")
        verbose_name_plural = _("Capitals of Living Together")

    def clean(self):
        super().clean()
        # One Capital a year: its translations share the year, nothing else may.
        taken = (
            CapitalPage.objects.filter(year=self.year)
            .exclude(translation_key=self.translation_key)
            .exists()
        )
        if taken:
            message = _("There is already a Capital of Living Together for %(year)s.")
            raise ValidationError({"year": message % {"year": self.year}})

    @property
    def local_city(self):
        """The city in the active language (``localize_cities`` sets it for many at once)."""
        if "_local_city" not in self.__dict__:
            self._local_city = self.city.localized
        return self._local_city

    @local_city.setter
    def local_city(self, city):
        self._local_city = city

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["json_ld"] = self.json_ld(request)
        context["city_events"] = capital_page_events(self, request)
        return context

    @property
    def international_day(self):
        return datetime.date(self.year, *INTERNATIONAL_DAY)

    def json_ld(self, request=None):
        """A schema.org Event for this year's 16 May celebration, hosted by the city."""
        city = self.local_city
        name = gettext("International Day of Living Together in Peace %(year)s in %(city)s") % {
            "year": self.year,
            "city": city.title,
        }
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": name,
            "startDate": self.international_day.isoformat(),
            "endDate": self.international_day.isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "inLanguage": self.locale.language_code,
            "url": self.get_full_url(request),
            "location": {
                "@type": "Place",
                "name": city.title,
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": city.title,
                    "addressCountry": str(city.country.code or ""),
                },
                "geo": {
                    "@type": "GeoCoordinates",
                    "latitude": float(city.latitude),
                    "longitude": float(city.longitude),
                },
            },
            "organizer": {
                "@type": "Organization",
                "name": gettext("International Observatory of Mayors on Living Together"),
            },
        }
        if self.introduction:
            data["description"] = self.introduction
        return json_ld(data)


class InternationalDayPage(Page):
    """The 16 May campaign page: countdown, why 16 May, the year's Capital, the toolkit."""

    introduction = models.TextField(_("introduction"), blank=True)
    why_16_may = RichTextField(
        _("why 16 May"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("The UN General Assembly proclaimed the Day in resolution 72/130."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    toolkit = StreamField(
        [("documents", DocumentListBlock())], verbose_name=_("toolkit"), blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("why_16_may"),
        FieldPanel("body"),
        FieldPanel("toolkit"),
    ]
    override_translatable_fields = [SynchronizedField("slug")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/international_day_page.html"

    class Meta:
        verbose_name = _("International Day page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["countdown"] = international_day_countdown()
        context["capital"] = current_capital(self.locale)
        context["city_events"] = international_day_events(self, request)
        return context


def current_capital(locale, today=None):
    """The Capital of the coming (or current) 16 May, in ``locale`` where translated."""
    year = next_international_day(today).year
    return (
        CapitalPage.objects.live()
        .public()
        .filter(locale=locale, year__lte=year)
        .select_related("city")
        .order_by("-year")
        .first()
    )


from .cycle import (  # noqa: E402,F401  the Capital cycle (calls, applications, jury)
    CapitalApplication,
    CapitalCall,
    CapitalCriterion,
    CapitalScore,
    JurorDeclaration,
)
from .events import (  # noqa: E402,F401
    CityEvent,
    capital_page_events,
    international_day_events,
)
