"""16 May events: what member cities register for the International Day, and its review.

A city's team writes an event from My city (``capitals.portal_views``), saves it
as a draft and submits it; the Observatory's reviewers (the "Moderators" group
and superusers) are told by email and approve or reject it in the admin
("16 May events", ``capitals.wagtail_hooks``); the city hears back in the
language the event was written in. Approved events show on the International
Day page, on the city's page and on the Capital's page of that year, and in the
iCalendar of registered events.

Events key on the city page's ``translation_key`` (like ``cities.CityTeam``):
every language shows the same events, with the city's name in that language.
"""

import datetime
import zoneinfo
from collections import defaultdict
from functools import cache

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Locale

from observatory.emails import absolute_url, send_templated_email

REVIEWERS_GROUP = "Moderators"  # initiatives.moderation.MODERATORS: the same people review


@cache
def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


def country_time_zone(country_code):
    """The main IANA time zone of a country (Babel's CLDR data), else the site's."""
    from babel.core import get_global

    zones = get_global("territory_zones").get(str(country_code or "").upper()) or []
    # CLDR lists a country's zones alphabetically: name the most populous one where
    # a country has several; a one-zone country has only its own.
    preferred = {
        "CA": "America/Toronto",
        "US": "America/New_York",
        "ES": "Europe/Madrid",
        "PT": "Europe/Lisbon",
        "AU": "Australia/Sydney",
        "BR": "America/Sao_Paulo",
        "MX": "America/Mexico_City",
        "RU": "Europe/Moscow",
        "DE": "Europe/Berlin",
        "FR": "Europe/Paris",
        "NL": "Europe/Amsterdam",
        "NZ": "Pacific/Auckland",
        "AR": "America/Argentina/Buenos_Aires",
        "CL": "America/Santiago",
        "EC": "America/Guayaquil",
        "ID": "Asia/Jakarta",
        "KZ": "Asia/Almaty",
        "CD": "Africa/Kinshasa",
        "UA": "Europe/Kyiv",
    }
    zone = preferred.get(str(country_code or "").upper())
    if zone and zone in zoneinfo.available_timezones():
        return zone
    for zone in zones:
        if zone in zoneinfo.available_timezones():
            return zone
    return settings.TIME_ZONE


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
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("time_zone", widget=forms.Select(choices=time_zone_choices())),
        MultiFieldPanel(
            [
                FieldPanel("place"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Place"),
        ),
        FieldPanel("description"),
        FieldPanel("link"),
        FieldPanel("image"),
    ]

    class Meta:
        verbose_name = _("16 May event")
        verbose_name_plural = _("16 May events")
        ordering = ["starts_at", "pk"]
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
        from cities.models import CityPage

        locale = locale or Locale.get_active()
        pages = CityPage.objects.filter(translation_key=self.city_key)
        return pages.filter(locale=locale).first() or pages.order_by("pk").first()


# -- Listing approved events --------------------------------------------------------------


def city_keys_in_country(country):
    from cities.models import CityPage

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
    from cities.models import CityPage

    events = list(events)
    locale = locale or Locale.get_active()
    keys = {event.city_key for event in events}
    pages = {}
    for page in (
        CityPage.objects.live()
        .public()
        .filter(translation_key__in=keys)
        .select_related("locale")
        .order_by("pk")
    ):
        current = pages.get(page.translation_key)
        if current is None or (page.locale_id == locale.pk and current.locale_id != locale.pk):
            pages[page.translation_key] = page
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


def _when(event):
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
            "when": _when(event),
            "anchor": f"#event-{event.pk}",
            "lat": float(event.latitude),
            "lng": float(event.longitude),
        }
        for event in events
        if event.latitude is not None and event.longitude is not None
    ]


def _countries_with_events(year=None):
    from cities.models import CityPage

    keys = approved_events(year=year).values_list("city_key", flat=True).distinct()
    countries = {
        city.country.code: city.country.name
        for city in CityPage.objects.filter(translation_key__in=keys).only("country")
    }
    return sorted(countries.items(), key=lambda item: str(item[1]))


def map_settings():
    """The tile server of the maps (cities.models reads the same settings)."""
    from cities.models import DEFAULT_TILE_ATTRIBUTION, DEFAULT_TILE_URL

    return {
        "map_tile_url": getattr(settings, "OBSERVATORY_MAP_TILE_URL", DEFAULT_TILE_URL),
        "map_attribution": getattr(
            settings, "OBSERVATORY_MAP_ATTRIBUTION", DEFAULT_TILE_ATTRIBUTION
        ),
    }


def events_listing(request, *, city_key=None, year=None, country_filter=False, show_map=False):
    """The context of ``components/event_list.html``: put it in a page's ``city_events``.

    ``country_filter`` reads ``?country=`` and offers the countries that have events;
    ``show_map`` adds the Leaflet map (the list works without JavaScript).
    """
    selected = ""
    countries = []
    if country_filter:
        countries = _countries_with_events(year)
        wanted = (request.GET.get("country", "") if request else "")[:2].upper()
        selected = wanted if wanted in {code for code, _name in countries} else ""
    events = attach_cities(approved_events(city_key=city_key, year=year, country=selected or None))
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


def city_page_events(page, request):
    """A CityPage: its upcoming and past approved events."""
    return events_listing(request, city_key=page.translation_key)


def capital_page_events(page, request):
    """A CapitalPage: the approved events of its city in its year."""
    return events_listing(request, city_key=page.city.translation_key, year=page.year)


def international_day_events(page, request):
    """The International Day page: the coming 16 May's events by country, filter and map."""
    return events_listing(request, year=campaign_year(), country_filter=True, show_map=True)


def events_of_city(city_key):
    """Every event of a city, drafts included, newest first: My city's table."""
    return CityEvent.objects.filter(city_key=city_key).order_by("-starts_at", "-pk")


# -- Submission and review ------------------------------------------------------------------


def _language(user, fallback="en"):
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile and profile.preferred_language) or fallback


def reviewers():
    """Who reviews events: active members of "Moderators" and superusers, with an email."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    condition = Q(is_superuser=True) | Q(groups__name=REVIEWERS_GROUP)
    return users.filter(condition).distinct().select_related("wagtail_userprofile")


def can_review(user):
    return bool(
        user.is_authenticated
        and user.is_active
        and (
            user.is_superuser
            or user.has_perm("capitals.change_cityevent")
            or user.groups.filter(name=REVIEWERS_GROUP).exists()
        )
    )


def _email_context(event, language):
    """JSON-safe strings for the emails, in ``language``."""
    with translation.override(language):
        city = event.city(Locale.objects.filter(language_code=language).first())
        return {
            "title": event.title,
            "city": city.title if city else "",
            "when": _when(event),
            "place": event.place,
            "comment": event.review_comment,
            "my_city_url": absolute_url(reverse("my_city")),
            "public_url": absolute_url(city.url) if city and city.live and city.url else "",
            "review_url": absolute_url(reverse("city_events_admin:review", args=[event.pk])),
        }


def notify_reviewers(event, user=None):
    for reviewer in reviewers():
        if user is not None and reviewer.pk == user.pk:
            continue
        profile = getattr(reviewer, "wagtail_userprofile", None)
        if profile is not None and not profile.submitted_notifications:
            continue
        language = _language(reviewer)
        context = {
            **_email_context(event, language),
            "submitted_by": (user.get_full_name() or user.get_username()) if user else "",
        }
        send_templated_email.delay_on_commit(
            "city_event_submitted", reviewer.email, context, language
        )


def _notify_city(event, template):
    recipient = event.submitted_by or event.created_by
    if recipient is None or not recipient.email:
        return
    send_templated_email.delay_on_commit(
        template, recipient.email, _email_context(event, event.language), event.language
    )


@transaction.atomic
def submit_event(event, user):
    """Send an event for review (once: a second submit of the same version tells no one)."""
    was_submitted = event.status == CityEvent.Status.SUBMITTED
    event.status = CityEvent.Status.SUBMITTED
    event.submitted_by = user
    event.submitted_at = timezone.now()
    event.save()
    if not was_submitted:
        notify_reviewers(event, user)
    return event


def _review(event, user, status, comment):
    """Move a submitted event to ``status``; False if it was not (or no longer) submitted."""
    with transaction.atomic():
        changed = CityEvent.objects.filter(pk=event.pk, status=CityEvent.Status.SUBMITTED).update(
            status=status,
            review_comment=comment,
            reviewed_by=user,
            reviewed_at=timezone.now(),
        )
        if not changed:
            return False
        event.refresh_from_db()
        _notify_city(
            event,
            "city_event_approved" if status == CityEvent.Status.APPROVED else "city_event_rejected",
        )
    return True


def approve_event(event, user, comment=""):
    return _review(event, user, CityEvent.Status.APPROVED, comment)


def reject_event(event, user, comment):
    return _review(event, user, CityEvent.Status.REJECTED, comment)


def campaign_year(today=None):
    """The year whose events the International Day page shows: the coming (or today's) 16 May."""
    from .models import next_international_day

    return next_international_day(today or timezone.localdate()).year


def event_bounds(event):
    """(start, end) in UTC; an event without an end lasts two hours in calendars."""
    start = event.starts_at.astimezone(datetime.UTC)
    end = (event.ends_at or event.starts_at + datetime.timedelta(hours=2)).astimezone(datetime.UTC)
    return start, end


# city slug: (title, place, local start "HH:MM", description, language) — demo events
DEMO_EVENTS = {
    "duesseldorf": (
        "Fest der Nachbarschaften am Rhein",
        "Burgplatz",
        "17:00",
        "Musik, Essen und Spiele aus allen Stadtteilen, mit den Vereinen der Stadt. (Demo)",
        "de",
    ),
    "montreal": (
        "Grande tablée du vivre-ensemble",
        "Place des Festivals",
        "12:00",
        "Un repas partagé de quartier en quartier, ouvert à toutes et à tous. (Démo)",
        "fr",
    ),
    "bogota": (
        "Festival de la convivencia",
        "Parque Simón Bolívar",
        "10:00",
        "Talleres, música y diálogo entre vecinos de todas las localidades. (Demo)",
        "es",
    ),
}


def load_demo_events(today=None):
    """Approved 16 May events of a few demo cities, for the coming 16 May. Idempotent."""
    from cities.models import CityPage

    year = campaign_year(today)
    created = []
    for slug, (title, place, start, description, language) in DEMO_EVENTS.items():
        city = CityPage.objects.filter(slug=slug, locale__language_code="en").first()
        if city is None or CityEvent.objects.filter(city_key=city.translation_key).exists():
            continue
        zone = country_time_zone(city.country.code) or "UTC"
        hour, minute = (int(part) for part in start.split(":"))
        starts = datetime.datetime(year, 5, 16, hour, minute, tzinfo=zoneinfo.ZoneInfo(zone))
        created.append(
            CityEvent.objects.create(
                city_key=city.translation_key,
                title=title,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=5),
                time_zone=zone,
                place=place,
                latitude=city.latitude,
                longitude=city.longitude,
                description=description,
                language=language,
                status=CityEvent.Status.APPROVED,
                reviewed_at=timezone.now(),
            )
        )
    return created
