"""manage.py profile --authority 855 --period 2024/25 --format json|csv [--indicator CODE]

`--period` takes any label the profile prints ("2025", "2024/25", "2024-25", "2014-16",
"2016-17 (OT)"): the figures of the periods ending in that label's end year (issue 22 §4).
"""

import csv
import json
import math

from django.core.checks import Tags
from django.core.management.base import BaseCommand, CommandError

from ecm.authorities.selectors import council_get_by_code
from ecm.performance.engine.periods import period_parse
from ecm.performance.models import Indicator
from ecm.performance.presentation import RECORD_FIELDS, profile_records
from ecm.performance.selectors import profile_comparisons

UNKNOWN_AUTHORITY = "No council has the LA number or ONS code {code!r}: check it and try again"
BAD_PERIOD = (
    "{label!r} is not a period we can read: give a year or a label as the profile prints it, "
    "such as 2025, 2024/25, 2024-25 or 2014-16"
)
UNKNOWN_INDICATOR = "No indicator has the code {code!r}: see the indicator list at /performance/"


class Command(BaseCommand):
    help = "Print a council's performance profile (or every council's) as JSON or CSV."
    # The system checks of what this command uses, the models, not those of the URLs and
    # templates it never serves: they import every view, and were half its start-up (issue 25
    # Targets: profile for one indicator and the same file again ≤ 1 s; decision 0049).
    requires_system_checks = [Tags.models]

    def add_arguments(self, parser):
        parser.add_argument("--authority", required=True, help='LA number, ONS code or "all"')
        parser.add_argument(
            "--period",
            help="Figures for periods ending in this period's end year: a year (2025) or a "
            "label as printed (2024/25, 2024-25, 2014-16)",
        )
        parser.add_argument("--format", choices=["json", "csv"], default="json", dest="fmt")
        parser.add_argument("--indicator", help="Only this indicator (its code)")

    def handle(self, *args, authority, period, fmt, indicator, **options):
        if period is not None:
            try:
                period = period_parse(period.strip()).end_year
            except ValueError:
                raise CommandError(BAD_PERIOD.format(label=period)) from None
        council = None
        if authority != "all":
            council = council_get_by_code(authority)
            if council is None:
                raise CommandError(UNKNOWN_AUTHORITY.format(code=authority))
        chosen = None
        if indicator:
            chosen = Indicator.objects.filter(code=indicator).first()
            if chosen is None:
                raise CommandError(UNKNOWN_INDICATOR.format(code=indicator))
        comparisons = profile_comparisons(council=council, year=period, indicator=chosen)
        if period is not None:
            comparisons = comparisons.filter(end_year=period)
        records = [_clean(r) for r in profile_records(comparisons)]
        if fmt == "json":
            self.stdout.write(json.dumps(records, indent=2, ensure_ascii=False))
            return
        writer = csv.DictWriter(self.stdout, fieldnames=RECORD_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)


def _clean(record: dict) -> dict:
    return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in record.items()}
