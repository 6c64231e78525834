"""My city → Exhibitions: a city team hosts a summit's exhibition and gets its kiosk and posters."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Locale

from cities.accounts import city_member_required
from core.i18n import one_per_key

from .forms import HostForm
from .models import ExhibitionHost, ExhibitionPage


def host_links(host, request):
    """The host's exhibition, kiosk and posters, in the host's language."""
    exhibition = host.exhibition()
    if exhibition is None:
        return None
    with translation.override(host.language):
        base = exhibition.get_url(request) or exhibition.url
        panels = [
            {
                "title": panel.title,
                "url": f"{panel.get_url(request) or panel.url}?host={host.pk}",
                "poster_a3": f"{panel.get_url(request) or panel.url}poster/?host={host.pk}",
                "poster_a1": f"{panel.get_url(request) or panel.url}poster/?host={host.pk}&size=a1",
            }
            for panel in exhibition.panels()
        ]
    return {
        "host": host,
        "exhibition": exhibition,
        "url": base + exhibition.reverse_subpage("host", args=[host.pk]),
        "kiosk_url": base + exhibition.reverse_subpage("host_kiosk", args=[host.pk]),
        "panels": panels,
    }


def hosting(team, request):
    """What My city shows: the exhibitions one can host, and this city's hosting."""
    exhibitions = one_per_key(ExhibitionPage.objects.live().public())
    hosts = ExhibitionHost.objects.filter(city_key=team.city_key).order_by("-start_date")
    return {
        "exhibitions": sorted(exhibitions.values(), key=lambda page: page.title),
        "hosts": [links for host in hosts if (links := host_links(host, request))],
    }


@city_member_required
def exhibitions(request):
    team = request.city_team
    return render(
        request,
        "exhibitions/my_city_exhibitions.html",
        {"city": team.city(), **hosting(team, request)},
    )


@city_member_required
def host_exhibition(request, exhibition_id):
    team = request.city_team
    exhibition = get_object_or_404(ExhibitionPage.objects.live().public(), pk=exhibition_id)
    host = ExhibitionHost(
        exhibition_key=exhibition.translation_key,
        city_key=team.city_key,
        language=translation.get_language(),
        created_by=request.user,
    )
    form = HostForm(request.POST or None, instance=host)
    if request.method == "POST" and form.is_valid():
        host = form.save()
        messages.success(
            request,
            _("Your city hosts the exhibition. Its kiosk and posters are below."),
        )
        return redirect("my_city_exhibitions")
    local = exhibition.get_translation_or_none(Locale.get_active()) or exhibition
    return render(
        request,
        "exhibitions/host_form.html",
        {"city": team.city(), "exhibition": local, "form": form},
    )
