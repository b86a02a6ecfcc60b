"""manage.py import_indicator_definitions FILE"""

from django.core.checks import Tags
from django.core.management.base import BaseCommand

from ecm.performance.management.commands._output import (
    existing_file,
    finish,
    progress_printer,
)
from ecm.performance.services.recognise import earlier_import


class Command(BaseCommand):
    help = (
        "Load indicator definitions from a CSV with the header "
        "code,title,outcome,polarity,value_type,multiplier,decimal_places."
    )
    # As import_indicators: the models' checks only, and a file loaded before recognised
    # before the import (pandas, the engine) is imported (issue 25 Targets; decision 0049).
    requires_system_checks = [Tags.models]

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        existing_file(path)
        earlier = earlier_import(path=path, file_format="definitions")
        if earlier is not None:
            finish(self, earlier)
            return
        from ecm.performance.services.imports import observations_import  # noqa: PLC0415 - see above

        data_import = observations_import(
            actor=None, path=path, file_format="definitions", progress=progress_printer(self.stderr)
        )
        finish(self, data_import)
