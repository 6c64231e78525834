"""The project's own tables: rate-limit counters for when the cache (Redis) is down."""

from django.db import models


class RateLimitCounter(models.Model):
    """Attempts of one address on one form in one time window (the fallback of the cache)."""

    key = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "rate-limit counter"

    def __str__(self):
        return f"{self.key}: {self.count}"
