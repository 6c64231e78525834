"""Load the demo content of every app, in every language. Safe to run again."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail import hooks

from core.caching import invalidated_once_at_the_end
from core.indexing import indexes_updated_at_the_end
from core.sections import DEMO_CONTENT


class Command(BaseCommand):
    help = "Create the locales and the demo content. Running it twice leaves the same database."

    def handle(self, *args, **options):
        started = time.monotonic()
        # Each app registers its part (core.sections.DEMO_CONTENT), lowest layer first;
        # ``world`` carries what one part made to the next (locales, home, cities…).
        loaders = hooks.get_hooks(DEMO_CONTENT)
        world = {}
        # The search and reference indexes are updated once per object, and the cached
        # site frame once, at the end.
        with (
            transaction.atomic(),
            invalidated_once_at_the_end(),
            indexes_updated_at_the_end(),
        ):
            for step, load in enumerate(loaders, 1):
                label = (load.__doc__ or load.__name__).strip().splitlines()[0]
                self.stdout.write(f"[{step}/{len(loaders)}] {label}…")
                load(world)
        self.stdout.write(
            self.style.SUCCESS(f"Demo content is in place ({time.monotonic() - started:.0f} s).")
        )
