"""``{% subscribe_form %}``: the subscribe form, fresh, for the active language."""

from django import template

from ..forms import SubscribeForm

register = template.Library()


def next_form_id(request):
    """A per-request number, so two forms on one page never share an element id."""
    count = getattr(request, "_subscribe_form_count", 0) + 1
    if request is not None:
        request._subscribe_form_count = count
    return f"subscribe{count}"


def fresh_form(request):

    form_id = next_form_id(request)
    source = request.get_full_path() if request is not None else ""
    return SubscribeForm(request=request, source_url=source, auto_id=f"{form_id}-%s"), form_id


@register.inclusion_tag("components/subscribe_form.html", takes_context=True)
def subscribe_form(context, heading=None, text=None, variant=""):
    """Render the subscribe component with a fresh form (the page's path as its source).

    ``heading`` and ``text`` replace the default title and introduction; ``variant``
    adds a modifier class (``compact`` for a footer).
    """
    request = context.get("request")
    form, form_id = fresh_form(request)
    if variant == "compact":
        # The footer asks only what is needed; the optional details wait for the full form.
        for name in ("name", "city_name", "country"):
            form.fields.pop(name, None)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "subscribe_form": form,
        "form_id": form_id,
        "heading": heading,
        "text": text,
        "variant": variant,
    }
