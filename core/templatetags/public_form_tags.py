"""``{% form_fields form %}``: a public form's fields, the visible ones cached while fresh.

A fresh public form (the footer's subscribe form on every page, the signing form)
renders the same visible fields for everyone in one language: rendered through
Django's widget templates they cost more than the rest of many pages. They are
kept per language until a page changes (``core.caching``); the hidden fields (the
form's signed start time, its source) are rendered for each request.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.caching import cached

register = template.Library()


@register.simple_tag
def form_fields(form):
    key = form.fields_cache_key() if hasattr(form, "fields_cache_key") else None
    if key is None:
        return render_to_string("components/form_fields.html", {"form": form})
    hidden = "".join(str(field) for field in form.hidden_fields())
    visible = cached(
        f"form-fields:{get_language()}:{key!r}",
        lambda: render_to_string("components/form_visible_fields.html", {"form": form}),
    )
    return mark_safe(hidden + visible)  # noqa: S308 (rendered by Django's templates)
