"""Subscribers and their consent, newsletters, campaigns and one delivery row per recipient."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from django_countries.fields import CountryField

from core.blocks import BaseStreamBlock
from core.emails import absolute_url
from core.images import PageImageMixin, renditions_of
from core.restrictions import private_q

from .rendering import render_newsletter


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("waiting for confirmation")
    SUBSCRIBED = "subscribed", _("subscribed")
    UNSUBSCRIBED = "unsubscribed", _("unsubscribed")
    BOUNCED = "bounced", _("bounced")
    COMPLAINED = "complained", _("complained")


class SubscriberQuerySet(models.QuerySet):
    def receiving(self):
        """Confirmed and not suppressed: the only addresses anything is sent to."""
        return self.filter(status=SubscriberStatus.SUBSCRIBED)


class Subscriber(models.Model):
    """One address on the single list, with its language preference."""

    email = models.EmailField(_("email"), max_length=254)
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
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
    is_city_contact = models.BooleanField(
        _("member-city contact"),
        default=False,
        help_text=_("Staff of a member city: an audience of its own."),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
        db_index=True,
    )
    # Opaque: the one-click unsubscribe link and the webhook name a subscriber by it.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, db_index=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletters_subscriber_unique_email")
        ]

    def __str__(self):
        return self.email

    def unsubscribe_url(self):
        """The one-click unsubscribe address (RFC 8058), in the subscriber's language."""

        with translation.override(self.language):
            return absolute_url(reverse("newsletter_unsubscribe", args=[self.token]))


class ConsentEvent(models.Model):
    """An append-only record of consent: each opt-in, confirmation and withdrawal."""

    class Action(models.TextChoices):
        OPT_IN = "opt_in", _("opt-in")
        CONFIRM = "confirm", _("confirmation")
        WITHDRAW = "withdraw", _("withdrawal")

    class Channel(models.TextChoices):
        FORM = "form", _("form")
        EMAIL_LINK = "email_link", _("email link")
        ONE_CLICK = "one_click", _("one-click unsubscribe")
        LINK = "link", _("unsubscribe link")
        COMPLAINT = "complaint", _("complaint")
        BOUNCE = "bounce", _("bounce")
        EDITOR = "editor", _("editor")
        IMPORT = "import", _("import")
        CITY_ACCOUNT = "city_account", _("member-city account")

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.PROTECT, related_name="consent_events"
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    consent_text = models.TextField(_("text shown"), blank=True)
    consent_version = models.CharField(_("text version"), max_length=40, blank=True)
    source_url = models.URLField(_("form address"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("consent event")
        verbose_name_plural = _("consent events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.subscriber} {self.action} ({self.channel})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Consent events are append-only: add a new one instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Consent events are append-only and are never deleted.")


class NewsletterIndexPage(Page):
    """The public archive of newsletters."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction", help_text=_("A sentence or two above the newsletter archive.")),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["newsletters.NewsletterPage"]
    max_count_per_parent = 1
    template = "pages/newsletter_index_page.html"

    class Meta:
        verbose_name = _("newsletter archive")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["newsletters"] = (
            NewsletterPage.objects.child_of(self)
            .live()
            .exclude(private_q())
            .defer_streamfields()
            .select_related("image")
            .prefetch_related(renditions_of("card"))
            .order_by("-first_published_at")
        )
        return context


class NewsletterPage(PageImageMixin, Page):
    """A newsletter: a page in the archive and, sent as a campaign, an email in each language."""

    subject = models.CharField(_("subject"), max_length=200)
    preheader = models.CharField(
        _("preheader"),
        max_length=200,
        blank=True,
        help_text=_("The line email programs show after the subject."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel(
            "subject", help_text=_("The email's subject line: under 60 characters reads best.")
        ),
        FieldPanel("preheader"),
        *PageImageMixin.image_panels,
        FieldPanel(
            "body",
            help_text=_(
                "The newsletter's content: the email and the web page are both made from it."
            ),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("subject"), index.SearchField("body")]
    parent_page_types = ["newsletters.NewsletterIndexPage"]
    subpage_types = []
    template = "pages/newsletter_page.html"

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")

    @property
    def preview_modes(self):
        return [("", _("Web page")), ("email", _("Email"))]

    def serve_preview(self, request, mode_name):
        """Editors preview the email itself, in this page's language."""
        if mode_name == "email":
            return HttpResponse(render_newsletter(self).html)
        return super().serve_preview(request, mode_name)


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("every subscriber")
    CITY_CONTACTS = "city_contacts", _("member-city contacts")
    LANGUAGE = "language", _("subscribers of one language")
    COUNTRY = "country", _("subscribers of one country")


class Campaign(models.Model):
    """One sending of a newsletter to an audience, now or at a time kept here (not in Celery)."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        PREPARING = "preparing", _("preparing")
        SENDING = "sending", _("sending")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    newsletter = models.ForeignKey(
        NewsletterPage,
        verbose_name=_("newsletter"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.EVERYONE
    )
    audience_language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    audience_country = CountryField(_("country"), blank=True)
    send_at = models.DateTimeField(_("send at"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-send_at"]

    def __str__(self):
        return f"{self.newsletter.title} ({self.send_at:%Y-%m-%d %H:%M})"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    CLAIMED = "claimed", _("claimed by a worker")
    SENDING = "sending", _("handing to the email service")
    SENT = "sent", _("sent")
    UNCERTAIN = "uncertain", _("uncertain")
    FAILED = "failed", _("failed")
    SKIPPED = "skipped", _("skipped (unsubscribed or suppressed)")


class Delivery(models.Model):
    """One recipient of one campaign: the row is the truth of what was sent.

    pending → claimed (a worker holds a lease) → sending (committed just before the
    email service is called) → sent (committed right after it accepts). A lease
    that expires in ``claimed`` goes back to pending; in ``sending`` it becomes
    ``uncertain``: the service may have accepted it, so it is never resent.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    language = models.CharField(max_length=8)
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    lease_until = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    message_id = models.CharField(max_length=255, blank=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    # What the email service reported afterwards (webhooks).
    bounced = models.BooleanField(default=False)
    complained = models.BooleanField(default=False)
    unsubscribed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "subscriber"], name="newsletters_delivery_once_per_campaign"
            )
        ]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self):
        return f"{self.campaign_id} → {self.subscriber_id}: {self.status}"


class EmailEvent(models.Model):
    """An event of the email service's tracking webhook, stored once by its id."""

    event_id = models.CharField(max_length=255, unique=True)
    event_type = models.CharField(max_length=32, db_index=True)
    esp_name = models.CharField(max_length=40, blank=True)
    recipient = models.EmailField(max_length=254, blank=True)
    message_id = models.CharField(max_length=255, blank=True, db_index=True)
    delivery = models.ForeignKey(
        Delivery, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    occurred_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    processed_at = models.DateTimeField(null=True, blank=True)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("email event")
        verbose_name_plural = _("email events")
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.event_type} {self.recipient}"


class ReminderMessage(TranslatableMixin, models.Model):
    """The text of a reminder, translated with wagtail-localize.

    ``{days}``, ``{capital}`` and ``{date}`` in the subject or body are replaced by
    the days left, the year's Capital of Living Together and the date of 16 May.
    """

    name = models.CharField(_("name"), max_length=100, help_text=_("For editors only."))
    subject = models.CharField(_("subject"), max_length=200)
    body = RichTextField(_("body"), features=["bold", "italic", "link", "ul"])

    panels = [
        FieldPanel("name"),
        FieldPanel(
            "subject",
            help_text=_(
                "The reminder's subject; {days}, {date} and "
                "{capital} are filled in when it is sent."
            ),
        ),
        FieldPanel(
            "body",
            help_text=_(
                "The reminder's text; {days}, {date} and {capital} are filled in when it is sent."
            ),
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("reminder message")
        verbose_name_plural = _("reminder messages")

    def __str__(self):
        return self.name


class ReminderRule(models.Model):
    """Send a reminder this many days before 16 May, with a translatable snippet's text."""

    days_before = models.PositiveSmallIntegerField(_("days before 16 May"), unique=True)
    message = models.ForeignKey(
        "newsletters.ReminderMessage",
        verbose_name=_("message"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldPanel(
            "days_before", help_text=_("How many days before 16 May the reminder goes out.")
        ),
        FieldPanel(
            "message", help_text=_("The reminder text to send (translated like any snippet).")
        ),
        FieldPanel("active", help_text=_("A paused rule sends nothing.")),
    ]

    class Meta:
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")
        ordering = ["-days_before"]

    def __str__(self):
        return ngettext(
            "%(days)s day before 16 May", "%(days)s days before 16 May", self.days_before
        ) % {"days": self.days_before}


class ReminderSent(models.Model):
    """A reminder sent once per rule, year and subscriber: the unique row makes reruns safe."""

    rule = models.ForeignKey(ReminderRule, on_delete=models.CASCADE, related_name="sent")
    year = models.PositiveSmallIntegerField()
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="reminders")
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "year", "subscriber"], name="newsletters_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.rule} {self.year} → {self.subscriber_id}"


def matching_delivery(message_id, metadata=None):
    """The campaign delivery an event is about: by metadata["delivery_id"], else message id."""
    metadata = metadata if isinstance(metadata, dict) else {}
    delivery_id = metadata.get("delivery_id")
    if delivery_id not in (None, ""):
        try:
            delivery = Delivery.objects.filter(pk=int(delivery_id)).first()
        except (TypeError, ValueError):
            delivery = None
        if delivery is not None:
            return delivery
    if message_id:
        return Delivery.objects.filter(message_id=message_id).order_by("-pk").first()
    return None
