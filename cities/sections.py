"""What the city directory adds to pages below it (``core.sections``): its datasets."""

from wagtail import hooks

from core.page_cache import watch
from core.sections import DATASETS

from .models import Theme
from .views import datasets

hooks.register(DATASETS, datasets, order=10)
# Pages show the themes (snippets saved outside the snippet views too).
watch(Theme)
