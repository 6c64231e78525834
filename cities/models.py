"""The five themes, the directory of member cities and each city's page."""

from django.conf import settings
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from django_countries.fields import CountryField
from django_countries.serializer_fields import CountryField as CountrySerializerField

from core.i18n import in_language
from core.images import PageImageMixin, renditions_of
from core.restrictions import private_q
from core.sections import CITY_PAGE, section_context

# Read with getattr so the site works before settings name them.
DEFAULT_TILE_URL = "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"


def tile_attribution():
    """The credit of the map tiles, in the reader's language: HTML, for Leaflet.

    OBSERVATORY_MAP_ATTRIBUTION replaces it for another tile server; by default it is
    OpenStreetMap's, whose licence lets the word "contributors" be translated. Templates
    hand it to the scripts in an attribute, escaped: ``data-attribution="{{ …|force_escape }}"``.
    """
    configured = getattr(settings, "OBSERVATORY_MAP_ATTRIBUTION", "")
    if configured:
        return configured
    link = format_html('<a href="{}">OpenStreetMap</a>', "https://www.openstreetmap.org/copyright")
    # Translators: the credit under the maps; {openstreetmap} is a link named OpenStreetMap.
    return format_html(gettext("© {openstreetmap} contributors"), openstreetmap=link)


class Continent(models.TextChoices):
    AFRICA = "africa", _("Africa")
    AMERICAS = "americas", _("Americas")
    ASIA = "asia", _("Asia")
    EUROPE = "europe", _("Europe")
    OCEANIA = "oceania", _("Oceania")


class Theme(TranslatableMixin, index.Indexed, models.Model):
    """One of the five themes of the Düsseldorf summit: the shared taxonomy."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"), max_length=80, help_text=_("Used in filter URLs; the same in every language.")
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name", help_text=_("The theme as readers see it, in this version's language.")),
        FieldPanel("slug"),
        FieldPanel(
            "description",
            help_text=_("One or two sentences shown with the theme's filter and in the open data."),
        ),
        FieldPanel("sort_order", help_text=_("Themes are listed from the lowest number up.")),
    ]
    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("sort_order")]
    # The admin's choosers search one language at a time: filtered by locale.
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class CityIndexPage(Page):
    """The directory and map of member cities."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel(
            "introduction", help_text=_("A sentence or two above the directory of member cities.")
        ),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["cities.CityPage"]
    max_count_per_parent = 1
    template = "pages/city_index_page.html"

    class Meta:
        verbose_name = _("city directory")

    @staticmethod
    def is_filtered(request):
        """Whether ``get_cities(request)`` leaves some member cities out."""
        if request is None:
            return False
        return bool(request.GET.get("country", "")) or (
            request.GET.get("continent", "") in Continent.values
        )

    def get_cities(self, request=None):
        cities = CityPage.objects.child_of(self).live().exclude(private_q()).order_by("title")
        if request is not None:
            country = request.GET.get("country", "")
            continent = request.GET.get("continent", "")
            if country:
                cities = cities.filter(country=country)
            if continent in Continent.values:
                cities = cities.filter(continent=continent)
        return cities.select_related("image").prefetch_related(renditions_of("card"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cities = list(self.get_cities(request))
        if self.is_filtered(request):
            all_cities = list(
                CityPage.objects.child_of(self).live().exclude(private_q()).only("country")
            )
        else:
            all_cities = cities  # every member city is listed: no query for the filters
        countries = {}
        for city in all_cities:
            code = city.country.code
            if code not in countries:  # each name once: it is translated at each reading
                countries[code] = city.country.name
        context["cities"] = cities
        context["member_count"] = len(all_cities)
        context["countries"] = sorted(countries.items(), key=lambda item: item[1])
        context["continents"] = Continent.choices
        context["selected_country"] = request.GET.get("country", "")
        context["selected_continent"] = request.GET.get("continent", "")
        context["is_filtered"] = bool(context["selected_country"] or context["selected_continent"])
        context["cities_geo"] = self.cities_geo(cities, request)
        context["map_tile_url"] = getattr(settings, "OBSERVATORY_MAP_TILE_URL", DEFAULT_TILE_URL)
        context["map_attribution"] = tile_attribution()
        return context

    @staticmethod
    def cities_geo(cities, request=None):
        """What the map needs of each city, for ``json_script`` (no queries: URLs are cached)."""
        return [
            {
                "name": city.title,
                "country": city.country.name,
                "url": city.get_url(request),
                "lat": float(city.latitude),
                "lng": float(city.longitude),
            }
            for city in cities
            if city.latitude is not None and city.longitude is not None
        ]


class CityPage(PageImageMixin, Page):
    """A member city: its profile, mayor, initiatives, signatures and Capital years.

    The slug is synchronised (``/fr/cities/duesseldorf/``): a city keeps one
    name in URLs, its title is translated.
    """

    country = CountryField(_("country"))
    continent = models.CharField(_("continent"), max_length=12, choices=Continent.choices)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    mayor = models.CharField(_("mayor"), max_length=200, blank=True)
    member_since = models.DateField(_("member since"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = RichTextField(
        _("description"), blank=True, features=["bold", "italic", "link", "ul"]
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel(
                    "country",
                    help_text=_(
                        "The country the city is in: it sets the city's filters and open data."
                    ),
                ),
                FieldPanel(
                    "continent", help_text=_("Groups the city in the directory and on the map.")
                ),
                FieldPanel(
                    "latitude",
                    help_text=_(
                        "In decimal degrees (51.2277 for Düsseldorf): places the "
                        "city on the map and sets its time zone."
                    ),
                ),
                FieldPanel(
                    "longitude",
                    help_text=_(
                        "In decimal degrees (6.7735 for Düsseldorf); east of Greenwich is positive."
                    ),
                ),
            ],
            heading=_("Location"),
        ),
        FieldPanel(
            "population",
            help_text=_("Inhabitants, from the latest census; leave empty if unknown."),
        ),
        FieldPanel("mayor", help_text=_("The mayor's full name, as it should be printed.")),
        FieldPanel("member_since", help_text=_("The date the city joined the Observatory.")),
        FieldPanel("website", help_text=_("The city's official website, starting with https://.")),
        FieldPanel(
            "description", help_text=_("What living together means in this city: a few paragraphs.")
        ),
        *PageImageMixin.image_panels,
    ]
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("country"),
        SynchronizedField("continent"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("population"),
        SynchronizedField("member_since"),
        SynchronizedField("website"),
        SynchronizedField("image"),
        TranslatableField("mayor"),
        TranslatableField("image_alt"),
        TranslatableField("image_credit"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("mayor"),
        index.SearchField("description"),
        index.FilterField("country"),
        index.FilterField("continent"),
    ]

    # The Wagtail API (/api/v2/pages/?type=cities.CityPage) shows only these.
    api_fields = [
        APIField("country", serializer=CountrySerializerField(country_dict=True)),
        APIField("continent"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("mayor"),
        APIField("member_since"),
        APIField("website"),
    ]

    parent_page_types = ["cities.CityIndexPage"]
    subpage_types = ["initiatives.InitiativePage"]
    template = "pages/city_page.html"

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Initiatives, 16 May events and Capital years come from the apps that own
        # them (core.sections.CITY_PAGE hooks).
        context.update(section_context(CITY_PAGE, self, request))
        return context


class CityTeam(models.Model):
    """The staff of one member city: a Wagtail group with rights on that city's pages only.

    Keyed on the city page's translation_key, so the same team owns the city's page
    in every language. See ``cities/accounts.py`` for how the rights are kept.
    """

    city_key = models.UUIDField(_("city"), unique=True)
    group = models.OneToOneField(
        "auth.Group", verbose_name=_("group"), on_delete=models.PROTECT, related_name="city_team"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("collection"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="city_team",
    )

    class Meta:
        verbose_name = _("city team")
        verbose_name_plural = _("city teams")

    def __str__(self):
        return self.group.name

    def city(self, locale=None):
        """The city's page in ``locale`` (the active one by default), else in any language."""
        return in_language(CityPage.objects.filter(translation_key=self.city_key), locale)


class CityInvitation(models.Model):
    """An editor's invitation for a person to join a city's team, by a signed link."""

    team = models.ForeignKey(
        CityTeam, verbose_name=_("city team"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email"))
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language of the invitation email."),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="city_invitations",
    )

    panels = [
        FieldPanel("team", help_text=_("The city team the person will join.")),
        FieldPanel(
            "email", help_text=_("Where the invitation goes; its link is valid for 7 days.")
        ),
        FieldPanel("language"),
    ]

    class Meta:
        verbose_name = _("city invitation")
        verbose_name_plural = _("city invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.team}"
