"""The Capital of Living Together cycle: a call, cities' applications, the jury, designation.

Editors open a call for a year with a deadline and published criteria. Member
cities apply from My city; a city is eligible when it has signed the call's
declaration (the Düsseldorf Declaration). Jurors (the "Capital jury" group)
declare a conflict of interest or none for each application, and score only
those they have no conflict with. Designating the winner creates that year's
CapitalPage as a draft and tells every applicant.

An application's documents live in a private collection of its own (the city's
team, the editors, the jury); a juror opens them only once they have declared
no conflict with it, and never after declaring one (``may_see_application_file``,
a ``core.media_privacy.MEDIA_ACCESS`` hook): anyone else gets 404.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.documents.models import AbstractDocument
from wagtail.models import Collection, Locale

from cities.models import CityTeam
from core.emails import absolute_url, queue_templated_email
from core.media_privacy import restrict_to_groups
from core.moderation import EDITORS, MODERATORS

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


APPLICATIONS_COLLECTION = "Capital applications"


def application_collection(application, team):
    """The private collection of an application's documents: its city, the editors, the jury.

    A juror passes the collection's restriction; ``may_see_application_file``
    then keeps each juror to the applications they may score.
    """
    if application.collection_id is None:
        root = Collection.get_first_root_node() or Collection.add_root(name="Root")
        parent = root.get_children().filter(name=APPLICATIONS_COLLECTION).first()
        if parent is None:
            parent = root.add_child(name=APPLICATIONS_COLLECTION)
        city = application.city()
        name = f"{city.title if city else application.city_key} {application.call.year}"
        application.collection = parent.add_child(name=name[:255])
        application.save(update_fields=["collection"])
    restrict_to_groups(application.collection, [team.group, ensure_jury_group()])
    return application.collection


def may_see_application_file(user, media):
    """False when ``user`` may not read the application a document belongs to; else None.

    A juror reads an application once they have declared no conflict of interest
    with it (as the jury's page shows it); one who declared a conflict never does,
    whatever other group they are in.
    """
    if not isinstance(media, AbstractDocument) or not user.is_authenticated:
        return None
    applications = list(CapitalApplication.objects.filter(documents=media))
    if not applications:
        return None
    declarations = {
        declaration.application_id: declaration
        for declaration in JurorDeclaration.objects.filter(application__in=applications, juror=user)
    }
    if any(declaration.has_conflict for declaration in declarations.values()):
        return False
    if user.is_superuser or user.groups.filter(name__in=(MODERATORS, EDITORS)).exists():
        return None
    city_keys = [application.city_key for application in applications]
    if CityTeam.objects.filter(group__user=user, city_key__in=city_keys).exists():
        return None
    if user.groups.filter(name=JURY_GROUP).exists() and not any(
        application.pk in declarations and application.status == CapitalApplication.Status.SUBMITTED
        for application in applications
    ):
        return False
    return None


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
