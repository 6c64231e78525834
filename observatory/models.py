"""The project's own tables: rate-limit counters for when the cache (Redis) is down, and the
outbox of tasks that saved rows owe (handed to Celery once the broker answers)."""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


class RateLimitCounter(models.Model):
    """Attempts of one address on one form in one time window (the fallback of the cache)."""

    key = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "rate-limit counter"

    def __str__(self):
        return f"{self.key}: {self.count}"


class OutboxMessage(models.Model):
    """A Celery task that a saved row owes, written in the same transaction as the row.

    ``observatory.outbox`` hands it to the broker after the commit and again from
    beat's sweep until a worker has run it (``status`` done). See that module.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "pending"  # not in the broker (yet, or the hand-over failed)
        QUEUED = "queued", "queued"  # handed to the broker; again after ``lease_until``
        RUNNING = "running", "running"  # a worker runs it; again after ``lease_until``
        DONE = "done", "done"
        FAILED = "failed", "failed"  # gave up after too many attempts

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list, encoder=DjangoJSONEncoder)
    kwargs = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    lease_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "outbox message"
        indexes = [models.Index(fields=["status", "lease_until"], name="outbox_status_lease")]

    def __str__(self):
        return f"{self.task} #{self.pk} ({self.status})"
