"""The badge of a city that signed a declaration (see ``cities.badges``)."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from cities.badges import badge_city, badge_response, make_badge

from .models import DeclarationPage, Signature, SummitPage


def signed_declarations(city):
    """Live declarations in the active language a counted signature of ``city`` signed."""
    keys = set(
        Signature.objects.counted()
        .filter(city__translation_key=city.translation_key)
        .values_list("declaration_key", flat=True)
    )
    if not keys:
        return []
    return list(
        DeclarationPage.objects.live()
        .public()
        .filter(translation_key__in=keys, locale_id=city.locale_id)
        .order_by("-adopted_on")
    )


def signatory_badge(city, summit_slug, request=None):
    """The badge of ``city`` for the declaration of the summit ``summit_slug``, if it signed."""
    declaration = (
        DeclarationPage.objects.live()
        .public()
        .filter(locale_id=city.locale_id, path__startswith=_summit_path(city, summit_slug))
        .first()
    )
    if declaration is None:
        return None
    signed = (
        Signature.objects.for_declaration(declaration)
        .counted()
        .filter(city__translation_key=city.translation_key)
        .exists()
    )
    return _signatory(city, declaration, request) if signed else None


def _summit_path(city, slug):
    summit = SummitPage.objects.live().public().filter(locale_id=city.locale_id, slug=slug).first()
    # No summit: a path no page has.
    return summit.path if summit else "-"


def _signatory(city, declaration, request=None):
    label = gettext("Signatory of the %(declaration)s") % {"declaration": declaration.title}
    summit = declaration.get_parent()
    url = reverse("signatory_badge", kwargs={"city": city.slug, "summit": summit.slug})
    return make_badge(label, city, url, request)


def signatory_badges(city, request=None):
    """The ``CITY_BADGES`` hook: one badge per declaration the city signed."""
    return [_signatory(city, declaration, request) for declaration in signed_declarations(city)]


@require_GET
@cache_control(max_age=86400, public=True)
def signatory_badge_svg(request, city, summit):
    badge = signatory_badge(badge_city(city), summit, request)
    if badge is None:
        raise Http404("This city has not signed this declaration.")
    return badge_response(badge)
