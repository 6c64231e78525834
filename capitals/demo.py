"""Demo content for the Capitals archive, the International Day page and "About", in five languages.

Only facts from the seed documents (the Düsseldorf Declaration and the 2019 summit
brochure) and UN General Assembly resolution 72/130. No Capital is designated by
default: see ``load_capitals``.
"""

from django.db import transaction

from wagtail.rich_text import RichText

from home.demo import publish_everywhere, translate_everywhere
from home.models import StandardPage

from .models import CapitalIndexPage, CapitalPage, InternationalDayPage

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

INTERNATIONAL_DAY = {
    "en": {
        "title": "International Day of Living Together in Peace",
        "introduction": (
            "Every 16 May, the world celebrates living together in peace. Member cities of "
            "the Observatory mark the day in their streets, schools and town halls, and each "
            "year a Capital of Living Together hosts the main celebration."
        ),
        "why": (
            "<p>On 8 December 2017 the United Nations General Assembly adopted resolution "
            "72/130, which proclaimed 16 May the International Day of Living Together in "
            "Peace: a way to regularly mobilise the efforts of the international community to "
            "promote peace, tolerance, inclusion, understanding and solidarity.</p>"
        ),
        "body": [
            ("heading", "How cities take part"),
            (
                "paragraph",
                "<p>In the Düsseldorf Declaration, adopted in 2019, mayors committed to "
                "promote the International Day of Living Together in Peace every 16 May.</p>"
                "<p>A city can mark the day with a public activity on living together, by "
                "launching a public policy that improves living together locally, or by "
                "starting a new city programme: the three kinds of action of the "
                "Declaration.</p>",
            ),
        ],
    },
    "fr": {
        "title": "Journée internationale du vivre-ensemble en paix",
        "introduction": (
            "Chaque 16 mai, le monde célèbre le vivre-ensemble en paix. Les villes membres de "
            "l'Observatoire marquent la journée dans leurs rues, leurs écoles et leurs hôtels "
            "de ville, et chaque année une capitale du vivre ensemble accueille la célébration "
            "principale."
        ),
        "why": (
            "<p>Le 8 décembre 2017, l'Assemblée générale des Nations Unies a adopté la "
            "résolution 72/130, qui proclame le 16 mai Journée internationale du "
            "vivre-ensemble en paix : un moyen de mobiliser régulièrement les efforts de la "
            "communauté internationale en faveur de la paix, de la tolérance, de l'inclusion, "
            "de la compréhension et de la solidarité.</p>"
        ),
        "body": [
            ("heading", "Comment les villes participent"),
            (
                "paragraph",
                "<p>Dans la Déclaration de Düsseldorf, adoptée en 2019, les maires se sont "
                "engagés à promouvoir la Journée internationale du vivre-ensemble en paix, "
                "tous les 16 mai.</p>"
                "<p>Une ville peut marquer la journée par une activité publique sur le vivre "
                "ensemble, en lançant une politique publique qui améliore le vivre ensemble à "
                "l'échelle locale ou en mettant en œuvre un nouveau programme municipal : les "
                "trois types d'action de la Déclaration.</p>",
            ),
        ],
    },
    "de": {
        "title": "Internationaler Tag des friedlichen Zusammenlebens",
        "introduction": (
            "Jedes Jahr am 16. Mai feiert die Welt das friedliche Zusammenleben. Die "
            "Mitgliedsstädte der Beobachtungsstelle begehen den Tag auf ihren Straßen, in "
            "Schulen und Rathäusern, und jedes Jahr richtet eine Hauptstadt des "
            "Zusammenlebens die zentrale Feier aus."
        ),
        "why": (
            "<p>Am 8. Dezember 2017 verabschiedete die Generalversammlung der Vereinten "
            "Nationen die Resolution 72/130, die den 16. Mai zum Internationalen Tag des "
            "friedlichen Zusammenlebens erklärte: ein Weg, die Anstrengungen der "
            "internationalen Gemeinschaft für Frieden, Toleranz, Inklusion, Verständnis und "
            "Solidarität regelmäßig zu bündeln.</p>"
        ),
        "body": [
            ("heading", "Wie Städte mitmachen"),
            (
                "paragraph",
                "<p>In der 2019 verabschiedeten Düsseldorfer Erklärung haben sich "
                "Bürgermeisterinnen und Bürgermeister verpflichtet, den Internationalen Tag "
                "des friedlichen Zusammenlebens jedes Jahr am 16. Mai zu fördern.</p>"
                "<p>Eine Stadt kann den Tag mit einer öffentlichen Aktivität zum Zusammenleben "
                "begehen, eine Politik auf den Weg bringen, die das Zusammenleben vor Ort "
                "verbessert, oder ein neues städtisches Programm beginnen: die drei Arten von "
                "Maßnahmen der Erklärung.</p>",
            ),
        ],
    },
    "es": {
        "title": "Día Internacional de la Convivencia en Paz",
        "introduction": (
            "Cada 16 de mayo, el mundo celebra la convivencia en paz. Las ciudades miembros "
            "del Observatorio celebran el día en sus calles, escuelas y ayuntamientos, y cada "
            "año una Capital de la Convivencia acoge la celebración principal."
        ),
        "why": (
            "<p>El 8 de diciembre de 2017, la Asamblea General de las Naciones Unidas aprobó "
            "la resolución 72/130, que proclamó el 16 de mayo Día Internacional de la "
            "Convivencia en Paz: una manera de movilizar periódicamente los esfuerzos de la "
            "comunidad internacional para promover la paz, la tolerancia, la inclusión, la "
            "comprensión y la solidaridad.</p>"
        ),
        "body": [
            ("heading", "Cómo participan las ciudades"),
            (
                "paragraph",
                "<p>En la Declaración de Düsseldorf, aprobada en 2019, los alcaldes se "
                "comprometieron a promover el Día Internacional de la Convivencia en Paz cada "
                "16 de mayo.</p>"
                "<p>Una ciudad puede celebrar el día con una actividad pública sobre la "
                "convivencia, poniendo en marcha una política pública que mejore la "
                "convivencia a nivel local o iniciando un nuevo programa municipal: los tres "
                "tipos de acción de la Declaración.</p>",
            ),
        ],
    },
    "ar": {
        "title": "اليوم الدولي للعيش معًا في سلام",
        "introduction": (
            "في 16 مايو/أيار من كل عام، يحتفل العالم بالعيش معًا في سلام. وتحيي المدن الأعضاء "
            "في المرصد هذا اليوم في شوارعها ومدارسها ودور بلدياتها، وتستضيف كل عام عاصمةٌ "
            "للعيش المشترك الاحتفال الرئيسي."
        ),
        "why": (
            "<p>في 8 ديسمبر/كانون الأول 2017، اعتمدت الجمعية العامة للأمم المتحدة القرار "
            "72/130 الذي أعلن يوم 16 مايو/أيار يومًا دوليًا للعيش معًا في سلام: وسيلةً لحشد "
            "جهود المجتمع الدولي بانتظام من أجل تعزيز السلام والتسامح والإدماج والتفاهم "
            "والتضامن.</p>"
        ),
        "body": [
            ("heading", "كيف تشارك المدن"),
            (
                "paragraph",
                "<p>في إعلان دوسلدورف الذي اعتُمد عام 2019، التزم رؤساء البلديات بالترويج "
                "لليوم الدولي للعيش معًا في سلام في 16 مايو/أيار من كل عام.</p>"
                "<p>يمكن للمدينة أن تحيي هذا اليوم بنشاط عام حول العيش المشترك، أو بإطلاق "
                "سياسة عامة تحسّن العيش المشترك على المستوى المحلي، أو ببدء برنامج بلدي "
                "جديد: وهي أنواع العمل الثلاثة التي ينص عليها الإعلان.</p>",
            ),
        ],
    },
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


def _paragraphs(texts):
    return "".join(f"<p>{text}</p>" for text in texts)


def _international_day_body(texts):
    return [
        ("heading", {"text": text, "level": "h2"}) if kind == "heading" else (kind, RichText(text))
        for kind, text in texts
    ]


def _about_body(texts):
    themes = "".join(f"<li>{theme}</li>" for theme in texts["themes"])
    return [
        ("paragraph", RichText(_paragraphs(texts["paragraphs"]))),
        ("heading", {"text": texts["themes_heading"], "level": "h2"}),
        ("paragraph", RichText(f"<ul>{themes}</ul>")),
    ]


def _fill_capital_index(page, code):
    page.title, page.introduction = CAPITAL_INDEX.get(code, CAPITAL_INDEX["en"])


def _fill_international_day(page, code):
    texts = INTERNATIONAL_DAY.get(code, INTERNATIONAL_DAY["en"])
    page.title = texts["title"]
    page.introduction = texts["introduction"]
    page.why_16_may = texts["why"]
    page.body = _international_day_body(texts["body"])


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

    return fill


def _capital_index(home, locales):
    page = CapitalIndexPage(slug="capitals", locale=home.locale, show_in_menus=True)
    _fill_capital_index(page, "en")
    home.add_child(instance=page)
    return publish_everywhere(page, locales, _fill_capital_index)


def _international_day(home, locales):
    existing = InternationalDayPage.objects.child_of(home).first()
    if existing is not None:
        return translate_everywhere(existing, locales, _fill_international_day, unedited_only=True)
    page = InternationalDayPage(slug="international-day", locale=home.locale, show_in_menus=True)
    _fill_international_day(page, "en")
    home.add_child(instance=page)
    return publish_everywhere(page, locales, _fill_international_day)


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
    page = CapitalPage(slug=str(year), year=year, city=city, locale=index.locale)
    fill(page, "en")
    index.add_child(instance=page)
    return publish_everywhere(page, locales, fill)


def _translate_existing(home, index, locales):
    """A rerun: translate the demo's pages that are still aliases somewhere (an older demo).

    Pages an editor deleted stay deleted, pages an editor changed wait for translators.
    """
    translate_everywhere(index, locales, _fill_capital_index, unedited_only=True)
    _international_day(home, locales)
    _about(home, locales)
    capitals = CapitalPage.objects.child_of(index).filter(year__in=list(DEMO_CAPITAL_YEARS))
    for capital in capitals.select_related("city"):
        if capital.city is not None:
            fill = _fill_demo_capital(locales, capital.year, capital.city)
            translate_everywhere(capital, locales, fill, unedited_only=True)
    return index


def load_capitals(home, locales, cities, *, demo_capitals=True):
    """Create the Capitals archive, the International Day page and "About" under ``home``.

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
        _international_day(home, locales)
        _about(home, locales)
        for year, slug in DEMO_CAPITAL_YEARS.items():
            city = (cities or {}).get(slug)
            if demo_capitals and city is not None:
                _demo_capital(index, locales, year, city)
    return index
