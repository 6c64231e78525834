"""Load the demo content of every app, in every language. Safe to run again."""

from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import ensure_home_pages, ensure_locales


class Command(BaseCommand):
    help = "Create the locales and the demo content. Running it twice leaves the same database."

    def handle(self, *args, **options):
        with transaction.atomic():
            locales = ensure_locales()
            ensure_home_pages(locales)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
