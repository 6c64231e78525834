"""Every reader in their own language: the portal's and the public forms' flows in Arabic.

A member city's user applies to be the Capital of Living Together, registers a 16 May
event, and a visitor signs the Düsseldorf Declaration, all on /ar/. On every page and
every state (errors, drafts, messages) the visible text must hold no English interface
string: no msgid of the Arabic catalogue whose translation differs from it, and no run
of English words at all (what a catalogue cannot list: a library's strings, a string
never marked for translation). The data the test types and the pages' content are in
Arabic, so whatever English shows comes from the interface.
"""

import datetime
import io
import re
import time
from functools import cache
from pathlib import Path

from django.core import mail
from django.test import override_settings
from django.utils import timezone

import pytest
from babel.messages.pofile import read_po
from PIL import Image as PILImage

from capitals.models import CapitalApplication, CapitalCall, CapitalCriterion
from cities.factories import CityIndexPageFactory, CityPageFactory
from core.dates import campaign_year
from core.time_zones import time_zone_choices
from home.demo import publish, publish_everywhere, translate_like
from international_day.models import CityEvent
from summits.factories import DeclarationPageFactory, SummitIndexPageFactory, SummitPageFactory
from summits.models import Signature, SignatureKind
from tests.browser.conftest import screenshot
from tests.cities.portal import PASSWORD, member
from tests.summits.world import forget_rate_limits
from tests.worlds import committed_world, on_home_pages

# The live server's thread sees only committed data.
pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
ARABIC_PO = ROOT / "locale" / "ar" / "LC_MESSAGES" / "django.po"
MIN_FILL_SECONDS = 3

# Django's placeholders, the templates' variables and tags, HTML tags: what a msgid is cut at.
PLACEHOLDER = re.compile(
    r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0 +]*\d*(?:\.\d+)?[a-zA-Z%]"
    r"|\{\{.*?\}\}|\{%.*?%\}|\{\w*\}|<[^>]*>"
)
EDGES = " \t\n.,:;!?·—–-()[]“”\"'…"
# Two or more English words in a row on one line (letters of the Latin script).
LATIN_RUN = re.compile(r"[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ'’-]*(?:[ \u00a0]+[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ'’-]*)+")

# What a page shows for a reader: its title, the text on screen and read aloud, and the
# words of its controls (placeholders, labels for assistive technology, tooltips, buttons).
VISIBLE_TEXT = """() => {
    const parts = [document.title, document.body.innerText];
    const attributes = ["placeholder", "aria-label", "title", "alt"];
    for (const element of document.body.querySelectorAll("*")) {
        for (const name of attributes) {
            const value = element.getAttribute(name);
            if (value) parts.push(value);
        }
        if (element.matches("button, input[type=submit], input[type=button], input[type=reset]")
                && element.value) {
            parts.push(element.value);
        }
    }
    return parts.join("\\n");
}"""


def fragments(msgid):
    """The English words of a msgid between its placeholders, worth looking for on screen."""
    found = []
    for piece in PLACEHOLDER.split(msgid):
        piece = " ".join(piece.split()).strip(EDGES)
        if len(piece.split()) >= 2 and len(piece) >= 10:
            found.append(piece)
    return found


@cache
def english_fragments():
    """Fragments of every msgid the Arabic catalogue translates into something else."""
    with ARABIC_PO.open("rb") as source:
        catalog = read_po(source, locale="ar")
    wanted = set()
    for message in catalog:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        arabic = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in english:
            if text not in arabic:
                wanted.update(fragments(text))
    # Longest first: a page showing "Save draft and continue" is not also told "Save draft".
    return [
        (fragment, re.compile(rf"(?<!\w){re.escape(fragment)}(?!\w)", re.IGNORECASE))
        for fragment in sorted(wanted, key=len, reverse=True)
    ]


@cache
def data_lines():
    """Lines that are data in every language: the tz database's zone names (Europe/Berlin)."""
    return {label for _name, label in time_zone_choices()}


class EnglishWatch:
    """Reads every page and state the flow goes through; remembers what English it saw."""

    def __init__(self):
        assert len(english_fragments()) > 100, "the Arabic catalogue was not read"
        self.found = []
        self.visited = 0

    def text_of(self, text, where):
        self.visited += 1
        flat = " ".join(text.split())
        for fragment, pattern in english_fragments():
            if pattern.search(flat):
                self.found.append(f"{where}: catalogue string “{fragment}”")
                flat = pattern.sub("\0", flat)  # its shorter parts are not reported again
        for line in text.splitlines():
            if line.strip() in data_lines():
                continue
            for run in LATIN_RUN.findall(line):
                self.found.append(f"{where}: English words “{run}”")

    def page(self, page, state=""):
        page.wait_for_load_state()
        where = page.url + (f" ({state})" if state else "")
        assert page.locator("html").get_attribute("lang") == "ar", where
        assert page.locator("html").get_attribute("dir") == "rtl", where
        self.text_of(page.evaluate(VISIBLE_TEXT), where)

    def email(self, message):
        self.text_of(f"{message.subject}\n{message.body}", f"email “{message.subject}”")
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                plain = re.sub(r"<(style|head)\b.*?</\1>|<[^>]+>", "\n", content, flags=re.S)
                self.text_of(plain, f"email “{message.subject}” (HTML)")

    def assert_none(self):
        assert self.visited, "no page was read"
        unique = list(dict.fromkeys(self.found))
        assert not unique, "English on Arabic pages:\n" + "\n".join(unique)


# The content and what the users type, in Arabic.
CITY = "دوسلدورف"
OTHER_CITY = "مونتريال"
DECLARATION = "إعلان دوسلدورف"
COMMIT = "أوافق على مبادئ القمة وأهدافها وألتزم بها."
ACKNOWLEDGE = "أقر بمبادئ القمة وأهدافها."


def in_arabic(page, locales, **arabic):
    """Publish an English page, its Arabic translation written in Arabic, the rest as the demo."""
    publish(page)

    def fill(copy, code):
        for name, value in arabic.items():
            setattr(copy, name, value)

    translate_like(page, locales["ar"], fill, "ar")
    return publish_everywhere(page, locales, lambda copy, code: None)


def paragraph(text):
    return f"<p>{text}</p>"


@pytest.fixture
def world(live_server):
    """Düsseldorf, a member city with an Arabic-speaking team, the declaration it signed, a call."""
    forget_rate_limits()
    world = committed_world("arabic_flows", on_home_pages(build_world))
    yield {**world, "site": live_server.url}
    forget_rate_limits()


def build_world(home_page, locales):
    cities = in_arabic(
        CityIndexPageFactory(parent=home_page),
        locales,
        title="المدن الأعضاء",
        introduction="مدن المرصد.",
    )
    duesseldorf = in_arabic(
        CityPageFactory(parent=cities, slug="duesseldorf", title="Düsseldorf"),
        locales,
        title=CITY,
        description=paragraph("مدينة عضو على نهر الراين."),
    )
    in_arabic(
        CityPageFactory(
            parent=cities, slug="montreal", title="Montréal", country="CA", continent="americas"
        ),
        locales,
        title=OTHER_CITY,
        description=paragraph("مدينة عضو في كندا."),
    )
    summits = in_arabic(
        SummitIndexPageFactory(parent=home_page, slug="summits"),
        locales,
        title="القمم",
        introduction="يلتقي رؤساء البلديات لتبادل ما ينجح.",
    )
    summit = in_arabic(
        SummitPageFactory(parent=summits, slug="duesseldorf-2019", host_city=duesseldorf),
        locales,
        title="قمة رؤساء البلديات الدولية في دوسلدورف",
        introduction="ثلاثة أيام من ورش العمل حول العيش المشترك.",
    )
    declaration = in_arabic(
        DeclarationPageFactory(parent=summit, slug="declaration"),
        locales,
        title=DECLARATION,
        subtitle="العيش المشترك في المدن",
        adopted_at=CITY,
        preamble=[("clause", paragraph("نحن، رؤساء البلديات…"))],
        agreements=[("item", paragraph("تعزيز العيش المشترك…"))],
        goals=[("item", paragraph("يستحق مواطنونا…"))],
        commitments=[("item", paragraph("تعزيز التماسك الاجتماعي…"))],
        commit_statement=COMMIT,
        acknowledge_statement=ACKNOWLEDGE,
    )
    Signature.objects.create(
        declaration_key=declaration.translation_key,
        kind=SignatureKind.COMMIT,
        name="شتيفان كيلر",
        title="عمدة المدينة",
        city=duesseldorf,
        country="DE",
        confirmed_at=timezone.now(),
    )
    call = CapitalCall.objects.create(
        year=campaign_year() + 2,
        deadline=timezone.now() + datetime.timedelta(days=20),
        declaration=declaration,
        introduction="تستضيف العاصمة الاحتفال الرئيسي بيوم 16 مايو.",
    )
    CapitalCriterion.objects.create(call=call, name="الطموح", max_points=10, sort_order=0)
    CapitalCriterion.objects.create(call=call, name="الانتشار", max_points=5, sort_order=1)
    member(duesseldorf, "team@duesseldorf.test", language="ar")
    return {"call": call, "declaration_ar": declaration.get_translation(locales["ar"])}


def signed_in_city(world, page_for, watch):
    """Düsseldorf's team signs in on the Arabic sign-in page and lands on My city."""
    site = world["site"]
    page = page_for(locale="ar")
    page.route("**/*tile*/**", lambda route: route.abort())  # no map tiles offline
    page.goto(site + "/ar/my-city/")
    page.wait_for_url(re.compile(r".*/ar/accounts/login/.*"))
    watch.page(page, "sign-in")
    page.fill("input[name=username]", "team@duesseldorf.test")
    page.fill("input[name=password]", PASSWORD)
    page.wait_for_timeout(1100)  # the sign-in form refuses bots that answer at once
    page.locator("main form.site-form button[type=submit]").click()
    page.wait_for_url(site + "/ar/my-city/")
    watch.page(page, "My city")
    return page


def poster_png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (480, 300), (217, 130, 43)).save(buffer, "PNG")
    return {"name": "poster.png", "mimeType": "image/png", "buffer": buffer.getvalue()}


def council_pdf():
    return {"name": "decision.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}


def test_capital_application_in_arabic(world, page_for):
    site, call = world["site"], world["call"]
    watch = EnglishWatch()
    page = signed_in_city(world, page_for, watch)

    page.locator("a[href='/ar/my-city/capital/']").first.click()
    page.wait_for_url(site + "/ar/my-city/capital/")
    assert page.locator(".status--live").count() == 1  # eligible: the city signed
    # The deadline reads as Arabic dates do (day, month، year، time), not as English ones.
    deadline = page.locator(".portal-table time").inner_text()
    assert re.fullmatch(r"\d{1,2} \w+، \d{4}، \d{1,2}:\d{2} [صم]", deadline), deadline
    watch.page(page, "Capital calls")
    page.locator(f"a[href='/ar/my-city/capital/{call.year}/']").click()
    page.wait_for_url(site + f"/ar/my-city/capital/{call.year}/")
    watch.page(page, "application form")

    # Sent empty, with a picture for a document: the errors, each once, in Arabic.
    page.set_input_files("input[name=documents-0-file]", files=[poster_png()])
    with page.expect_navigation():
        page.locator("button[name=submit]").click()
    assert page.locator("#form-errors").count() == 1  # the application's fields
    assert page.locator("#documents-0-errors").count() == 1  # the refused document
    assert page.locator(".form-field__error").count() == 3
    watch.page(page, "application with errors")
    screenshot(page, "capital-application-errors-ar")
    assert not CapitalApplication.objects.exists()

    page.fill("textarea[name=motivation]", "تعيش دوسلدورف العيش المشترك على ضفاف الراين.")
    page.fill("textarea[name=planned_activities]", "احتفال الأحياء في 16 مايو.")
    page.set_input_files("input[name=documents-0-file]", files=[council_pdf()])
    page.fill("input[name=documents-0-title]", "قرار المجلس البلدي")
    page.locator("button[name=save]").click()
    page.wait_for_url(site + "/ar/my-city/capital/")
    assert page.locator(".messages").count() == 1
    application = CapitalApplication.objects.get()
    assert application.status == CapitalApplication.Status.DRAFT
    assert application.documents.count() == 1
    watch.page(page, "draft saved")

    page.locator(f"a[href='/ar/my-city/capital/{call.year}/']").click()
    page.wait_for_url(site + f"/ar/my-city/capital/{call.year}/")
    assert "الراين" in page.input_value("textarea[name=motivation]")
    assert page.locator(".upload-list li").inner_text() == "قرار المجلس البلدي"
    watch.page(page, "draft reopened")
    page.locator("button[name=submit]").click()
    page.wait_for_url(site + "/ar/my-city/capital/")
    assert CapitalApplication.objects.get().status == CapitalApplication.Status.SUBMITTED
    watch.page(page, "application submitted")
    screenshot(page, "capital-application-submitted-ar")
    watch.assert_none()


@override_settings(OBSERVATORY_MAP_TILE_URL="https://tile.invalid/{z}/{x}/{y}.png")
def test_event_registration_in_arabic(world, page_for):
    site = world["site"]
    year = campaign_year()
    watch = EnglishWatch()
    page = signed_in_city(world, page_for, watch)

    page.locator("a[href='/ar/my-city/events/new/']").first.click()
    page.wait_for_url(site + "/ar/my-city/events/new/")
    page.locator("#event-place-map").wait_for(state="visible")  # the map's controls too
    credit = page.locator("#event-place-map .leaflet-control-attribution")
    assert credit.locator("a[href='https://www.openstreetmap.org/copyright']").count() == 1
    watch.page(page, "event form")

    # No title, an end before the start, an image without its description.
    page.fill("input[name=starts_at]", f"{year}-05-16T18:00")
    page.fill("input[name=ends_at]", f"{year}-05-16T16:00")
    page.fill("input[name=place]", "ساحة بورغبلاتس")
    page.fill("textarea[name=description]", "موسيقى وطعام وألعاب من كل الأحياء.")
    page.set_input_files("input[name=image]", files=[poster_png()])
    with page.expect_navigation():
        page.locator("button[name=save]").click()
    assert page.locator(".form-errors[role=alert]").count() == 1
    assert page.locator(".form-field__error[id$=_error]").count() == 3
    assert not CityEvent.objects.exists()
    page.locator("#event-place-map").wait_for(state="visible")
    watch.page(page, "event form with errors")
    screenshot(page, "city-event-errors-ar")

    page.fill("input[name=title]", "احتفال العيش المشترك في بورغبلاتس")
    page.fill("input[name=ends_at]", f"{year}-05-16T22:00")
    page.set_input_files("input[name=image]", files=[poster_png()])
    page.fill("input[name=image_alt]", "الساحة مليئة بالجيران")
    page.locator("button[name=save]").click()
    page.wait_for_url(re.compile(r".*/ar/my-city/events/\d+/edit/$"))
    event = CityEvent.objects.get()
    assert event.status == CityEvent.Status.DRAFT and event.language == "ar"
    assert page.locator(".messages").count() == 1
    page.locator("#event-place-map").wait_for(state="visible")
    watch.page(page, "event draft saved")

    page.locator("button[name=submit]").click()
    page.wait_for_url(site + "/ar/my-city/")
    event.refresh_from_db()
    assert event.status == CityEvent.Status.SUBMITTED
    watch.page(page, "event submitted")
    screenshot(page, "city-event-submitted-ar")

    page.goto(site + f"/ar/my-city/events/{event.pk}/edit/")
    page.locator("#event-place-map").wait_for(state="visible")
    watch.page(page, "event in review")
    watch.assert_none()


def test_signing_the_declaration_in_arabic(world, page_for):
    site, declaration = world["site"], world["declaration_ar"]
    watch = EnglishWatch()
    page = page_for(locale="ar")
    page.goto(site + declaration.url)
    opened = time.monotonic()
    watch.page(page, "declaration")

    form = page.locator("form.signing__form")
    form.get_by_label(ACKNOWLEDGE).check()
    form.locator("#id_name").press_sequentially("آمنة المنصوري", delay=10)
    form.locator("#id_title").press_sequentially("رئيسة بلدية", delay=10)
    form.locator("#id_country").select_option("MA")
    form.locator("#id_email").press_sequentially("amina@rabat.test", delay=10)
    form.locator("#id_consent").check()
    # No city, chosen or written: the form comes back with its error.
    page.wait_for_timeout(max(0, (MIN_FILL_SECONDS + 0.3 - (time.monotonic() - opened)) * 1000))
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator(".form-errors").count() == 1
    assert page.locator(".form-field__error").count() == 1
    assert not Signature.objects.filter(email="amina@rabat.test").exists()
    watch.page(page, "signing form with an error")
    screenshot(page, "signing-ar-error")

    opened = time.monotonic()
    form.locator("#id_city_name").press_sequentially("الرباط", delay=10)
    page.wait_for_timeout(max(0, (MIN_FILL_SECONDS + 0.3 - (time.monotonic() - opened)) * 1000))
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/ar/.*/sign/thanks/(#sign)?$"))
    watch.page(page, "check your email")
    signature = Signature.objects.get(email="amina@rabat.test")
    assert signature.language == "ar" and signature.confirmed_at is None

    [message] = [m for m in mail.outbox if m.to == ["amina@rabat.test"]]
    watch.email(message)
    link = re.search(r"https?://\S+/confirm/\S+/", message.body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    assert path.startswith("/ar/")
    response = page.goto(site + path)
    assert response.status == 200
    watch.page(page, "signature confirmed")
    screenshot(page, "signing-ar-confirmed")
    page.locator(".signing-status a").click()
    page.wait_for_url(re.compile(r".*/ar/.*declaration/(#signatories)?$"))
    assert page.locator("#signatories").get_by_text("آمنة المنصوري").count() == 1
    watch.page(page, "declaration with the new signatory")
    watch.assert_none()
