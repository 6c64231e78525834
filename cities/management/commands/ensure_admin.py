"""Create the local administrator once and print `make run`'s summary.

The summary is the last thing `make run` prints before serving (the setup's own
output goes to ``var/log/setup.log``): the site's address, the administrator and
the demo city account with their password, where emails go and where the logs are.
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from cities.accounts import add_city_member
from cities.models import CityPage


class Command(BaseCommand):
    help = "Create the superuser 'admin' if missing, and print its sign-in details."

    def handle(self, *args, **options):
        username = os.environ.get("ADMIN_USERNAME", "admin")
        password_file = settings.VAR_DIR / "admin-password.txt"
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is None:
            password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
            user_model.objects.create_superuser(
                username=username, email=f"{username}@localhost", password=password
            )
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
        elif password_file.exists():
            password = password_file.read_text().strip()
        else:
            password = "(unchanged; set it with: manage.py changepassword admin)"  # noqa: S105
        city_email = self.ensure_city_user(password)
        self.print_summary(username, password, city_email)

    def ensure_city_user(self, password):
        """A member-city account for Düsseldorf's team, to try the portal (demo only)."""

        city = CityPage.objects.filter(slug="duesseldorf", locale__language_code="en").first()
        if city is None or password.startswith("("):
            return
        email = os.environ.get("DEMO_CITY_EMAIL", "duesseldorf@localhost")
        user_model = get_user_model()
        user = user_model.objects.filter(username=email).first()
        if user is None:
            user = user_model.objects.create_user(
                username=email, email=email, password=password, first_name="Düsseldorf team"
            )
        add_city_member(city, user)
        return email

    def print_summary(self, username, password, city_email):
        base = settings.BASE_URL
        if "filebased" in settings.EMAIL_BACKEND:
            emails = f"written to {display_path(settings.EMAIL_FILE_PATH)}/ (a file per message)"
        else:
            emails = f"sent through {settings.EMAIL_BACKEND}"
        rows = [
            ("Site", f"{base}/"),
            ("Admin", f"{base}/admin/   user {username}   password {password}"),
        ]
        if city_email:
            rows.append(("City team", f"{base}/en/accounts/login/   {city_email}   same password"))
        rows += [
            ("Emails", emails),
            ("Logs", "var/log/setup.log (setup), var/log/server.log (requests)"),
            ("Stop", "Ctrl-C"),
        ]
        width = max(len(label) for label, _value in rows)
        lines = [f"  {label.ljust(width)}   {value}" for label, value in rows]
        rule = "─" * max(len(line) for line in lines)
        self.stdout.write(rule)
        self.stdout.write(self.style.SUCCESS("  Observatory is ready, with its demo content."))
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(rule)


def display_path(path):
    """``path`` relative to the project when inside it (shorter to read)."""
    try:
        return str(Path(path).relative_to(settings.BASE_DIR))
    except ValueError:
        return str(path)
