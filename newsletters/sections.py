"""What the newsletters add to pages below them (``core.sections``)."""

from wagtail import hooks

from core.sections import DATASETS, DEMO_CONTENT

from .demo import load_newsletters
from .feeds import datasets

hooks.register(DATASETS, datasets, order=50)


@hooks.register(DEMO_CONTENT, order=50)
def newsletters_and_reminders(world):
    """newsletters and reminders before 16 May"""
    load_newsletters(world["home"], world["locales"])
