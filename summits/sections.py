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


def shown_on_pages(signature):
    """Declarations list their signatories, city pages their badges: once confirmed.

    A visitor's signing saves the row unchanged when the address signed before
    (``signing.record_public_signature`` marks it ``pages_unchanged``).
    """
    return signature.confirmed_at is not None and not getattr(signature, "pages_unchanged", False)


watch(Signature, when=shown_on_pages)


@hooks.register(MY_CITY, order=30)
def my_city_signatures(team, city, request):
    return {"signatures": list(Signature.objects.for_city(city))}


@hooks.register(DEMO_CONTENT, order=20)
def summits_and_declaration(world):
    """summits and the Düsseldorf Declaration"""
    load_summits(world["home"], world["locales"], world["cities"], world["themes"])
