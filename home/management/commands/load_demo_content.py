"""Load the demo content of every app, in every language. Safe to run again."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from capitals.demo import load_capitals
from cities.demo import load_cities, load_themes
from home.demo import ensure_home_pages, ensure_locales


class Command(BaseCommand):
    help = "Create the locales and the demo content. Running it twice leaves the same database."

    def handle(self, *args, **options):
        started = time.monotonic()
        steps = [
            (
                "languages and home pages",
                lambda state: state.update(home=ensure_home_pages(state["locales"])),
            ),
            ("themes", lambda state: state.update(themes=load_themes(state["locales"]))),
            (
                "cities and initiatives",
                lambda state: state.update(
                    cities=load_cities(state["home"], state["locales"], state["themes"])
                ),
            ),
            (
                "Capitals and the International Day",
                lambda state: load_capitals(state["home"], state["locales"], state["cities"]),
            ),
        ]
        state = {}
        with transaction.atomic():
            state["locales"] = ensure_locales()
            for number, (label, step) in enumerate(steps, start=1):
                self.stdout.write(f"[{number}/{len(steps)}] {label}…")
                step(state)
        self.stdout.write(
            self.style.SUCCESS(f"Demo content is in place ({time.monotonic() - started:.0f} s).")
        )
