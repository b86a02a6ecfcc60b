"""manage.py import_indicators PATH --format ees|lait|fingertips|long [--companion FILE]"""

from pathlib import Path

from django.core.management.base import BaseCommand

from ecm.performance.management.commands._output import (
    existing_file,
    finish,
    progress_printer,
)
from ecm.performance.services import observations_import

FORMATS = ["ees", "lait", "fingertips", "long"]


class Command(BaseCommand):
    help = (
        "Import indicator values. All or nothing: any bad row refuses the whole file and lists "
        "every problem. Importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--format", required=True, choices=FORMATS, dest="file_format")
        parser.add_argument(
            "--companion",
            "--dictionary",
            "--mapping",
            dest="companion",
            help="LAIT: the data dictionary (default: lait_data_dictionary.csv beside PATH). "
            "EES: the mapping file (YAML).",
        )

    def handle(self, *args, path, file_format, companion, **options):
        existing_file(path)
        existing_file(companion)
        if file_format == "lait" and not companion:
            beside = Path(path).with_name("lait_data_dictionary.csv")
            companion = str(beside) if beside.exists() else None
        data_import = observations_import(
            actor=None,
            path=path,
            file_format=file_format,
            companion=companion,
            progress=progress_printer(self.stderr),
        )
        finish(self, data_import)
