"""Open data of the summits: each programme as iCalendar, each declaration's signatories as CSV."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from core.csv import csv_response
from core.i18n import active_locale, localized_by_key
from core.open_data import Dataset, calendar_response

from .calendars import programme_calendar
from .models import DeclarationPage, Signature, SummitPage


def _summit(slug):
    return get_object_or_404(
        SummitPage.objects.live().public().select_related("host_city"),
        slug=slug,
        locale=active_locale(),
    )


@require_GET
@cache_control(max_age=3600, public=True)
def programme_ics(request, summit):
    summit = _summit(summit)
    calendar = programme_calendar(summit, request)
    return calendar_response(calendar, f"{summit.slug}-programme-{get_language()}.ics")


def signatory_rows(declaration):
    """Counted signatures of ``declaration`` as CSV rows: never the email address."""
    signatures = list(
        Signature.objects.for_declaration(declaration)
        .counted()
        .select_related("city")
        .order_by("name")
    )
    cities = localized_by_key([signature.city for signature in signatures], declaration.locale)
    for signature in signatures:
        if signature.city:
            city = cities[signature.city.translation_key].title
        else:
            city = signature.city_name
        yield [
            signature.name,
            signature.title,
            city,
            signature.country.name if signature.country else "",
            signature.get_kind_display(),
            signature.signed_on.isoformat() if signature.signed_on else "",
        ]


@require_GET
@cache_control(max_age=600, public=True)
def signatories_csv(request, summit):
    summit = _summit(summit)
    declaration = get_object_or_404(DeclarationPage.objects.child_of(summit).live().public())
    header = [
        gettext("name"),
        gettext("title"),
        gettext("city"),
        gettext("country"),
        gettext("statement"),
        gettext("signed on"),
    ]
    filename = f"{summit.slug}-{declaration.slug}-signatories-{get_language()}.csv"
    response = csv_response(filename, header, signatory_rows(declaration))
    response["Access-Control-Allow-Origin"] = "*"
    return response


def datasets(request):
    locale = active_locale()
    summits = SummitPage.objects.live().public().filter(locale=locale).order_by("-start_date")
    declarations = {
        page.path[: -SummitPage.steplen]: page
        for page in DeclarationPage.objects.live().public().filter(locale=locale)
    }
    found = []
    for summit in summits:
        found.append(
            Dataset(
                title=gettext("Programme of the %(summit)s (iCalendar)") % {"summit": summit.title},
                description=gettext(
                    "Every session as an event in the host city's time, to add to a calendar."
                ),
                url=request.build_absolute_uri(
                    reverse("summit_programme_ics", kwargs={"summit": summit.slug})
                ),
                format="iCalendar",
            )
        )
        declaration = declarations.get(summit.path)
        if declaration is not None:
            found.append(
                Dataset(
                    title=gettext("Signatories of the %(declaration)s (CSV)")
                    % {"declaration": declaration.title},
                    description=gettext(
                        "Confirmed signatures: name, title, city, country, statement and date."
                    ),
                    url=request.build_absolute_uri(
                        reverse("declaration_signatories_csv", kwargs={"summit": summit.slug})
                    ),
                    format="CSV",
                )
            )
    return found
