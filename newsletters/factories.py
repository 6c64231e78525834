"""Factories for the newsletter archive and newsletters (wagtail-factories)."""

import factory
import wagtail_factories

from .models import NewsletterIndexPage, NewsletterPage


class NewsletterIndexPageFactory(wagtail_factories.PageFactory):
    title = "Newsletters"
    slug = "newsletters"
    introduction = "Every newsletter of the Observatory."

    class Meta:
        model = NewsletterIndexPage


class NewsletterPageFactory(wagtail_factories.PageFactory):
    """A newsletter; pass ``parent=`` a NewsletterIndexPage."""

    title = factory.Sequence(lambda n: f"Newsletter {n}")
    slug = factory.Sequence(lambda n: f"newsletter-{n}")
    subject = factory.LazyAttribute(lambda page: f"{page.title}: news of the Observatory")
    preheader = "Sixteen days to the International Day of Living Together in Peace."
    body = [
        ("heading", {"text": "Sixteen days to go", "level": "h2"}),
        (
            "paragraph",
            '<p>Cities prepare the day. <a href="https://example.org/programme">Programme</a>.</p>',
        ),
    ]

    class Meta:
        model = NewsletterPage
