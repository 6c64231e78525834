"""Template tags of the exhibitions for pages below them: a summit's exhibition."""

from django import template

from core.restrictions import private_q

from ..models import ExhibitionPage

register = template.Library()


@register.simple_tag
def summit_exhibition(summit):
    """The live exhibition under ``summit`` (in the summit's language), or None."""
    return (
        ExhibitionPage.objects.child_of(summit)
        .live()
        .exclude(private_q())
        .defer_streamfields()
        .first()
    )
