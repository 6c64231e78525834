"""Load the demo content of every app, in every language. Safe to run again."""

import contextlib
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from django_tasks import task_backends

from capitals.cycle import load_demo_call
from capitals.demo import load_capitals
from capitals.events import load_demo_events
from cities.demo import load_cities, load_themes
from home.demo import ensure_home_pages, ensure_locales
from home.locale_sync import synchronize_locale_trees
from initiatives.moderation import ensure_moderation_workflow
from newsletters.demo import load_newsletters
from observatory.task_backends import CeleryBackend
from summits.demo import load_summits


@contextlib.contextmanager
def each_task_once():
    """Queue each background task once, however often the demo asks for it.

    Wagtail queues a search-index and a reference-index update at every save, and
    creating, translating and publishing a page saves it several times. Our backend
    sends tasks when the transaction commits, when they read the final rows: inside
    the demo's single transaction one run per object is enough (a third of the load
    time otherwise). Backends that run a task at once keep every call.
    """
    backend = task_backends["default"]
    if not isinstance(backend, CeleryBackend):
        yield
        return
    queued = {}

    def enqueue_once(task, args, kwargs):
        key = (task.module_path, repr(args), repr(sorted(kwargs.items())))
        if key not in queued:
            queued[key] = CeleryBackend.enqueue(backend, task, args, kwargs)
        return queued[key]

    backend.enqueue = enqueue_once
    try:
        yield
    finally:
        del backend.enqueue


class Command(BaseCommand):
    help = "Create the locales and the demo content. Running it twice leaves the same database."

    def handle(self, *args, **options):
        started = time.monotonic()
        with transaction.atomic(), each_task_once():
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
