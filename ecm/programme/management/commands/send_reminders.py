from django.core.management.base import BaseCommand

from ecm.programme.services.reminders import reminders_send, weekly_summaries_send


class Command(BaseCommand):
    help = (
        "Send the reminders due today (and, with --weekly, the weekly summaries). Safe to run "
        "as often as you like: each reminder is sent once (issue 8 §6)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--weekly", action="store_true", help="also the weekly summaries")

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"Reminders: {sent.before} before a deadline, {sent.overdue} overdue")
        if options["weekly"]:
            self.stdout.write(f"Weekly summaries: {weekly_summaries_send().summaries}")
