"""The exhibition of a summit's results, its panels, host cities and residents' contributions.

An ``ExhibitionPage`` lives under its ``SummitPage``; each ``PanelPage`` under it is one
workshop or theme, written and published on its own during the summit, translated
like every page. Contributions, supports, reports and hosts are rows keyed on the
pages' ``translation_key`` (like signatures and 16 May events): every language shows
the same discussion, each contribution in the language it was written in.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from rest_framework import serializers

from cities.models import CityPage
from core.admin_i18n import OneLanguagePageForm
from core.blocks import CaptionedImageBlock, KeyFigureBlock
from core.i18n import in_language, localized_by_key
from core.restrictions import private_q


class MayorBlock(blocks.StructBlock):
    city = blocks.PageChooserBlock(label=_("city"), page_type="cities.CityPage")
    name = blocks.CharBlock(
        label=_("name"),
        max_length=150,
        required=False,
        help_text=_("Leave empty for the mayor named on the city's page."),
    )

    class Meta:
        icon = "user"
        label = _("Mayor")


class ExhibitionPage(RoutablePageMixin, Page):
    """The public exhibition of a summit's results: its panels, a kiosk view, host cities."""

    introduction = models.TextField(_("introduction"), blank=True)
    venue = models.CharField(
        _("venue"), max_length=200, blank=True, help_text=_("Where the summit's city shows it.")
    )
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    kiosk_seconds = models.PositiveSmallIntegerField(
        _("seconds per panel on the kiosk"), default=20
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("opens_on"), FieldPanel("closes_on")],
            heading=_("Where and when"),
        ),
        FieldPanel("kiosk_seconds"),
    ]
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("opens_on"),
        SynchronizedField("closes_on"),
        SynchronizedField("kiosk_seconds"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    api_fields = [
        APIField("introduction"),
        APIField("venue"),
        APIField("opens_on"),
        APIField("closes_on"),
    ]

    parent_page_types = ["summits.SummitPage"]
    subpage_types = ["exhibitions.PanelPage"]
    max_count_per_parent = 1
    template = "pages/exhibition_page.html"

    class Meta:
        verbose_name = _("exhibition")

    @property
    def summit(self):
        return self.get_parent().specific

    def panels(self):
        return PanelPage.objects.child_of(self).live().exclude(private_q()).order_by("path")

    def hosts(self):
        return ExhibitionHost.objects.filter(exhibition_key=self.translation_key).order_by(
            "start_date", "pk"
        )

    def get_context(self, request, *args, **kwargs):
        from .views import exhibition_context

        context = super().get_context(request, *args, **kwargs)
        context.update(exhibition_context(self, request, kwargs.get("host")))
        return context

    @path("", name="exhibition")
    def exhibition_route(self, request):
        return self.render(request)

    @path("hosts/<int:host_id>/", name="host")
    def host_route(self, request, host_id):
        from .views import host_exhibition

        return host_exhibition(self, request, host_id)

    @path("kiosk/", name="kiosk")
    def kiosk_route(self, request):
        from .views import kiosk

        return kiosk(self, request)

    @path("hosts/<int:host_id>/kiosk/", name="host_kiosk")
    def host_kiosk_route(self, request, host_id):
        from .views import kiosk

        return kiosk(self, request, host_id)


class PanelPage(RoutablePageMixin, Page):
    """One panel of the exhibition: a workshop's or a theme's results, and its discussion."""

    base_form_class = OneLanguagePageForm

    theme = models.ForeignKey(
        "cities.Theme",
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("summary"))
    key_figures = StreamField(
        [("figure", KeyFigureBlock(label=_("Key figure"), icon="table"))],
        verbose_name=_("key figures"),
        blank=True,
        max_num=6,
    )
    commitments = StreamField(
        [("commitment", blocks.TextBlock(label=_("Commitment"), icon="tick"))],
        verbose_name=_("commitments"),
        blank=True,
    )
    images = StreamField(
        [("image", CaptionedImageBlock())], verbose_name=_("images"), blank=True, max_num=4
    )
    mayors = StreamField(
        [("mayor", MayorBlock())], verbose_name=_("mayors who took part"), blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("theme"),
        FieldPanel("summary"),
        FieldPanel("key_figures"),
        FieldPanel("commitments"),
        FieldPanel("images"),
        FieldPanel("mayors"),
    ]
    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("theme")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("commitments"),
        # Approved contributions are found with their panel (re-indexed on moderation).
        index.SearchField("public_contributions_text"),
    ]

    parent_page_types = ["exhibitions.ExhibitionPage"]
    subpage_types = []
    template = "pages/panel_page.html"

    class Meta:
        verbose_name = _("exhibition panel")

    @property
    def exhibition(self):
        return self.get_parent().specific

    def public_contributions(self):
        return Contribution.objects.public().filter(panel_key=self.translation_key)

    def public_contributions_text(self):
        return "\n".join(self.public_contributions().values_list("body", flat=True))

    def local_theme(self):
        if not self.theme_id:
            return None
        return localized_by_key([self.theme])[self.theme.translation_key]

    def local_mayors(self):
        """(name, city in the active language) of each mayor who took part."""
        blocks = [block for block in self.mayors if block.value["city"] is not None]
        cities = localized_by_key(block.value["city"].specific for block in blocks)
        mayors = []
        for block in blocks:
            city = cities[block.value["city"].translation_key]
            mayors.append({"name": block.value["name"] or city.mayor, "city": city})
        return mayors

    def get_context(self, request, *args, **kwargs):
        from .discussion import panel_context

        context = super().get_context(request, *args, **kwargs)
        context.update(panel_context(self, request, **kwargs))
        return context

    @path("", name="panel")
    def panel_route(self, request):
        return self.render(request)

    @path("contribute/", name="contribute")
    def contribute_route(self, request):
        from .discussion import contribute

        return contribute(self, request)

    @path("contribute/thanks/", name="thanks")
    def thanks_route(self, request):
        from .discussion import thanks

        return thanks(self, request)

    @path("confirm/<str:token>/", name="confirm")
    def confirm_route(self, request, token):
        from .discussion import confirm

        return confirm(self, request, token)

    @path("manage/<str:token>/", name="manage")
    def manage_route(self, request, token):
        from .discussion import manage

        return manage(self, request, token)

    @path("support/<int:pk>/", name="support")
    def support_route(self, request, pk):
        from .discussion import support

        return support(self, request, pk)

    @path("report/<int:pk>/", name="report")
    def report_route(self, request, pk):
        from .discussion import report

        return report(self, request, pk)

    @path("answer/", name="answer")
    def answer_route(self, request):
        from .discussion import answer

        return answer(self, request)

    @path("poster/", name="poster")
    def poster_route(self, request):
        from .views import poster

        return poster(self, request)


class ExhibitionHost(models.Model):
    """A member city showing a summit's exhibition to its residents: where, when, which language."""

    exhibition_key = models.UUIDField(_("exhibition"), db_index=True)
    city_key = models.UUIDField(_("city"), db_index=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    venue = models.CharField(_("venue"), max_length=200)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("host city")
        verbose_name_plural = _("host cities")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="exhibition_host_dates"
            )
        ]

    def __str__(self):
        city = self.city()
        return f"{city.title if city else '—'} ({self.start_date:%Y-%m-%d})"

    def city(self, locale=None):
        return in_language(CityPage.objects.filter(translation_key=self.city_key), locale)

    def locale(self):
        return Locale.objects.filter(language_code=self.language).first()

    def exhibition(self, locale=None):
        """The exhibition in ``locale``, by default in the host's own language."""
        pages = ExhibitionPage.objects.live().filter(translation_key=self.exhibition_key)
        return in_language(pages, locale or self.locale())


class ContributionQuerySet(models.QuerySet):
    def public(self):
        """Approved, and answers only under an approved contribution: what anyone may read."""
        return self.filter(status=Contribution.Status.APPROVED).filter(
            Q(parent__isnull=True) | Q(parent__status=Contribution.Status.APPROVED)
        )

    def with_supports(self):
        return self.annotate(support_count=Count("supports", distinct=True))

    def for_summit(self, summit):
        return self.filter(summit_key=summit.translation_key)


def new_secret():
    return secrets.token_urlsafe(24)


class Contribution(models.Model):
    """A resident's comment or proposal on a panel, or a member city's answer."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment")
        PROPOSAL = "proposal", _("Proposal")
        ANSWER = "answer", _("Answer of a city")

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Awaiting email confirmation")
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    panel = models.ForeignKey(
        PanelPage,
        verbose_name=_("panel"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The panel's page in the language it was written on."),
    )
    panel_key = models.UUIDField(_("panel"), db_index=True)
    summit_key = models.UUIDField(_("summit"), db_index=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.COMMENT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("answer to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="answers",
    )
    body = models.TextField(_("text"), max_length=2000)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    name = models.CharField(_("name"), max_length=120)
    # Never shown, exported or served: only the confirmation and the links go there.
    email = models.EmailField(_("email"), blank=True)
    city_key = models.UUIDField(
        _("city"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("The city that answers, or that hosts the exhibition the resident saw."),
    )
    answered_as_city = models.BooleanField(_("answer of a city"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("city account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    host = models.ForeignKey(
        ExhibitionHost,
        verbose_name=_("host city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UNCONFIRMED
    )
    secret = models.CharField(max_length=64, default=new_secret, editable=False)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ContributionQuerySet.as_manager()

    panels = [FieldPanel("status"), FieldPanel("kind"), FieldPanel("name"), FieldPanel("body")]

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["panel_key", "status"])]

    def __str__(self):
        return f"{self.name}: {self.body[:60]}"

    def city(self, locale=None):
        if self.city_key is None:
            return None
        return in_language(CityPage.objects.filter(translation_key=self.city_key), locale)

    def summit(self, locale=None):
        from wagtail.models import Page as BasePage

        pages = BasePage.objects.filter(translation_key=self.summit_key)
        page = in_language(pages, locale)
        return page.specific if page else None

    def local_panel(self, locale=None):
        return in_language(PanelPage.objects.filter(translation_key=self.panel_key), locale)

    @property
    def is_public(self):
        return self.status == self.Status.APPROVED and (
            self.parent_id is None or self.parent.status == self.Status.APPROVED
        )


class Support(models.Model):
    """One "I support this" on a proposal, once per visitor (a digest of their session)."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="supports"
    )
    supporter = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        constraints = [
            models.UniqueConstraint(fields=["contribution", "supporter"], name="one_support_each")
        ]

    def __str__(self):
        return f"{self.contribution_id}: {self.supporter[:8]}"


class ContributionReport(models.Model):
    """A resident's report of a contribution to the moderators."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="reports")
    reason = models.TextField(_("reason"), max_length=1000, blank=True)
    reporter = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contribution report")
        constraints = [
            models.UniqueConstraint(fields=["contribution", "reporter"], name="one_report_each")
        ]

    def __str__(self):
        return f"{self.contribution_id}: {self.reason[:60]}"


class ContributionSerializer(serializers.Serializer):
    """A contribution in the API: what the page shows, never an email address."""

    id = serializers.IntegerField()
    kind = serializers.CharField()
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    body = serializers.CharField()
    language = serializers.CharField()
    name = serializers.CharField()
    city = serializers.SerializerMethodField()
    answered_as_city = serializers.BooleanField()
    created_at = serializers.DateTimeField()

    def get_city(self, obj):
        city = obj.city()
        return city.title if city else None


PanelPage.api_fields = [
    APIField("summary"),
    APIField("key_figures"),
    APIField("commitments"),
    APIField("mayors"),
    APIField(
        "contributions", serializer=ContributionSerializer(source="public_contributions", many=True)
    ),
]
