"""Send the reminders before 16 May that are due, as beat's hourly task does."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from newsletters.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Send the reminders due today (or on --date), each once per rule, year and "
        "subscriber: safe to run again, it sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to send for, YYYY-MM-DD (default: today)")

    def handle(self, *args, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else None
        except ValueError as error:
            raise CommandError(f"--date: {error}") from error
        sent = send_due_reminders(today)
        self.stdout.write(f"{sent} reminders sent.")
