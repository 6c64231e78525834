"""Demo content of the International Day: its page in five languages and 16 May events."""

import datetime
import zoneinfo

from django.utils import timezone

from wagtail.rich_text import RichText

from capitals.models import CapitalPage
from cities.models import CityPage
from core.dates import campaign_year
from core.time_zones import city_time_zone_name
from home.demo import publish_everywhere, translate_everywhere
from home.demo_images import demo_image, set_image_text

from .models import CityEvent, InternationalDayPage

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


def _international_day_body(texts):
    return [
        ("heading", {"text": text, "level": "h2"}) if kind == "heading" else (kind, RichText(text))
        for kind, text in texts
    ]


def load_international_day_page(home, locales):
    def fill(page, code):
        texts = INTERNATIONAL_DAY.get(code, INTERNATIONAL_DAY["en"])
        page.title = texts["title"]
        page.introduction = texts["introduction"]
        page.why_16_may = texts["why"]
        page.body = _international_day_body(texts["body"])
        set_image_text(page, "day", code)

    existing = InternationalDayPage.objects.child_of(home).first()
    if existing is not None:
        # A rerun on an older demo: translate where it is still an alias.
        return translate_everywhere(existing, locales, fill, unedited_only=True)
    page = InternationalDayPage(
        slug="international-day",
        locale=home.locale,
        show_in_menus=True,
        image=demo_image("international-day", ["hero", "card"], palette="teal"),
    )
    fill(page, "en")
    home.add_child(instance=page)
    return publish_everywhere(page, locales, fill)


DEMO_EVENTS = {
    "duesseldorf": (
        "Fest der Nachbarschaften am Rhein",
        "Burgplatz",
        "17:00",
        "Musik, Essen und Spiele aus allen Stadtteilen, mit den Vereinen der Stadt. (Demo)",
        "de",
    ),
    "montreal": (
        "Grande tablée du vivre-ensemble",
        "Place des Festivals",
        "12:00",
        "Un repas partagé de quartier en quartier, ouvert à toutes et à tous. (Démo)",
        "fr",
    ),
    "bogota": (
        "Festival de la convivencia",
        "Parque Simón Bolívar",
        "10:00",
        "Talleres, música y diálogo entre vecinos de todas las localidades. (Demo)",
        "es",
    ),
}


def load_demo_events(today=None):
    """Approved 16 May events of a few demo cities, for the coming 16 May. Idempotent."""
    year = campaign_year(today)
    created = []
    for slug, (title, place, start, description, language) in DEMO_EVENTS.items():
        city = CityPage.objects.filter(slug=slug, locale__language_code="en").first()
        if city is None or CityEvent.objects.filter(city_key=city.translation_key).exists():
            continue
        zone = city_time_zone_name(city)
        hour, minute = (int(part) for part in start.split(":"))
        starts = datetime.datetime(year, 5, 16, hour, minute, tzinfo=zoneinfo.ZoneInfo(zone))
        created.append(
            CityEvent.objects.create(
                city_key=city.translation_key,
                title=title,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=5),
                time_zone=zone,
                place=place,
                latitude=city.latitude,
                longitude=city.longitude,
                description=description,
                language=language,
                status=CityEvent.Status.APPROVED,
                reviewed_at=timezone.now(),
            )
        )
    return created


# Each demo Capital's main celebration, on 16 May of its year (shown on its page).
CAPITAL_EVENT = (
    "Capital of Living Together: the 16 May celebration",
    "City Hall square",
    "The main celebration of the International Day, open to everyone: welcome by the mayor, "
    "a shared meal, music from every neighbourhood. (Demo)",
)


def load_capital_events():
    """An approved event of each Capital's city on 16 May of the Capital's year. Idempotent."""
    title, place, description = CAPITAL_EVENT
    created = []
    capitals = CapitalPage.objects.filter(locale__language_code="en").select_related("city")
    for capital in capitals:
        city = capital.city
        events = CityEvent.objects.filter(
            city_key=city.translation_key, starts_at__year=capital.year, title=title
        )
        if events.exists():
            continue
        zone = city_time_zone_name(city)
        starts = datetime.datetime(capital.year, 5, 16, 11, 0, tzinfo=zoneinfo.ZoneInfo(zone))
        created.append(
            CityEvent.objects.create(
                city_key=city.translation_key,
                title=title,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=8),
                time_zone=zone,
                place=place,
                latitude=city.latitude,
                longitude=city.longitude,
                description=description,
                language="en",
                status=CityEvent.Status.APPROVED,
                reviewed_at=timezone.now(),
            )
        )
    return created


def load(world):
    """The International Day page and approved 16 May events (``core.sections.DEMO_CONTENT``)."""
    load_international_day_page(world["home"], world["locales"])
    load_demo_events()
    load_capital_events()
