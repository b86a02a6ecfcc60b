"""manage.py profile --authority 855 --period 2025 --format json|csv [--indicator CODE]"""

import csv
import json
import math

from django.core.management.base import BaseCommand, CommandError

from ecm.authorities.selectors import council_get_by_code
from ecm.performance.models import Indicator
from ecm.performance.presentation import RECORD_FIELDS, profile_records
from ecm.performance.selectors import profile_comparisons

UNKNOWN_AUTHORITY = "No council has the LA number or ONS code {code!r}: check it and try again"
UNKNOWN_INDICATOR = "No indicator has the code {code!r}: see the indicator list at /performance/"


class Command(BaseCommand):
    help = "Print a council's performance profile (or every council's) as JSON or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--authority", required=True, help='LA number, ONS code or "all"')
        parser.add_argument(
            "--period", type=int, help="Latest figures for periods ending in or before this year"
        )
        parser.add_argument("--format", choices=["json", "csv"], default="json", dest="fmt")
        parser.add_argument("--indicator", help="Only this indicator (its code)")

    def handle(self, *args, authority, period, fmt, indicator, **options):
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
