"""Signatures of declarations: who signed, which statement, confirmed or not.

A signature keys on the declaration page's ``translation_key``: every language
shows the same signatories and counts.
"""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string

from django_countries.fields import CountryField

from core.i18n import in_language


class SignatureKind(models.TextChoices):
    """The two statements a signatory of a declaration chooses between."""

    COMMIT = "commit", _("I agree and commit")
    ACKNOWLEDGE = "acknowledge", _("I acknowledge and will bring it to my mayor or council")


class SignatureQuerySet(models.QuerySet):
    def for_declaration(self, declaration):
        """Signatures of a declaration in any language: they key on its translation_key."""
        return self.filter(declaration_key=declaration.translation_key)

    def counted(self):
        """Signatures that count: confirmed and not hidden by an editor."""
        return self.filter(confirmed_at__isnull=False, hidden=False)

    def for_city(self, city):
        """Signatures of a member city (any translation of its page), every declaration."""
        return self.filter(city__translation_key=city.translation_key)

    def with_email(self, email):
        """Signatures by ``email``, whatever its case (as the unique constraint compares it)."""
        return self.alias(email_lower=Lower("email")).filter(email_lower=email.lower())


class Signature(models.Model):
    """One signature of a declaration, shared by every translation of the declaration page."""

    class Source(models.TextChoices):
        ONLINE = "online", _("online")
        PAPER = "paper", _("paper")
        CITY = "city", _("member city account")

    declaration_key = models.UUIDField(
        _("declaration"), db_index=True, help_text=_("The declaration page's translation key.")
    )
    kind = models.CharField(_("statement"), max_length=12, choices=SignatureKind.choices)
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    city = models.ForeignKey(
        "cities.CityPage",
        verbose_name=_("member city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    city_name = models.CharField(_("city"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.ONLINE
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    hidden = models.BooleanField(_("hidden"), default=False)
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        help_text=_("The language the signatory used: emails to them are in it."),
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The member-city account that signed on behalf of its city."),
    )
    upgraded_at = models.DateTimeField(
        _("upgraded to a commitment at"),
        null=True,
        blank=True,
        help_text=_("When an acknowledging city committed, by a decision of its council."),
    )
    council_decision = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("council decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SignatureQuerySet.as_manager()

    panels = [
        FieldPanel("declaration_key"),
        FieldPanel(
            "kind",
            help_text=_(
                "Commit: the city commits now. Acknowledge: the mayor "
                "brings the declaration to the council."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("name", help_text=_("The signatory's full name, as it will be shown.")),
                FieldPanel(
                    "title", help_text=_("The signatory's office, for example “Mayor of Montréal”.")
                ),
                FieldPanel(
                    "city", help_text=_("The member city, when the signatory's city is one.")
                ),
                FieldPanel(
                    "city_name",
                    help_text=_(
                        "The city as the signatory wrote it (for cities that are not members)."
                    ),
                ),
                FieldPanel(
                    "country",
                    help_text=_("The signatory's country: counted in the signatures by country."),
                ),
                FieldPanel(
                    "email",
                    help_text=_(
                        "Used only to confirm the signature and answer "
                        "the signatory; never published."
                    ),
                ),
            ],
            heading=_("Signatory"),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "source",
                    help_text=_("How the signature arrived: the online form, paper or an import."),
                ),
                FieldPanel(
                    "signed_on", help_text=_("The date written on a paper signature, if any.")
                ),
                FieldPanel(
                    "confirmed_at",
                    help_text=_(
                        "A signature counts once confirmed, by its emailed link or by an editor."
                    ),
                ),
                FieldPanel(
                    "hidden",
                    help_text=_(
                        "A hidden signature is kept but neither shown nor counted publicly."
                    ),
                ),
                FieldPanel("language", read_only=True),
                FieldPanel("signed_by", read_only=True),
            ],
            heading=_("Signature"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("upgraded_at"),
                FieldPanel(
                    "council_decision",
                    help_text=_(
                        "The council's decision to commit (a PDF), for a "
                        "city that first acknowledged."
                    ),
                ),
            ],
            heading=_("Commitment by council decision"),
        ),
    ]

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["name"]
        indexes = [models.Index(fields=["declaration_key", "kind"])]
        constraints = [
            # One signature per address and declaration, whatever the case of the address;
            # paper signatures without an address do not count.
            models.UniqueConstraint(
                models.F("declaration_key"),
                Lower("email"),
                condition=~models.Q(email=""),
                name="summits_signature_one_per_email",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    def declaration(self):
        """The declaration page in the active language (else in any), or None."""
        # By name: the pages module imports the signing views, which use this model.
        pages = apps.get_model("summits", "DeclarationPage").objects.filter(
            translation_key=self.declaration_key
        )
        return in_language(pages)

    def declaration_title(self):
        declaration = self.declaration()
        return declaration.title if declaration else ""

    declaration_title.short_description = _("declaration")

    @property
    def can_upgrade(self):
        """An acknowledgement a city can turn into a commitment (by its council's decision)."""
        return (
            self.kind == SignatureKind.ACKNOWLEDGE
            and self.city_id is not None
            and self.confirmed_at is not None
        )

    def upgrade_url(self):
        """The portal page where the city uploads its council's decision ("" if not routed)."""
        from django.urls import NoReverseMatch, reverse

        try:
            return reverse("signature_upgrade", kwargs={"signature_id": self.pk})
        except NoReverseMatch:
            return ""
