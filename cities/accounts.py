"""City accounts: each member city's team is a Wagtail group with rights on its own pages only.

A team's group holds Wagtail's "add" and "change" page permissions on the city's
page in every language (so on its initiatives below it) and the image and
document permissions of the city's own collection (and of the private
collection inside it, where its uploads wait: ``cities/media.py``). Nothing else: no admin
access, no publishing. City staff work on the public site in their language
(My city), and whatever they write goes through the moderation workflow.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.shortcuts import render

from wagtail.models import GroupCollectionPermission, GroupPagePermission

from .media import city_collection, private_collection
from .models import CityPage, CityTeam

PAGE_PERMISSIONS = ("add_page", "change_page")
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
)


def _unique_group_name(title):
    name = f"City: {title}"[:150]
    suffix = 2
    while Group.objects.filter(name=name).exists():
        name = f"City: {title} ({suffix})"[:150]
        suffix += 1
    return name


@transaction.atomic
def ensure_city_team(city):
    """The team of ``city`` (any translation), with its rights on every translation. Idempotent."""
    team = CityTeam.objects.filter(city_key=city.translation_key).first()
    if team is None:
        source = CityPage.objects.filter(translation_key=city.translation_key).order_by("pk")[0]
        team = CityTeam.objects.create(
            city_key=city.translation_key,
            group=Group.objects.create(name=_unique_group_name(source.title)),
            collection=city_collection(source.title),
        )
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=team.group,
                collection=team.collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )
    # What the team uploads stays between the team and the editors until published.
    private_collection(team)
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
    )
    for page in CityPage.objects.filter(translation_key=city.translation_key):
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=team.group, page=page, permission=permission
            )
    return team


def add_city_member(city, user):
    """Put ``user`` in the team of ``city``."""
    team = ensure_city_team(city)
    user.groups.add(team.group)
    return team


def team_for_user(user):
    """The city team ``user`` belongs to, or None."""
    if not user.is_authenticated:
        return None
    return CityTeam.objects.filter(group__user=user).order_by("pk").first()


def city_for_user(user, locale=None):
    """The city page of ``user``'s team in ``locale`` (the active language by default), or None."""
    team = team_for_user(user)
    return team.city(locale) if team else None


def is_city_member(user, city):
    """Whether ``user`` belongs to the team of ``city`` (any translation of it)."""
    team = team_for_user(user)
    return team is not None and team.city_key == city.translation_key


def city_member_required(view):
    """The guard of every My city view: signed in, and on a city's team.

    Anonymous visitors go to the sign-in page; a signed-in person outside every
    city team gets 404 (the "for member cities" page), never 403, like a guessed
    id of another city's initiative or event: the portal does not tell outsiders
    what exists. Sets ``request.city_team``.
    """

    @wraps(view)
    @login_required
    def guarded(request, *args, **kwargs):
        team = team_for_user(request.user)
        if team is None:
            return render(request, "cities/not_a_city_member.html", status=404)
        request.city_team = team
        return view(request, *args, **kwargs)

    return guarded
