from django.core.management.base import BaseCommand, CommandError

from ecm.authorities.imports.problems import DataFileError
from ecm.authorities.services import councils_load


class Command(BaseCommand):
    help = (
        "Load the council list (regions, councils, successions, former ONS codes) from the "
        "project's CSV files; safe to run again. PATH: a folder holding councils.csv, "
        "regions.csv and former_ons_codes.csv, or its councils.csv (default: "
        "ecm/authorities/data/)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=None, help="folder or councils.csv")

    def handle(self, *args, path, **options):
        try:
            result = councils_load(path=path)
        except DataFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(str(result)))
