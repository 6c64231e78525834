"""Demo content of the newsletters: the archive, one newsletter, the default reminder rules."""

from django.db import transaction

from home.demo import publish_everywhere, translate_everywhere, translate_snippet_everywhere
from home.demo_images import demo_image, set_image_text

from .models import NewsletterIndexPage, NewsletterPage, ReminderMessage, ReminderRule
from .reminders import DEFAULT_DAYS

ARCHIVE = {
    "en": ("Newsletters", "The Observatory's newsletters, in every language."),
    "fr": ("Lettres d'information", "Les lettres d'information de l'Observatoire."),
    "de": ("Newsletter", "Die Newsletter der Beobachtungsstelle."),
    "es": ("Boletines", "Los boletines del Observatorio, en todos sus idiomas."),
    "ar": ("النشرات الإخبارية", "النشرات الإخبارية للمرصد بجميع لغاته."),
}

LETTER = {
    "en": (
        "Towards 16 May: cities prepare the International Day",
        "Cities prepare the International Day of Living Together in Peace",
        "Programmes, the Capital of the year and how to take part.",
        "<p>Every 16 May, the member cities of the Observatory celebrate the International "
        "Day of Living Together in Peace, proclaimed by the United Nations General Assembly "
        "in resolution 72/130.</p><p>Register your city's events and share your initiatives "
        "on the website.</p>",
    ),
    "fr": (
        "Vers le 16 mai : les villes préparent la Journée internationale",
        "Les villes préparent la Journée internationale du vivre-ensemble en paix",
        "Programmes, Capitale de l'année et comment participer.",
        "<p>Chaque 16 mai, les villes membres de l'Observatoire célèbrent la Journée "
        "internationale du vivre-ensemble en paix, proclamée par l'Assemblée générale des "
        "Nations Unies dans sa résolution 72/130.</p><p>Inscrivez les événements de votre "
        "ville et partagez vos initiatives sur le site.</p>",
    ),
    "de": (
        "Auf dem Weg zum 16. Mai: Die Städte bereiten den Internationalen Tag vor",
        "Die Städte bereiten den Internationalen Tag des friedlichen Zusammenlebens vor",
        "Programme, die Hauptstadt des Jahres und wie Sie mitmachen.",
        "<p>Jedes Jahr am 16. Mai feiern die Mitgliedsstädte der Beobachtungsstelle den "
        "Internationalen Tag des friedlichen Zusammenlebens, den die Generalversammlung der "
        "Vereinten Nationen mit der Resolution 72/130 ausgerufen hat.</p><p>Tragen Sie die "
        "Veranstaltungen Ihrer Stadt ein und teilen Sie Ihre Initiativen auf der Website.</p>",
    ),
    "es": (
        "Rumbo al 16 de mayo: las ciudades preparan el Día Internacional",
        "Las ciudades preparan el Día Internacional de la Convivencia en Paz",
        "Los programas, la Capital del año y cómo participar.",
        "<p>Cada 16 de mayo, las ciudades miembro del Observatorio celebran el Día "
        "Internacional de la Convivencia en Paz, proclamado por la Asamblea General de las "
        "Naciones Unidas en su resolución 72/130.</p><p>Inscriba los eventos de su ciudad y "
        "comparta sus iniciativas en el sitio web.</p>",
    ),
    "ar": (
        "نحو 16 مايو/أيار: المدن تستعد لليوم الدولي",
        "المدن تستعد لليوم الدولي للعيش معًا في سلام",
        "البرامج، وعاصمة العام، وكيفية المشاركة.",
        "<p>في 16 مايو/أيار من كل عام، تحتفل المدن الأعضاء في المرصد باليوم الدولي للعيش معًا "
        "في سلام، الذي أعلنته الجمعية العامة للأمم المتحدة في قرارها 72/130.</p><p>سجّلوا "
        "فعاليات مدينتكم وشاركوا مبادراتكم على الموقع الإلكتروني.</p>",
    ),
}

REMINDER = {
    "en": (
        "{days} days to the International Day of Living Together in Peace",
        "<p>On {date}, cities around the world celebrate living together in peace. This "
        "year's Capital of Living Together is {capital}.</p>",
    ),
    "fr": (
        "J-{days} avant la Journée internationale du vivre-ensemble en paix",
        "<p>Le {date}, des villes du monde entier célèbrent le vivre-ensemble en paix. La "
        "Capitale du vivre-ensemble de cette année est {capital}.</p>",
    ),
    "de": (
        "Noch {days} Tage bis zum Internationalen Tag des friedlichen Zusammenlebens",
        "<p>Am {date} feiern Städte in aller Welt das friedliche Zusammenleben. Hauptstadt "
        "des Zusammenlebens ist in diesem Jahr {capital}.</p>",
    ),
    # Worded so that the number agrees whatever it is (1, 7, 30 days).
    "es": (
        "Días que faltan para el Día Internacional de la Convivencia en Paz: {days}",
        "<p>El {date}, ciudades de todo el mundo celebran la convivencia en paz. La Capital "
        "de la Convivencia de este año es {capital}.</p>",
    ),
    "ar": (
        "الأيام المتبقية على اليوم الدولي للعيش معًا في سلام: {days}",
        "<p>في {date} تحتفل مدن العالم بالعيش معًا في سلام. عاصمة العيش المشترك لهذا العام "
        "هي {capital}.</p>",
    ),
}


def paragraphs(markup):
    """One block per paragraph: the demo's translations match blocks one to one."""
    return [("paragraph", f"<p>{part}") for part in markup.split("<p>") if part]


def fill_archive(copy, code):
    copy.title, copy.introduction = ARCHIVE.get(code, ARCHIVE["en"])


def fill_letter(copy, code):
    copy.title, copy.subject, copy.preheader, text = LETTER.get(code, LETTER["en"])
    copy.body = paragraphs(text)
    set_image_text(copy, "news", code)


def fill_reminder(copy, code):
    copy.subject, copy.body = REMINDER[code]


def load_newsletters(home, locales):
    """The archive with one newsletter, and reminders 30, 7 and 1 days before. Idempotent.

    The pages are translated into every language through wagtail-localize; when the
    archive exists already nothing is created, and its pages that are still aliases in
    a language (an older demo) are translated.
    """
    with transaction.atomic():
        existing = NewsletterIndexPage.objects.child_of(home).first()
        if existing is not None:
            translate_everywhere(existing, locales, fill_archive, unedited_only=True)
            letter = NewsletterPage.objects.child_of(existing).filter(slug="towards-16-may")
            for page in letter:
                translate_everywhere(page, locales, fill_letter, unedited_only=True)
            return existing
        title, introduction = ARCHIVE["en"]
        index = home.add_child(
            instance=NewsletterIndexPage(title=title, slug="newsletters", introduction=introduction)
        )
        publish_everywhere(index, locales, fill_archive)
        letter = NewsletterPage(
            slug="towards-16-may",
            image=demo_image("newsletter-towards-16-may", ["hero", "card"], palette="plum"),
        )
        fill_letter(letter, "en")
        letter = index.add_child(instance=letter)
        publish_everywhere(letter, locales, fill_letter)
        subject, body = REMINDER["en"]
        message = ReminderMessage.objects.create(
            name="Countdown to 16 May", subject=subject, body=body, locale=locales["en"]
        )
        translate_snippet_everywhere(message, locales, fill_reminder)
        for days in DEFAULT_DAYS:
            ReminderRule.objects.get_or_create(days_before=days, defaults={"message": message})
    return index
