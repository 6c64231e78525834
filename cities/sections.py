"""What the city directory adds to pages below it (``core.sections``): its datasets."""

from wagtail import hooks

from core.sections import DATASETS

from .views import datasets

hooks.register(DATASETS, datasets, order=10)
