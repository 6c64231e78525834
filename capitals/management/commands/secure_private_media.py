"""Put the files uploaded before private collections existed where they now belong. Idempotent.

A city team's files that no live public page uses go to the team's private
collection; a Capital application's documents to the application's own; each
moved file gets an unguessable name (and its old renditions are dropped).
Run once after upgrading: ``manage.py secure_private_media``.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from capitals.cycle import application_collection
from capitals.models import CapitalApplication
from cities.media import private_collection
from cities.models import CityTeam
from core.media_privacy import move_to
from core.uploads import give_unguessable_name
from observatory.references import used_by_live_pages


class Command(BaseCommand):
    help = "Move existing city and Capital application files into their private collections."

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-reference-index",
            action="store_true",
            help="Trust Wagtail's reference index as it is (else it is rebuilt first).",
        )

    def handle(self, *args, **options):
        if not options["skip_reference_index"]:
            # Which live page uses which file: the index must be complete to decide.
            call_command("rebuild_references_index", verbosity=0)
        moved = renamed = 0
        for team in CityTeam.objects.select_related("group", "collection"):
            with transaction.atomic():
                private = private_collection(team)
                for model in (get_image_model(), get_document_model()):
                    in_team = model.objects.filter(collection=team.collection)
                    shown = used_by_live_pages(in_team).values_list("pk", flat=True)
                    for media in move_to(in_team.exclude(pk__in=list(shown)), private):
                        moved += 1
                        renamed += give_unguessable_name(media)
        for application in CapitalApplication.objects.filter(documents__isnull=False).distinct():
            team = CityTeam.objects.filter(city_key=application.city_key).first()
            if team is None:
                continue
            with transaction.atomic():
                collection = application_collection(application, team)
                for document in move_to(application.documents.all(), collection):
                    moved += 1
                    renamed += give_unguessable_name(document)
        self.stdout.write(f"{moved} files made private, {renamed} renamed.")
