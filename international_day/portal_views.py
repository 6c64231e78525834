"""My city → 16 May events: a city's team registers its events, saves drafts, submits them."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from cities.accounts import city_member_required
from cities.media import private_collection
from core.time_zones import city_time_zone_name
from core.uploads import save_image

from .events import submit_event
from .forms import CityEventForm
from .models import CityEvent, map_settings


def _own_event(team, event_id):
    """The event if it belongs to the team's city; 404 otherwise (never 403: ids stay secret)."""
    event = CityEvent.objects.select_related("image").filter(pk=event_id).first()
    if event is None or event.city_key != team.city_key:
        raise Http404
    return event


def _save_image(event, form, team, user):
    data = form.cleaned_data
    alt_text = data.get("image_alt", "").strip()
    if data.get("remove_image"):
        event.image = None
    upload = data.get("image")
    if upload:
        event.image = save_image(
            upload,
            title=alt_text,
            description=alt_text,
            collection=private_collection(team),
            user=user,
        )
    elif event.image is not None and alt_text and event.image.description != alt_text:
        event.image.description = alt_text
        event.image.save(update_fields=["description"])


@city_member_required
def city_event_form(request, event_id=None):
    team = request.city_team
    city = team.city()
    event = _own_event(team, event_id) if event_id is not None else None
    if event is not None and not event.is_editable_by_city:
        messages.info(
            request,
            _("This event is approved and published. Write to the Observatory to change it."),
        )
        return redirect("my_city")
    if request.method == "POST":
        form = CityEventForm(request.POST, request.FILES, event=event)
        if form.is_valid():
            submit = "submit" in request.POST
            with transaction.atomic():
                if event is None:
                    event = CityEvent(
                        city_key=team.city_key,
                        created_by=request.user,
                        language=translation.get_language(),
                    )
                form.apply_to(event)
                _save_image(event, form, team, request.user)
                if submit:
                    submit_event(event, request.user)
                else:
                    event.status = CityEvent.Status.DRAFT
                    event.save()
            if submit:
                messages.success(
                    request,
                    _("“%(title)s” was sent to the Observatory's editors for review.")
                    % {"title": event.title},
                )
                return redirect("my_city")
            messages.success(request, _("Draft saved. You can come back to it from My city."))
            return redirect("city_event_edit", event_id=event.pk)
        status = 400
    else:
        if event is not None:
            initial = CityEventForm.initial_from_event(event)
        else:
            initial = {
                "time_zone": city_time_zone_name(city) if city else "UTC",
                "latitude": city.latitude if city else None,
                "longitude": city.longitude if city else None,
            }
        form = CityEventForm(initial=initial, event=event)
        status = 200
    return render(
        request,
        "international_day/city_event_form.html",
        {"city": city, "event": event, "form": form, **map_settings()},
        status=status,
    )
