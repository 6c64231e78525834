"""The demo's summits and declaration: how they render in every language, their JSON-LD."""

import json
import re

from wagtail_localize.models import StringSegment, StringTranslation, Translation

import pytest

from summits.demo import load_summits
from summits.models import DeclarationPage, SummitIndexPage, SummitPage
from tests.shared import fresh

LANGUAGES = ["en", "fr", "de", "es", "ar"]
URLS = ["summits/", "summits/duesseldorf-2019/", "summits/duesseldorf-2019/declaration/"]


# The demo's summits in five languages: loaded once for the module (tests/shared.py).
pytestmark = pytest.mark.usefixtures("demo_summits")


@pytest.fixture(scope="module")
def demo_summits(module_home):
    with module_home.build(on_commit=False):
        return load_summits(module_home.home, module_home.locales, cities={}, themes={})


@pytest.fixture
def summits(demo_summits, db):
    return fresh(demo_summits)


def jsonld(html):
    match = re.search(
        r'<script type="application/ld\+json">(\{"@context".*?"@type": "Event".*?)'
        r"</script>",
        html,
        re.S,
    )
    assert match, "no Event JSON-LD on the page"
    return json.loads(match.group(1))


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("path", URLS)
def test_every_summit_page_renders_in_every_language(client, summits, code, path):
    response = client.get(f"/{code}/{path}")
    assert response.status_code == 200
    assert f'<html lang="{code}"' in response.content.decode()


def test_french_pages_have_french_text(client, summits):
    html = client.get("/fr/summits/duesseldorf-2019/").content.decode()
    assert "<h1>2e Sommet international des maires sur le Vivre ensemble</h1>" in html
    assert "Accueil officiel" in html
    assert "30 août 2019" in html
    html = client.get("/fr/summits/duesseldorf-2019/declaration/").content.decode()
    assert "Déclaration de Düsseldorf" in html
    assert "Nous convenons de ce qui suit" in html or "Nous, maires" in html


def test_german_declaration_has_german_text(client, summits):
    html = client.get("/de/summits/duesseldorf-2019/declaration/").content.decode()
    assert '<h1 id="declaration-title">Düsseldorfer Erklärung</h1>' in html
    assert "Bürgermeisterinnen und Bürgermeister bekennen sich zu Vielfalt und Inklusion" in html
    assert "Wir, Bürgermeisterinnen und Bürgermeister sowie Vertreterinnen" in html
    assert "<b>Hauptstadt des Zusammenlebens</b>" in html
    assert "Ich habe die Düsseldorfer Erklärung gelesen" in html
    assert "und/oder dem Rat der Stadt" in html
    assert "I have read the Düsseldorf Declaration" not in html
    html = client.get("/de/summits/duesseldorf-2019/").content.decode()
    assert "<h1>2. Internationaler Bürgermeistergipfel zum Zusammenleben</h1>" in html
    assert "Offizieller Empfang" in html


def test_every_language_is_a_complete_wagtail_localize_translation(summits, locales):
    """Every English segment has its translation in every language: the structures match."""
    for page in summits.get_descendants(inclusive=True).specific():
        for code in ("fr", "de", "es", "ar"):
            translation = Translation.objects.get(
                source__object_id=page.translation_key, target_locale=locales[code]
            )
            total, translated = translation.get_progress()
            assert total == translated, (page, code)
            assert page.get_translation(locales[code]).alias_of_id is None


def test_spanish_and_arabic_summit_and_declaration(client, summits):
    html = client.get("/es/summits/duesseldorf-2019/").content.decode()
    assert "<h1>2.ª Cumbre Internacional de Alcaldes sobre la Convivencia</h1>" in html
    assert "Recepción oficial" in html and "Ayuntamiento (Rathaus)" in html
    assert "Ministerio Federal de Relaciones Exteriores de Alemania" in html
    html = client.get("/es/summits/duesseldorf-2019/declaration/").content.decode()
    assert '<h1 id="declaration-title">Declaración de Düsseldorf</h1>' in html
    assert "<b>Día Internacional de la Convivencia en Paz</b>" in html
    assert "He leído la Declaración de Düsseldorf" in html
    assert "Living Together in Cities" not in html
    html = client.get("/ar/summits/duesseldorf-2019/").content.decode()
    assert "<h1>القمة الدولية الثانية لرؤساء البلديات حول العيش المشترك</h1>" in html
    assert "الاستقبال الرسمي" in html
    html = client.get("/ar/summits/duesseldorf-2019/declaration/").content.decode()
    assert '<h1 id="declaration-title">إعلان دوسلدورف</h1>' in html
    assert "<b>اليوم الدولي للعيش معًا في سلام</b>" in html
    assert "لقد قرأتُ إعلان دوسلدورف" in html
    assert "Living Together in Cities" not in html


@pytest.mark.parametrize(
    ("code", "note"),
    [
        ("en", "The English and French texts of this Declaration are authoritative."),
        ("fr", "Les textes anglais et français de la présente Déclaration font foi."),
        ("de", "Arbeitsübersetzung der Beobachtungsstelle. Maßgeblich sind allein der englische"),
        ("es", "Traducción de trabajo del Observatorio. Solo los textos en inglés y en francés"),
        ("ar", "ترجمة عمل أعدّها المرصد. والنصّان الإنجليزي والفرنسي للإعلان هما وحدهما"),
    ],
)
def test_the_declaration_says_at_its_top_which_texts_are_authoritative(client, summits, code, note):
    html = client.get(f"/{code}/summits/duesseldorf-2019/declaration/").content.decode()
    header = html[html.index('id="declaration-title"') : html.index("declaration__preamble")]
    assert '<p class="declaration__language-note" role="note">' + note in header


def test_english_edit_makes_the_french_declaration_out_of_date(summits, locales):
    declaration = DeclarationPage.objects.get(locale=locales["en"])
    french = locales["fr"]
    translation = Translation.objects.get(
        source__object_id=declaration.translation_key, target_locale=french
    )
    total, translated = translation.get_progress()
    assert total == translated  # wagtail-localize shows "Up to date"

    subtitle = "Living Together in Cities: Mayors Stand for Diversity and Inclusion"
    declaration.subtitle = subtitle
    declaration.save_revision().publish()
    declaration.refresh_from_db()

    # wagtail-localize's "Update translations" view: the source changed since its last sync.
    source = translation.source
    source.refresh_from_db()
    assert declaration.last_published_at > source.last_updated_at
    source.update_from_db()
    segment = StringSegment.objects.get(source=source, context__path="subtitle")
    assert segment.string.data == subtitle
    assert not StringTranslation.objects.filter(
        translation_of=segment.string, context=segment.context, locale=french
    ).exists()
    # wagtail-localize now shows "Waiting for translations": one segment is left.
    assert translation.get_progress() == (total, total - 1)
    # The French page keeps its French text until a translator catches up.
    assert declaration.get_translation(french).subtitle.startswith("Vivre ensemble dans les villes")


def test_index_lists_summits_newest_first(client, summits):
    html = client.get("/en/summits/").content.decode()
    assert html.index("2nd International Mayors Summit") < html.index("1st International")
    assert 'datetime="2019-08-30"' in html


def test_declaration_shows_its_parts_and_both_statements(client, summits):
    html = client.get("/en/summits/duesseldorf-2019/declaration/").content.decode()
    for heading in (
        "We hereby agree on the following:",
        "We share the following goals:",
        "Accordingly, we commit ourselves to:",
    ):
        assert heading in html
    assert "I am committed to working together to achieve the stated objectives." in html
    assert "bring this Declaration to the attention of the Mayor and/or Council" in html
    assert "Option 1" in html and "Option 2" in html
    assert "<b>International Day of Living Together in Peace</b>" in html


def test_programme_shows_sessions_with_audience_badges(client, summits):
    html = client.get("/en/summits/duesseldorf-2019/").content.decode()
    assert html.count('class="programme-day"') == 3
    assert html.count('<li class="session">') == 8
    assert "Festival of democracy" in html
    badges = re.findall(r'<p class="audience-badge audience-badge--(\w+)">', html)
    assert badges.count("participants") == 4
    assert badges.count("public") == 4
    assert "Participants, press and public" in html
    assert "Participants only" in html
    assert 'href="/en/summits/duesseldorf-2019/declaration/"' in html


def test_summit_json_ld_is_an_event_with_sub_events(client, summits):
    html = client.get("/en/summits/duesseldorf-2019/").content.decode()
    data = jsonld(html)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2019-08-30"
    assert data["endDate"] == "2019-09-01"
    assert data["organizer"]["name"] == "International Observatory of Mayors on Living Together"
    assert {place["name"] for place in data["location"]} >= {"NRW-Forum", "Ehrenhof"}
    assert len(data["subEvent"]) == 8
    assert data["subEvent"][0]["@type"] == "Event"
    assert data["subEvent"][0]["startDate"] == "2019-08-30T17:00:00"


def test_load_summits_is_idempotent(home_page, locales, summits):
    counts = (SummitIndexPage.objects.count(), SummitPage.objects.count())
    assert counts == (5, 10)
    assert DeclarationPage.objects.count() == 5
    assert load_summits(home_page, locales, cities={}, themes={}) == summits
    assert (SummitIndexPage.objects.count(), SummitPage.objects.count()) == counts
    assert DeclarationPage.objects.count() == 5
