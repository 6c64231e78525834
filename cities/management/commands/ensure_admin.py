"""Create the local administrator once and print its credentials (for `make run`)."""

import os
import secrets

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
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: {settings.BASE_URL}/admin/  username: {username}  password: {password}"
            )
        )
        self.ensure_city_user(password)

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
        self.stdout.write(
            self.style.SUCCESS(
                f"City portal: {settings.BASE_URL}/en/accounts/login/  "
                f"email: {email}  password: {password}"
            )
        )
