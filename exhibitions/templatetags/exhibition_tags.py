"""Template tags of the exhibitions for pages below them: a summit's exhibition."""

from django import template

from home.frame import public

from ..models import ExhibitionPage

register = template.Library()


@register.simple_tag
def summit_exhibition(summit):
    """The live exhibition under ``summit`` (in the summit's language), or None."""
    return public(ExhibitionPage.objects.child_of(summit).live()).defer_streamfields().first()
