"""Factories for the summits app's pages (wagtail-factories)."""

import datetime

import factory
import wagtail_factories

from .models import DeclarationPage, SummitIndexPage, SummitPage


def programme_day(date, sessions=1):
    """One programme day as StreamField data, with ``sessions`` sessions an hour apart."""
    return (
        "day",
        {
            "date": date,
            "title": "Coming together",
            "sessions": [
                {
                    "start_time": datetime.time(9 + hour),
                    "end_time": datetime.time(10 + hour),
                    "title": f"Session {hour + 1}",
                    "venue": "Town Hall",
                    "audience": "public" if hour % 2 else "participants",
                }
                for hour in range(sessions)
            ],
        },
    )


class SummitIndexPageFactory(wagtail_factories.PageFactory):
    title = "Summits"
    slug = "summits"
    introduction = "Mayors meet to share what works."

    class Meta:
        model = SummitIndexPage


class SummitPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"International Mayors Summit {n}")
    slug = factory.Sequence(lambda n: f"summit-{n}")
    edition = factory.Sequence(lambda n: n + 1)
    start_date = datetime.date(2019, 8, 30)
    end_date = datetime.date(2019, 9, 1)
    introduction = "Three days of workshops on living together."
    programme = factory.LazyAttribute(lambda page: [programme_day(page.start_date, sessions=2)])

    class Meta:
        model = SummitPage


class DeclarationPageFactory(wagtail_factories.PageFactory):
    title = "Düsseldorf Declaration"
    slug = "declaration"
    subtitle = "Living Together in Cities"
    adopted_on = datetime.date(2019, 8, 31)
    adopted_at = "Düsseldorf"
    preamble = factory.LazyFunction(lambda: [("clause", "<p>We, mayors…</p>")])
    agreements = factory.LazyFunction(lambda: [("item", "<p>Promoting Living Together…</p>")])
    goals = factory.LazyFunction(lambda: [("item", "<p>Our citizens deserve…</p>")])
    commitments = factory.LazyFunction(lambda: [("item", "<p>Strengthen social cohesion…</p>")])
    commit_statement = "I agree upon the principles and goals of the Summit."
    acknowledge_statement = "I acknowledge the principles and the goals of the Summit."

    class Meta:
        model = DeclarationPage
