"""Demo content of the summits app: Montréal 2015, Düsseldorf 2019 and the Düsseldorf Declaration.

Facts come from the seed documents (the Düsseldorf Declaration in English and
French, and the French brochure of the 2019 summit). Venue addresses are the
venues' public street addresses, which the brochure does not print.
"""

import datetime
import re

from django.db import transaction
from django.utils import timezone

from wagtail_localize.models import TranslationSource

from home.demo import (
    TRANSLATED_LANGUAGES,
    is_demo_text,
    publish,
    publish_everywhere,
    translate_everywhere,
)
from home.demo_images import demo_image, with_image_text

from .models import (
    Audience,
    DeclarationPage,
    Signature,
    SignatureKind,
    SummitIndexPage,
    SummitPage,
    SummitVenue,
)

PARTICIPANTS, PUBLIC = Audience.PARTICIPANTS.value, Audience.PUBLIC.value


def rich(text):
    """Seed markdown (**bold**, *italic*) as a one-paragraph rich text."""
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return f"<p>{text}</p>"


def items(block_type, texts):
    return [(block_type, rich(text)) for text in texts]


def time(value):
    return datetime.time.fromisoformat(value)


def session(start, end, title, venue, audience):
    return {
        "start_time": time(start),
        "end_time": time(end),
        "title": title,
        "venue": venue,
        "audience": audience,
    }


INDEX = {
    "en": (
        "Summits",
        "Mayors from around the world meet at the International Mayors Summits on Living "
        "Together to share what works, and adopt a declaration that commits their cities.",
    ),
    "fr": (
        "Sommets",
        "Des maires du monde entier se réunissent lors des Sommets internationaux des maires "
        "sur le Vivre ensemble pour partager ce qui fonctionne et adopter une déclaration qui "
        "engage leurs villes.",
    ),
    "de": (
        "Gipfeltreffen",
        "Bürgermeisterinnen und Bürgermeister aus aller Welt treffen sich auf den "
        "Internationalen Bürgermeistergipfeln zum Zusammenleben, tauschen aus, was sich "
        "bewährt, und verabschieden eine Erklärung, die ihre Städte verpflichtet.",
    ),
    "es": (
        "Cumbres",
        "Alcaldes de todo el mundo se reúnen en las Cumbres Internacionales de Alcaldes sobre "
        "la Convivencia para compartir lo que funciona y adoptar una declaración que "
        "compromete a sus ciudades.",
    ),
    "ar": (
        "القمم",
        "يلتقي رؤساء بلديات من جميع أنحاء العالم في القمم الدولية لرؤساء البلديات حول العيش "
        "المشترك لتبادل ما ينجح، ويعتمدون إعلانًا يُلزم مدنهم.",
    ),
}

DUESSELDORF = {
    "en": (
        "2nd International Mayors Summit on Living Together",
        "As the world's urban population grows, probably to 68% by 2050, cities become "
        "the key actors in meeting their citizens' needs. After the first summit in Montréal "
        "in 2015, the City of Düsseldorf invited renowned mayors and opinion leaders from "
        "around the world to three days of result-oriented workshops on five fundamental "
        "themes of living together. Düsseldorf was the first city to reveal the summit's "
        "conclusions directly to its residents, in a public exhibition where mayors and "
        "residents discussed them openly.",
    ),
    "fr": (
        "2e Sommet international des maires sur le Vivre ensemble",
        "Alors que la population urbaine mondiale s'accroît pour atteindre probablement 68 % "
        "d'ici 2050, les villes deviennent des acteurs incontournables pour satisfaire les "
        "besoins de leurs citoyens. Après le premier sommet, à Montréal en 2015, la ville de "
        "Düsseldorf a invité des maires et des leaders d'opinion renommés des quatre coins du "
        "globe pour trois jours d'ateliers orientés sur les résultats, autour de cinq thèmes "
        "fondamentaux du vivre ensemble. Düsseldorf a été la première ville à révéler les "
        "conclusions du sommet directement à ses habitants, dans une exposition publique "
        "ouvrant une discussion entre les maires et les habitants.",
    ),
    "de": (
        "2. Internationaler Bürgermeistergipfel zum Zusammenleben",
        "Die Stadtbevölkerung der Welt wächst rasant, bis 2050 wohl auf 68 %: Städte werden "
        "zu den entscheidenden Akteuren, wenn es um die Bedürfnisse ihrer Bürgerinnen und "
        "Bürger geht. Nach dem ersten Gipfel 2015 in Montréal lud die Landeshauptstadt "
        "Düsseldorf renommierte Bürgermeisterinnen, Bürgermeister und Meinungsführer aus "
        "aller Welt zu drei Tagen ergebnisorientierter Workshops über fünf Grundthemen des "
        "Zusammenlebens ein. Düsseldorf stellte die Ergebnisse als erste Stadt direkt seinen "
        "Einwohnerinnen und Einwohnern vor, in einer öffentlichen Ausstellung mit offener "
        "Diskussion.",
    ),
    "es": (
        "2.ª Cumbre Internacional de Alcaldes sobre la Convivencia",
        "A medida que la población urbana mundial crece, probablemente hasta el 68 % en 2050, "
        "las ciudades se convierten en actores clave para responder a las necesidades de sus "
        "ciudadanos. Tras la primera cumbre, celebrada en Montreal en 2015, la ciudad de "
        "Düsseldorf invitó a alcaldes y líderes de opinión de todo el mundo a tres días de "
        "talleres orientados a resultados sobre cinco temas fundamentales de la convivencia. "
        "Düsseldorf fue la primera ciudad en presentar las conclusiones de la cumbre "
        "directamente a sus habitantes, en una exposición pública abierta al debate.",
    ),
    "ar": (
        "القمة الدولية الثانية لرؤساء البلديات حول العيش المشترك",
        "مع النمو السريع لسكان المدن في العالم، الذي قد يبلغ 68% بحلول عام 2050، أصبحت المدن "
        "فاعلًا أساسيًا في تلبية احتياجات مواطنيها. وبعد القمة الأولى في مونتريال عام 2015، "
        "دعت مدينة دوسلدورف رؤساء بلديات وقادة رأي بارزين من جميع أنحاء العالم إلى ثلاثة أيام "
        "من ورشات العمل حول خمسة محاور أساسية للعيش المشترك. وكانت دوسلدورف أول مدينة تعرض "
        "نتائج القمة مباشرة على سكانها، في معرض عام فتح باب النقاش بين رؤساء البلديات والسكان.",
    ),
}

MONTREAL = {
    "en": (
        "1st International Mayors Summit on Living Together",
        "In June 2015 more than 20 mayors met in Montréal and shared their need to exchange "
        "experiences and solutions on social cohesion, integration and security in a "
        "globalised world. Their discussions led to the Montréal Declaration on Living "
        "Together, a commitment to better policies for living together, and to the creation "
        "of the International Observatory of Mayors on Living Together.",
    ),
    "fr": (
        "1er Sommet international des maires sur le Vivre ensemble",
        "En juin 2015, plus de 20 maires se sont réunis à Montréal et ont fait part de leur "
        "besoin d'échanger leurs expériences et solutions à propos des enjeux liés à la "
        "cohésion sociale, à l'intégration et à la sécurité dans le contexte de la "
        "mondialisation. Leurs discussions ont abouti à la Déclaration de Montréal sur le "
        "vivre ensemble et à la création de l'Observatoire international des maires sur le "
        "Vivre ensemble.",
    ),
    "de": (
        "1. Internationaler Bürgermeistergipfel zum Zusammenleben",
        "Im Juni 2015 trafen sich mehr als 20 Bürgermeisterinnen und Bürgermeister in "
        "Montréal, um Erfahrungen und Lösungen zu sozialem Zusammenhalt, Integration und "
        "Sicherheit in einer globalisierten Welt auszutauschen. Daraus gingen die Erklärung "
        "von Montréal zum Zusammenleben und die Internationale Beobachtungsstelle der "
        "Bürgermeister für das Zusammenleben hervor.",
    ),
    "es": (
        "1.ª Cumbre Internacional de Alcaldes sobre la Convivencia",
        "En junio de 2015, más de 20 alcaldes se reunieron en Montreal para intercambiar "
        "experiencias y soluciones sobre cohesión social, integración y seguridad en un mundo "
        "globalizado. Sus debates dieron lugar a la Declaración de Montreal sobre la "
        "Convivencia y a la creación del Observatorio Internacional de Alcaldes sobre la "
        "Convivencia.",
    ),
    "ar": (
        "القمة الدولية الأولى لرؤساء البلديات حول العيش المشترك",
        "في يونيو 2015، اجتمع أكثر من 20 رئيس بلدية في مونتريال لتبادل التجارب والحلول حول "
        "التماسك الاجتماعي والاندماج والأمن في عالم معولم. وأسفرت نقاشاتهم عن إعلان مونتريال "
        "حول العيش المشترك وعن إنشاء المرصد الدولي لرؤساء البلديات حول العيش المشترك.",
    ),
}

# Venues are the same in every language (Wagtail copies them to each translation):
# their own names, which the programme's sessions put in each language's words.
VENUES = [
    ("Rathaus Düsseldorf", "Marktplatz 2, 40213 Düsseldorf"),
    ("Dreischeibenhaus", "Dreischeibenhaus 1, 40211 Düsseldorf"),
    ("Lindner Congress Hotel", "Emanuel-Leutze-Straße 17, 40547 Düsseldorf"),
    ("Tonhalle Düsseldorf", "Ehrenhof 1, 40479 Düsseldorf"),
    ("NRW-Forum", "Ehrenhof 2, 40479 Düsseldorf"),
    ("Ehrenhof", "Ehrenhof, 40479 Düsseldorf"),
]

# The brochure draws the programme on a 9:00–21:00 grid without printing times:
# these times are read off that grid. Its legend marks sessions for participants
# only, or for participants, press and public.
PROGRAMME = {
    "en": [
        (
            "2019-08-30",
            "Coming together",
            [
                session("17:00", "18:30", "Official welcome", "Town Hall (Rathaus)", PARTICIPANTS),
                session("19:00", "21:00", "Welcome dinner", "Dreischeibenhaus", PARTICIPANTS),
            ],
        ),
        (
            "2019-08-31",
            "Creating together",
            [
                session("09:00", "16:00", "Workshops", "Lindner Congress Hotel", PARTICIPANTS),
                session(
                    "16:30",
                    "17:30",
                    "Conclusion and press conference",
                    "Lindner Congress Hotel",
                    PUBLIC,
                ),
                session("19:00", "21:00", "Reception", "Tonhalle Düsseldorf", PARTICIPANTS),
            ],
        ),
        (
            "2019-09-01",
            "Sharing",
            [
                session("10:00", "12:00", "Public forum", "NRW-Forum", PUBLIC),
                session(
                    "12:00",
                    "18:00",
                    "Public exhibition: interactive display of the results, "
                    "“Living together today and tomorrow”",
                    "NRW-Forum",
                    PUBLIC,
                ),
                session(
                    "14:00",
                    "17:00",
                    "Festival of democracy: official opening and signing of the "
                    "Düsseldorf Declaration",
                    "Ehrenhof",
                    PUBLIC,
                ),
            ],
        ),
    ],
    "fr": [
        (
            "2019-08-30",
            "Se rassembler",
            [
                session("17:00", "18:30", "Accueil officiel", "Mairie", PARTICIPANTS),
                session("19:00", "21:00", "Dîner de bienvenue", "Dreischeibenhaus", PARTICIPANTS),
            ],
        ),
        (
            "2019-08-31",
            "Créer ensemble",
            [
                session("09:00", "16:00", "Ateliers", "Lindner Congress Hotel", PARTICIPANTS),
                session(
                    "16:30",
                    "17:30",
                    "Conclusion et conférence de presse",
                    "Lindner Congress Hotel",
                    PUBLIC,
                ),
                session("19:00", "21:00", "Réception", "Tonhalle de Düsseldorf", PARTICIPANTS),
            ],
        ),
        (
            "2019-09-01",
            "Partager",
            [
                session("10:00", "12:00", "Forum public", "NRW-Forum", PUBLIC),
                session(
                    "12:00",
                    "18:00",
                    "Exposition publique : affichage interactif des résultats "
                    "« Vivre ensemble aujourd'hui et demain »",
                    "NRW-Forum",
                    PUBLIC,
                ),
                session(
                    "14:00",
                    "17:00",
                    "Festival de la démocratie : ouverture officielle et signature de la "
                    "déclaration de Düsseldorf",
                    "Ehrenhof",
                    PUBLIC,
                ),
            ],
        ),
    ],
    "de": [
        (
            "2019-08-30",
            "Zusammenkommen",
            [
                session("17:00", "18:30", "Offizieller Empfang", "Rathaus", PARTICIPANTS),
                session("19:00", "21:00", "Begrüßungsabendessen", "Dreischeibenhaus", PARTICIPANTS),
            ],
        ),
        (
            "2019-08-31",
            "Gemeinsam gestalten",
            [
                session("09:00", "16:00", "Workshops", "Lindner Congress Hotel", PARTICIPANTS),
                session(
                    "16:30",
                    "17:30",
                    "Abschluss und Pressekonferenz",
                    "Lindner Congress Hotel",
                    PUBLIC,
                ),
                session("19:00", "21:00", "Empfang", "Tonhalle Düsseldorf", PARTICIPANTS),
            ],
        ),
        (
            "2019-09-01",
            "Teilen",
            [
                session("10:00", "12:00", "Öffentliches Forum", "NRW-Forum", PUBLIC),
                session(
                    "12:00",
                    "18:00",
                    "Öffentliche Ausstellung: interaktive Präsentation der Ergebnisse "
                    "„Zusammenleben heute und morgen“",
                    "NRW-Forum",
                    PUBLIC,
                ),
                session(
                    "14:00",
                    "17:00",
                    "Fest der Demokratie: offizielle Eröffnung und Unterzeichnung der "
                    "Düsseldorfer Erklärung",
                    "Ehrenhof",
                    PUBLIC,
                ),
            ],
        ),
    ],
    "es": [
        (
            "2019-08-30",
            "Reunirse",
            [
                session(
                    "17:00", "18:30", "Recepción oficial", "Ayuntamiento (Rathaus)", PARTICIPANTS
                ),
                session("19:00", "21:00", "Cena de bienvenida", "Dreischeibenhaus", PARTICIPANTS),
            ],
        ),
        (
            "2019-08-31",
            "Crear juntos",
            [
                session("09:00", "16:00", "Talleres", "Lindner Congress Hotel", PARTICIPANTS),
                session(
                    "16:30",
                    "17:30",
                    "Conclusiones y rueda de prensa",
                    "Lindner Congress Hotel",
                    PUBLIC,
                ),
                session("19:00", "21:00", "Recepción", "Tonhalle de Düsseldorf", PARTICIPANTS),
            ],
        ),
        (
            "2019-09-01",
            "Compartir",
            [
                session("10:00", "12:00", "Foro público", "NRW-Forum", PUBLIC),
                session(
                    "12:00",
                    "18:00",
                    "Exposición pública: presentación interactiva de los resultados "
                    "«Convivir hoy y mañana»",
                    "NRW-Forum",
                    PUBLIC,
                ),
                session(
                    "14:00",
                    "17:00",
                    "Fiesta de la democracia: apertura oficial y firma de la Declaración de "
                    "Düsseldorf",
                    "Ehrenhof",
                    PUBLIC,
                ),
            ],
        ),
    ],
    "ar": [
        (
            "2019-08-30",
            "الالتقاء",
            [
                session(
                    "17:00", "18:30", "الاستقبال الرسمي", "دار البلدية (Rathaus)", PARTICIPANTS
                ),
                session("19:00", "21:00", "عشاء الترحيب", "مبنى درايشايبنهاوس", PARTICIPANTS),
            ],
        ),
        (
            "2019-08-31",
            "الإبداع معًا",
            [
                session("09:00", "16:00", "ورشات العمل", "فندق ليندنر للمؤتمرات", PARTICIPANTS),
                session(
                    "16:30",
                    "17:30",
                    "الخلاصات والمؤتمر الصحفي",
                    "فندق ليندنر للمؤتمرات",
                    PUBLIC,
                ),
                session("19:00", "21:00", "حفل استقبال", "قاعة تونهاله دوسلدورف", PARTICIPANTS),
            ],
        ),
        (
            "2019-09-01",
            "المشاركة",
            [
                session("10:00", "12:00", "منتدى عام", "منتدى NRW", PUBLIC),
                session(
                    "12:00",
                    "18:00",
                    "معرض عام: عرض تفاعلي للنتائج بعنوان «العيش معًا اليوم وغدًا»",
                    "منتدى NRW",
                    PUBLIC,
                ),
                session(
                    "14:00",
                    "17:00",
                    "مهرجان الديمقراطية: الافتتاح الرسمي والتوقيع على إعلان دوسلدورف",
                    "ساحة إيرنهوف",
                    PUBLIC,
                ),
            ],
        ),
    ],
}

PARTNERS = {
    "en": "City of Düsseldorf\nInternational Observatory of Mayors on Living Together\n"
    "Federal Foreign Office of Germany",
    "fr": "Ville de Düsseldorf\nObservatoire international des maires sur le Vivre ensemble\n"
    "Ministère fédéral allemand des Affaires étrangères",
    "de": "Landeshauptstadt Düsseldorf\nInternationale Beobachtungsstelle der Bürgermeister für "
    "das Zusammenleben\nAuswärtiges Amt",
    "es": "Ciudad de Düsseldorf\nObservatorio Internacional de Alcaldes sobre la Convivencia\n"
    "Ministerio Federal de Relaciones Exteriores de Alemania",
    "ar": "مدينة دوسلدورف\nالمرصد الدولي لرؤساء البلديات حول العيش المشترك\n"
    "وزارة الخارجية الاتحادية الألمانية",
}

RESULTS = {
    "en": "The results of the workshops were summarised digitally at once and shown in the "
    "public exhibition “Living together today and tomorrow” at the NRW-Forum, where mayors "
    "and residents discussed them. Every participating city may use the exhibition to "
    "discuss the results with its own residents.",
    "fr": "Les résultats des ateliers ont été immédiatement résumés au format numérique et "
    "présentés dans l'exposition publique « Vivre ensemble aujourd'hui et demain » au "
    "NRW-Forum, où maires et habitants en ont débattu. Toutes les villes présentes peuvent "
    "avoir recours à l'exposition et en débattre avec leurs habitants.",
    "de": "Die Ergebnisse der Workshops wurden sofort digital zusammengefasst und in der "
    "öffentlichen Ausstellung „Zusammenleben heute und morgen“ im NRW-Forum gezeigt, wo "
    "Bürgermeisterinnen, Bürgermeister und Einwohner darüber diskutierten. Jede teilnehmende "
    "Stadt kann die Ausstellung nutzen, um die Ergebnisse mit ihren eigenen Einwohnerinnen und "
    "Einwohnern zu erörtern.",
    "es": "Los resultados de los talleres se resumieron de inmediato en formato digital y se "
    "presentaron en la exposición pública «Convivir hoy y mañana» en el NRW-Forum, donde "
    "alcaldes y vecinos los debatieron. Todas las ciudades participantes pueden utilizar la "
    "exposición para debatir los resultados con sus propios habitantes.",
    "ar": "لُخّصت نتائج ورشات العمل فورًا في صيغة رقمية، وعُرضت في المعرض العام «العيش معًا "
    "اليوم وغدًا» في منتدى NRW، حيث ناقشها رؤساء البلديات والسكان. ويمكن لكل مدينة مشاركة أن "
    "تستعين بالمعرض لمناقشة النتائج مع سكانها.",
}

DECLARATION = {
    "en": {
        "title": "Düsseldorf Declaration",
        "subtitle": "Living Together in Cities: Mayors Embrace Diversity and Inclusion",
        "language_note": "The English and French texts of this Declaration are authoritative.",
        "preamble": [
            "We, mayors and representatives of cities around the world, meeting in Düsseldorf "
            "from August 31 to September 1, 2019, during the 2nd International Mayors Summit "
            "on Living Together,",
            "*Recognizing* that cities are on the frontline of the global issue of Living "
            "Together, *acknowledging* that the concurrent phenomena of globalization, "
            "urbanization and human mobility are constantly transforming the way we live "
            "together in our cities,",
            "*Recalling* the spirit of the First International Summit held in Montréal in June "
            "2015, which led to the creation of the International Observatory of Mayors on "
            "Living Together,",
            "*Noting* the emergence of intolerance, extremism, as well as ideologies that "
            "arouse division, creating uncertainty and eroding the social fabric and the "
            "foundations of democratic principles,",
            "*Acknowledging* the growing multilateral efforts that reaffirm the will to live in "
            "peaceful and inclusive societies and encourage dialogue and cooperation,",
            "*Welcoming* the proclamation of an **International Day of Living Together in "
            "Peace** by the United Nations, in order to reflect globally on how we can build "
            "more inclusive communities,",
            "*Recalling* that cities already exercise leadership on Living Together both on "
            "the local and global scene.",
        ],
        "agreements": [
            "Promoting Living Together means recognizing and respecting all forms of "
            "diversity, fighting against discrimination and working to facilitate peaceful "
            "coexistence in our cities.",
            "Mayors have the responsibility to encourage unity and social cohesion: by working "
            "hand in hand with the driving forces of the community, Mayors contribute to build "
            "trust and foster a sense of belonging among citizens.",
            "Living together refers to a dynamic process mobilizing various stakeholders in "
            "order to carry out initiatives aiming to improve the wellbeing of the community.",
            "The exchange of experiences between our cities is essential to learn from each "
            "other and to develop effective cooperation in order to help to improve our own "
            "initiatives.",
        ],
        "goals": [
            "Our citizens deserve to live in safe, healthy and inclusive cities, where quality "
            "of life, economic prosperity, as well the environment, are our primary concerns, "
            "in accordance with the United Nations SDG and the New Urban Agenda.",
            "Our policies and programmes should aim to improve Living Together: by fostering a "
            "sense of belonging, empowering urban neighbourhoods, creating spaces to connect "
            "and providing social and economic opportunities for all citizens, leaving no one "
            "behind.",
            "Our cities must be resilient and agile in order to prevent, respond to and learn "
            "from adverse events in our constantly changing urban settings.",
            "Our cities are living laboratories that should encourage the emergence of "
            "creative and innovative solutions to local and global urban challenges.",
            "Our practices and expertise should be widely shared in order to inspire action, "
            "foster exchanges with other cities and contribute to the design of national and "
            "international policies.",
        ],
        "commitments": [
            "Strengthen social cohesion by effectively promoting living together in our "
            "respective communities. Concrete actions can include: organizing a public "
            "activity on the topic of Living Together, launching a public policy aiming to "
            "improve Living Together at the local level, implementing a new city program "
            "related to the topic of Living Together.",
            "Promote the International Day of Living Together in Peace, scheduled every 16 "
            "May. The International Observatory of Mayors on Living Together, in cooperation "
            "with the global organizers of this International Day, will identify a **Capital "
            "of Living Together**, a city to be designated each year to host the main "
            "activity of the global celebration of this Day.",
        ],
        "commit_statement": "I have read the Düsseldorf Declaration, adopted during the Second "
        "International Mayors Summit on Living Together, held in Düsseldorf, from August 31 "
        "to September 1, 2019.\n\nI agree upon the principles and goals of the Summit and I am "
        "committed to working together to achieve the stated objectives.",
        "acknowledge_statement": "I have read the Düsseldorf Declaration, adopted during the "
        "Second International Mayors Summit on Living Together, held in Düsseldorf, from "
        "August 31 to September 1, 2019.\n\nI acknowledge the principles and the goals of the "
        "Summit and I agree to bring this Declaration to the attention of the Mayor and/or "
        "Council of the city I represent today.",
    },
    "fr": {
        "title": "Déclaration de Düsseldorf",
        "subtitle": "Vivre ensemble dans les villes : les maires s'engagent envers la "
        "diversité et l'inclusion",
        "language_note": "Les textes anglais et français de la présente Déclaration font foi.",
        "preamble": [
            "Nous, maires et représentants de villes de partout à travers le monde, réunis à "
            "Düsseldorf du 31 août au 1er septembre 2019 dans le cadre du 2e Sommet "
            "international des maires sur le Vivre ensemble,",
            "*Convenant* que les villes sont en première ligne face au défi global de Vivre "
            "ensemble, *reconnaissant* que les phénomènes concomitants de la mondialisation, "
            "de l'urbanisation et de la mobilité des personnes transforment continuellement "
            "la manière dont nous vivons ensemble dans nos villes,",
            "*Rappelant* l'esprit du premier Sommet international qui s'est tenu à Montréal "
            "en juin 2015 et qui a donné lieu à la création de l'Observatoire international "
            "des maires sur le Vivre ensemble,",
            "*Constatant* la montée de l'intolérance, de l'extrémisme, ainsi que d'idéologies "
            "qui suscitent des divisions, ce qui génère de l'incertitude et érode le tissu "
            "social et les fondements des principes démocratiques.",
            "*Reconnaissant* un nombre croissant d'efforts multilatéraux visant à réaffirmer "
            "la volonté de vivre dans des sociétés pacifiques et inclusives et à promouvoir le "
            "dialogue et la coopération,",
            "*Saluant* la proclamation d'une **Journée internationale du vivre-ensemble en "
            "paix** par les Nations Unies afin de réfléchir, à l'échelle mondiale, sur la "
            "manière dont nous pouvons bâtir des communautés plus inclusives,",
            "*Rappelant* que les villes exercent déjà un leadership en matière de vivre "
            "ensemble tant sur la scène locale que mondiale.",
        ],
        "agreements": [
            "Faire la promotion du Vivre ensemble c'est reconnaître et respecter toutes formes "
            "de diversité, lutter contre la discrimination et faciliter la coexistence "
            "harmonieuse dans nos villes.",
            "Les maires ont la responsabilité d'encourager l'unité et la cohésion sociale. En "
            "travaillant de près avec les forces vives de la collectivité, les maires "
            "contribuent à bâtir la confiance et à favoriser le développement d'un sentiment "
            "d'appartenance chez les citoyens.",
            "Le vivre ensemble est un processus dynamique qui mobilise toute une série "
            "d'acteurs afin de mettre sur pied des initiatives visant à améliorer le bien-être "
            "de la collectivité.",
            "L'échange d'expériences entre nos villes est essentiel pour apprendre les uns des "
            "autres et pour mettre en place une coopération efficace afin de contribuer à "
            "l'amélioration de nos propres initiatives.",
        ],
        "goals": [
            "Nos citoyens méritent de vivre dans des villes inclusives, sûres et en santé, où "
            "la qualité de vie, la prospérité économique, ainsi que l'environnement, sont au "
            "cœur de nos préoccupations, et ce, conformément aux objectifs de développement "
            "durable des Nations Unies et au Nouveau Programme pour les villes.",
            "Nos politiques et programmes devraient veiller à améliorer le Vivre ensemble – "
            "par le développement du sentiment d'appartenance, le renforcement des capacités "
            "dans les quartiers, la création d'espaces de rencontre, l'accès aux opportunités "
            "socio-économiques - sans laisser personne derrière.",
            "Nos villes doivent être résilientes et agiles afin de prévenir, faire face et "
            "apprendre des événements indésirables, dans nos contextes urbains en "
            "transformation constante.",
            "Nos villes sont des laboratoires vivants qui doivent favoriser l'émergence de "
            "solutions créatives et novatrices aux défis urbains locaux et mondiaux.",
            "Nos pratiques et notre expertise doivent être largement partagées afin d'inspirer "
            "des actions, favoriser les échanges avec d'autres villes et contribuer à "
            "l'élaboration des politiques nationales et internationales.",
        ],
        "commitments": [
            "Renforcer la cohésion sociale en faisant la promotion effective du vivre ensemble "
            "dans nos collectivités respectives. Les actions concrètes peuvent inclure : "
            "l'organisation d'une activité publique sous le thème du vivre ensemble, le "
            "lancement d'une politique publique visant à améliorer le vivre ensemble à "
            "l'échelle locale ou mettre en œuvre un nouveau programme municipal sous le thème "
            "du vivre ensemble.",
            "Promouvoir la Journée internationale du vivre-ensemble en paix qui se tiendra "
            "tous les 16 mai. L'Observatoire international des maires sur le Vivre ensemble, "
            "en collaboration avec les organisateurs de cette journée internationale, "
            "désignera une **capitale du vivre ensemble**, soit une ville nommée chaque année "
            "pour accueillir l'activité principale des célébrations mondiales de cette "
            "journée.",
        ],
        "commit_statement": "J'ai lu la Déclaration de Düsseldorf adoptée lors du 2e Sommet "
        "international des maires sur le Vivre ensemble qui s'est tenu à Düsseldorf du "
        "31 août au 1er septembre 2019.\n\nJe suis d'accord avec les principes et les "
        "objectifs du Sommet et je suis déterminé(e) à travailler ensemble pour réaliser les "
        "objectifs cités.",
        "acknowledge_statement": "J'ai lu la Déclaration de Düsseldorf adoptée lors du 2e "
        "Sommet international des maires sur le Vivre ensemble qui s'est tenu à Düsseldorf du "
        "31 août au 1er septembre 2019.\n\nJe reconnais les principes et les objectifs du "
        "Sommet et j'accepte de porter cette Déclaration à l'attention du maire ou du conseil "
        "de la ville que je représente aujourd'hui.",
    },
    # The Observatory's working translation, from the English original.
    "de": {
        "title": "Düsseldorfer Erklärung",
        "subtitle": "Zusammenleben in Städten: Bürgermeisterinnen und Bürgermeister bekennen "
        "sich zu Vielfalt und Inklusion",
        "language_note": "Arbeitsübersetzung der Beobachtungsstelle. Maßgeblich sind allein der "
        "englische und der französische Wortlaut der Erklärung.",
        "preamble": [
            "Wir, Bürgermeisterinnen und Bürgermeister sowie Vertreterinnen und Vertreter von "
            "Städten aus aller Welt, versammelt vom 31. August bis 1. September 2019 in "
            "Düsseldorf anlässlich des 2. Internationalen Bürgermeistergipfels zum "
            "Zusammenleben,",
            "*in der Erkenntnis*, dass Städte bei der globalen Frage des Zusammenlebens an "
            "vorderster Front stehen, *in Anerkennung der Tatsache*, dass die gleichzeitig "
            "auftretenden Phänomene der Globalisierung, der Urbanisierung und der Mobilität "
            "der Menschen die Art und Weise, wie wir in unseren Städten zusammenleben, "
            "fortwährend verändern,",
            "*unter Hinweis auf* den Geist des Ersten Internationalen Gipfels im Juni 2015 in "
            "Montréal, der zur Gründung der Internationalen Beobachtungsstelle der "
            "Bürgermeister für das Zusammenleben führte,",
            "*feststellend*, dass Intoleranz, Extremismus sowie spaltende Ideologien "
            "aufkommen, die Unsicherheit erzeugen und das soziale Gefüge sowie die Grundlagen "
            "demokratischer Prinzipien untergraben,",
            "*in Würdigung* der zunehmenden multilateralen Bemühungen, die den Willen "
            "bekräftigen, in friedlichen und inklusiven Gesellschaften zu leben, und Dialog "
            "und Zusammenarbeit fördern,",
            "*begrüßend*, dass die Vereinten Nationen einen **Internationalen Tag des "
            "friedlichen Zusammenlebens** ausgerufen haben, um weltweit darüber nachzudenken, "
            "wie wir inklusivere Gemeinschaften aufbauen können,",
            "*daran erinnernd*, dass Städte beim Zusammenleben bereits eine Führungsrolle "
            "übernehmen, sowohl auf lokaler als auch auf globaler Ebene.",
        ],
        "agreements": [
            "Das Zusammenleben zu fördern bedeutet, alle Formen der Vielfalt anzuerkennen und "
            "zu achten, Diskriminierung zu bekämpfen und sich für ein friedliches Miteinander "
            "in unseren Städten einzusetzen.",
            "Bürgermeisterinnen und Bürgermeister tragen die Verantwortung, Einheit und "
            "sozialen Zusammenhalt zu fördern: Indem sie Hand in Hand mit den treibenden "
            "Kräften der Gemeinschaft arbeiten, tragen sie dazu bei, Vertrauen aufzubauen und "
            "bei den Bürgerinnen und Bürgern ein Gefühl der Zugehörigkeit zu stärken.",
            "Zusammenleben bezeichnet einen dynamischen Prozess, der verschiedene Akteure "
            "mobilisiert, um Initiativen zur Verbesserung des Wohlergehens der Gemeinschaft "
            "umzusetzen.",
            "Der Erfahrungsaustausch zwischen unseren Städten ist unerlässlich, um "
            "voneinander zu lernen und eine wirksame Zusammenarbeit zu entwickeln, die zur "
            "Verbesserung unserer eigenen Initiativen beiträgt.",
        ],
        "goals": [
            "Unsere Bürgerinnen und Bürger verdienen es, in sicheren, gesunden und inklusiven "
            "Städten zu leben, in denen Lebensqualität, wirtschaftlicher Wohlstand und die "
            "Umwelt im Einklang mit den Zielen für nachhaltige Entwicklung der Vereinten "
            "Nationen und der Neuen Urbanen Agenda unsere vorrangigen Anliegen sind.",
            "Unsere Politik und unsere Programme sollen das Zusammenleben verbessern: indem "
            "sie das Gefühl der Zugehörigkeit fördern, die Stadtviertel stärken, Räume der "
            "Begegnung schaffen und allen Bürgerinnen und Bürgern soziale und wirtschaftliche "
            "Chancen eröffnen, ohne jemanden zurückzulassen.",
            "Unsere Städte müssen resilient und anpassungsfähig sein, um in unserem sich "
            "ständig wandelnden städtischen Umfeld negativen Ereignissen vorzubeugen, auf sie "
            "zu reagieren und aus ihnen zu lernen.",
            "Unsere Städte sind lebendige Labore, die die Entstehung kreativer und innovativer "
            "Lösungen für lokale und globale urbane Herausforderungen fördern sollen.",
            "Unsere Erfahrungen und unser Fachwissen sollen breit geteilt werden, um zum "
            "Handeln anzuregen, den Austausch mit anderen Städten zu fördern und zur "
            "Gestaltung nationaler und internationaler Politik beizutragen.",
        ],
        "commitments": [
            "Den sozialen Zusammenhalt stärken, indem wir das Zusammenleben in unseren "
            "jeweiligen Gemeinschaften wirksam fördern. Konkrete Maßnahmen können sein: die "
            "Durchführung einer öffentlichen Aktivität zum Thema Zusammenleben, die "
            "Einführung einer öffentlichen Politik zur Verbesserung des Zusammenlebens auf "
            "lokaler Ebene, die Umsetzung eines neuen städtischen Programms zum Thema "
            "Zusammenleben.",
            "Den Internationalen Tag des friedlichen Zusammenlebens fördern, der jedes Jahr am "
            "16. Mai begangen wird. Die Internationale Beobachtungsstelle der Bürgermeister "
            "für das Zusammenleben wird in Zusammenarbeit mit den weltweiten Organisatoren "
            "dieses Internationalen Tages eine **Hauptstadt des Zusammenlebens** bestimmen: "
            "eine Stadt, die jedes Jahr benannt wird, um die zentrale Veranstaltung der "
            "weltweiten Feierlichkeiten dieses Tages auszurichten.",
        ],
        "commit_statement": "Ich habe die Düsseldorfer Erklärung gelesen, die auf dem "
        "2. Internationalen Bürgermeistergipfel zum Zusammenleben vom 31. August bis "
        "1. September 2019 in Düsseldorf verabschiedet wurde.\n\nIch stimme den Grundsätzen "
        "und Zielen des Gipfels zu und verpflichte mich, gemeinsam an der Verwirklichung der "
        "genannten Ziele zu arbeiten.",
        "acknowledge_statement": "Ich habe die Düsseldorfer Erklärung gelesen, die auf dem "
        "2. Internationalen Bürgermeistergipfel zum Zusammenleben vom 31. August bis "
        "1. September 2019 in Düsseldorf verabschiedet wurde.\n\nIch erkenne die Grundsätze "
        "und Ziele des Gipfels an und erkläre mich bereit, diese Erklärung der "
        "Bürgermeisterin oder dem Bürgermeister und/oder dem Rat der Stadt, die ich heute "
        "vertrete, zur Kenntnis zu bringen.",
    },
    # The Observatory's working translations, from the English and French originals.
    "es": {
        "title": "Declaración de Düsseldorf",
        "subtitle": "Convivir en las ciudades: los alcaldes apuestan por la diversidad y la "
        "inclusión",
        "language_note": "Traducción de trabajo del Observatorio. Solo los textos en inglés y en "
        "francés de la Declaración son auténticos.",
        "preamble": [
            "Nosotros, alcaldes y representantes de ciudades de todo el mundo, reunidos en "
            "Düsseldorf del 31 de agosto al 1 de septiembre de 2019 con motivo de la 2.ª Cumbre "
            "Internacional de Alcaldes sobre la Convivencia,",
            "*Reconociendo* que las ciudades están en primera línea ante el desafío mundial de "
            "la convivencia, *admitiendo* que los fenómenos simultáneos de la globalización, la "
            "urbanización y la movilidad humana transforman constantemente la manera en que "
            "convivimos en nuestras ciudades,",
            "*Recordando* el espíritu de la Primera Cumbre Internacional, celebrada en Montreal "
            "en junio de 2015, que dio lugar a la creación del Observatorio Internacional de "
            "Alcaldes sobre la Convivencia,",
            "*Observando* el auge de la intolerancia, del extremismo y de ideologías que "
            "siembran la división, generan incertidumbre y erosionan el tejido social y los "
            "fundamentos de los principios democráticos,",
            "*Reconociendo* los crecientes esfuerzos multilaterales que reafirman la voluntad de "
            "vivir en sociedades pacíficas e inclusivas y fomentan el diálogo y la cooperación,",
            "*Celebrando* la proclamación por las Naciones Unidas de un **Día Internacional de "
            "la Convivencia en Paz**, con el fin de reflexionar a escala mundial sobre cómo "
            "construir comunidades más inclusivas,",
            "*Recordando* que las ciudades ya ejercen un liderazgo en materia de convivencia, "
            "tanto en el ámbito local como en el mundial.",
        ],
        "agreements": [
            "Promover la convivencia significa reconocer y respetar todas las formas de "
            "diversidad, luchar contra la discriminación y trabajar para facilitar la "
            "coexistencia pacífica en nuestras ciudades.",
            "Los alcaldes tienen la responsabilidad de fomentar la unidad y la cohesión social: "
            "trabajando codo con codo con las fuerzas vivas de la comunidad, contribuyen a "
            "generar confianza y a fortalecer el sentimiento de pertenencia de la ciudadanía.",
            "La convivencia es un proceso dinámico que moviliza a diversos actores para llevar a "
            "cabo iniciativas destinadas a mejorar el bienestar de la comunidad.",
            "El intercambio de experiencias entre nuestras ciudades es esencial para aprender "
            "unos de otros y desarrollar una cooperación eficaz que contribuya a mejorar "
            "nuestras propias iniciativas.",
        ],
        "goals": [
            "Nuestros ciudadanos merecen vivir en ciudades seguras, saludables e inclusivas, "
            "donde la calidad de vida, la prosperidad económica y el medio ambiente sean "
            "nuestras principales preocupaciones, de conformidad con los Objetivos de Desarrollo "
            "Sostenible de las Naciones Unidas y la Nueva Agenda Urbana.",
            "Nuestras políticas y programas deben aspirar a mejorar la convivencia: fomentando "
            "el sentimiento de pertenencia, fortaleciendo los barrios, creando espacios de "
            "encuentro y ofreciendo oportunidades sociales y económicas a toda la ciudadanía, "
            "sin dejar a nadie atrás.",
            "Nuestras ciudades deben ser resilientes y ágiles para prevenir los sucesos "
            "adversos, responder a ellos y aprender de ellos, en unos entornos urbanos en "
            "constante cambio.",
            "Nuestras ciudades son laboratorios vivos que deben favorecer el surgimiento de "
            "soluciones creativas e innovadoras a los desafíos urbanos locales y mundiales.",
            "Nuestras prácticas y nuestra experiencia deben compartirse ampliamente para "
            "inspirar la acción, fomentar los intercambios con otras ciudades y contribuir a la "
            "elaboración de políticas nacionales e internacionales.",
        ],
        "commitments": [
            "Reforzar la cohesión social promoviendo de manera efectiva la convivencia en "
            "nuestras respectivas comunidades. Entre las acciones concretas pueden figurar: "
            "organizar una actividad pública sobre la convivencia, poner en marcha una política "
            "pública destinada a mejorar la convivencia a nivel local o llevar a cabo un nuevo "
            "programa municipal dedicado a la convivencia.",
            "Promover el Día Internacional de la Convivencia en Paz, que se celebra cada 16 de "
            "mayo. El Observatorio Internacional de Alcaldes sobre la Convivencia, en "
            "cooperación con los organizadores mundiales de este Día Internacional, designará "
            "una **Capital de la Convivencia**: una ciudad elegida cada año para acoger la "
            "actividad principal de la celebración mundial de este Día.",
        ],
        "commit_statement": "He leído la Declaración de Düsseldorf, aprobada en la Segunda "
        "Cumbre Internacional de Alcaldes sobre la Convivencia, celebrada en Düsseldorf del "
        "31 de agosto al 1 de septiembre de 2019.\n\nEstoy de acuerdo con los principios y "
        "objetivos de la Cumbre y me comprometo a trabajar conjuntamente para alcanzar los "
        "objetivos enunciados.",
        "acknowledge_statement": "He leído la Declaración de Düsseldorf, aprobada en la Segunda "
        "Cumbre Internacional de Alcaldes sobre la Convivencia, celebrada en Düsseldorf del "
        "31 de agosto al 1 de septiembre de 2019.\n\nReconozco los principios y objetivos de "
        "la Cumbre y acepto poner esta Declaración en conocimiento del alcalde o la alcaldesa "
        "y/o del concejo municipal de la ciudad que hoy represento.",
    },
    "ar": {
        "title": "إعلان دوسلدورف",
        "subtitle": "العيش المشترك في المدن: رؤساء البلديات يتبنّون التنوع والإدماج",
        "language_note": "ترجمة عمل أعدّها المرصد. والنصّان الإنجليزي والفرنسي للإعلان هما وحدهما "
        "النصّان المعتمدان.",
        "preamble": [
            "نحن، رؤساء بلديات مدن من جميع أنحاء العالم وممثليها، المجتمعين في دوسلدورف من 31 "
            "أغسطس/آب إلى 1 سبتمبر/أيلول 2019 في إطار القمة الدولية الثانية لرؤساء البلديات حول "
            "العيش المشترك،",
            "*إذ نسلّم* بأن المدن تقف في الخط الأمامي في مواجهة التحدي العالمي للعيش المشترك، "
            "*وإذ ندرك* أن الظواهر المتزامنة للعولمة والتحضّر وتنقّل البشر تغيّر باستمرار الطريقة "
            "التي نعيش بها معًا في مدننا،",
            "*وإذ نستذكر* روح القمة الدولية الأولى التي عُقدت في مونتريال في يونيو/حزيران 2015، "
            "والتي أفضت إلى إنشاء المرصد الدولي لرؤساء البلديات حول العيش المشترك،",
            "*وإذ نلاحظ* تصاعد التعصّب والتطرّف والأيديولوجيات التي تثير الانقسام، فتولّد "
            "انعدام اليقين وتقوّض النسيج الاجتماعي وأسس المبادئ الديمقراطية،",
            "*وإذ نقدّر* الجهود المتعددة الأطراف المتزايدة التي تؤكد من جديد الإرادة في العيش في "
            "مجتمعات مسالمة وشاملة للجميع، وتشجع الحوار والتعاون،",
            "*وإذ نرحّب* بإعلان الأمم المتحدة **اليوم الدولي للعيش معًا في سلام**، من أجل التفكير "
            "على الصعيد العالمي في كيفية بناء مجتمعات أكثر شمولًا للجميع،",
            "*وإذ نستذكر* أن المدن تضطلع بالفعل بدور قيادي في مجال العيش المشترك على الصعيدين "
            "المحلي والعالمي.",
        ],
        "agreements": [
            "تعزيز العيش المشترك يعني الاعتراف بجميع أشكال التنوع واحترامها، ومكافحة التمييز، "
            "والعمل على تيسير التعايش السلمي في مدننا.",
            "يتحمّل رؤساء البلديات مسؤولية تشجيع الوحدة والتماسك الاجتماعي: فمن خلال العمل جنبًا "
            "إلى جنب مع القوى الفاعلة في المجتمع، يسهمون في بناء الثقة وتعزيز الشعور بالانتماء "
            "لدى المواطنين.",
            "يشير العيش المشترك إلى عملية دينامية تحشد مختلف الجهات المعنية من أجل تنفيذ مبادرات "
            "تهدف إلى تحسين رفاه المجتمع.",
            "تبادل الخبرات بين مدننا أمر أساسي لكي نتعلّم بعضنا من بعض، ولتطوير تعاون فعّال يساعد "
            "على تحسين مبادراتنا.",
        ],
        "goals": [
            "يستحق مواطنونا أن يعيشوا في مدن آمنة وصحية وشاملة للجميع، تكون فيها جودة الحياة "
            "والازدهار الاقتصادي والبيئة في مقدمة اهتماماتنا، وفقًا لأهداف الأمم المتحدة للتنمية "
            "المستدامة والخطة الحضرية الجديدة.",
            "ينبغي أن تهدف سياساتنا وبرامجنا إلى تحسين العيش المشترك: من خلال تعزيز الشعور "
            "بالانتماء، وتمكين الأحياء الحضرية، وإيجاد فضاءات للتلاقي، وتوفير الفرص الاجتماعية "
            "والاقتصادية لجميع المواطنين، دون أن يتخلّف أحد عن الركب.",
            "يجب أن تكون مدننا قادرة على الصمود ومرنة، حتى تتمكن من الوقاية من الأحداث السلبية "
            "والاستجابة لها والتعلّم منها، في بيئاتنا الحضرية المتغيرة باستمرار.",
            "مدننا مختبرات حيّة ينبغي أن تشجع على ظهور حلول خلّاقة ومبتكرة للتحديات الحضرية "
            "المحلية والعالمية.",
            "ينبغي تبادل ممارساتنا وخبراتنا على نطاق واسع من أجل الحفز على العمل، وتشجيع التبادل "
            "مع المدن الأخرى، والمساهمة في صياغة السياسات الوطنية والدولية.",
        ],
        "commitments": [
            "تعزيز التماسك الاجتماعي من خلال الترويج الفعلي للعيش المشترك في مجتمعاتنا المحلية. "
            "ويمكن أن تشمل الإجراءات الملموسة: تنظيم نشاط عام حول موضوع العيش المشترك، أو إطلاق "
            "سياسة عامة تهدف إلى تحسين العيش المشترك على المستوى المحلي، أو تنفيذ برنامج بلدي "
            "جديد يتصل بموضوع العيش المشترك.",
            "الترويج لليوم الدولي للعيش معًا في سلام، الذي يُحتفل به في 16 مايو/أيار من كل عام. "
            "وسيعمل المرصد الدولي لرؤساء البلديات حول العيش المشترك، بالتعاون مع المنظمين "
            "العالميين لهذا اليوم الدولي، على تحديد **عاصمة للعيش المشترك**، وهي مدينة تُختار كل "
            "عام لاستضافة النشاط الرئيسي للاحتفال العالمي بهذا اليوم.",
        ],
        "commit_statement": "لقد قرأتُ إعلان دوسلدورف الذي اعتُمد خلال القمة الدولية الثانية "
        "لرؤساء البلديات حول العيش المشترك، المنعقدة في دوسلدورف من 31 أغسطس/آب إلى 1 "
        "سبتمبر/أيلول 2019.\n\nأوافق على مبادئ القمة وأهدافها، وألتزم بالعمل المشترك من أجل "
        "تحقيق الأهداف المذكورة.",
        "acknowledge_statement": "لقد قرأتُ إعلان دوسلدورف الذي اعتُمد خلال القمة الدولية "
        "الثانية لرؤساء البلديات حول العيش المشترك، المنعقدة في دوسلدورف من 31 أغسطس/آب إلى 1 "
        "سبتمبر/أيلول 2019.\n\nأُقرّ بمبادئ القمة وأهدافها، وأوافق على عرض هذا الإعلان على رئيس "
        "البلدية و/أو المجلس البلدي للمدينة التي أمثّلها اليوم.",
    },
}


# Where the Declaration was adopted, as each language writes the city's name.
ADOPTED_AT = {"en": "Düsseldorf", "ar": "دوسلدورف"}


# Montréal 2015: the seeds say "June 2015", more than 20 mayors, social cohesion,
# integration and security in a globalised world, the Montréal Declaration and the
# Observatory's creation. The sessions follow those subjects; like the dates, the times
# are placeholders until an editor enters the real ones.
MONTREAL_PROGRAMME = {
    "en": [
        (
            "2015-06-09",
            "Sharing experiences",
            [
                ("09:00", "10:00", "Opening of the summit", PUBLIC),
                (
                    "10:00",
                    "12:30",
                    "Mayors' round table: social cohesion and integration",
                    PARTICIPANTS,
                ),
                (
                    "14:00",
                    "17:00",
                    "Workshops: security and the prevention of radicalisation",
                    PARTICIPANTS,
                ),
            ],
        ),
        (
            "2015-06-10",
            "Committing together",
            [
                (
                    "09:00",
                    "12:00",
                    "Towards a declaration: better policies for living together",
                    PARTICIPANTS,
                ),
                (
                    "14:00",
                    "15:30",
                    "Adoption of the Montréal Declaration on Living Together",
                    PUBLIC,
                ),
                (
                    "15:30",
                    "16:30",
                    "Creation of the International Observatory of Mayors on Living Together "
                    "and press conference",
                    PUBLIC,
                ),
            ],
        ),
    ],
    "fr": [
        (
            "2015-06-09",
            "Partager les expériences",
            [
                ("09:00", "10:00", "Ouverture du sommet", PUBLIC),
                (
                    "10:00",
                    "12:30",
                    "Table ronde des maires : cohésion sociale et intégration",
                    PARTICIPANTS,
                ),
                (
                    "14:00",
                    "17:00",
                    "Ateliers : sécurité et prévention de la radicalisation",
                    PARTICIPANTS,
                ),
            ],
        ),
        (
            "2015-06-10",
            "S'engager ensemble",
            [
                (
                    "09:00",
                    "12:00",
                    "Vers une déclaration : de meilleures politiques pour le vivre ensemble",
                    PARTICIPANTS,
                ),
                (
                    "14:00",
                    "15:30",
                    "Adoption de la Déclaration de Montréal sur le vivre ensemble",
                    PUBLIC,
                ),
                (
                    "15:30",
                    "16:30",
                    "Création de l'Observatoire international des maires sur le Vivre ensemble "
                    "et conférence de presse",
                    PUBLIC,
                ),
            ],
        ),
    ],
    "de": [
        (
            "2015-06-09",
            "Erfahrungen teilen",
            [
                ("09:00", "10:00", "Eröffnung des Gipfels", PUBLIC),
                (
                    "10:00",
                    "12:30",
                    "Runder Tisch der Bürgermeister: sozialer Zusammenhalt und Integration",
                    PARTICIPANTS,
                ),
                (
                    "14:00",
                    "17:00",
                    "Workshops: Sicherheit und Prävention von Radikalisierung",
                    PARTICIPANTS,
                ),
            ],
        ),
        (
            "2015-06-10",
            "Sich gemeinsam verpflichten",
            [
                (
                    "09:00",
                    "12:00",
                    "Auf dem Weg zu einer Erklärung: bessere Politik für das Zusammenleben",
                    PARTICIPANTS,
                ),
                (
                    "14:00",
                    "15:30",
                    "Verabschiedung der Erklärung von Montréal zum Zusammenleben",
                    PUBLIC,
                ),
                (
                    "15:30",
                    "16:30",
                    "Gründung der Internationalen Beobachtungsstelle der Bürgermeister für das "
                    "Zusammenleben und Pressekonferenz",
                    PUBLIC,
                ),
            ],
        ),
    ],
    "es": [
        (
            "2015-06-09",
            "Compartir experiencias",
            [
                ("09:00", "10:00", "Apertura de la cumbre", PUBLIC),
                (
                    "10:00",
                    "12:30",
                    "Mesa redonda de alcaldes: cohesión social e integración",
                    PARTICIPANTS,
                ),
                (
                    "14:00",
                    "17:00",
                    "Talleres: seguridad y prevención de la radicalización",
                    PARTICIPANTS,
                ),
            ],
        ),
        (
            "2015-06-10",
            "Comprometerse juntos",
            [
                (
                    "09:00",
                    "12:00",
                    "Hacia una declaración: mejores políticas para la convivencia",
                    PARTICIPANTS,
                ),
                (
                    "14:00",
                    "15:30",
                    "Adopción de la Declaración de Montreal sobre la Convivencia",
                    PUBLIC,
                ),
                (
                    "15:30",
                    "16:30",
                    "Creación del Observatorio Internacional de Alcaldes sobre la Convivencia "
                    "y rueda de prensa",
                    PUBLIC,
                ),
            ],
        ),
    ],
    "ar": [
        (
            "2015-06-09",
            "تبادل التجارب",
            [
                ("09:00", "10:00", "افتتاح القمة", PUBLIC),
                (
                    "10:00",
                    "12:30",
                    "مائدة مستديرة لرؤساء البلديات: التماسك الاجتماعي والاندماج",
                    PARTICIPANTS,
                ),
                ("14:00", "17:00", "ورشات عمل: الأمن والوقاية من التطرف", PARTICIPANTS),
            ],
        ),
        (
            "2015-06-10",
            "الالتزام معًا",
            [
                ("09:00", "12:00", "نحو إعلان: سياسات أفضل للعيش المشترك", PARTICIPANTS),
                ("14:00", "15:30", "اعتماد إعلان مونتريال حول العيش المشترك", PUBLIC),
                (
                    "15:30",
                    "16:30",
                    "إنشاء المرصد الدولي لرؤساء البلديات حول العيش المشترك ومؤتمر صحفي",
                    PUBLIC,
                ),
            ],
        ),
    ],
}
MONTREAL_VENUE = {
    "en": "Montréal",
    "fr": "Montréal",
    "de": "Montreal",
    "es": "Montreal",
    "ar": "مونتريال",
}


def montreal_programme(code):
    venue = MONTREAL_VENUE[code]
    return [
        (
            "day",
            {
                "date": datetime.date.fromisoformat(day),
                "title": title,
                "sessions": [
                    session(start, end, name, venue, audience)
                    for start, end, name, audience in sessions
                ],
            },
        )
        for day, title, sessions in MONTREAL_PROGRAMME[code]
    ]


def programme(code):
    return [
        (
            "day",
            {"date": datetime.date.fromisoformat(day), "title": title, "sessions": sessions},
        )
        for day, title, sessions in PROGRAMME[code]
    ]


def declaration_fields(code):
    text = DECLARATION[code]
    return {
        "title": text["title"],
        "subtitle": text["subtitle"],
        "language_note": text["language_note"],
        "adopted_at": ADOPTED_AT.get(code, ADOPTED_AT["en"]),
        "preamble": items("clause", text["preamble"]),
        "agreements": items("item", text["agreements"]),
        "goals": items("item", text["goals"]),
        "commitments": items("item", text["commitments"]),
        "commit_statement": text["commit_statement"],
        "acknowledge_statement": text["acknowledge_statement"],
    }


def fill_title_and_introduction(texts):
    def fill(page, code):
        page.title, page.introduction = texts[code]

    return fill


fill_index = fill_title_and_introduction(INDEX)


def _fill_montreal(page, code):
    page.title, page.introduction = MONTREAL[code]
    page.programme = montreal_programme(code)


def _fill_summit(page, code):
    page.title, page.introduction = DUESSELDORF[code]
    page.programme = programme(code)
    page.partners = PARTNERS[code]
    page.results = [("paragraph", rich(RESULTS[code]))]


# Each summit's picture is described and credited in every language.
fill_montreal = with_image_text(_fill_montreal, "event")
fill_summit = with_image_text(_fill_summit, "event")


def summit_image(slug, palette):
    return demo_image(f"summit-{slug}", ["hero", "card"], palette=palette, skyline=True)


def venue_image(name):
    return demo_image(f"venue-{name}", ["card"], palette="slate")


def fill_declaration(page, code):
    for name, value in declaration_fields(code).items():
        setattr(page, name, value)


SUMMIT_FILLS = {"montreal-2015": fill_montreal, "duesseldorf-2019": fill_summit}


@transaction.atomic
def load_summits(home, locales, cities, themes):
    """The summits, the Düsseldorf Declaration and their translations. Creates nothing twice.

    Every page is translated through wagtail-localize into French, German, Spanish
    and Arabic (so that a later English edit shows the translations out of date).
    When the summits exist already, those of the demo's pages that are still aliases
    in a language (an older demo) are translated instead.
    """
    existing = SummitIndexPage.objects.child_of(home).first()
    if existing is not None:
        return _translate_existing(existing, locales)
    en = locales["en"]

    index = SummitIndexPage(slug="summits", locale=en, show_in_menus=True)
    fill_index(index, "en")
    # Summits come first in the menu, though they are loaded after the cities they name.
    first = home.get_first_child()
    if first is not None:
        first.add_sibling(pos="left", instance=index)
    else:
        home.add_child(instance=index)
    publish(index)
    publish_everywhere(index, locales, fill_index)

    montreal = SummitPage(
        slug="montreal-2015",
        edition=1,
        host_city=cities.get("montreal"),
        # The brochure and the declaration only say "June 2015": these days are a
        # placeholder until an editor enters the real ones.
        start_date=datetime.date(2015, 6, 9),
        end_date=datetime.date(2015, 6, 10),
        locale=en,
        image=summit_image("montreal-2015", "navy"),
    )
    fill_montreal(montreal, "en")
    index.add_child(instance=montreal)
    publish(montreal)
    publish_everywhere(montreal, locales, fill_montreal)

    duesseldorf = SummitPage(
        slug="duesseldorf-2019",
        edition=2,
        host_city=cities.get("duesseldorf"),
        start_date=datetime.date(2019, 8, 30),
        end_date=datetime.date(2019, 9, 1),
        locale=en,
        image=summit_image("duesseldorf-2019", "terracotta"),
    )
    fill_summit(duesseldorf, "en")
    duesseldorf.themes = list(themes.values())
    # A venue's picture is described by the template in the reader's language (its
    # alternative text is left to editors: venues are the same in every language).
    duesseldorf.venues = [
        SummitVenue(name=name, address=address, image=venue_image(name)) for name, address in VENUES
    ]
    index.add_child(instance=duesseldorf)
    publish(duesseldorf)
    publish_everywhere(duesseldorf, locales, fill_summit)

    declaration = DeclarationPage(
        slug="declaration",
        adopted_on=datetime.date(2019, 8, 31),
        locale=en,
    )
    fill_declaration(declaration, "en")
    duesseldorf.add_child(instance=declaration)
    publish(declaration)
    publish_everywhere(declaration, locales, fill_declaration)
    load_signatures(declaration)
    return index


def _translate_existing(index, locales):
    """A rerun: translate the demo's pages that are still aliases somewhere."""
    translate_everywhere(index, locales, fill_index, unedited_only=True)
    for summit in SummitPage.objects.child_of(index).filter(slug__in=list(SUMMIT_FILLS)):
        translate_everywhere(summit, locales, SUMMIT_FILLS[summit.slug], unedited_only=True)
        for declaration in DeclarationPage.objects.child_of(summit).filter(slug="declaration"):
            _translate_declaration(declaration, locales)
    return index


def _translate_declaration(declaration, locales):
    """An older demo's declaration has no note on its language versions: add it everywhere."""
    update = ()
    if not declaration.language_note:
        declaration.language_note = DECLARATION["en"]["language_note"]
        if not is_demo_text(declaration, fill_declaration):
            return
        publish(declaration)
        # The translations get the new segment from a refreshed source.
        TranslationSource.update_or_create_from_instance(declaration)
        update = TRANSLATED_LANGUAGES
    translate_everywhere(declaration, locales, fill_declaration, update=update, unedited_only=True)


def load_signatures(declaration):
    """The signatory the seed names, on paper at Düsseldorf, under the commitment."""
    Signature.objects.get_or_create(
        declaration_key=declaration.translation_key,
        name="Cheikh Khaled Bentounes",
        defaults={
            "kind": SignatureKind.COMMIT,
            "source": Signature.Source.PAPER,
            "signed_on": datetime.date(2019, 8, 31),
            "confirmed_at": timezone.now(),
        },
    )
