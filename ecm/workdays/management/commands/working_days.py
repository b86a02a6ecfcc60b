from datetime import date

from django.core.management.base import BaseCommand, CommandError

from ecm.workdays.calendar import CALENDAR_NAME, add_working_days, count_working_days


def _parse(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{option} must be a date written YYYY-MM-DD, not {value!r}") from exc


class Command(BaseCommand):
    help = (
        "Add or count working days in England (weekends and bank holidays skipped). "
        "Example: --from 2007-11-28 --add 10 prints 2007-12-12."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, help="start date, YYYY-MM-DD")
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--add", type=int, help="working days to add (negative to go back)")
        group.add_argument("--to", dest="end", help="count working days up to this date")
        parser.add_argument("--explain", action="store_true", help="also name the calendar")

    def handle(self, *args, start, add, end, explain, **options):
        start_day = _parse(start, "--from")
        if add is not None:
            self.stdout.write(add_working_days(start_day, add).isoformat())
        else:
            self.stdout.write(str(count_working_days(start_day, _parse(end, "--to"))))
        if explain:
            self.stdout.write(f"Calendar: {CALENDAR_NAME}")
