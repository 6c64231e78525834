"""Every field an editor fills in our page types, snippets and admin forms says what it is for."""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

import pytest

OUR_APPS = {"home", "cities", "initiatives", "summits", "capitals", "international_day",
            "newsletters"}  # fmt: skip
# Wagtail's own fields, explained by Wagtail's own help texts or self-evident.
WAGTAIL_FIELDS = {"title", "slug", "seo_title", "search_description", "show_in_menus",
                  "go_live_at", "expire_at", "locale", "declaration_key"}  # fmt: skip


def field_panels(panel):
    """Every FieldPanel in a panel tree, with the model it edits (inline panels included)."""
    if isinstance(panel, FieldPanel):
        yield panel
    for child in getattr(panel, "children", ()):
        yield from field_panels(child)


def edited_models():
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        if issubclass(model, Page) or hasattr(model, "panels"):
            yield model


def missing_help(model):
    panels = [
        *getattr(model, "content_panels", ()),
        *getattr(model, "settings_panels", ()),
        *getattr(model, "panels", ()),
    ]
    missing = []
    for panel in (found for top in panels for found in field_panels(top)):
        if getattr(panel, "read_only", False) or panel.field_name in WAGTAIL_FIELDS:
            continue
        try:
            field = model._meta.get_field(panel.field_name)
        except FieldDoesNotExist:
            continue
        if field.model is Page:  # Wagtail's own (owner, first published…)
            continue
        if not (str(panel.help_text or "") or str(field.help_text or "")):
            missing.append(f"{model.__name__}.{panel.field_name}")
    return missing


@pytest.mark.parametrize("model", list(edited_models()), ids=lambda model: model.__name__)
def test_every_field_has_help_text(model):
    assert missing_help(model) == []


def test_the_check_sees_a_field_without_help_text():
    from summits.models import SummitVenue

    bare = type("Bare", (), {"panels": [FieldPanel("name")], "_meta": SummitVenue._meta})
    assert missing_help(bare) == ["Bare.name"]
    explained = type(
        "Explained", (), {"panels": [FieldPanel("name", help_text="x")], "_meta": SummitVenue._meta}
    )
    assert missing_help(explained) == []
