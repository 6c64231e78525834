"""Editors saving drafts and publishing at once through the real admin, on a SQLite file.

Run as a program by tests/observatory/test_sqlite_concurrency.py, with DATABASE_URL
naming a migrated SQLite file: its own process, so its threads open their own
connections to that file exactly as runserver's threads do. Prints one JSON line:
the status of every request and the errors raised.
"""

import json
import os
import sys
import threading

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "observatory.settings.test")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402

from bs4 import BeautifulSoup  # noqa: E402

from home.demo import ensure_home_pages, ensure_locales  # noqa: E402
from home.factories import StandardPageFactory  # noqa: E402
from home.models import StandardPage  # noqa: E402

EDITORS = int(sys.argv[1]) if len(sys.argv) > 1 else 6
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 4


def form_fields(html):
    """The edit form's fields with the values the page has, as a browser would post them."""
    form = BeautifulSoup(html, "html.parser").find("form", id="page-edit-form")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in {"submit", "button", "file"}:
            continue
        if field.get("type") in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen.get("value", "") if chosen else ""
        else:
            data[name] = field.get("value", "")
    # Wagtail's editor script writes the StreamField's count; the page's body is empty.
    data.setdefault("body-count", "0")
    return data


def main():
    locales = ensure_locales()
    home = ensure_home_pages(locales)
    page = StandardPageFactory(parent=home, title="Contact", slug="contact")
    page.save_revision().publish()
    user_model = get_user_model()
    admin = user_model.objects.create_superuser("chief", "chief@example.org", "x")
    clients = []
    for _ in range(EDITORS):
        client = Client()
        client.force_login(admin)
        clients.append(client)
    edit_url = f"/admin/pages/{page.pk}/edit/"
    template = form_fields(clients[0].get(edit_url).content.decode())
    connection.close()

    statuses, errors = [], []
    start = threading.Barrier(EDITORS)

    def editor(number, client):
        try:
            start.wait()
            for round_ in range(ROUNDS):
                data = {**template, "introduction": f"Edit {number}.{round_}"}
                if number % 2:  # half publish, half save drafts (as autosave does)
                    data["action-publish"] = "action-publish"
                try:
                    response = client.post(edit_url, data)
                    statuses.append(response.status_code)
                except Exception as error:  # the failure this program looks for
                    errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=editor, args=(number, client))
        for number, client in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    page = StandardPage.objects.get(pk=page.pk)
    print(  # noqa: T201 - the test reads this line
        json.dumps(
            {
                "statuses": statuses,
                "errors": errors,
                "revisions": page.revisions.count(),
                "live_introduction": page.introduction,
                "journal_mode": connection.cursor().execute("PRAGMA journal_mode").fetchone()[0],
            }
        )
    )


if __name__ == "__main__":
    main()
