"""Demo content: the five themes, the city directory, member cities and their initiatives.

Themes come from DESIGN.md and the 2019 Düsseldorf summit brochure (seeds/). Cities
are real places with checked coordinates; Montréal (the founding summit, June 2015)
and Düsseldorf (the 2019 summit) come from the seeds, the others are demo members.
Mayors and populations are left blank rather than guessed. Initiatives are generic
demo texts and say so.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from wagtail.rich_text import RichText

from cities.models import CityIndexPage, CityPage, Continent, Theme
from home.demo import publish_everywhere, translate_everywhere, translate_snippet_everywhere
from home.demo_images import demo_image, image_block, set_image_text

from .models import InitiativeIndexPage, InitiativeKind, InitiativePage

LANGUAGES = ("en", "fr", "de", "es", "ar")

# slug: {language: (name, description)}; French descriptions quote the brochure.
THEMES = {
    "mobility-environment": {
        "en": (
            "Sustainable mobility and environment",
            "Sustainable alternatives to traditional transport, cutting CO2 emissions to "
            "make green mobility real, better waste management in cities.",
        ),
        "fr": (
            "Mobilité durable et environnement",
            "Fournir des solutions durables pour remplacer les moyens de transport "
            "traditionnels ; réduire les émissions de CO2 et faire de la mobilité verte une "
            "réalité ; améliorer la gestion des déchets dans les environnements urbains.",
        ),
        "de": (
            "Nachhaltige Mobilität und Umwelt",
            "Nachhaltige Alternativen zu herkömmlichen Verkehrsmitteln, weniger CO2-Ausstoß "
            "für eine grüne Mobilität, bessere Abfallwirtschaft in der Stadt.",
        ),
        "es": (
            "Movilidad sostenible y medio ambiente",
            "Alternativas sostenibles a los medios de transporte tradicionales, reducir las "
            "emisiones de CO2 para hacer realidad la movilidad verde, mejor gestión de los "
            "residuos en la ciudad.",
        ),
        "ar": (
            "التنقل المستدام والبيئة",
            "حلول مستدامة بديلة لوسائل النقل التقليدية، وخفض انبعاثات ثاني أكسيد الكربون "
            "لجعل التنقل الأخضر واقعًا، وتحسين إدارة النفايات في المدن.",
        ),
    },
    "inclusive-urbanism": {
        "en": (
            "Spaces to meet and inclusive urbanism",
            "Spaces where residents can meet and talk, a sense of belonging through "
            "inclusive urban planning, structural support for disadvantaged neighbourhoods.",
        ),
        "fr": (
            "Espaces de rencontre et urbanisme inclusif",
            "Créer des espaces où les habitants puissent se rencontrer et échanger entre "
            "eux ; promouvoir un sentiment d'appartenance via un urbanisme inclusif ; donner "
            "des moyens structurels aux quartiers défavorisés.",
        ),
        "de": (
            "Begegnungsräume und inklusive Stadtentwicklung",
            "Räume, in denen sich Menschen begegnen und austauschen, Zugehörigkeit durch "
            "inklusive Stadtplanung, strukturelle Mittel für benachteiligte Quartiere.",
        ),
        "es": (
            "Espacios de encuentro y urbanismo inclusivo",
            "Espacios donde los vecinos puedan encontrarse e intercambiar, sentido de "
            "pertenencia mediante un urbanismo inclusivo, recursos estructurales para los "
            "barrios desfavorecidos.",
        ),
        "ar": (
            "فضاءات للقاء وتخطيط حضري شامل",
            "فضاءات يلتقي فيها السكان ويتبادلون الحديث، وتعزيز الشعور بالانتماء عبر تخطيط "
            "حضري شامل، وتوفير موارد هيكلية للأحياء المحرومة.",
        ),
    },
    "security-resilience": {
        "en": (
            "Security, resilience and prevention of radicalisation",
            "Public resources to respond to serious events, measures to remedy and prevent "
            "radicalisation and segregation, harmonious life in socially mixed neighbourhoods.",
        ),
        "fr": (
            "Sécurité, résilience et prévention de la radicalisation",
            "Accroître les ressources publiques pour répondre aux événements graves ; "
            "élaborer des mesures visant à remédier et à prévenir la radicalisation et la "
            "ségrégation ; permettre une cohabitation harmonieuse dans les quartiers à forte "
            "mixité sociale.",
        ),
        "de": (
            "Sicherheit, Resilienz und Radikalisierungsprävention",
            "Öffentliche Mittel, um auf schwere Ereignisse zu reagieren, Maßnahmen gegen "
            "Radikalisierung und Segregation, ein harmonisches Miteinander in sozial "
            "gemischten Quartieren.",
        ),
        "es": (
            "Seguridad, resiliencia y prevención de la radicalización",
            "Recursos públicos para responder a sucesos graves, medidas para remediar y "
            "prevenir la radicalización y la segregación, una convivencia armoniosa en los "
            "barrios con gran diversidad social.",
        ),
        "ar": (
            "الأمن والصمود والوقاية من التطرف",
            "زيادة الموارد العامة للاستجابة للأحداث الخطيرة، وتدابير لمعالجة التطرف والعزل "
            "والوقاية منهما، وتعايش متناغم في الأحياء ذات التنوع الاجتماعي الكبير.",
        ),
    },
    "digital-city": {
        "en": (
            "Digital city, e-governance and data",
            "Better e-governance strategies and capacities, collecting and using data to "
            "make local policy, digital innovation and creative hubs in the city.",
        ),
        "fr": (
            "Ville numérique, e-gouvernance et données",
            "Améliorer les stratégies et les capacités d'e-gouvernance ; rassembler et "
            "utiliser les données pour créer des politiques locales ; encourager "
            "l'innovation numérique et les centres de créativité au sein de la ville.",
        ),
        "de": (
            "Digitale Stadt, E-Government und Daten",
            "Bessere Strategien und Kapazitäten für E-Government, Daten sammeln und für "
            "die Kommunalpolitik nutzen, digitale Innovation und Kreativzentren in der Stadt.",
        ),
        "es": (
            "Ciudad digital, gobierno electrónico y datos",
            "Mejores estrategias y capacidades de gobierno electrónico, recopilar y usar "
            "datos para crear políticas locales, innovación digital y centros creativos en "
            "la ciudad.",
        ),
        "ar": (
            "المدينة الرقمية والحوكمة الإلكترونية والبيانات",
            "تحسين استراتيجيات الحوكمة الإلكترونية وقدراتها، وجمع البيانات واستخدامها لوضع "
            "السياسات المحلية، وتشجيع الابتكار الرقمي ومراكز الإبداع في المدينة.",
        ),
    },
    "affordability-diversity": {
        "en": (
            "Affordability, integration and diversity",
            "A city life affordable for everyone, successful integration policies, an "
            "environment that welcomes diversity.",
        ),
        "fr": (
            "Accessibilité financière, intégration et diversité",
            "Faire que la vie en ville soit abordable pour tous ; créer des politiques "
            "d'intégration réussies ; offrir un environnement favorisant la diversité.",
        ),
        "de": (
            "Bezahlbarkeit, Integration und Vielfalt",
            "Ein bezahlbares Leben in der Stadt für alle, erfolgreiche Integrationspolitik, "
            "ein Umfeld, das Vielfalt fördert.",
        ),
        "es": (
            "Asequibilidad, integración y diversidad",
            "Una vida urbana asequible para todos, políticas de integración exitosas, un "
            "entorno que favorezca la diversidad.",
        ),
        "ar": (
            "القدرة على تحمل التكاليف والاندماج والتنوع",
            "جعل الحياة في المدينة في متناول الجميع، ووضع سياسات اندماج ناجحة، وتوفير بيئة "
            "تشجع التنوع.",
        ),
    },
}

CITY_INDEX = {
    "en": ("Member cities", "The cities of the Observatory, on the map and by country."),
    "fr": ("Villes membres", "Les villes de l'Observatoire, sur la carte et par pays."),
    "de": ("Mitgliedsstädte", "Die Städte der Beobachtungsstelle, auf der Karte und nach Land."),
    "es": ("Ciudades miembro", "Las ciudades del Observatorio, en el mapa y por país."),
    "ar": ("المدن الأعضاء", "مدن المرصد على الخريطة وحسب البلد."),
}

INITIATIVE_INDEX = {
    "en": (
        "Initiatives",
        "What member cities do to help people live together: browse by theme, country, "
        "city, kind and year.",
    ),
    "fr": (
        "Initiatives",
        "Ce que font les villes membres pour le vivre ensemble : par thème, pays, ville, "
        "type et année.",
    ),
    "de": (
        "Initiativen",
        "Was die Mitgliedsstädte für das Zusammenleben tun: nach Thema, Land, Stadt, Art und Jahr.",
    ),
    "es": (
        "Iniciativas",
        "Lo que hacen las ciudades miembro por la convivencia: por tema, país, ciudad, tipo y año.",
    ),
    "ar": (
        "المبادرات",
        "ما تقوم به المدن الأعضاء من أجل العيش المشترك: حسب الموضوع والبلد والمدينة والنوع والسنة.",
    ),
}

CITY_DESCRIPTION = {
    "en": "<p>{city} is a member city of the Observatory. (Demo profile.)</p>",
    "fr": "<p>{city} est une ville membre de l'Observatoire. (Profil de démonstration.)</p>",
    "de": "<p>{city} ist Mitgliedsstadt der Beobachtungsstelle. (Demo-Profil.)</p>",
    "es": "<p>{city} es una ciudad miembro del Observatorio. (Perfil de demostración.)</p>",
    "ar": "<p>{city} مدينة عضو في المرصد. (ملف تجريبي.)</p>",
}

# slug: names by language, country, continent, latitude, longitude, extra fields.
CITIES = {
    "montreal": {
        "names": {
            "en": "Montréal",
            "fr": "Montréal",
            "de": "Montreal",
            "es": "Montreal",
            "ar": "مونتريال",
        },
        "country": "CA",
        "continent": Continent.AMERICAS,
        "latitude": "45.501900",
        "longitude": "-73.567400",
        # The first summit, in Montréal in June 2015, founded the Observatory.
        "member_since": datetime.date(2015, 6, 1),
        "website": "https://montreal.ca/",
    },
    "duesseldorf": {
        "names": {
            "en": "Düsseldorf",
            "fr": "Düsseldorf",
            "de": "Düsseldorf",
            "es": "Düsseldorf",
            "ar": "دوسلدورف",
        },
        "country": "DE",
        "continent": Continent.EUROPE,
        "latitude": "51.227700",
        "longitude": "6.773500",
        "website": "https://www.duesseldorf.de/",
    },
    "lisbon": {
        "names": {
            "en": "Lisbon",
            "fr": "Lisbonne",
            "de": "Lissabon",
            "es": "Lisboa",
            "ar": "لشبونة",
        },
        "country": "PT",
        "continent": Continent.EUROPE,
        "latitude": "38.722300",
        "longitude": "-9.139300",
    },
    "dakar": {
        "names": {"en": "Dakar", "fr": "Dakar", "de": "Dakar", "es": "Dakar", "ar": "داكار"},
        "country": "SN",
        "continent": Continent.AFRICA,
        "latitude": "14.716700",
        "longitude": "-17.467700",
    },
    "tunis": {
        "names": {"en": "Tunis", "fr": "Tunis", "de": "Tunis", "es": "Túnez", "ar": "تونس"},
        "country": "TN",
        "continent": Continent.AFRICA,
        "latitude": "36.806500",
        "longitude": "10.181500",
    },
    "beirut": {
        "names": {"en": "Beirut", "fr": "Beyrouth", "de": "Beirut", "es": "Beirut", "ar": "بيروت"},
        "country": "LB",
        "continent": Continent.ASIA,
        "latitude": "33.893800",
        "longitude": "35.501800",
    },
    "bogota": {
        "names": {"en": "Bogotá", "fr": "Bogota", "de": "Bogotá", "es": "Bogotá", "ar": "بوغوتا"},
        "country": "CO",
        "continent": Continent.AMERICAS,
        "latitude": "4.711000",
        "longitude": "-74.072100",
    },
    "seoul": {
        "names": {"en": "Seoul", "fr": "Séoul", "de": "Seoul", "es": "Seúl", "ar": "سول"},
        "country": "KR",
        "continent": Continent.ASIA,
        "latitude": "37.566500",
        "longitude": "126.978000",
    },
    "melbourne": {
        "names": {
            "en": "Melbourne",
            "fr": "Melbourne",
            "de": "Melbourne",
            "es": "Melbourne",
            "ar": "ملبورن",
        },
        "country": "AU",
        "continent": Continent.OCEANIA,
        "latitude": "-37.813600",
        "longitude": "144.963100",
    },
    "barcelona": {
        "names": {
            "en": "Barcelona",
            "fr": "Barcelone",
            "de": "Barcelona",
            "es": "Barcelona",
            "ar": "برشلونة",
        },
        "country": "ES",
        "continent": Continent.EUROPE,
        "latitude": "41.387400",
        "longitude": "2.168600",
    },
    "brussels": {
        "names": {
            "en": "Brussels",
            "fr": "Bruxelles",
            "de": "Brüssel",
            "es": "Bruselas",
            "ar": "بروكسل",
        },
        "country": "BE",
        "continent": Continent.EUROPE,
        "latitude": "50.850300",
        "longitude": "4.351700",
    },
    "rabat": {
        "names": {"en": "Rabat", "fr": "Rabat", "de": "Rabat", "es": "Rabat", "ar": "الرباط"},
        "country": "MA",
        "continent": Continent.AFRICA,
        "latitude": "34.020900",
        "longitude": "-6.841600",
    },
    "abidjan": {
        "names": {
            "en": "Abidjan",
            "fr": "Abidjan",
            "de": "Abidjan",
            "es": "Abiyán",
            "ar": "أبيدجان",
        },
        "country": "CI",
        "continent": Continent.AFRICA,
        "latitude": "5.360000",
        "longitude": "-4.008300",
    },
    "nairobi": {
        "names": {
            "en": "Nairobi",
            "fr": "Nairobi",
            "de": "Nairobi",
            "es": "Nairobi",
            "ar": "نيروبي",
        },
        "country": "KE",
        "continent": Continent.AFRICA,
        "latitude": "-1.292100",
        "longitude": "36.821900",
    },
    "mexico-city": {
        "names": {
            "en": "Mexico City",
            "fr": "Mexico",
            "de": "Mexiko-Stadt",
            "es": "Ciudad de México",
            "ar": "مدينة مكسيكو",
        },
        "country": "MX",
        "continent": Continent.AMERICAS,
        "latitude": "19.432600",
        "longitude": "-99.133200",
    },
    "sao-paulo": {
        "names": {
            "en": "São Paulo",
            "fr": "São Paulo",
            "de": "São Paulo",
            "es": "São Paulo",
            "ar": "ساو باولو",
        },
        "country": "BR",
        "continent": Continent.AMERICAS,
        "latitude": "-23.550500",
        "longitude": "-46.633300",
    },
    "buenos-aires": {
        "names": {
            "en": "Buenos Aires",
            "fr": "Buenos Aires",
            "de": "Buenos Aires",
            "es": "Buenos Aires",
            "ar": "بوينس آيرس",
        },
        "country": "AR",
        "continent": Continent.AMERICAS,
        "latitude": "-34.603700",
        "longitude": "-58.381600",
    },
    "amman": {
        "names": {"en": "Amman", "fr": "Amman", "de": "Amman", "es": "Amán", "ar": "عمّان"},
        "country": "JO",
        "continent": Continent.ASIA,
        "latitude": "31.945400",
        "longitude": "35.928400",
    },
    "tokyo": {
        "names": {"en": "Tokyo", "fr": "Tokyo", "de": "Tokio", "es": "Tokio", "ar": "طوكيو"},
        "country": "JP",
        "continent": Continent.ASIA,
        "latitude": "35.676200",
        "longitude": "139.650300",
    },
    "jakarta": {
        "names": {
            "en": "Jakarta",
            "fr": "Jakarta",
            "de": "Jakarta",
            "es": "Yakarta",
            "ar": "جاكرتا",
        },
        "country": "ID",
        "continent": Continent.ASIA,
        "latitude": "-6.208800",
        "longitude": "106.845600",
    },
    "auckland": {
        "names": {
            "en": "Auckland",
            "fr": "Auckland",
            "de": "Auckland",
            "es": "Auckland",
            "ar": "أوكلاند",
        },
        "country": "NZ",
        "continent": Continent.OCEANIA,
        "latitude": "-36.848500",
        "longitude": "174.763300",
    },
}

# Generic demo initiatives: slug: kind, theme slugs, {language: (title, summary)}.
INITIATIVES = {
    "neighbourhood-dialogue-tables": {
        "kind": InitiativeKind.PUBLIC_ACTIVITY,
        "themes": ["inclusive-urbanism", "security-resilience"],
        "texts": {
            "en": (
                "Neighbourhood dialogue tables",
                "Monthly open tables where residents, associations and the city talk "
                "about life in the neighbourhood. Demo initiative.",
            ),
            "fr": (
                "Tables de dialogue de quartier",
                "Des tables ouvertes chaque mois où habitants, associations et ville "
                "parlent de la vie du quartier. Initiative de démonstration.",
            ),
            "de": (
                "Nachbarschaftliche Gesprächsrunden",
                "Monatliche offene Runden, in denen Bewohner, Vereine und Stadt über das "
                "Leben im Viertel sprechen. Demo-Initiative.",
            ),
            "es": (
                "Mesas de diálogo vecinal",
                "Mesas abiertas cada mes donde vecinos, asociaciones y ciudad hablan de "
                "la vida del barrio. Iniciativa de demostración.",
            ),
            "ar": (
                "طاولات الحوار في الأحياء",
                "لقاءات مفتوحة شهرية يتحدث فيها السكان والجمعيات والبلدية عن الحياة في "
                "الحي. مبادرة تجريبية.",
            ),
        },
    },
    "shared-streets": {
        "kind": InitiativeKind.CITY_PROGRAMME,
        "themes": ["mobility-environment", "inclusive-urbanism"],
        "texts": {
            "en": (
                "Shared streets programme",
                "Streets near schools and markets become shared spaces for walking, "
                "cycling and meeting. Demo initiative.",
            ),
            "fr": (
                "Programme de rues partagées",
                "Les rues près des écoles et des marchés deviennent des espaces partagés "
                "pour marcher, pédaler et se rencontrer. Initiative de démonstration.",
            ),
            "de": (
                "Programm für geteilte Straßen",
                "Straßen bei Schulen und Märkten werden zu geteilten Räumen zum Gehen, "
                "Radfahren und Begegnen. Demo-Initiative.",
            ),
            "es": (
                "Programa de calles compartidas",
                "Las calles cerca de escuelas y mercados se convierten en espacios "
                "compartidos para caminar, pedalear y encontrarse. Iniciativa de "
                "demostración.",
            ),
            "ar": (
                "برنامج الشوارع المشتركة",
                "تتحول الشوارع القريبة من المدارس والأسواق إلى فضاءات مشتركة للمشي "
                "وركوب الدراجات واللقاء. مبادرة تجريبية.",
            ),
        },
    },
    "open-data-for-cohesion": {
        "kind": InitiativeKind.PUBLIC_POLICY,
        "themes": ["digital-city"],
        "texts": {
            "en": (
                "Open data for social cohesion",
                "The city publishes neighbourhood data so that residents and researchers "
                "can follow how living together changes. Demo initiative.",
            ),
            "fr": (
                "Données ouvertes pour la cohésion sociale",
                "La ville publie des données par quartier pour que les habitants et les "
                "chercheurs suivent l'évolution du vivre ensemble. Initiative de "
                "démonstration.",
            ),
            "de": (
                "Offene Daten für den sozialen Zusammenhalt",
                "Die Stadt veröffentlicht Daten zu den Vierteln, damit Bewohner und "
                "Forschende verfolgen können, wie sich das Zusammenleben entwickelt. "
                "Demo-Initiative.",
            ),
            "es": (
                "Datos abiertos para la cohesión social",
                "La ciudad publica datos por barrio para que vecinos e investigadores "
                "sigan cómo evoluciona la convivencia. Iniciativa de demostración.",
            ),
            "ar": (
                "بيانات مفتوحة من أجل التماسك الاجتماعي",
                "تنشر البلدية بيانات عن الأحياء ليتابع السكان والباحثون تطور العيش "
                "المشترك. مبادرة تجريبية.",
            ),
        },
    },
    "welcome-desk-newcomers": {
        "kind": InitiativeKind.PUBLIC_POLICY,
        "themes": ["affordability-diversity"],
        "texts": {
            "en": (
                "Welcome desk for newcomers",
                "One desk, in several languages, helps new residents with housing, "
                "school and work. Demo initiative.",
            ),
            "fr": (
                "Guichet d'accueil des nouveaux arrivants",
                "Un guichet unique, en plusieurs langues, aide les nouveaux habitants "
                "pour le logement, l'école et l'emploi. Initiative de démonstration.",
            ),
            "de": (
                "Willkommensschalter für Neuankömmlinge",
                "Ein Schalter in mehreren Sprachen hilft neuen Bewohnern bei Wohnung, "
                "Schule und Arbeit. Demo-Initiative.",
            ),
            "es": (
                "Ventanilla de acogida para recién llegados",
                "Una ventanilla única, en varios idiomas, ayuda a los nuevos vecinos con "
                "la vivienda, la escuela y el empleo. Iniciativa de demostración.",
            ),
            "ar": (
                "مكتب استقبال للوافدين الجدد",
                "مكتب واحد بعدة لغات يساعد السكان الجدد في السكن والمدرسة والعمل. مبادرة تجريبية.",
            ),
        },
    },
    "youth-resilience-network": {
        "kind": InitiativeKind.CITY_PROGRAMME,
        "themes": ["security-resilience"],
        "texts": {
            "en": (
                "Youth resilience network",
                "Youth workers, schools and families work together to prevent "
                "radicalisation and isolation. Demo initiative.",
            ),
            "fr": (
                "Réseau jeunesse et résilience",
                "Animateurs, écoles et familles travaillent ensemble pour prévenir la "
                "radicalisation et l'isolement. Initiative de démonstration.",
            ),
            "de": (
                "Jugendnetzwerk für Resilienz",
                "Jugendarbeit, Schulen und Familien arbeiten zusammen, um Radikalisierung "
                "und Vereinsamung vorzubeugen. Demo-Initiative.",
            ),
            "es": (
                "Red juvenil de resiliencia",
                "Educadores, escuelas y familias trabajan juntos para prevenir la "
                "radicalización y el aislamiento. Iniciativa de demostración.",
            ),
            "ar": (
                "شبكة الشباب للصمود",
                "يعمل المنشطون والمدارس والأسر معًا للوقاية من التطرف والعزلة. مبادرة تجريبية.",
            ),
        },
    },
    "living-together-festival": {
        "kind": InitiativeKind.PUBLIC_ACTIVITY,
        "themes": ["affordability-diversity", "inclusive-urbanism"],
        "texts": {
            "en": (
                "Living together festival on 16 May",
                "A free festival in public squares for the International Day of Living "
                "Together in Peace. Demo initiative.",
            ),
            "fr": (
                "Fête du vivre ensemble le 16 mai",
                "Une fête gratuite sur les places publiques pour la Journée "
                "internationale du vivre ensemble en paix. Initiative de démonstration.",
            ),
            "de": (
                "Fest des Zusammenlebens am 16. Mai",
                "Ein kostenloses Fest auf öffentlichen Plätzen zum Internationalen Tag "
                "des friedlichen Zusammenlebens. Demo-Initiative.",
            ),
            "es": (
                "Fiesta de la convivencia el 16 de mayo",
                "Una fiesta gratuita en las plazas públicas por el Día Internacional de "
                "la Convivencia en Paz. Iniciativa de demostración.",
            ),
            "ar": (
                "مهرجان العيش المشترك في 16 مايو",
                "مهرجان مجاني في الساحات العامة احتفالًا باليوم الدولي للعيش معًا في "
                "سلام. مبادرة تجريبية.",
            ),
        },
    },
    "green-transit-pass": {
        "kind": InitiativeKind.PUBLIC_POLICY,
        "themes": ["mobility-environment", "affordability-diversity"],
        "texts": {
            "en": (
                "Affordable green transit pass",
                "A reduced public transport fare for low-income residents and students. "
                "Demo initiative.",
            ),
            "fr": (
                "Titre de transport vert et abordable",
                "Un tarif réduit des transports publics pour les habitants à faibles "
                "revenus et les étudiants. Initiative de démonstration.",
            ),
            "de": (
                "Bezahlbares grünes Nahverkehrsticket",
                "Ein ermäßigter Tarif im Nahverkehr für Menschen mit geringem Einkommen "
                "und Studierende. Demo-Initiative.",
            ),
            "es": (
                "Abono de transporte verde y asequible",
                "Una tarifa reducida del transporte público para vecinos con bajos "
                "ingresos y estudiantes. Iniciativa de demostración.",
            ),
            "ar": (
                "بطاقة نقل خضراء ميسورة التكلفة",
                "تعريفة مخفضة للنقل العام لذوي الدخل المحدود والطلاب. مبادرة تجريبية.",
            ),
        },
    },
    "digital-city-hall": {
        "kind": InitiativeKind.CITY_PROGRAMME,
        "themes": ["digital-city", "affordability-diversity"],
        "texts": {
            "en": (
                "Digital city hall for everyone",
                "Online city services in plain language, with help points in libraries "
                "for people who are not online. Demo initiative.",
            ),
            "fr": (
                "Mairie numérique pour tous",
                "Des services municipaux en ligne en langage clair, avec des points "
                "d'aide dans les bibliothèques pour les personnes non connectées. "
                "Initiative de démonstration.",
            ),
            "de": (
                "Digitales Rathaus für alle",
                "Städtische Online-Dienste in einfacher Sprache, mit Hilfepunkten in "
                "Bibliotheken für Menschen ohne Internet. Demo-Initiative.",
            ),
            "es": (
                "Ayuntamiento digital para todos",
                "Servicios municipales en línea en lenguaje claro, con puntos de ayuda en "
                "las bibliotecas para quienes no están conectados. Iniciativa de "
                "demostración.",
            ),
            "ar": (
                "بلدية رقمية للجميع",
                "خدمات بلدية عبر الإنترنت بلغة واضحة، مع نقاط مساعدة في المكتبات لمن لا "
                "يستخدمون الإنترنت. مبادرة تجريبية.",
            ),
        },
    },
}

# city slug: [(initiative slug, start, end)], dates 2019–2025.
CITY_INITIATIVES = {
    "montreal": [
        ("neighbourhood-dialogue-tables", datetime.date(2019, 3, 1), None),
        ("welcome-desk-newcomers", datetime.date(2021, 9, 1), None),
        ("living-together-festival", datetime.date(2024, 5, 16), datetime.date(2024, 5, 16)),
    ],
    "duesseldorf": [
        ("open-data-for-cohesion", datetime.date(2019, 9, 1), datetime.date(2022, 12, 31)),
        ("shared-streets", datetime.date(2022, 4, 1), None),
        ("living-together-festival", datetime.date(2025, 5, 16), datetime.date(2025, 5, 16)),
    ],
    "lisbon": [
        ("green-transit-pass", datetime.date(2020, 1, 1), None),
        ("neighbourhood-dialogue-tables", datetime.date(2023, 2, 1), None),
    ],
    "dakar": [
        ("youth-resilience-network", datetime.date(2020, 6, 1), datetime.date(2023, 6, 30)),
        ("living-together-festival", datetime.date(2022, 5, 16), datetime.date(2022, 5, 16)),
    ],
    "tunis": [
        ("digital-city-hall", datetime.date(2021, 1, 1), None),
        ("shared-streets", datetime.date(2024, 3, 1), None),
    ],
    "beirut": [
        ("youth-resilience-network", datetime.date(2019, 10, 1), None),
        ("welcome-desk-newcomers", datetime.date(2023, 1, 15), None),
    ],
    "bogota": [
        ("shared-streets", datetime.date(2020, 2, 1), None),
        ("open-data-for-cohesion", datetime.date(2024, 7, 1), None),
        ("living-together-festival", datetime.date(2023, 5, 16), datetime.date(2023, 5, 16)),
    ],
    "seoul": [
        ("digital-city-hall", datetime.date(2019, 5, 1), datetime.date(2021, 12, 31)),
        ("green-transit-pass", datetime.date(2025, 1, 1), None),
    ],
    "melbourne": [
        ("welcome-desk-newcomers", datetime.date(2020, 8, 1), None),
        ("neighbourhood-dialogue-tables", datetime.date(2022, 10, 1), None),
    ],
    "barcelona": [
        ("shared-streets", datetime.date(2019, 9, 1), None),
        ("welcome-desk-newcomers", datetime.date(2023, 3, 1), None),
    ],
    "brussels": [
        ("open-data-for-cohesion", datetime.date(2021, 2, 1), None),
        ("living-together-festival", datetime.date(2025, 5, 16), datetime.date(2025, 5, 16)),
    ],
    "rabat": [
        ("digital-city-hall", datetime.date(2022, 1, 10), None),
        ("neighbourhood-dialogue-tables", datetime.date(2024, 4, 1), None),
    ],
    "abidjan": [
        ("living-together-festival", datetime.date(2021, 5, 16), datetime.date(2021, 5, 16)),
        ("youth-resilience-network", datetime.date(2023, 9, 1), datetime.date(2025, 8, 31)),
    ],
    "nairobi": [
        ("digital-city-hall", datetime.date(2020, 10, 1), None),
        ("green-transit-pass", datetime.date(2023, 7, 1), None),
    ],
    "mexico-city": [
        ("youth-resilience-network", datetime.date(2019, 11, 1), None),
        ("open-data-for-cohesion", datetime.date(2022, 6, 1), None),
    ],
    "sao-paulo": [
        ("neighbourhood-dialogue-tables", datetime.date(2020, 3, 1), None),
        ("green-transit-pass", datetime.date(2024, 1, 1), None),
    ],
    "buenos-aires": [
        ("welcome-desk-newcomers", datetime.date(2019, 6, 1), None),
        ("shared-streets", datetime.date(2025, 3, 1), None),
    ],
    "amman": [
        ("welcome-desk-newcomers", datetime.date(2020, 2, 1), None),
        ("living-together-festival", datetime.date(2024, 5, 16), datetime.date(2024, 5, 16)),
    ],
    "tokyo": [
        ("open-data-for-cohesion", datetime.date(2020, 4, 1), datetime.date(2023, 3, 31)),
        ("neighbourhood-dialogue-tables", datetime.date(2025, 2, 1), None),
    ],
    "jakarta": [
        ("shared-streets", datetime.date(2021, 8, 1), None),
        ("youth-resilience-network", datetime.date(2022, 2, 1), None),
    ],
    "auckland": [
        ("living-together-festival", datetime.date(2023, 5, 16), datetime.date(2023, 5, 16)),
        ("digital-city-hall", datetime.date(2024, 9, 1), None),
    ],
}

BODY = {
    "en": "<p>Demonstration content: here the city's team describes how the initiative "
    "works, who takes part and what it needs.</p>",
    "fr": "<p>Contenu de démonstration : l'équipe de la ville décrit ici le fonctionnement "
    "de l'initiative, ses participants et ses besoins.</p>",
    "de": "<p>Demo-Inhalt: Hier beschreibt das Team der Stadt, wie die Initiative "
    "funktioniert, wer mitmacht und was sie braucht.</p>",
    "es": "<p>Contenido de demostración: aquí el equipo de la ciudad describe cómo funciona "
    "la iniciativa, quién participa y qué necesita.</p>",
    "ar": "<p>محتوى تجريبي: يصف فريق المدينة هنا كيف تعمل المبادرة ومن يشارك فيها وما تحتاجه.</p>",
}

OUTCOMES = {
    "en": "<ul><li>Residents taking part (demo figure to replace)</li>"
    "<li>Partners involved</li></ul>",
    "fr": "<ul><li>Habitants participants (chiffre de démonstration à remplacer)</li>"
    "<li>Partenaires impliqués</li></ul>",
    "de": "<ul><li>Teilnehmende Bewohner (Demo-Wert, zu ersetzen)</li>"
    "<li>Beteiligte Partner</li></ul>",
    "es": "<ul><li>Vecinos participantes (cifra de demostración a sustituir)</li>"
    "<li>Socios implicados</li></ul>",
    "ar": "<ul><li>السكان المشاركون (رقم تجريبي يُستبدل)</li><li>الشركاء المعنيون</li></ul>",
}

PARTNERS = {
    "en": "Neighbourhood associations\nLocal schools",
    "fr": "Associations de quartier\nÉcoles du quartier",
    "de": "Nachbarschaftsvereine\nSchulen vor Ort",
    "es": "Asociaciones vecinales\nEscuelas del barrio",
    "ar": "جمعيات الأحياء\nالمدارس المحلية",
}


# Each theme's colours in the demo's illustrations (core.illustrations.PALETTES).
THEME_PALETTES = {
    "mobility-environment": "olive",
    "inclusive-urbanism": "teal",
    "security-resilience": "slate",
    "digital-city": "navy",
    "affordability-diversity": "terracotta",
}


def city_image(slug):
    """A city's illustration: a skyline under linked circles, in colours of its own."""
    return demo_image(f"city-{slug}", ["figure", "card"], skyline=True)


def initiative_image(slug):
    """An initiative's illustration, in the colours of its first theme."""
    theme = INITIATIVES[slug]["themes"][0]
    return demo_image(f"initiative-{slug}", ["content", "card"], palette=THEME_PALETTES[theme])


def _text(table, code):
    return table.get(code, table["en"])


def load_themes(locales):
    """The five themes in English and translated into every other locale, by slug. Idempotent."""
    english = locales["en"]
    themes = {}
    for order, (slug, texts) in enumerate(THEMES.items()):
        theme = Theme.objects.filter(locale=english, slug=slug).first()
        if theme is None:
            name, description = texts["en"]
            theme = Theme.objects.create(
                locale=english, slug=slug, name=name, description=description, sort_order=order
            )

        def fill(copy, code, texts=texts):
            copy.name, copy.description = _text(texts, code)

        translate_snippet_everywhere(theme, locales, fill)
        themes[slug] = theme
    return themes


def _fill_index(texts):
    def fill(page, code):
        page.title, page.introduction = _text(texts, code)

    return fill


def _fill_city(data):
    def fill(page, code):
        name = _text(data["names"], code)
        page.title = name
        page.description = _text(CITY_DESCRIPTION, code).format(city=name)
        set_image_text(page, "city", code)

    return fill


def _fill_initiative(slug):
    texts = INITIATIVES[slug]["texts"]

    image = initiative_image(slug)

    def fill(page, code):
        page.title, page.summary = _text(texts, code)
        page.body = [("paragraph", RichText(_text(BODY, code)))]
        page.images = [("image", image_block(image, "initiative", code, page.title))]
        page.outcomes = _text(OUTCOMES, code)
        page.partners = _text(PARTNERS, code)

    return fill


def _index(home, locales, model, slug, texts):
    fill = _fill_index(texts)
    existing = model.objects.child_of(home).first()
    if existing is not None:
        return translate_everywhere(existing, locales, fill, unedited_only=True)
    page = model(slug=slug, locale=home.locale, show_in_menus=True)
    fill(page, "en")
    home.add_child(instance=page)
    return publish_everywhere(page, locales, fill)


def _city(index, locales, slug, data):
    fill = _fill_city(data)
    page = CityPage(
        slug=slug,
        locale=index.locale,
        country=data["country"],
        continent=data["continent"],
        latitude=Decimal(data["latitude"]),
        longitude=Decimal(data["longitude"]),
        member_since=data.get("member_since"),
        website=data.get("website", ""),
        image=city_image(slug),
    )
    fill(page, "en")
    index.add_child(instance=page)
    return publish_everywhere(page, locales, fill)


def _initiative(city, locales, themes, slug, start, end):
    data = INITIATIVES[slug]
    fill = _fill_initiative(slug)
    page = InitiativePage(
        slug=slug,
        locale=city.locale,
        kind=data["kind"],
        start_date=start,
        end_date=end,
        contact_name="Demo contact",
        contact_email=f"initiatives@{city.slug}.example.org",
    )
    fill(page, "en")
    page.themes = [themes[theme] for theme in data["themes"] if theme in themes]
    city.add_child(instance=page)
    return publish_everywhere(page, locales, fill)


def _translate_existing(home, index, locales):
    """A rerun: the demo's pages still aliased somewhere (an older demo) get translated.

    Pages an editor deleted stay deleted, pages an editor changed wait for translators.
    """
    _index(home, locales, InitiativeIndexPage, "initiatives", INITIATIVE_INDEX)
    cities = {}
    for city in CityPage.objects.child_of(index).filter(locale=index.locale):
        cities[city.slug] = city
        if city.slug not in CITIES:
            continue
        translate_everywhere(city, locales, _fill_city(CITIES[city.slug]), unedited_only=True)
        initiatives = InitiativePage.objects.child_of(city).filter(slug__in=list(INITIATIVES))
        for initiative in initiatives:
            fill = _fill_initiative(initiative.slug)
            translate_everywhere(initiative, locales, fill, unedited_only=True)
    return cities


def load_cities(home, locales, themes):
    """Create the city directory, the initiative index, member cities and their initiatives.

    ``home`` is the English HomePage, ``locales`` maps language codes to Locales and
    ``themes`` maps slugs to Themes (from ``load_themes``). Every page is published in
    English and translated into French, German, Spanish and Arabic through
    wagtail-localize. When the city directory already exists under ``home`` no page
    is created: the existing cities are returned, and those of the demo's pages that
    are still aliases in a language (an older demo) are translated.
    """
    with transaction.atomic():
        existing = CityIndexPage.objects.child_of(home).first()
        if existing is not None:
            _index(home, locales, CityIndexPage, "cities", CITY_INDEX)
            return _translate_existing(home, existing, locales)
        index = _index(home, locales, CityIndexPage, "cities", CITY_INDEX)
        _index(home, locales, InitiativeIndexPage, "initiatives", INITIATIVE_INDEX)
        cities = {}
        for slug, data in CITIES.items():
            city = _city(index, locales, slug, data)
            for initiative, start, end in CITY_INITIATIVES.get(slug, []):
                _initiative(city, locales, themes, initiative, start, end)
            cities[slug] = city
    return cities
