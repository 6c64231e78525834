"""What the summits and declarations add to pages below them (``core.sections``)."""

from wagtail import hooks

from core.page_cache import watch
from core.sections import CITY_BADGES, DATASETS, DEMO_CONTENT, MY_CITY

from .badges import signatory_badges
from .demo import load_summits
from .models import Signature
from .views import datasets

hooks.register(CITY_BADGES, signatory_badges, order=10)
hooks.register(DATASETS, datasets, order=30)
# Declarations list their signatories, city pages their badges: once confirmed.
watch(Signature, when=lambda signature: signature.confirmed_at is not None)


@hooks.register(MY_CITY, order=30)
def my_city_signatures(team, city, request):
    return {"signatures": list(Signature.objects.for_city(city))}


@hooks.register(DEMO_CONTENT, order=20)
def summits_and_declaration(world):
    """summits and the Düsseldorf Declaration"""
    load_summits(world["home"], world["locales"], world["cities"], world["themes"])
