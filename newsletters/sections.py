"""What the newsletters add to pages below them (``core.sections``)."""

from wagtail import hooks

from core.images import renditions_of
from core.restrictions import private_q
from core.sections import DATASETS, DEMO_CONTENT, HOME_PAGE

from .demo import load_newsletters
from .feeds import datasets
from .models import NewsletterPage

hooks.register(DATASETS, datasets, order=50)


@hooks.register(HOME_PAGE, order=40)
def home_page_news(page, request):
    """The home page's "Latest news": the newest newsletters in the page's language."""
    news = (
        NewsletterPage.objects.live()
        .exclude(private_q())
        .filter(locale=page.locale)
        .select_related("image")
        .prefetch_related(renditions_of("card"))
        .order_by("-first_published_at")[:3]
    )
    return {"latest_news": list(news)}


@hooks.register(DEMO_CONTENT, order=50)
def newsletters_and_reminders(world):
    """newsletters and reminders before 16 May"""
    load_newsletters(world["home"], world["locales"])
