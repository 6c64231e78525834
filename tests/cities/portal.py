"""Member cities with teams and accounts, translated like the demo, for the portal tests."""

import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cities.accounts import add_city_member
from cities.factories import CityIndexPageFactory, CityPageFactory, ThemeFactory
from core.moderation import MODERATORS, ensure_moderation_workflow
from home.demo import publish_everywhere


def city_directory_everywhere(home, locales):
    index = CityIndexPageFactory(parent=home)
    return publish_everywhere(index, locales, lambda copy, code: None)


def city_everywhere(index, locales, slug, title):
    city = CityPageFactory(parent=index, slug=slug, title=title)

    def fill(copy, code):
        copy.title = f"{title} [{code}]"

    return publish_everywhere(city, locales, fill)


def themes_everywhere(locales):
    themes = {}
    for code, locale in locales.items():
        themes[code] = ThemeFactory(
            name=f"Inclusive urbanism [{code}]", slug="urbanism", locale=locale
        )
    return themes


PASSWORD = "a-long-city-password-2026"


def member(city, email, password=PASSWORD, language=None):
    user = get_user_model().objects.create_user(
        username=email, email=email, password=password, first_name=email.split("@")[0]
    )
    if language:
        from wagtail.users.models import UserProfile

        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    add_city_member(city, user)
    return user


def moderator(email="moderator@observatory.test", language="en"):
    ensure_moderation_workflow()
    user = get_user_model().objects.create_user(
        username=email, email=email, password="a-long-moderator-password-2026"
    )
    user.groups.add(Group.objects.get(name=MODERATORS))
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def started_long_ago(form_class):
    """A `form_started` value that passes the minimum fill time."""
    from django.core import signing

    return signing.dumps(time.time() - 30, salt=form_class.signing_salt())
