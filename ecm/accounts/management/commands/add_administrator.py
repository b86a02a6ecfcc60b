"""`manage.py add_administrator EMAIL --first-name … --last-name …`: a new deployment's first
programme administrator, who then adds and invites everyone else under People (issue 21 §3).

The account has no password: the command prints an invitation link, valid for INVITATION_DAYS
and usable once, where the administrator chooses one (and then sets up two-factor sign-in,
which inspectorate staff must). Both the account and the invitation are in the audit trail,
made by the system.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ecm.accounts.invitations import invitation_for_first_administrator, invitation_lifetime
from ecm.accounts.roles import Role
from ecm.accounts.services import user_create


class Command(BaseCommand):
    help = "Add a programme administrator and print the link where they choose a password."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--first-name", required=True)
        parser.add_argument("--last-name", required=True)
        parser.add_argument("--job-title", default="Programme administrator")

    def handle(self, *args, email, first_name, last_name, job_title, **options):
        try:
            with transaction.atomic():  # the account and its invitation, or neither
                person = user_create(
                    actor=None,
                    email=email,
                    first_name=first_name,
                    last_name=last_name,
                    job_title=job_title,
                    roles=[Role.PROGRAMME_ADMINISTRATOR],
                )
                link = invitation_for_first_administrator(person=person)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        days = invitation_lifetime().days
        self.stdout.write(
            f"{person} ({person.email}) is a programme administrator.\n"
            f"Give them this link to choose their password; it works once, for {days} days:\n"
            f"{link}\n"
        )
