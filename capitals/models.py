"""Capitals of Living Together by year (the archive, each year's Capital) and their cycle."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Avg, Count, Sum
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cities.models import CityPage
from core.blocks import BaseStreamBlock
from core.dates import INTERNATIONAL_DAY, next_international_day
from core.i18n import in_language, localized_by_key
from core.images import PageImageMixin, renditions_of
from core.restrictions import private_q
from core.sections import CAPITAL_PAGE, section_context
from core.structured_data import json_ld
from summits.models import Signature


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

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction", help_text=_("A sentence or two above the list of Capitals.")),
    ]
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
            .exclude(private_q())
            .defer_streamfields()
            .select_related("city", "image")
            .prefetch_related(renditions_of("card"))
            .order_by("-year")
        )
        return context


class CapitalPage(PageImageMixin, Page):
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
        FieldPanel("year", help_text=_("The year the city is the Capital of Living Together.")),
        FieldPanel("city", help_text=_("The member city designated Capital.")),
        FieldPanel("designated_on", help_text=_("When the designation was announced.")),
        FieldPanel(
            "introduction",
            help_text=_("A short paragraph at the top of the page, also shown in the archive."),
        ),
        *PageImageMixin.image_panels,
        FieldPanel(
            "programme", help_text=_("The programme of the 16 May celebration in the Capital.")
        ),
        FieldPanel("report", help_text=_("After the Day: what happened, with images and figures.")),
    ]
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("year"),
        SynchronizedField("city"),
        SynchronizedField("designated_on"),
        SynchronizedField("image"),
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
            self._local_city = localized_by_key([self.city])[self.city.translation_key]
        return self._local_city

    @local_city.setter
    def local_city(self, city):
        self._local_city = city

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["json_ld"] = self.json_ld(request)
        context.update(section_context(CAPITAL_PAGE, self, request))
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


def current_capital(locale, today=None):
    """The Capital of the coming (or current) 16 May, in ``locale`` where translated."""
    year = next_international_day(today).year
    return (
        CapitalPage.objects.live()
        .exclude(private_q())
        .filter(locale=locale, year__lte=year)
        .select_related("city")
        .order_by("-year")
        .first()
    )


# -- The Capital cycle: calls, criteria, applications, the jury ----------------------------

JURY_GROUP = "Capital jury"


class CapitalCall(ClusterableModel):
    """A call for applications to be the Capital of Living Together of one year."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    deadline = models.DateTimeField(_("deadline"))
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown to cities with the application form.")
    )
    declaration = models.ForeignKey(
        "summits.DeclarationPage",
        verbose_name=_("declaration to have signed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Eligible cities have signed it (the Düsseldorf Declaration)."),
    )
    designated = models.OneToOneField(
        "capitals.CapitalApplication",
        verbose_name=_("designated Capital"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    designated_at = models.DateTimeField(_("designated at"), null=True, blank=True)

    panels = [
        FieldPanel("year", help_text=_("The year of the Capital this call designates.")),
        FieldPanel("deadline", help_text=_("Cities can apply until this date and time.")),
        FieldPanel("introduction"),
        FieldPanel("declaration"),
        InlinePanel("criteria", label=_("criteria"), min_num=1),
    ]

    class Meta:
        verbose_name = _("Capital call")
        verbose_name_plural = _("Capital calls")
        ordering = ["-year"]

    def __str__(self):
        return _("Capital of Living Together %(year)s") % {"year": self.year}

    @property
    def is_open(self):
        return self.designated_id is None and timezone.now() < self.deadline

    def max_total(self):
        return sum(criterion.max_points for criterion in self.criteria.all())

    def ranking(self):
        """Submitted applications, best average total first, with scoring progress."""
        applications = list(
            self.applications.filter(status=CapitalApplication.Status.SUBMITTED).annotate(
                scored_by=Count("scores__juror", distinct=True),
                points=Sum("scores__points"),
            )
        )
        for application in applications:
            per_juror = (
                application.scores.values("juror")
                .annotate(total=Sum("points"))
                .aggregate(average=Avg("total"))["average"]
            )
            application.average = round(per_juror, 2) if per_juror is not None else None
            application.eligible = application.is_eligible()
        applications.sort(key=lambda a: (a.average is None, -(a.average or 0), a.pk))
        return applications


class CapitalCriterion(Orderable):
    """A published criterion of a call, scored from 0 to its maximum."""

    call = ParentalKey(CapitalCall, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    max_points = models.PositiveSmallIntegerField(_("maximum points"), default=10)

    panels = [
        FieldPanel(
            "name", help_text=_("What the jury scores, for example “Involvement of residents”.")
        ),
        FieldPanel("description", help_text=_("What jurors look for under this criterion.")),
        FieldPanel(
            "max_points", help_text=_("The highest score a juror can give for this criterion.")
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return self.name


class CapitalApplication(models.Model):
    """A member city's application to a call, keyed on the city's translation_key."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")

    call = models.ForeignKey(CapitalCall, on_delete=models.CASCADE, related_name="applications")
    city_key = models.UUIDField(_("city"))
    motivation = models.TextField(_("motivation"))
    planned_activities = models.TextField(_("planned 16 May activities"))
    documents = models.ManyToManyField(
        "wagtaildocs.Document", verbose_name=_("supporting documents"), blank=True
    )
    # Private: the city's team, the editors and the jury (capitals.cycle.application_collection).
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("collection"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="capital_application",
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Capital application")
        verbose_name_plural = _("Capital applications")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "city_key"], name="capitals_one_application_per_city"
            )
        ]

    def __str__(self):
        city = self.city()
        return f"{city.title if city else self.city_key} ({self.call.year})"

    def city(self, locale=None):
        return in_language(CityPage.objects.filter(translation_key=self.city_key), locale)

    def is_eligible(self):
        """A live member city that has signed (counted signature) the call's declaration."""
        if not CityPage.objects.live().filter(translation_key=self.city_key).exists():
            return False
        declaration = self.call.declaration
        if declaration is None:
            return False
        return (
            Signature.objects.for_declaration(declaration)
            .counted()
            .filter(city__translation_key=self.city_key)
            .exists()
        )


class JurorDeclaration(models.Model):
    """A juror's word on one application: a conflict of interest, or none."""

    application = models.ForeignKey(
        CapitalApplication, on_delete=models.CASCADE, related_name="juror_declarations"
    )
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    has_conflict = models.BooleanField(_("conflict of interest"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "juror"], name="capitals_one_declaration_per_juror"
            )
        ]

    def __str__(self):
        return f"{self.juror} / {self.application}: {self.has_conflict}"


class CapitalScore(models.Model):
    """A juror's points for one application on one criterion."""

    application = models.ForeignKey(
        CapitalApplication, on_delete=models.CASCADE, related_name="scores"
    )
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    criterion = models.ForeignKey(CapitalCriterion, on_delete=models.CASCADE, related_name="+")
    points = models.PositiveSmallIntegerField(_("points"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "juror", "criterion"], name="capitals_one_score"
            )
        ]

    def __str__(self):
        return f"{self.juror} / {self.application} / {self.criterion}: {self.points}"
