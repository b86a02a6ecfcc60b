"""manage.py import_indicator_definitions FILE"""

from django.core.management.base import BaseCommand

from ecm.performance.management.commands._output import (
    existing_file,
    finish,
    progress_printer,
)
from ecm.performance.services import observations_import


class Command(BaseCommand):
    help = (
        "Load indicator definitions from a CSV with the header "
        "code,title,outcome,polarity,value_type,multiplier,decimal_places."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        existing_file(path)
        data_import = observations_import(
            actor=None, path=path, file_format="definitions", progress=progress_printer(self.stderr)
        )
        finish(self, data_import)
