"""Demo: the 2019 summit's exhibition "Living together today and tomorrow" in five languages.

Its five panels are the summit's five themes with the three priorities the brochure
names for each (labelled as demo panels); two member cities host it (Montréal in
French, Barcelona in Spanish); a few contributions in several languages are
moderated (approved, one waiting, one rejected), with a city's answers. Creates
nothing twice.
"""

import datetime

from django.utils import timezone

from home.demo import publish, publish_everywhere
from home.demo_images import demo_image, image_block
from initiatives.demo import THEME_PALETTES, THEMES
from summits.models import SummitPage

from .models import Contribution, ExhibitionHost, ExhibitionPage, PanelPage, Support
from .tasks import reindex_panels

EXHIBITION = {
    "en": (
        "Living together today and tomorrow",
        "The results of the summit's workshops, summarised at once in digital form and shown "
        "in a public exhibition at the NRW-Forum, so that mayors and residents discuss them "
        "openly. Every member city can host the exhibition and debate it with its residents.",
        "NRW-Forum Düsseldorf",
    ),
    "fr": (
        "Vivre ensemble aujourd'hui et demain",
        "Les résultats des ateliers du sommet, immédiatement résumés au format numérique et "
        "présentés dans une exposition publique au NRW-Forum, pour engager une discussion "
        "ouverte entre les maires et les habitants. Toutes les villes membres peuvent accueillir "
        "l'exposition et en débattre avec leurs habitants.",
        "NRW-Forum Düsseldorf",
    ),
    "de": (
        "Zusammenleben heute und morgen",
        "Die Ergebnisse der Workshops des Gipfels, sofort digital zusammengefasst und in einer "
        "öffentlichen Ausstellung im NRW-Forum gezeigt, damit Bürgermeisterinnen, Bürgermeister "
        "und Einwohner offen darüber diskutieren. Jede Mitgliedsstadt kann die Ausstellung "
        "zeigen und mit ihren Einwohnerinnen und Einwohnern diskutieren.",
        "NRW-Forum Düsseldorf",
    ),
    "es": (
        "Convivir hoy y mañana",
        "Los resultados de los talleres de la cumbre, resumidos de inmediato en formato digital "
        "y presentados en una exposición pública en el NRW-Forum, para que alcaldes y vecinos "
        "los debatan abiertamente. Todas las ciudades miembro pueden acoger la exposición y "
        "debatirla con sus habitantes.",
        "NRW-Forum Düsseldorf",
    ),
    "ar": (
        "العيش معًا اليوم وغدًا",
        "نتائج ورشات عمل القمة، لُخّصت فورًا في صيغة رقمية وعُرضت في معرض عام في منتدى NRW، "
        "ليتناقشها رؤساء البلديات والسكان بصراحة. ويمكن لكل مدينة عضو أن تستضيف المعرض "
        "وتناقشه مع سكانها.",
        "منتدى NRW في دوسلدورف",
    ),
}

SUMMARY = {
    "en": "{title}: at their workshop on Saturday 31 August 2019 at the Lindner Congress Hotel "
    "in Düsseldorf, the mayors set three priorities for the city of tomorrow. (Demo panel "
    "written from the summit's brochure.)",
    "fr": "{title} : lors de leur atelier du samedi 31 août 2019 au Lindner Congress Hotel de "
    "Düsseldorf, les maires ont retenu trois priorités pour la ville de demain. (Panneau de "
    "démonstration rédigé d'après la brochure du sommet.)",
    "de": "{title}: In ihrem Workshop am Samstag, 31. August 2019, im Lindner Congress Hotel "
    "in Düsseldorf legten die Bürgermeisterinnen und Bürgermeister drei Prioritäten für die "
    "Stadt von morgen fest. (Demo-Tafel nach der Broschüre des Gipfels.)",
    "es": "{title}: en su taller del sábado 31 de agosto de 2019 en el Lindner Congress Hotel "
    "de Düsseldorf, los alcaldes fijaron tres prioridades para la ciudad del mañana. (Panel de "
    "demostración redactado a partir del folleto de la cumbre.)",
    "ar": "{title}: في ورشة العمل التي عقدوها يوم السبت 31 أغسطس 2019 في فندق ليندنر كونغرس "
    "في دوسلدورف، حدّد رؤساء البلديات ثلاث أولويات لمدينة الغد. (لوحة تجريبية كُتبت استنادًا "
    "إلى كتيّب القمة.)",
}

FIGURES = {
    "en": [("3", "priorities for the city of tomorrow"),
           ("68 %", "of the world's population in cities by 2050 (estimate)")],
    "fr": [("3", "priorités pour la ville de demain"),
           ("68 %", "de la population mondiale en ville d'ici 2050 (estimation)")],
    "de": [("3", "Prioritäten für die Stadt von morgen"),
           ("68 %", "der Weltbevölkerung in Städten bis 2050 (Schätzung)")],
    "es": [("3", "prioridades para la ciudad del mañana"),
           ("68 %", "de la población mundial en ciudades en 2050 (estimación)")],
    "ar": [("3", "أولويات لمدينة الغد"), ("68 %", "من سكان العالم في المدن بحلول 2050 (تقدير)")],
}  # fmt: skip

# The three priorities of each theme, as the 2019 brochure names them.
COMMITMENTS = {
    "mobility-environment": {
        "en": [
            "Provide sustainable alternatives to traditional means of transport",
            "Cut CO2 emissions and make green mobility a reality",
            "Improve waste management in urban environments",
        ],
        "fr": [
            "Fournir des solutions durables pour remplacer les moyens de transport traditionnels",
            "Réduire les émissions de CO2 et faire de la mobilité verte une réalité",
            "Améliorer la gestion des déchets dans les environnements urbains",
        ],
        "de": [
            "Nachhaltige Alternativen zu herkömmlichen Verkehrsmitteln schaffen",
            "CO2-Emissionen senken und grüne Mobilität Wirklichkeit werden lassen",
            "Die Abfallwirtschaft in der Stadt verbessern",
        ],
        "es": [
            "Ofrecer alternativas sostenibles a los medios de transporte tradicionales",
            "Reducir las emisiones de CO2 y hacer realidad la movilidad verde",
            "Mejorar la gestión de residuos en los entornos urbanos",
        ],
        "ar": [
            "توفير حلول مستدامة بديلة لوسائل النقل التقليدية",
            "خفض انبعاثات ثاني أكسيد الكربون وجعل التنقل الأخضر واقعًا",
            "تحسين إدارة النفايات في البيئات الحضرية",
        ],
    },
    "inclusive-urbanism": {
        "en": [
            "Create spaces where residents can meet and talk with one another",
            "Promote a sense of belonging through inclusive urban planning",
            "Give disadvantaged neighbourhoods structural means",
        ],
        "fr": [
            "Créer des espaces où les habitants puissent se rencontrer et échanger entre eux",
            "Promouvoir un sentiment d'appartenance via un urbanisme inclusif",
            "Donner des moyens structurels aux quartiers défavorisés",
        ],
        "de": [
            "Räume schaffen, in denen sich Einwohnerinnen und Einwohner begegnen und austauschen",
            "Zugehörigkeit durch inklusive Stadtplanung fördern",
            "Benachteiligten Quartieren strukturelle Mittel geben",
        ],
        "es": [
            "Crear espacios donde los vecinos puedan encontrarse e intercambiar",
            "Fomentar el sentido de pertenencia mediante un urbanismo inclusivo",
            "Dotar de recursos estructurales a los barrios desfavorecidos",
        ],
        "ar": [
            "إنشاء فضاءات يلتقي فيها السكان ويتبادلون الحديث",
            "تعزيز الشعور بالانتماء من خلال تخطيط حضري شامل",
            "منح الأحياء المحرومة وسائل هيكلية",
        ],
    },
    "security-resilience": {
        "en": [
            "Increase public resources to respond to serious events",
            "Develop measures to counter and prevent radicalisation and segregation",
            "Enable harmonious living together in socially very mixed neighbourhoods",
        ],
        "fr": [
            "Accroître les ressources publiques pour répondre aux événements graves",
            "Élaborer des mesures visant à remédier et à prévenir la radicalisation et la "
            "ségrégation",
            "Permettre une cohabitation harmonieuse dans les quartiers à forte mixité sociale",
        ],
        "de": [
            "Öffentliche Mittel für die Reaktion auf schwere Ereignisse erhöhen",
            "Maßnahmen gegen Radikalisierung und Segregation entwickeln und ihnen vorbeugen",
            "Ein harmonisches Zusammenleben in sozial stark durchmischten Quartieren ermöglichen",
        ],
        "es": [
            "Aumentar los recursos públicos para responder a los sucesos graves",
            "Elaborar medidas para remediar y prevenir la radicalización y la segregación",
            "Permitir una convivencia armoniosa en los barrios con gran diversidad social",
        ],
        "ar": [
            "زيادة الموارد العامة للاستجابة للأحداث الخطيرة",
            "وضع تدابير لمعالجة التطرف والفصل ومنعهما",
            "تمكين تعايش متناغم في الأحياء ذات التنوع الاجتماعي الكبير",
        ],
    },
    "digital-city": {
        "en": [
            "Improve e-governance strategies and capacities",
            "Collect and use data to make local policies",
            "Encourage digital innovation and creative hubs in the city",
        ],
        "fr": [
            "Améliorer les stratégies et les capacités d'e-gouvernance",
            "Rassembler et utiliser les données pour créer des politiques locales",
            "Encourager l'innovation numérique et les centres de créativité au sein de la ville",
        ],
        "de": [
            "Strategien und Kapazitäten der digitalen Verwaltung verbessern",
            "Daten sammeln und für die lokale Politik nutzen",
            "Digitale Innovation und Kreativzentren in der Stadt fördern",
        ],
        "es": [
            "Mejorar las estrategias y capacidades de gobierno electrónico",
            "Reunir y utilizar datos para elaborar políticas locales",
            "Fomentar la innovación digital y los centros de creatividad en la ciudad",
        ],
        "ar": [
            "تحسين استراتيجيات الحوكمة الإلكترونية وقدراتها",
            "جمع البيانات واستخدامها لوضع السياسات المحلية",
            "تشجيع الابتكار الرقمي ومراكز الإبداع في المدينة",
        ],
    },
    "affordability-diversity": {
        "en": [
            "Make city life affordable for everyone",
            "Create successful integration policies",
            "Offer an environment that favours diversity",
        ],
        "fr": [
            "Faire que la vie en ville soit abordable pour tous",
            "Créer des politiques d'intégration réussies",
            "Offrir un environnement favorisant la diversité",
        ],
        "de": [
            "Das Leben in der Stadt für alle bezahlbar machen",
            "Erfolgreiche Integrationspolitik gestalten",
            "Ein Umfeld schaffen, das Vielfalt fördert",
        ],
        "es": [
            "Hacer que la vida en la ciudad sea asequible para todos",
            "Crear políticas de integración exitosas",
            "Ofrecer un entorno que favorezca la diversidad",
        ],
        "ar": [
            "جعل الحياة في المدينة في متناول الجميع",
            "وضع سياسات اندماج ناجحة",
            "توفير بيئة تعزز التنوع",
        ],
    },
}

HOSTS = [
    ("montreal", "fr", "Maison de la culture (démo)", (2019, 10, 1), (2019, 10, 31)),
    ("barcelona", "es", "Centre cívic (demo)", (2019, 11, 4), (2019, 11, 29)),
]

# (panel, host city or None, kind, language, name, status, body, answer of a city or None)
CONTRIBUTIONS = [
    (
        "mobility-environment",
        None,
        Contribution.Kind.COMMENT,
        "de",
        "Jana K.",
        Contribution.Status.APPROVED,
        "Mehr sichere Radwege am Rhein wären ein guter Anfang. Danke, dass die Ergebnisse "
        "hier öffentlich gezeigt werden.",
        ("duesseldorf", "de", "Danke für Ihren Hinweis! Wir nehmen ihn in die Beratungen zur "
         "Mobilität mit."),
    ),
    (
        "inclusive-urbanism",
        "montreal",
        Contribution.Kind.PROPOSAL,
        "fr",
        "Marc-André L.",
        Contribution.Status.APPROVED,
        "Ouvrir les cours d'école le week-end comme lieux de rencontre pour tout le quartier.",
        ("montreal", "fr", "Merci pour cette proposition : nous l'étudierons avec les "
         "arrondissements et vous tiendrons informés ici."),
    ),
    (
        "affordability-diversity",
        "barcelona",
        Contribution.Kind.COMMENT,
        "es",
        "Lucía P.",
        Contribution.Status.APPROVED,
        "En mi barrio, los presupuestos participativos ayudaron mucho a la convivencia.",
        None,
    ),
    (
        "digital-city",
        None,
        Contribution.Kind.PROPOSAL,
        "ar",
        "سلمى ب.",
        Contribution.Status.PENDING,
        "ورشات رقمية مجانية لكبار السن في المكتبات العامة.",
        None,
    ),
    (
        "security-resilience",
        None,
        Contribution.Kind.COMMENT,
        "en",
        "Deals",
        Contribution.Status.REJECTED,
        "Cheap flights, click here!",
        None,
    ),
]  # fmt: skip


def fill_exhibition(page, code):
    page.title, page.introduction, page.venue = EXHIBITION[code]


def panel_fill(slug, image=None):
    def fill(page, code):
        page.title = THEMES[slug][code][0]
        page.summary = SUMMARY[code].format(title=page.title)
        page.key_figures = [
            ("figure", {"figure": figure, "label": label}) for figure, label in FIGURES[code]
        ]
        page.commitments = [("commitment", text) for text in COMMITMENTS[slug][code]]
        if image is not None:
            page.images = [("image", image_block(image, "initiative", code, page.title))]

    return fill


def load_exhibition(locales, cities, themes):
    """The exhibition and its panels under the Düsseldorf summit; returns it (or None)."""
    en = locales["en"]
    summit = SummitPage.objects.filter(slug="duesseldorf-2019", locale=en).first()
    if summit is None:
        return None
    exhibition = ExhibitionPage.objects.child_of(summit).first()
    if exhibition is not None:
        return exhibition
    exhibition = ExhibitionPage(
        slug="exhibition",
        locale=en,
        opens_on=datetime.date(2019, 9, 1),
        kiosk_seconds=20,
    )
    fill_exhibition(exhibition, "en")
    summit.add_child(instance=exhibition)
    publish(exhibition)
    publish_everywhere(exhibition, locales, fill_exhibition)
    mayors = [
        ("mayor", {"city": cities[slug], "name": ""})
        for slug in ("duesseldorf", "montreal")
        if cities.get(slug)
    ]
    for slug in COMMITMENTS:
        # The theme's colours, as its initiatives have: the panel's page and its poster show it.
        image = demo_image(f"panel-{slug}", ["content"], palette=THEME_PALETTES.get(slug))
        fill = panel_fill(slug, image)
        panel = PanelPage(slug=slug, locale=en, theme=themes.get(slug))
        fill(panel, "en")
        panel.mayors = mayors
        exhibition.add_child(instance=panel)
        publish(panel)
        publish_everywhere(panel, locales, fill)
    return exhibition


def load_hosts(exhibition, cities):
    hosts = {}
    for slug, language, venue, start, end in HOSTS:
        city = cities.get(slug)
        if city is None:
            continue
        hosts[slug], _created = ExhibitionHost.objects.get_or_create(
            exhibition_key=exhibition.translation_key,
            city_key=city.translation_key,
            defaults={
                "language": language,
                "venue": venue,
                "start_date": datetime.date(*start),
                "end_date": datetime.date(*end),
            },
        )
    return hosts


def load_contributions(exhibition, cities, hosts):
    summit = exhibition.get_parent()
    if Contribution.objects.filter(summit_key=summit.translation_key).exists():
        return
    now = timezone.now()
    for number, row in enumerate(CONTRIBUTIONS, start=1):
        slug, host_slug, kind, language, name, status, body, answer = row
        panel = PanelPage.objects.child_of(exhibition).get(slug=slug)
        host = hosts.get(host_slug)
        common = {
            "panel": panel,
            "panel_key": panel.translation_key,
            "summit_key": summit.translation_key,
            "confirmed_at": now,
            "moderated_at": None if status == Contribution.Status.PENDING else now,
        }
        contribution = Contribution.objects.create(
            **common,
            kind=kind,
            body=body,
            language=language,
            name=name,
            email=f"resident{number}@example.org",
            host=host,
            city_key=host.city_key if host else None,
            status=status,
        )
        if kind == Contribution.Kind.PROPOSAL and status == Contribution.Status.APPROVED:
            for supporter in range(3):
                Support.objects.create(contribution=contribution, supporter=f"demo-{supporter}")
        if answer is not None and cities.get(answer[0]):
            city = cities[answer[0]]
            Contribution.objects.create(
                **common,
                kind=Contribution.Kind.ANSWER,
                parent=contribution,
                body=answer[2],
                language=answer[1],
                name=city.title,
                city_key=city.translation_key,
                answered_as_city=True,
                status=Contribution.Status.APPROVED,
            )


def load(world):
    exhibition = load_exhibition(world["locales"], world["cities"], world["themes"])
    if exhibition is None:
        return
    hosts = load_hosts(exhibition, world["cities"])
    load_contributions(exhibition, world["cities"], hosts)
    # The panels' search text holds their approved contributions.
    keys = Contribution.objects.values_list("panel_key", flat=True).distinct()
    reindex_panels([str(key) for key in keys])
    world["exhibition"] = exhibition
