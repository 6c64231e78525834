"""Demo content of the home app, and the helpers every app's demo loader uses."""

from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Locale, Page, Site
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

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


# Languages the demo translates by hand; the others follow English as aliases.
TRANSLATED_LANGUAGES = ("fr", "de")
ALIASED_LANGUAGES = ("es", "ar")


def publish(page):
    page.save_revision().publish()
    return page


def translate(instance, locale, fields=None, strings=None):
    """Translate a page or snippet through wagtail-localize, as a translator would.

    ``fields`` maps a plain field's name to its translation (title, introduction…);
    ``strings`` maps any source segment (a rich-text paragraph, a block's text) to
    its translation. Segments left out keep the source text until someone
    translates them. Because the translation is wagtail-localize's own, a later
    edit of the source marks it out of date in the admin.
    """
    fields, strings = fields or {}, strings or {}
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = fields.get(segment.context.path) or strings.get(segment.string.data)
        if text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": text,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
    translation.save_target(publish=True)
    return instance.get_translation(locale)


def alias(page, locale):
    """A synchronised alias of an English page: it follows English until translated."""
    if page.has_translation(locale):
        return page.get_translation(locale)
    return page.copy_for_translation(locale, copy_parents=True, alias=True)


def translate_everywhere(instance, locales, translations):
    """Translate into each hand-translated language, alias into the others (pages only).

    ``translations`` maps a language code to ``{"fields": {...}, "strings": {...}}``.
    """
    for code, locale in locales.items():
        if code == instance.locale.language_code or instance.has_translation(locale):
            continue
        if code in translations:
            translate(instance, locale, **translations[code])
        elif isinstance(instance, Page):
            alias(instance, locale)


def ensure_locales():
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }


def strip_paragraph(html):
    """The text of a one-paragraph rich text: wagtail-localize's segment for it."""
    return html.removeprefix("<p>").removesuffix("</p>")


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
    # Full URLs (sitemap, feeds, emails) come from the Site: it answers at BASE_URL.
    address = urlsplit(settings.BASE_URL)
    default_port = 443 if address.scheme == "https" else 80
    wanted = (home.id, address.hostname or "localhost", address.port or default_port)
    if (site.root_page_id, site.hostname, site.port) != wanted:
        site.root_page, site.hostname, site.port = home, wanted[1], wanted[2]
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
    if placeholder is not None:
        placeholder.delete()
    translate_everywhere(
        home,
        locales,
        {
            code: {
                "fields": {"title": HOME_PAGES[code][0]},
                "strings": {
                    strip_paragraph(HOME_PAGES["en"][1]): strip_paragraph(HOME_PAGES[code][1])
                },
            }
            for code in TRANSLATED_LANGUAGES
        },
    )
    return home
