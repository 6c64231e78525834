"""Celery tasks of 16 May: after the Day, a recap page for editors to finish."""

import datetime

from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import escape, linebreaks
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext

from wagtail.models import Locale, PageLogEntry

from celery import shared_task

from core.dates import INTERNATIONAL_DAY
from home.models import HomePage, StandardPage

from .models import CityEvent, attach_cities, group_by_country

# The daily task creates the recap from 17 May until this day; later, the command does.
RECAP_UNTIL = (6, 30)


def recap_slug(year):
    return f"16-may-{year}-recap"


def recap_title(year):
    return gettext("16 May %(year)s: the recap") % {"year": year}


def _recap_body(events):
    """BaseStreamBlock content: a heading per country, each event, its image."""

    stream_block = StandardPage.body.field.stream_block
    image_block = stream_block.child_blocks["image"]
    heading_block = stream_block.child_blocks["heading"]
    body = []
    for group in group_by_country(events):
        body.append(("heading", heading_block.to_python({"text": group["name"], "level": "h2"})))
        for event in group["events"]:
            body.append(
                ("heading", heading_block.to_python({"text": event.title[:200], "level": "h3"}))
            )
            start = event.local_start
            facts = " · ".join(
                [
                    event.local_city.title,
                    event.place,
                    f"{start:%d/%m/%Y %H:%M} ({event.time_zone_label})",
                ]
            )
            html = f"<p><b>{escape(facts)}</b></p>" + linebreaks(escape(event.description))
            if event.link:
                html += f'<p><a href="{escape(event.link)}">{escape(event.link)}</a></p>'
            body.append(("paragraph", stream_block.child_blocks["paragraph"].to_python(html)))
            if event.image_id:
                body.append(
                    (
                        "image",
                        image_block.to_python(
                            {
                                "image": event.image_id,
                                "alt_text": event.alt_text[:250],
                                "decorative": False,
                                "caption": f"{event.title} – {event.local_city.title}"[:300],
                                "credit": "",
                            }
                        ),
                    )
                )
    return body


def create_recap(year):
    """The draft recap page of ``year`` under the English home page; None without events.

    Idempotent: an existing recap (draft or live) is returned as it is, and a recap an
    editor deleted is not made again.
    """

    locale = Locale.get_default()
    with transaction.atomic(), translation.override(locale.language_code):
        # One at a time: two workers must not both create the page.
        home = HomePage.objects.select_for_update().filter(locale=locale).first()
        if home is None:
            return None
        existing = StandardPage.objects.child_of(home).filter(slug=recap_slug(year)).first()
        if existing is not None:
            return existing
        title = recap_title(year)
        if PageLogEntry.objects.filter(action="wagtail.delete", label=title).exists():
            return None
        events = attach_cities(
            CityEvent.objects.filter(status=CityEvent.Status.APPROVED, starts_at__year=year)
            .select_related("image")
            .order_by("starts_at", "pk"),
            locale,
        )
        if not events:
            return None
        cities = len({event.city_key for event in events})
        introduction = gettext(
            # Translators: %(events)s is "12 events", %(in_cities)s is "in 5 cities".
            "On 16 May %(year)s, member cities celebrated the International Day of Living "
            "Together in Peace: %(events)s %(in_cities)s."
        ) % {
            "year": year,
            "events": ngettext("%(count)s event", "%(count)s events", len(events))
            % {"count": len(events)},
            "in_cities": ngettext("in %(count)s city", "in %(count)s cities", cities)
            % {"count": cities},
        }
        page = StandardPage(
            title=title,
            slug=slugify(recap_slug(year)),
            introduction=introduction,
            body=_recap_body(events),
            live=False,
            locale=locale,
        )
        home.add_child(instance=page)
        page.save_revision(log_action=True)
    return page


@shared_task
def create_yearly_recap(year=None):
    """Daily: from 17 May (to 30 June), make this year's recap once. Returns the page id."""
    today = timezone.localdate()
    if year is None:
        day_after = datetime.date(today.year, *INTERNATIONAL_DAY) + datetime.timedelta(days=1)
        if not day_after <= today <= datetime.date(today.year, *RECAP_UNTIL):
            return None
        year = today.year
    page = create_recap(int(year))
    return page.pk if page else None
