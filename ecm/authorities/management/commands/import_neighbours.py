from django.core.management.base import BaseCommand, CommandError

from ecm.authorities.imports.problems import DataFileError
from ecm.authorities.services import statistical_neighbours_import


class Command(BaseCommand):
    help = (
        "Import a DfE statistical neighbour file (.xlsx with sheet 'LA SN Groups', or .csv in "
        "the groups or wide layout). Importing a model again replaces its neighbours. Nothing is "
        "stored if any row is wrong; every problem is listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the DfE file, e.g. sn_may_2025.xlsx")
        parser.add_argument(
            "--model", dest="model_code", help="model code (default from the file: dfe-2025)"
        )
        parser.add_argument("--title", help="the model's title, shown on council pages")

    def handle(self, *args, path, model_code, title, **options):
        try:
            result = statistical_neighbours_import(path=path, model_code=model_code, title=title)
        except DataFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(str(result)))
