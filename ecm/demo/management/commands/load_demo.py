from django.conf import settings
from django.core.management.base import BaseCommand

from ecm.accounts.backends import DEMO_PASSWORD
from ecm.demo.people import DEMO_PEOPLE
from ecm.demo.services import demo_load


class Command(BaseCommand):
    help = "Load the demo (idempotent): framework, councils, a round, Sharpston, demo people."

    def handle(self, *args, **options):
        result = demo_load()
        if result.created:
            self.stdout.write(f"Demo loaded: {len(result.created)} things created.")
        else:
            self.stdout.write("Demo already loaded: nothing to do.")
        self.stdout.write("")
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for person in DEMO_PEOPLE:
            roles = ", ".join(str(r.label) for r in person.roles)
            where = f" — {person.council_la_number}" if person.council_la_number else ""
            self.stdout.write(f"  {person.email:<40} {roles}{where}")
        if not settings.DEMO_MODE:
            self.stdout.write(
                self.style.WARNING(
                    "DEMO_MODE is off: the demo accounts cannot sign in on this deployment."
                )
            )
