"""Template filters for plain-text emails."""

from django import template

register = template.Library()


@register.filter
def html_to_text(value):
    """Rich text as readable plain text (paragraphs, list items, links with their address)."""
    from newsletters.rendering import html_to_text as convert

    return convert(str(value or ""))
