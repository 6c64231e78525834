"""16 May, the International Day of Living Together in Peace, in dates."""

import datetime

from django.utils import timezone

INTERNATIONAL_DAY = (5, 16)  # 16 May: UN General Assembly resolution 72/130


def next_international_day(today=None):
    """The next 16 May, today included."""
    today = today or timezone.localdate()
    this_year = datetime.date(today.year, *INTERNATIONAL_DAY)
    return this_year if this_year >= today else datetime.date(today.year + 1, *INTERNATIONAL_DAY)


def campaign_year(today=None):
    """The year of the coming (or today's) 16 May: the one the campaign is about."""
    return next_international_day(today).year


def international_day_countdown(today=None):
    """What templates/components/countdown.html shows: the target date and days left."""
    today = today or timezone.localdate()
    target = next_international_day(today)
    days = (target - today).days
    return {"target": target, "days": days, "is_today": days == 0}
