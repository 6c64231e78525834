"""A city's team is created with its page, and gains rights on each new translation of it."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .accounts import ensure_city_team
from .invitations import send_invitation
from .models import CityInvitation, CityPage


@receiver(post_save, sender=CityPage, dispatch_uid="city_team_for_new_city_page")
def create_city_team(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_city_team(instance)


@receiver(post_save, sender=CityInvitation, dispatch_uid="send_city_invitation")
def send_new_invitation(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        send_invitation(instance)
