"""A summit with its exhibition (two panels) in every language, two member cities with teams,
and what a resident posts."""

import datetime
import time

from django.core import signing

from exhibitions.factories import ExhibitionPageFactory, PanelPageFactory
from exhibitions.forms import ContributionForm, ReportForm
from exhibitions.models import ExhibitionHost
from home.demo import publish_everywhere
from summits.factories import SummitIndexPageFactory, SummitPageFactory
from tests.cities.portal import city_directory_everywhere, city_everywhere, member

LANGUAGES = ("fr", "de", "es", "ar")


def started_long_ago(form=ContributionForm, seconds=30):
    return signing.dumps(time.time() - seconds, salt=form.signing_salt())


def contribution_data(**overrides):
    data = {
        "kind": "comment",
        "body": "Mehr Bänke am Rheinufer, bitte.",
        "name": "Jana K.",
        "email": "jana@resident.test",
        "host": "",
        "homepage": "",
        "form_started": started_long_ago(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def report_data(**overrides):
    data = {"reason": "Off topic", "homepage": "", "form_started": started_long_ago(ReportForm)}
    data.update(overrides)
    return data


def tagged(title):
    def fill(copy, code):
        copy.title = f"{title} [{code}]"

    return fill


def build_world(home, locales):
    index = SummitIndexPageFactory(parent=home, slug="summits")
    publish_everywhere(index, locales, lambda copy, code: None, LANGUAGES)
    summit = SummitPageFactory(parent=index, slug="duesseldorf-2019", title="Summit 2019")
    publish_everywhere(summit, locales, tagged("Summit 2019"), LANGUAGES)
    exhibition = ExhibitionPageFactory(parent=summit, kiosk_seconds=1)
    publish_everywhere(exhibition, locales, tagged("Living together"), LANGUAGES)
    mobility = PanelPageFactory(parent=exhibition, slug="mobility", title="Mobility")
    publish_everywhere(mobility, locales, tagged("Mobility"), LANGUAGES)
    urbanism = PanelPageFactory(parent=exhibition, slug="urbanism", title="Urbanism")
    publish_everywhere(urbanism, locales, tagged("Urbanism"), LANGUAGES)
    cities = city_directory_everywhere(home, locales)
    duesseldorf = city_everywhere(cities, locales, "duesseldorf", "Düsseldorf")
    montreal = city_everywhere(cities, locales, "montreal", "Montréal")
    duesseldorf_user = member(duesseldorf, "team@duesseldorf.test", language="de")
    montreal_user = member(montreal, "team@montreal.test", language="fr")
    host = ExhibitionHost.objects.create(
        exhibition_key=exhibition.translation_key,
        city_key=montreal.translation_key,
        language="fr",
        venue="Maison de la culture",
        start_date=datetime.date(2019, 10, 1),
        end_date=datetime.date(2019, 10, 31),
    )
    return {
        "locales": locales,
        "summit": summit,
        "exhibition": exhibition,
        "mobility": mobility,
        "urbanism": urbanism,
        "duesseldorf": duesseldorf,
        "montreal": montreal,
        "duesseldorf_user": duesseldorf_user,
        "montreal_user": montreal_user,
        "host": host,
    }


def url_in(world, page, code="en"):
    return world[page].get_translation(world["locales"][code]).url
