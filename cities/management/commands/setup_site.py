"""What `make setup` does, in one process: each command run on its own starts Django again."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, create the cache table, load the demo content, ensure the administrator."

    def add_arguments(self, parser):
        parser.add_argument(
            "--without-admin",
            action="store_true",
            help="Leave out ensure_admin (make run runs it after, for its summary).",
        )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, stdout=self.stdout, stderr=self.stderr)
        call_command("createcachetable", stdout=self.stdout, stderr=self.stderr)
        call_command("load_demo_content", stdout=self.stdout, stderr=self.stderr)
        if not options["without_admin"]:
            call_command("ensure_admin", stdout=self.stdout, stderr=self.stderr)
