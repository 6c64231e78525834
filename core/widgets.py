"""Form widgets for the public pages' long lists (countries, member cities).

Django renders every ``<option>`` of a select through a template of its own: for
the 250 countries of a signing or subscribe form that costs more than the rest of
the page. ``LongSelect`` writes the same HTML in Python.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class LongSelect(forms.Select):
    """A ``<select>`` with the markup of Django's, built without a template per option."""

    def render(self, name, value, attrs=None, renderer=None):
        values = set(self.format_value(value))
        options = []
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):  # option groups: Django's own rendering
                return super().render(name, value, attrs, renderer)
            option_value = "" if option_value is None else str(option_value)
            selected = option_value in values
            if selected and not self.allow_multiple_selected:
                values = set()  # Django selects the first match only
            options.append(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    option_value,
                    mark_safe(" selected") if selected else "",
                    label,
                )
            )
        opening = format_html(
            '<select name="{}"{}>', name, flatatt(self.build_attrs(self.attrs, attrs))
        )
        return mark_safe(  # noqa: S308 (every part is escaped above)
            opening + "\n" + "\n".join(options) + "\n</select>"
        )
