"""A due campaign and a reminder due today, written into the SQLite file DATABASE_URL names.

Run as a program by tests/observatory/test_embedded_schedule.py before it starts
the embedded scheduler on that file.
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "observatory.settings.test")
django.setup()

from django.utils import timezone  # noqa: E402

from core.dates import next_international_day  # noqa: E402
from home.demo import ensure_home_pages, ensure_locales  # noqa: E402
from newsletters.factories import (  # noqa: E402
    NewsletterIndexPageFactory,
    NewsletterPageFactory,
)
from newsletters.models import (  # noqa: E402
    Campaign,
    ReminderMessage,
    ReminderRule,
    Subscriber,
    SubscriberStatus,
)


def main():
    locales = ensure_locales()
    home = ensure_home_pages(locales)
    index = NewsletterIndexPageFactory(parent=home)
    letter = NewsletterPageFactory(parent=index, title="June letter", subject="News in June")
    for n in range(3):
        Subscriber.objects.create(
            email=f"reader{n}@example.org",
            language="en",
            status=SubscriberStatus.SUBSCRIBED,
            confirmed_at=timezone.now(),
        )
    Campaign.objects.create(newsletter=letter, send_at=timezone.now())
    message = ReminderMessage.objects.create(
        name="Countdown",
        subject="{days} days to 16 May",
        body="<p>See you on {date}.</p>",
        locale=locales["en"],
    )
    today = timezone.localdate()
    days = (next_international_day(today) - today).days
    ReminderRule.objects.update_or_create(days_before=days, defaults={"message": message})


if __name__ == "__main__":
    main()
