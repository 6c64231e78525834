"""The Capital of Living Together cycle: a call, cities' applications, the jury, designation.

Editors open a call for a year with a deadline and published criteria. Member
cities apply from My city; a city is eligible when it has signed the call's
declaration (the Düsseldorf Declaration). Jurors (the "Capital jury" group)
declare a conflict of interest or none for each application, and score only
those they have no conflict with. Designating the winner creates that year's
CapitalPage as a draft and tells every applicant.
"""

from django.conf import settings
from django.db import models
from django.db.models import Avg, Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

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
        FieldPanel("year"),
        FieldPanel("deadline"),
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

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("max_points")]

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
        from wagtail.models import Locale

        from cities.models import CityPage

        pages = CityPage.objects.filter(translation_key=self.city_key)
        locale = locale or Locale.get_active()
        return pages.filter(locale=locale).first() or pages.order_by("pk").first()

    def is_eligible(self):
        """A live member city that has signed (counted signature) the call's declaration."""
        from cities.models import CityPage
        from summits.models import Signature

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


def ensure_jury_group():
    """The "Capital jury" group: admin access, nothing else (scoring is checked by membership)."""
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name=JURY_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return group


def is_juror(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=JURY_GROUP).exists())


def declaration_of(application, juror):
    return JurorDeclaration.objects.filter(application=application, juror=juror).first()


def visible_to_juror(applications, juror):
    """The applications a juror may read and score: declared free of conflict."""
    return applications.filter(
        juror_declarations__juror=juror, juror_declarations__has_conflict=False
    )


def designate(call, application, user):
    """Make ``application`` the year's Capital: a draft CapitalPage, and every applicant told."""
    from django.db import transaction

    from observatory.emails import absolute_url, send_templated_email

    from .models import CapitalIndexPage, CapitalPage

    with transaction.atomic():
        call = CapitalCall.objects.select_for_update().get(pk=call.pk)
        if call.designated_id:
            raise ValueError("This call already has its Capital.")
        from wagtail.models import Locale

        index = CapitalIndexPage.objects.filter(locale=Locale.get_default()).first()
        city = application.city(Locale.get_default())
        page = CapitalPage.objects.filter(year=call.year, locale=Locale.get_default()).first()
        if page is None:
            page = CapitalPage(
                title=f"{city.title} {call.year}",
                slug=str(call.year),
                year=call.year,
                city=city,
                designated_on=timezone.localdate(),
                live=False,
                owner=user,
            )
            index.add_child(instance=page)
            page.save_revision(user=user, log_action=True)
        call.designated = application
        call.designated_at = timezone.now()
        call.save(update_fields=["designated", "designated_at"])
        for other in call.applications.filter(status=CapitalApplication.Status.SUBMITTED):
            recipient = other.submitted_by
            if recipient is None or not recipient.email:
                continue
            winner = other.pk == application.pk
            from django.urls import reverse
            from django.utils import translation

            with translation.override(other.language):
                my_city = absolute_url(reverse("my_city"))
                winner_city = application.city().title
            send_templated_email.delay_on_commit(
                "capital_designated" if winner else "capital_not_designated",
                recipient.email,
                {"year": call.year, "city": winner_city, "my_city_url": my_city},
                other.language,
            )
    return page


DEMO_CRITERIA = (
    ("Commitment to living together", "Policies and programmes already in place.", 10),
    ("16 May programme", "The celebration the city plans, its audiences and partners.", 10),
    ("Reach", "How the city will involve other cities and its residents.", 5),
)


def load_demo_call(today=None):
    """An open call for the year after the demo Capitals, with criteria. Idempotent."""
    import datetime

    from wagtail.models import Locale

    from summits.models import DeclarationPage

    from .models import CapitalPage, next_international_day

    today = today or timezone.localdate()
    last = CapitalPage.objects.order_by("-year").values_list("year", flat=True).first()
    year = max(last or 0, next_international_day(today).year) + 1
    if CapitalCall.objects.filter(year=year).exists():
        return None
    deadline = timezone.make_aware(datetime.datetime(year - 1, 12, 31, 23, 59))
    if deadline <= timezone.now():
        deadline = timezone.now() + datetime.timedelta(days=60)
    call = CapitalCall.objects.create(
        year=year,
        deadline=deadline,
        introduction=(
            "Member cities that have signed the Düsseldorf Declaration can apply to host "
            "the main celebration of 16 May. (Demo call.)"
        ),
        declaration=DeclarationPage.objects.filter(locale=Locale.get_default())
        .order_by("-adopted_on")
        .first(),
    )
    for order, (name, description, points) in enumerate(DEMO_CRITERIA):
        CapitalCriterion.objects.create(
            call=call, name=name, description=description, max_points=points, sort_order=order
        )
    ensure_jury_group()
    return call
