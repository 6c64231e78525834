"""Make the draft recap page of a year's 16 May events (what the daily task does after 16 May)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from international_day.tasks import create_recap


class Command(BaseCommand):
    help = "Create (once) the draft StandardPage “16 May <year>: the recap” from approved events."

    def add_arguments(self, parser):
        parser.add_argument("year", nargs="?", type=int, default=timezone.localdate().year)

    def handle(self, *args, year, **options):
        if not 2000 <= year <= 2100:
            raise CommandError(f"Not a plausible year: {year}")
        page = create_recap(year)
        if page is None:
            self.stdout.write(f"No recap for {year}: no approved event, or an editor deleted it.")
            return
        self.stdout.write(f"Recap of {year}: page {page.pk} ({'live' if page.live else 'draft'}).")
