"""Load the demo content of every app, in every language. Safe to run again."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from capitals.cycle import load_demo_call
from capitals.demo import load_capitals
from capitals.events import load_demo_events
from cities.demo import load_cities, load_themes
from home.demo import ensure_home_pages, ensure_locales
from home.locale_sync import synchronize_locale_trees
from initiatives.moderation import ensure_moderation_workflow
from newsletters.demo import load_newsletters
from summits.demo import load_summits


class Command(BaseCommand):
    help = "Create the locales and the demo content. Running it twice leaves the same database."

    def handle(self, *args, **options):
        started = time.monotonic()
        with transaction.atomic():
            self.stdout.write("[1/5] languages and home pages…")
            locales = ensure_locales()
            home = ensure_home_pages(locales)
            ensure_moderation_workflow()
            self.stdout.write("[2/5] themes, cities and initiatives…")
            themes = load_themes(locales)
            cities = load_cities(home, locales, themes)
            self.stdout.write("[3/5] summits and the Düsseldorf Declaration…")
            load_summits(home, locales, cities, themes)
            self.stdout.write("[4/5] Capitals and the International Day…")
            load_capitals(home, locales, cities)
            load_demo_call()
            load_demo_events()
            self.stdout.write("[5/5] newsletters and reminders before 16 May…")
            load_newsletters(home, locales)
            # Pages made before the languages synchronised (an older database) get
            # their aliases: no page is missing in any language.
            synchronize_locale_trees()
        self.stdout.write(
            self.style.SUCCESS(f"Demo content is in place ({time.monotonic() - started:.0f} s).")
        )
