"""manage.py import_indicators PATH --format ees|lait|fingertips|long [--companion FILE]
[--breakdown NAME ...] (Fingertips: the Category Types to import, by default all)"""

from pathlib import Path

from django.core.checks import Tags
from django.core.management.base import BaseCommand, CommandError

from ecm.core.background import lower_priority
from ecm.performance.importers.common import NO_CATEGORY, NO_CATEGORY_WORDS
from ecm.performance.management.commands._output import (
    existing_file,
    finish,
    progress_printer,
)
from ecm.performance.services.recognise import earlier_import
from ecm.performance.services.upkeep import tables_tidy

FORMATS = ["ees", "lait", "fingertips", "long"]
BREAKDOWN_NOT_FINGERTIPS = (
    "--breakdown chooses Category Types of a Fingertips export: use it with --format "
    "fingertips, or leave it out to import the whole file"
)


class Command(BaseCommand):
    help = (
        "Import indicator values. All or nothing: any bad row refuses the whole file and lists "
        "every problem. Importing the same file again changes nothing."
    )
    # The system checks of what this command uses, the models, not those of the URLs and
    # templates it never serves: they import every view, and were half its start-up (issue 25
    # Targets: profile for one indicator and the same file again ≤ 1 s; decision 0049).
    requires_system_checks = [Tags.models]

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
        parser.add_argument(
            "--breakdown",
            action="append",
            dest="breakdowns",
            metavar="NAME",
            help="Fingertips: import only this Category Type, named as in the file's "
            f'"Category Type" column (case and spacing ignored), or "{NO_CATEGORY}" for '
            f"{NO_CATEGORY_WORDS}. Repeat it to choose several; leave it out to import all.",
        )

    def handle(self, *args, path, file_format, companion, breakdowns, **options):
        if breakdowns and file_format != "fingertips":
            raise CommandError(BREAKDOWN_NOT_FINGERTIPS)
        existing_file(path)
        existing_file(companion)
        if file_format == "lait" and not companion:
            beside = Path(path).with_name("lait_data_dictionary.csv")
            companion = str(beside) if beside.exists() else None
        options = {"breakdowns": breakdowns} if breakdowns else None
        # A file imported before is recognised by its checksum before pandas and the engine
        # are imported: the same file again answers at once (issue 25 Targets: ≤ 1 s).
        earlier = earlier_import(
            path=path, file_format=file_format, companion=companion, options=options
        )
        if earlier is not None:
            finish(self, earlier)
            return
        from ecm.performance.services.imports import observations_import  # noqa: PLC0415 - see above

        # An import is background work: pages served from this machine get the cores first
        # (issue 25 §6, pages within 2x their p95 during an import; decision 0055). Its own
        # session too, when it leads one (a scheduler's job, `setsid`), never a terminal's.
        lower_priority()
        data_import = observations_import(
            actor=None,
            path=path,
            file_format=file_format,
            companion=companion,
            options=options,
            progress=progress_printer(self.stderr),
        )
        finish(self, data_import)
        tables_tidy(data_import=data_import)  # after the import has said it is done
