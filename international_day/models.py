"""The International Day page and the 16 May events member cities register.

The page is a singleton under each language's home page. Events key on the city
page's ``translation_key`` (like ``cities.CityTeam``): every language shows the
same events, with the city's name in that language. ``events.py`` holds their
review and listing.
"""

import zoneinfo
from collections import defaultdict

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from capitals.models import current_capital
from cities.models import DEFAULT_TILE_URL, CityPage, tile_attribution
from core.blocks import BaseStreamBlock, DocumentListBlock
from core.dates import campaign_year, international_day_countdown
from core.i18n import in_language, one_per_key
from core.images import PageImageMixin
from core.restrictions import private_q
from core.time_zones import time_zone_choices


class InternationalDayPage(PageImageMixin, Page):
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
        FieldPanel("introduction", help_text=_("A short paragraph at the top of the page.")),
        *PageImageMixin.image_panels,
        FieldPanel("why_16_may"),
        FieldPanel("body", help_text=_("What cities do on the Day and how to take part.")),
        FieldPanel(
            "toolkit",
            help_text=_("Files and links cities use to celebrate: posters, logos, guides."),
        ),
    ]
    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("image")]
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
        db_table = "capitals_internationaldaypage"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["countdown"] = international_day_countdown()
        context["capital"] = current_capital(self.locale)
        context["city_events"] = events_listing(
            request, year=campaign_year(), country_filter=True, show_map=True
        )
        return context


class CityEvent(models.Model):
    """One event a member city registers for 16 May, reviewed before it is published."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Changes requested")

    city_key = models.UUIDField(_("city"), db_index=True)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        help_text=_("The times are shown in this time zone: the event's own."),
    )
    place = models.CharField(_("place"), max_length=255)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    description = models.TextField(_("description"))
    link = models.URLField(_("link"), max_length=500, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its alternative text is the image's description."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        help_text=_("The language the event was written in; the city hears back in it."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    review_comment = models.TextField(_("review comment"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    # What editors may correct in the admin (status changes go through Approve / Reject).
    panels = [
        FieldPanel("title"),
        FieldRowPanel(
            [
                FieldPanel("starts_at", help_text=_("Date and time in the event's own time zone.")),
                FieldPanel("ends_at", help_text=_("Leave empty when the end is open.")),
            ]
        ),
        FieldPanel("time_zone", widget=forms.Select(choices=time_zone_choices())),
        MultiFieldPanel(
            [
                FieldPanel("place", help_text=_("The venue and its address, as on a poster.")),
                FieldRowPanel(
                    [
                        FieldPanel(
                            "latitude",
                            help_text=_(
                                "Optional, in decimal degrees: places the event on the map."
                            ),
                        ),
                        FieldPanel(
                            "longitude",
                            help_text=_(
                                "Optional, in decimal degrees; east of Greenwich is positive."
                            ),
                        ),
                    ]
                ),
            ],
            heading=_("Place"),
        ),
        FieldPanel(
            "description",
            help_text=_("What happens, for whom, and whether people need to register."),
        ),
        FieldPanel(
            "link", help_text=_("A page with details or registration, starting with https://.")
        ),
        FieldPanel("image"),
    ]

    class Meta:
        verbose_name = _("16 May event")
        verbose_name_plural = _("16 May events")
        ordering = ["starts_at", "pk"]
        db_table = "capitals_cityevent"
        indexes = [models.Index(fields=["status", "starts_at"], name="cityevent_status_starts")]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90) & Q(latitude__lte=90),
                name="cityevent_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180) & Q(longitude__lte=180),
                name="cityevent_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="cityevent_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_editable_by_city(self):
        """A city changes its event until it is approved."""
        return self.status != self.Status.APPROVED

    @property
    def zone(self):
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(settings.TIME_ZONE)

    # Naive local times, on purpose: templates convert aware datetimes to the site's time
    # zone; an event is shown at the time on its poster, in its own zone.
    @property
    def local_start(self):
        return timezone.localtime(self.starts_at, self.zone).replace(tzinfo=None)

    @property
    def local_end(self):
        if not self.ends_at:
            return None
        return timezone.localtime(self.ends_at, self.zone).replace(tzinfo=None)

    @property
    def time_zone_label(self):
        return self.time_zone.replace("_", " ")

    @property
    def alt_text(self):
        return (self.image.description or self.image.title) if self.image else ""

    def city(self, locale=None):
        """The city's page in ``locale`` (the active one), else in any language; None if gone."""
        return in_language(CityPage.objects.filter(translation_key=self.city_key), locale)


# -- Listing approved events --------------------------------------------------------------


def city_keys_in_country(country):
    return CityPage.objects.filter(country=country).values_list("translation_key", flat=True)


def approved_events(city_key=None, year=None, country=None):
    """Approved events, soonest first; of one city (translation_key), year, country code."""
    events = CityEvent.objects.filter(status=CityEvent.Status.APPROVED).select_related("image")
    if city_key:
        events = events.filter(city_key=city_key)
    if year:
        events = events.filter(starts_at__year=year)
    if country:
        events = events.filter(city_key__in=city_keys_in_country(country))
    return events.order_by("starts_at", "pk")


def attach_cities(events, locale=None):
    """Set ``event.local_city`` (the live city page in ``locale`` where translated): one query.

    Events whose city has no live page are left out: nowhere to show them.
    """

    events = list(events)
    pages = one_per_key(
        CityPage.objects.live()
        .exclude(private_q())
        .filter(translation_key__in={event.city_key for event in events}),
        locale,
    )
    shown = []
    for event in events:
        event.local_city = pages.get(event.city_key)
        if event.local_city is not None:
            shown.append(event)
    return shown


def group_by_country(events):
    """[(country name, [events…]), …] in the active language's alphabetical order."""
    groups = defaultdict(list)
    for event in events:
        groups[(event.local_city.country.code, event.local_city.country.name)].append(event)
    return [
        {"code": code, "name": name, "events": items}
        for (code, name), items in sorted(groups.items(), key=lambda item: str(item[0][1]))
    ]


def event_when(event):
    """The date (and time) of an event in its own time zone, in the active language."""
    start = event.local_start
    text = formats.date_format(start, "DATE_FORMAT") + ", " + formats.time_format(start)
    return text


def events_geo(events, request=None):
    """What the events map needs of each event, for ``json_script`` (no queries)."""
    return [
        {
            "id": event.pk,
            "title": event.title,
            "city": event.local_city.title if getattr(event, "local_city", None) else "",
            "place": event.place,
            "when": event_when(event),
            "anchor": f"#event-{event.pk}",
            "lat": float(event.latitude),
            "lng": float(event.longitude),
        }
        for event in events
        if event.latitude is not None and event.longitude is not None
    ]


def _countries_with_events(year=None):

    keys = approved_events(year=year).values_list("city_key", flat=True).distinct()
    countries = {
        city.country.code: city.country.name
        for city in CityPage.objects.filter(translation_key__in=keys).only("country")
    }
    return sorted(countries.items(), key=lambda item: str(item[1]))


def map_settings():
    """The tile server of the maps (cities.models reads the same settings)."""

    return {
        "map_tile_url": getattr(settings, "OBSERVATORY_MAP_TILE_URL", DEFAULT_TILE_URL),
        "map_attribution": tile_attribution(),
    }


def events_listing(
    request, *, city_key=None, city=None, year=None, country_filter=False, show_map=False
):
    """The context of ``components/event_list.html``: put it in a page's ``city_events``.

    ``city`` (a city page being shown) lists its events with no query for their city;
    ``country_filter`` reads ``?country=`` and offers the countries that have events;
    ``show_map`` adds the Leaflet map (the list works without JavaScript).
    """
    if city is not None:
        city_key = city.translation_key
    selected = ""
    countries = []
    if country_filter:
        countries = _countries_with_events(year)
        wanted = (request.GET.get("country", "") if request else "")[:2].upper()
        selected = wanted if wanted in {code for code, _name in countries} else ""
    events = approved_events(city_key=city_key, year=year, country=selected or None)
    if city is not None:
        events = list(events)
        for event in events:
            event.local_city = city
    else:
        events = attach_cities(events)
    now = timezone.now()
    upcoming = [e for e in events if (e.ends_at or e.starts_at) >= now]
    past = [e for e in events if (e.ends_at or e.starts_at) < now][::-1]
    return {
        "events": events,
        "upcoming": upcoming,
        "past": past,
        "groups": group_by_country(events) if country_filter else [],
        "countries": countries,
        "selected_country": selected,
        "country_filter": country_filter,
        "year": year,
        "show_map": show_map and bool(events),
        "geo": events_geo(events, request) if show_map else [],
        **map_settings(),
    }


# What the pages' get_context put in ``city_events`` (one line each, see the module doc).


def events_of_city(city_key):
    """Every event of a city, drafts included, newest first: My city's table."""
    return CityEvent.objects.filter(city_key=city_key).order_by("-starts_at", "-pk")
