"""Load the demo content: the five locales and a home page per language (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail.models import Locale, Page, Site

from home.models import HomePage

HOME_PAGES = {
    "en": (
        "Observatory of Mayors on Living Together",
        "<p>Mayors of cities around the world share what works to help people live "
        "together in peace: public activities, public policies and city programmes.</p>",
    ),
    "fr": (
        "Observatoire international des maires sur le Vivre ensemble",
        "<p>Des maires de villes du monde entier partagent ce qui fonctionne pour vivre "
        "ensemble en paix : activités publiques, politiques publiques et programmes "
        "municipaux.</p>",
    ),
    "de": (
        "Internationale Beobachtungsstelle der Bürgermeister für das Zusammenleben",
        "<p>Bürgermeisterinnen und Bürgermeister aus aller Welt teilen, was dem friedlichen "
        "Zusammenleben dient: öffentliche Aktivitäten, Politiken und städtische Programme.</p>",
    ),
    "es": (
        "Observatorio Internacional de Alcaldes sobre la Convivencia",
        "<p>Alcaldes de ciudades de todo el mundo comparten lo que funciona para convivir "
        "en paz: actividades públicas, políticas públicas y programas municipales.</p>",
    ),
    "ar": (
        "المرصد الدولي لرؤساء البلديات حول العيش المشترك",
        "<p>يتبادل رؤساء بلديات مدن من جميع أنحاء العالم ما ينجح في مساعدة الناس على العيش "
        "معًا في سلام: أنشطة عامة وسياسات عامة وبرامج بلدية.</p>",
    ),
}


def ensure_locales():
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }


def ensure_home_pages(locales):
    """A HomePage at the site root in English and a translation in every other language."""
    site = Site.objects.filter(is_default_site=True).first()
    # Wagtail's migrations create the tree root; a flushed database has none.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locales["en"])
    )
    home = HomePage.objects.filter(locale=locales["en"]).first()
    placeholder = root.get_children().exclude(id__in=HomePage.objects.values("id")).first()
    if placeholder is not None and placeholder.slug == "home":
        # Wagtail's "Welcome" page holds the slug until it is removed below.
        Page.objects.filter(id=placeholder.id).update(slug="wagtail-welcome")
    if home is None:
        title, introduction = HOME_PAGES["en"]
        home = root.add_child(
            instance=HomePage(
                title=title, slug="home", introduction=introduction, locale=locales["en"]
            )
        )
        home.save_revision().publish()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )
    if site.root_page_id != home.id:
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
    if placeholder is not None:
        placeholder.delete()
    for code, locale in locales.items():
        if code == "en" or home.has_translation(locale):
            continue
        title, introduction = HOME_PAGES[code]
        translated = home.copy_for_translation(locale)
        translated.title = title
        translated.introduction = introduction
        translated.save_revision().publish()
    return home


class Command(BaseCommand):
    help = "Create the locales and the demo content. Safe to run again."

    def handle(self, *args, **options):
        with transaction.atomic():
            locales = ensure_locales()
            ensure_home_pages(locales)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
