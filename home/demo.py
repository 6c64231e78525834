"""Demo content of the home app, and the helpers every app's demo loader uses."""

from collections import defaultdict
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from wagtail.fields import StreamField
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import (
    LocaleSynchronization,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.strings import StringValue, validate_translation_links

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


# Every language is a wagtail-localize translation of English.
TRANSLATED_LANGUAGES = ("fr", "de", "es", "ar")


def publish(page):
    page.save_revision().publish()
    return page


def _strings_by_field(instance):
    """The translatable string segments of ``instance``, in order, grouped by field."""
    by_field = defaultdict(list)
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            by_field[segment.path.split(".")[0]].append(segment)
    return by_field


def _filled_copy(instance, fill, code):
    """An unsaved copy of ``instance`` with ``fill(copy, code)`` applied."""
    candidate = type(instance)._default_manager.get(pk=instance.pk)
    fill(candidate, code)
    for field in candidate._meta.get_fields():
        if isinstance(field, StreamField):
            # New blocks get their ids, as saving would give them.
            value = field.get_prep_value(getattr(candidate, field.name))
            setattr(candidate, field.name, field.to_python(value))
    return candidate


def translate_like(instance, locale, fill, code):
    """Translate ``instance`` through wagtail-localize from a filled-in copy.

    ``fill(copy, code)`` sets the translated values on an unsaved copy, exactly as
    one would write a translated page by hand. Its segments, matched in order with
    the original's field by field, become wagtail-localize string translations.
    """
    target = _strings_by_field(_filled_copy(instance, fill, code))
    paths, by_source = {}, {}
    for field, segments in _strings_by_field(instance).items():
        for original, translated in zip(segments, target.get(field, []), strict=False):
            paths[original.path] = translated.string.data
            # The paragraphs of one rich-text block share a path: match them by text.
            by_source[original.string.data] = translated.string.data
    return translate(instance, locale, fields=paths, strings=by_source)


def is_demo_text(instance, fill):
    """True when ``instance`` still has the text ``fill`` writes in its own language.

    A rerun of the demo translates only what nobody has edited since: a page an
    editor changed waits for its translators.
    """
    code = instance.locale.language_code

    def texts(strings):
        return {field: [s.string.data for s in segments] for field, segments in strings.items()}

    expected = texts(_strings_by_field(_filled_copy(instance, fill, code)))
    return texts(_strings_by_field(instance)) == expected


def translate_everywhere(
    page, locales, fill, languages=TRANSLATED_LANGUAGES, *, update=(), unedited_only=False
):
    """Translate a live source page into ``languages``; other locales get an alias.

    A language that has the page only as an alias (wagtail-localize's locale
    synchronisation creates one as soon as the page is published) gets a real
    translation: wagtail-localize converts the alias in place. Languages in
    ``update`` are translated again even when they have a translation already.
    With ``unedited_only`` (a rerun of the demo) a page whose text an editor has
    changed since the demo wrote it is left to its translators.
    """
    if not page.live:
        return page
    translated = set(
        Page.objects.filter(translation_key=page.translation_key, alias_of__isnull=True)
        .exclude(pk=page.pk)
        .values_list("locale__language_code", flat=True)
    )
    missing = [
        (code, locale)
        for code, locale in locales.items()
        if code != page.locale.language_code and (code not in translated or code in update)
    ]
    if not missing or (unedited_only and not is_demo_text(page, fill)):
        return page
    for code, locale in missing:
        if code in languages:
            translate_like(page, locale, fill, code)
        else:
            alias(page, locale)
    return page


def date_pages_created_live():
    """Give a publication date to the live pages that never had one.

    The demo creates its English pages live (``add_child``), which sets no
    ``first_published_at``: the home page's news, the newsletter archive and the feeds
    showed those pages undated, and sorted them after every translation. Editors'
    pages always have one (publishing sets it). One query, whatever the database holds.
    """
    now = timezone.now()
    return Page.objects.filter(live=True, first_published_at__isnull=True).update(
        first_published_at=now, last_published_at=now
    )


def publish_everywhere(page, locales, fill, languages=TRANSLATED_LANGUAGES):
    """Publish an English page, then translate it into ``languages`` (``translate_everywhere``)."""
    if not page.live or page.has_unpublished_changes:
        publish(page)
    return translate_everywhere(page, locales, fill, languages)


def translate_snippet_everywhere(snippet, locales, fill):
    """Snippets have no aliases: every language gets its translation."""
    for code, locale in locales.items():
        if code != snippet.locale.language_code and not snippet.has_translation(locale):
            translate_like(snippet, locale, fill, code)
    return snippet


def translate(instance, locale, fields=None, strings=None):
    """Translate a page or snippet through wagtail-localize, as a translator would.

    ``fields`` maps a plain field's name to its translation (title, introduction…);
    ``strings`` maps any source segment (a rich-text paragraph, a block's text) to
    its translation. Segments left out keep the source text until someone
    translates them. Because the translation is wagtail-localize's own, a later
    edit of the source marks it out of date in the admin.
    """
    fields, strings = fields or {}, strings or {}
    if isinstance(instance, Page):
        instance = instance.specific
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    save_string_translations(segments, locale, fields, strings)
    if not isinstance(instance, Page):
        translation.save_target(publish=True)
        return instance.get_translation(locale)
    # wagtail-localize would publish when the transaction commits, from a copy of
    # the page taken now; children added before then would be lost from the tree.
    # Save a draft and publish it at once instead.
    translation.save_target(publish=False)
    translated = instance.get_translation(locale)
    translated.get_latest_revision().publish()
    return translated


def save_string_translations(segments, locale, fields, strings):
    """The translators' strings of ``segments``, written in bulk: what saving each one does.

    wagtail-localize's ``StringTranslation.save`` checks the HTML and links of the
    text (``has_error``) and its signal copies a title to the page's draft title;
    both happen here for all the strings of a page at once.
    """
    wanted = {}
    for segment in segments:
        text = strings.get(segment.string.data) or fields.get(segment.context.path)
        if text:
            wanted[segment.string_id, segment.context_id] = (segment, text)
    if not wanted:
        return
    existing = {
        (row.translation_of_id, row.context_id): row
        for row in StringTranslation.objects.filter(
            locale=locale,
            translation_of_id__in={key[0] for key in wanted},
            context_id__in={key[1] for key in wanted},
        )
    }
    manual = StringTranslation.TRANSLATION_TYPE_MANUAL
    now = timezone.now()
    new, changed = [], []
    for key, (segment, text) in wanted.items():
        try:
            StringValue.from_translated_html(text)
            validate_translation_links(segment.string.data, text)
            has_error = False
        except ValueError:
            has_error = True
        row = existing.get(key)
        if row is None:
            new.append(
                StringTranslation(
                    translation_of_id=segment.string_id,
                    locale=locale,
                    context_id=segment.context_id,
                    data=text,
                    translation_type=manual,
                    has_error=has_error,
                )
            )
        elif (row.data, row.translation_type) != (text, manual):
            row.data, row.translation_type, row.has_error, row.updated_at = (
                text,
                manual,
                has_error,
                now,
            )
            changed.append(row)
        if segment.context.path == "title":
            Page.objects.filter(
                translation_key=segment.context.object_id, locale_id=locale.pk
            ).update(draft_title=text)
    StringTranslation.objects.bulk_create(new)
    StringTranslation.objects.bulk_update(
        changed, ["data", "translation_type", "has_error", "updated_at"]
    )


def alias(page, locale):
    """A synchronised alias of an English page: it follows English until translated."""
    if page.has_translation(locale):
        return page.get_translation(locale)
    return page.copy_for_translation(locale, copy_parents=True, alias=True)


def ensure_locales():
    """The site's languages, each but English synchronising its page tree from English.

    With wagtail-localize's ``LocaleSynchronization`` a page published in English
    appears at once in every other language, as an alias until it is translated
    (``home.locale_sync``). Rows are added without their save signal, which would
    alias the whole tree at once (Wagtail's welcome page included): the demo
    translates its pages itself and ``synchronize_locale_trees`` catches up after.
    """
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }
    default = locales[settings.LANGUAGE_CODE]
    synced = set(LocaleSynchronization.objects.values_list("locale_id", flat=True))
    LocaleSynchronization.objects.bulk_create(
        LocaleSynchronization(locale=locale, sync_from=default)
        for locale in locales.values()
        if locale != default and locale.pk not in synced
    )
    return locales


def ensure_home_pages(locales):
    """A HomePage at the site root in English and a translation in every other language."""
    site = Site.objects.filter(is_default_site=True).first()
    # Wagtail's migrations create the tree root; a flushed database has none.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locales["en"])
    )
    home = HomePage.objects.filter(locale=locales["en"]).first()
    created = home is None
    placeholder = root.get_children().exclude(id__in=HomePage.objects.values("id")).first()
    if placeholder is not None and placeholder.slug == "home":
        # Wagtail's "Welcome" page holds the slug until it is removed below.
        Page.objects.filter(id=placeholder.id).update(slug="wagtail-welcome")
    if created:
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

    if created:
        publish_everywhere(home, locales, fill_home)
    else:
        translate_everywhere(home, locales, fill_home, unedited_only=True)
    return home


def fill_home(copy, code):
    copy.title, copy.introduction = HOME_PAGES[code]
