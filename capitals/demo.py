"""Demo content for the Capitals archive, "About" and an open Capital call, in five languages.

Only facts from the seed documents (the Düsseldorf Declaration and the 2019 summit
brochure) and UN General Assembly resolution 72/130. No Capital is designated by
default: see ``load_capitals``.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale
from wagtail.rich_text import RichText

from core.dates import next_international_day
from core.images import generate_renditions
from home.demo import publish_everywhere, translate_everywhere
from home.demo_images import CREDIT, image_alt
from home.models import StandardPage
from summits.models import DeclarationPage

from .cycle import ensure_jury_group
from .models import CapitalCall, CapitalCriterion, CapitalIndexPage, CapitalPage

CAPITAL_INDEX = {
    "en": (
        "Capitals of Living Together",
        "Each year the Observatory, in cooperation with the global organisers of the "
        "International Day, designates a Capital of Living Together: a city that hosts the "
        "main activity of the global celebration of 16 May.",
    ),
    "fr": (
        "Capitales du vivre ensemble",
        "Chaque année, l'Observatoire, en collaboration avec les organisateurs de la Journée "
        "internationale, désigne une capitale du vivre ensemble : une ville qui accueille "
        "l'activité principale des célébrations mondiales du 16 mai.",
    ),
    "de": (
        "Hauptstädte des Zusammenlebens",
        "Jedes Jahr ernennt die Beobachtungsstelle gemeinsam mit den weltweiten Organisatoren "
        "des Internationalen Tages eine Hauptstadt des Zusammenlebens: eine Stadt, die die "
        "zentrale Veranstaltung der weltweiten Feier des 16. Mai ausrichtet.",
    ),
    "es": (
        "Capitales de la Convivencia",
        "Cada año, el Observatorio, en cooperación con los organizadores mundiales del Día "
        "Internacional, designa una Capital de la Convivencia: una ciudad que acoge la "
        "actividad principal de la celebración mundial del 16 de mayo.",
    ),
    "ar": (
        "عواصم العيش المشترك",
        "يعيّن المرصد كل عام، بالتعاون مع المنظمين العالميين لليوم الدولي، عاصمةً للعيش "
        "المشترك: مدينةً تستضيف النشاط الرئيسي للاحتفال العالمي بيوم 16 مايو/أيار.",
    ),
}

ABOUT = {
    "en": {
        "title": "About the Observatory",
        "introduction": (
            "The International Observatory of Mayors on Living Together brings together "
            "mayors who share what helps the people of their cities live together in peace."
        ),
        "paragraphs": [
            "The Observatory was created after the first International Mayors Summit on "
            "Living Together, held in Montréal in June 2015, where more than 20 mayors shared "
            "their experiences and solutions on social cohesion, integration and security.",
            "At the 2nd International Mayors Summit on Living Together, in Düsseldorf in 2019, "
            "mayors adopted the Düsseldorf Declaration: they committed to strengthen social "
            "cohesion in their cities and to exchange their experiences.",
            "The Observatory promotes the International Day of Living Together in Peace every "
            "16 May and, each year, designates a Capital of Living Together to host the main "
            "activity of the global celebration.",
        ],
        "themes_heading": "Five themes",
        "themes": [
            "Sustainable mobility and environment",
            "Spaces to meet and inclusive urbanism",
            "Security, resilience and prevention of radicalisation",
            "Digital city, e-governance and data",
            "Affordability, integration and diversity",
        ],
    },
    "fr": {
        "title": "À propos de l'Observatoire",
        "introduction": (
            "L'Observatoire international des maires sur le Vivre ensemble réunit des maires "
            "qui partagent ce qui aide les habitants de leurs villes à vivre ensemble en paix."
        ),
        "paragraphs": [
            "L'Observatoire a été créé à la suite du premier Sommet international des maires "
            "sur le Vivre ensemble, tenu à Montréal en juin 2015, où plus de 20 maires ont "
            "échangé leurs expériences et solutions sur la cohésion sociale, l'intégration et "
            "la sécurité.",
            "Lors du 2e Sommet international des maires sur le Vivre ensemble, à Düsseldorf en "
            "2019, les maires ont adopté la Déclaration de Düsseldorf : ils se sont engagés à "
            "renforcer la cohésion sociale dans leurs villes et à échanger leurs expériences.",
            "L'Observatoire fait la promotion de la Journée internationale du vivre-ensemble "
            "en paix, tous les 16 mai, et désigne chaque année une capitale du vivre ensemble "
            "qui accueille l'activité principale des célébrations mondiales.",
        ],
        "themes_heading": "Cinq thèmes",
        "themes": [
            "Mobilité durable et environnement",
            "Espaces de rencontre et urbanisme inclusif",
            "Sécurité, résilience et prévention de la radicalisation",
            "Ville numérique, gouvernance électronique et données",
            "Accessibilité financière, intégration et diversité",
        ],
    },
    "de": {
        "title": "Über die Beobachtungsstelle",
        "introduction": (
            "Die Internationale Beobachtungsstelle der Bürgermeister für das Zusammenleben "
            "verbindet Bürgermeisterinnen und Bürgermeister, die teilen, was den Menschen "
            "ihrer Städte hilft, friedlich zusammenzuleben."
        ),
        "paragraphs": [
            "Die Beobachtungsstelle entstand nach dem ersten Internationalen "
            "Bürgermeistergipfel zum Zusammenleben im Juni 2015 in Montréal, auf dem mehr als "
            "20 Bürgermeister ihre Erfahrungen und Lösungen zu sozialem Zusammenhalt, "
            "Integration und Sicherheit austauschten.",
            "Auf dem 2. Internationalen Bürgermeistergipfel zum Zusammenleben 2019 in "
            "Düsseldorf verabschiedeten die Bürgermeister die Düsseldorfer Erklärung: Sie "
            "verpflichteten sich, den sozialen Zusammenhalt in ihren Städten zu stärken und "
            "ihre Erfahrungen auszutauschen.",
            "Die Beobachtungsstelle fördert jedes Jahr am 16. Mai den Internationalen Tag des "
            "friedlichen Zusammenlebens und ernennt jedes Jahr eine Hauptstadt des "
            "Zusammenlebens, die die zentrale Veranstaltung der weltweiten Feier ausrichtet.",
        ],
        "themes_heading": "Fünf Themen",
        "themes": [
            "Nachhaltige Mobilität und Umwelt",
            "Begegnungsräume und inklusiver Städtebau",
            "Sicherheit, Resilienz und Prävention von Radikalisierung",
            "Digitale Stadt, E-Government und Daten",
            "Bezahlbarkeit, Integration und Vielfalt",
        ],
    },
    "es": {
        "title": "Sobre el Observatorio",
        "introduction": (
            "El Observatorio Internacional de Alcaldes sobre la Convivencia reúne a alcaldes "
            "que comparten lo que ayuda a los habitantes de sus ciudades a convivir en paz."
        ),
        "paragraphs": [
            "El Observatorio se creó tras la primera Cumbre Internacional de Alcaldes sobre la "
            "Convivencia, celebrada en Montréal en junio de 2015, donde más de 20 alcaldes "
            "compartieron sus experiencias y soluciones sobre cohesión social, integración y "
            "seguridad.",
            "En la 2.ª Cumbre Internacional de Alcaldes sobre la Convivencia, en Düsseldorf en "
            "2019, los alcaldes aprobaron la Declaración de Düsseldorf: se comprometieron a "
            "reforzar la cohesión social en sus ciudades y a intercambiar sus experiencias.",
            "El Observatorio promueve el Día Internacional de la Convivencia en Paz cada 16 de "
            "mayo y designa cada año una Capital de la Convivencia que acoge la actividad "
            "principal de la celebración mundial.",
        ],
        "themes_heading": "Cinco temas",
        "themes": [
            "Movilidad sostenible y medio ambiente",
            "Espacios de encuentro y urbanismo inclusivo",
            "Seguridad, resiliencia y prevención de la radicalización",
            "Ciudad digital, gobierno electrónico y datos",
            "Asequibilidad, integración y diversidad",
        ],
    },
    "ar": {
        "title": "عن المرصد",
        "introduction": (
            "يجمع المرصد الدولي لرؤساء البلديات حول العيش المشترك رؤساءَ بلديات يتبادلون ما "
            "يساعد سكان مدنهم على العيش معًا في سلام."
        ),
        "paragraphs": [
            "أُنشئ المرصد في أعقاب القمة الدولية الأولى لرؤساء البلديات حول العيش المشترك، "
            "التي عُقدت في مونتريال في يونيو/حزيران 2015، حيث تبادل أكثر من 20 رئيس بلدية "
            "تجاربهم وحلولهم بشأن التماسك الاجتماعي والاندماج والأمن.",
            "وفي القمة الدولية الثانية لرؤساء البلديات حول العيش المشترك، في دوسلدورف عام "
            "2019، اعتمد رؤساء البلديات إعلان دوسلدورف: فالتزموا بتعزيز التماسك الاجتماعي في "
            "مدنهم وبتبادل تجاربهم.",
            "يروّج المرصد لليوم الدولي للعيش معًا في سلام في 16 مايو/أيار من كل عام، ويعيّن "
            "كل عام عاصمةً للعيش المشترك تستضيف النشاط الرئيسي للاحتفال العالمي.",
        ],
        "themes_heading": "خمسة محاور",
        "themes": [
            "التنقل المستدام والبيئة",
            "فضاءات اللقاء والتخطيط العمراني الشامل",
            "الأمن والقدرة على الصمود والوقاية من التطرف",
            "المدينة الرقمية والحوكمة الإلكترونية والبيانات",
            "القدرة على تحمّل التكاليف والاندماج والتنوع",
        ],
    },
}

# Only used with demo_capital=True: an example, never presented as a real designation.
DEMO_CAPITAL = {
    "en": (
        "Demo Capital {year}",
        "Demo: an example designation that shows how a Capital page looks. {city} has not "
        "been designated Capital of Living Together for {year}; replace or delete this page.",
    ),
    "fr": (
        "Capitale de démonstration {year}",
        "Démonstration : un exemple de désignation qui montre à quoi ressemble la page d'une "
        "capitale. {city} n'a pas été désignée capitale du vivre ensemble pour {year} ; "
        "remplacez ou supprimez cette page.",
    ),
    "de": (
        "Demo-Hauptstadt {year}",
        "Demo: eine Beispiel-Ernennung, die zeigt, wie die Seite einer Hauptstadt aussieht. "
        "{city} wurde nicht zur Hauptstadt des Zusammenlebens {year} ernannt; ersetzen oder "
        "löschen Sie diese Seite.",
    ),
    "es": (
        "Capital de demostración {year}",
        "Demostración: un ejemplo de designación que muestra cómo es la página de una "
        "Capital. {city} no ha sido designada Capital de la Convivencia {year}; sustituya o "
        "elimine esta página.",
    ),
    "ar": (
        "عاصمة تجريبية {year}",
        "تجريبي: مثال على تعيين يوضح شكل صفحة العاصمة. لم تُعيَّن {city} عاصمةً للعيش "
        "المشترك لعام {year}؛ استبدلوا هذه الصفحة أو احذفوها.",
    ),
}


# The demo Capitals' 16 May programme: an example, labelled as one in every language.
CAPITAL_PROGRAMME = {
    "en": (
        "A day of living together (demo programme)",
        [
            "10:00 · Opening of the International Day at City Hall, with the mayor of {city}",
            "12:00 · Shared lunch: tables of living together in every neighbourhood",
            "15:00 · Public forum: the city's initiatives, presented by their teams",
            "19:00 · Concert for living together in peace",
        ],
    ),
    "fr": (
        "Une journée du vivre ensemble (programme de démonstration)",
        [
            "10 h · Ouverture de la Journée internationale à l'hôtel de ville, avec la mairie "
            "de {city}",
            "12 h · Repas partagé : des tables du vivre ensemble dans chaque quartier",
            "15 h · Forum public : les initiatives de la ville, présentées par leurs équipes",
            "19 h · Concert pour le vivre ensemble en paix",
        ],
    ),
    "de": (
        "Ein Tag des Zusammenlebens (Demo-Programm)",
        [
            "10:00 · Eröffnung des Internationalen Tages im Rathaus, mit der Stadtspitze "
            "von {city}",
            "12:00 · Gemeinsames Mittagessen: Tische des Zusammenlebens in jedem Viertel",
            "15:00 · Öffentliches Forum: die Initiativen der Stadt, vorgestellt von ihren Teams",
            "19:00 · Konzert für das Zusammenleben in Frieden",
        ],
    ),
    "es": (
        "Un día de convivencia (programa de demostración)",
        [
            "10:00 · Apertura del Día Internacional en el ayuntamiento, con la alcaldía de {city}",
            "12:00 · Almuerzo compartido: mesas de la convivencia en cada barrio",
            "15:00 · Foro público: las iniciativas de la ciudad, presentadas por sus equipos",
            "19:00 · Concierto por la convivencia en paz",
        ],
    ),
    "ar": (
        "يوم للعيش المشترك (برنامج تجريبي)",
        [
            "10:00 · افتتاح اليوم الدولي في مقر البلدية، مع رئاسة بلدية {city}",
            "12:00 · غداء مشترك: موائد للعيش المشترك في كل حي",
            "15:00 · منتدى عام: مبادرات المدينة كما تقدمها فرقها",
            "19:00 · حفل موسيقي من أجل العيش معًا في سلام",
        ],
    ),
}


def _capital_programme(code, city):
    heading, items = CAPITAL_PROGRAMME.get(code, CAPITAL_PROGRAMME["en"])
    lines = "".join(f"<li>{item.format(city=city)}</li>" for item in items)
    return [
        ("heading", {"text": heading, "level": "h3"}),
        ("paragraph", RichText(f"<ul>{lines}</ul>")),
    ]


def _paragraphs(texts):
    return "".join(f"<p>{text}</p>" for text in texts)


def _about_body(texts):
    themes = "".join(f"<li>{theme}</li>" for theme in texts["themes"])
    return [
        ("paragraph", RichText(_paragraphs(texts["paragraphs"]))),
        ("heading", {"text": texts["themes_heading"], "level": "h2"}),
        ("paragraph", RichText(f"<ul>{themes}</ul>")),
    ]


def _fill_capital_index(page, code):
    page.title, page.introduction = CAPITAL_INDEX.get(code, CAPITAL_INDEX["en"])


def _fill_about(page, code):
    texts = ABOUT.get(code, ABOUT["en"])
    page.title = texts["title"]
    page.introduction = texts["introduction"]
    page.body = _about_body(texts)


def _fill_demo_capital(locales, year, city):
    def fill(page, code):
        title, introduction = DEMO_CAPITAL.get(code, DEMO_CAPITAL["en"])
        name = (city.get_translation_or_none(locales[code]) or city).title
        page.title = title.format(year=year)
        page.introduction = introduction.format(year=year, city=name)
        page.programme = _capital_programme(code, name)
        # The Capital's picture is its city's.
        page.image_alt = image_alt("city", code, name)
        page.image_credit = CREDIT.get(code, CREDIT["en"])

    return fill


def _capital_index(home, locales):
    page = CapitalIndexPage(slug="capitals", locale=home.locale, show_in_menus=True)
    _fill_capital_index(page, "en")
    home.add_child(instance=page)
    return publish_everywhere(page, locales, _fill_capital_index)


def _about(home, locales):
    existing = StandardPage.objects.child_of(home).filter(slug="about").first()
    if existing is not None:
        return translate_everywhere(existing, locales, _fill_about, unedited_only=True)
    page = StandardPage(slug="about", locale=home.locale, show_in_menus=True)
    _fill_about(page, "en")
    home.add_child(instance=page)
    return publish_everywhere(page, locales, _fill_about)


# Example designations, one a year, so the archive, the home page and the city
# pages have something to show. Each page says it is a demo, in every language.
DEMO_CAPITAL_YEARS = {
    2022: "montreal",
    2023: "bogota",
    2024: "lisbon",
    2025: "duesseldorf",
    2026: "dakar",
    2027: "seoul",
}


def _demo_capital(index, locales, year, city):
    fill = _fill_demo_capital(locales, year, city)
    existing = CapitalPage.objects.filter(year=year, locale=index.locale).first()
    if existing is not None:
        return existing
    page = CapitalPage(
        slug=str(year), year=year, city=city, locale=index.locale, image_id=city.image_id
    )
    if city.image is not None:
        generate_renditions(city.image, ["hero", "card"])
    fill(page, "en")
    index.add_child(instance=page)
    return publish_everywhere(page, locales, fill)


def _translate_existing(home, index, locales):
    """A rerun: translate the demo's pages that are still aliases somewhere (an older demo).

    Pages an editor deleted stay deleted, pages an editor changed wait for translators.
    """
    translate_everywhere(index, locales, _fill_capital_index, unedited_only=True)
    _about(home, locales)
    capitals = CapitalPage.objects.child_of(index).filter(year__in=list(DEMO_CAPITAL_YEARS))
    for capital in capitals.select_related("city"):
        if capital.city is not None:
            fill = _fill_demo_capital(locales, capital.year, capital.city)
            translate_everywhere(capital, locales, fill, unedited_only=True)
    return index


def load_capitals(home, locales, cities, *, demo_capitals=True):
    """Create the Capitals archive and "About" under ``home``.

    ``home`` is the English HomePage, ``locales`` maps language codes to Locales and
    ``cities`` maps slugs to English CityPages (any may be missing). Every page is
    translated through wagtail-localize into French, German, Spanish and Arabic. When
    the Capitals archive exists already nothing is created, and those of the demo's
    pages that are still aliases in a language (an older demo) are translated. The
    seeds name no Capital: with ``demo_capitals`` (the default) example Capitals are
    created for several years, each labelled as a demo in its title and text in every
    language.
    """
    with transaction.atomic():
        existing = CapitalIndexPage.objects.child_of(home).first()
        if existing is not None:
            return _translate_existing(home, existing, locales)
        index = _capital_index(home, locales)
        _about(home, locales)
        for year, slug in DEMO_CAPITAL_YEARS.items():
            city = (cities or {}).get(slug)
            if demo_capitals and city is not None:
                _demo_capital(index, locales, year, city)
    return index


DEMO_CRITERIA = (
    ("Commitment to living together", "Policies and programmes already in place.", 10),
    ("16 May programme", "The celebration the city plans, its audiences and partners.", 10),
    ("Reach", "How the city will involve other cities and its residents.", 5),
)


def load_demo_call(today=None):
    """An open call for the year after the demo Capitals, with criteria. Idempotent."""
    today = today or timezone.localdate()
    last = CapitalPage.objects.order_by("-year").values_list("year", flat=True).first()
    year = max(last or 0, next_international_day(today).year) + 1
    if CapitalCall.objects.filter(year=year).exists():
        return None
    deadline = timezone.make_aware(datetime.datetime(year - 1, 12, 31, 23, 59))
    if deadline <= timezone.now():
        deadline = timezone.now() + datetime.timedelta(days=60)
    call = CapitalCall.objects.create(
        year=year,
        deadline=deadline,
        introduction=(
            "Member cities that have signed the Düsseldorf Declaration can apply to host "
            "the main celebration of 16 May. (Demo call.)"
        ),
        declaration=DeclarationPage.objects.filter(locale=Locale.get_default())
        .order_by("-adopted_on")
        .first(),
    )
    for order, (name, description, points) in enumerate(DEMO_CRITERIA):
        CapitalCriterion.objects.create(
            call=call, name=name, description=description, max_points=points, sort_order=order
        )
    ensure_jury_group()
    return call


def load(world):
    """The Capitals archive, "About" and an open call (``core.sections.DEMO_CONTENT``)."""
    load_capitals(world["home"], world["locales"], world["cities"])
    load_demo_call()
