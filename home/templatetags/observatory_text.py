"""Template filters for plain-text emails."""

from django import template

from core.text import html_to_text as convert

register = template.Library()


@register.filter
def html_to_text(value):
    """Rich text as readable plain text (paragraphs, list items, links with their address)."""
    return convert(value)
