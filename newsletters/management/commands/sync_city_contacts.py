"""Bring the member-city contacts in step with the city teams."""

from django.core.management.base import BaseCommand

from newsletters.contacts import sync_city_contacts


class Command(BaseCommand):
    help = "Keep one subscriber (member-city contact) for each active user of a city team."

    def handle(self, *args, **options):
        contacts, cleared = sync_city_contacts()
        self.stdout.write(f"{contacts} member-city contacts; {cleared} no longer in a team.")
