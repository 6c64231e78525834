"""The Capital of Living Together cycle: a call, cities' applications, the jury, designation.

Editors open a call for a year with a deadline and published criteria. Member
cities apply from My city; a city is eligible when it has signed the call's
declaration (the Düsseldorf Declaration). Jurors (the "Capital jury" group)
declare a conflict of interest or none for each application, and score only
those they have no conflict with. Designating the winner creates that year's
CapitalPage as a draft and tells every applicant.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale

from core.emails import absolute_url, queue_templated_email

from .models import (
    JURY_GROUP,
    CapitalApplication,
    CapitalCall,
    CapitalIndexPage,
    CapitalPage,
    JurorDeclaration,
)


def ensure_jury_group():
    """The "Capital jury" group: admin access, nothing else (scoring is checked by membership)."""
    group, _created = Group.objects.get_or_create(name=JURY_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return group


def is_juror(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=JURY_GROUP).exists())


def declaration_of(application, juror):
    return JurorDeclaration.objects.filter(application=application, juror=juror).first()


def designate(call, application, user):
    """Make ``application`` the year's Capital: a draft CapitalPage, and every applicant told."""
    with transaction.atomic():
        call = CapitalCall.objects.select_for_update().get(pk=call.pk)
        if call.designated_id:
            raise ValueError("This call already has its Capital.")
        index = CapitalIndexPage.objects.filter(locale=Locale.get_default()).first()
        city = application.city(Locale.get_default())
        page = CapitalPage.objects.filter(year=call.year, locale=Locale.get_default()).first()
        if page is None:
            page = CapitalPage(
                title=f"{city.title} {call.year}",
                slug=str(call.year),
                year=call.year,
                city=city,
                designated_on=timezone.localdate(),
                live=False,
                owner=user,
            )
            index.add_child(instance=page)
            page.save_revision(user=user, log_action=True)
        call.designated = application
        call.designated_at = timezone.now()
        call.save(update_fields=["designated", "designated_at"])
        for other in call.applications.filter(status=CapitalApplication.Status.SUBMITTED):
            recipient = other.submitted_by
            if recipient is None or not recipient.email:
                continue
            winner = other.pk == application.pk
            with translation.override(other.language):
                my_city = absolute_url(reverse("my_city"))
                winner_city = application.city().title
            queue_templated_email(
                "capital_designated" if winner else "capital_not_designated",
                recipient.email,
                {"year": call.year, "city": winner_city, "my_city_url": my_city},
                other.language,
            )
    return page
