"""manage.py archive_round ROUND_ID: archive a closed round's letters, notebooks and evidence
(the handbook, section I stage 3), as the round's archive page does for an administrator."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ecm.apa.models import AssessmentRound
from ecm.letters.services.archive import round_archive


class Command(BaseCommand):
    help = "Archive a closed round: its letters, notebooks and evidence become read-only"

    def add_arguments(self, parser):
        parser.add_argument("round_id", type=int, help="The round's number, as its page shows")

    def handle(self, *args, round_id: int, **options):
        assessment_round = AssessmentRound.objects.filter(pk=round_id).first()
        if assessment_round is None:
            raise CommandError(f"There is no round {round_id}: give the number of a round")
        try:
            archive = round_archive(actor=None, assessment_round=assessment_round)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"{assessment_round} archived; kept read-only until {archive.retain_until:%-d %B %Y}"
        )
