"""manage.py compute_neighbours CONTEXT.csv --weight VAR=W ... --code CODE --title TITLE"""

from django.core.management.base import BaseCommand, CommandError

from ecm.performance.importers.common import ImportRejected
from ecm.performance.management.commands._output import existing_file
from ecm.performance.services.neighbours import neighbour_model_compute

BAD_WEIGHT = "Each --weight is NAME=NUMBER, e.g. --weight idaci=2; got {text!r}"


class Command(BaseCommand):
    help = (
        "Compute statistical neighbours from context variables (standardised, weighted "
        "Euclidean distance, ten nearest) for a year or model with no published list."
    )

    def add_arguments(self, parser):
        parser.add_argument("context", help="CSV: council, then one column per variable")
        parser.add_argument("--weight", action="append", default=[], dest="weights")
        parser.add_argument("--code", required=True, help="e.g. computed-2007")
        parser.add_argument("--title", required=True)
        parser.add_argument("--k", type=int, default=10)

    def handle(self, *args, context, weights, code, title, k, **options):
        existing_file(context)
        parsed = {}
        for text in weights:
            name, _, number = text.partition("=")
            try:
                parsed[name.strip()] = float(number)
            except ValueError as error:
                raise CommandError(BAD_WEIGHT.format(text=text)) from error
        try:
            model = neighbour_model_compute(
                actor=None, context_path=context, weights=parsed, code=code, title=title, k=k
            )
        except ImportRejected as rejected:
            raise CommandError(
                "Nothing was computed:\n" + "\n".join(str(p) for p in rejected.problems[:50])
            ) from rejected
        self.stdout.write(self.style.SUCCESS(f"{model}: {model.neighbours.count()} neighbours"))
