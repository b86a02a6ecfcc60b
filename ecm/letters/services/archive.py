"""Archiving a closed round (the handbook, section I stage 3: the final letter "will then be
archived by Ofsted and stored by CSCI on PADI"; section F: "The completed evidence notebook is
required evidence for archiving and storage purposes").

The handbook has no event for a round's closing: a round is closed here when every one of its
assessments is closed (its letter published and every representation decided). A programme
administrator then archives it, from the round's archive page or `manage.py archive_round`:
its letters, notebooks and evidence become read-only, kept until the retention date (a
labelled setting, ecm.letters.settings), and the archive is audited."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.accounts.roles import Role
from ecm.analysis.models import Entry, Evidence, Revision
from ecm.apa.models import Assessment, AssessmentRound
from ecm.apa.workflow import AssessmentStatus
from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.letters.models import Letter, PublicationStep, Rendition, RoundArchive
from ecm.letters.settings import archive_retention_years

NOT_ADMINISTRATOR = "Only a programme administrator archives a round"
ALREADY_ARCHIVED = (
    "{round} was archived on {on}; its records are kept until {until}. Nothing was done again"
)
NO_ASSESSMENTS = "{round} has no assessments: there is nothing to archive"
NOT_CLOSED = (
    "{round} has not closed: {count} of its assessments are still open ({which}). A round is "
    "archived once every assessment is closed, its letter published and every representation "
    "decided"
)


def retention_date(archived_on: date, years: int) -> date:
    """`years` after `archived_on`; 29 February becomes 28 February in a common year."""
    try:
        return archived_on.replace(year=archived_on.year + years)
    except ValueError:
        return archived_on.replace(year=archived_on.year + years, day=28)


def open_assessments_of(assessment_round: AssessmentRound) -> list[Assessment]:
    """The round's assessments not closed yet, which keep it from being archived."""
    return list(
        Assessment.objects.filter(round=assessment_round)
        .exclude(status=AssessmentStatus.CLOSED)
        .select_related("council")
        .order_by("council__name")
    )


def _contents(assessment_round: AssessmentRound) -> dict[str, int]:
    """What the archive holds, counted when it is made."""
    entries = Entry.objects.filter(assessment__round=assessment_round)
    return {
        "assessments": Assessment.objects.filter(round=assessment_round).count(),
        "letters": Letter.objects.filter(assessment__round=assessment_round).count(),
        "renditions": Rendition.objects.filter(letter__assessment__round=assessment_round).count(),
        "notebook_entries": entries.count(),
        "notebook_revisions": Revision.objects.filter(assessment__round=assessment_round).count(),
        "evidence": Evidence.objects.filter(entry__in=entries).count(),
        "publication_steps": PublicationStep.objects.filter(
            letter__assessment__round=assessment_round
        ).count(),
    }


@transaction.atomic
def round_archive(
    *, actor, assessment_round: AssessmentRound, today: date | None = None
) -> RoundArchive:
    """Archive a closed round: refused for anyone but a programme administrator (or the system,
    `actor=None`, from the command), for a round archived already, with no assessments, or with
    any assessment still open, which the refusal names."""
    if actor is not None and Role.PROGRAMME_ADMINISTRATOR not in actor.roles:
        raise NotYourRole(NOT_ADMINISTRATOR)
    assessment_round = AssessmentRound.objects.select_for_update().get(pk=assessment_round.pk)
    found = RoundArchive.objects.filter(round=assessment_round).first()
    if found is not None:
        raise ValidationError(
            ALREADY_ARCHIVED.format(
                round=assessment_round,
                on=f"{timezone.localtime(found.archived_at):%-d %B %Y}",
                until=f"{found.retain_until:%-d %B %Y}",
            )
        )
    if not Assessment.objects.filter(round=assessment_round).exists():
        raise ValidationError(NO_ASSESSMENTS.format(round=assessment_round))
    still_open = open_assessments_of(assessment_round)
    if still_open:
        which = "; ".join(f"{a.council.name}: {a.get_status_display()}" for a in still_open[:5])
        more = f"; and {len(still_open) - 5} more" if len(still_open) > 5 else ""
        raise ValidationError(
            NOT_CLOSED.format(round=assessment_round, count=len(still_open), which=which + more)
        )
    today = today or timezone.localdate()
    years = archive_retention_years()
    archive = RoundArchive.objects.create(
        round=assessment_round,
        archived_by=actor,
        archived_at=timezone.now(),
        retain_until=retention_date(today, years),
        contents=_contents(assessment_round),
    )
    audit_record(
        actor=actor,
        verb="round.archived",
        target=assessment_round,
        after={
            "retain_until": archive.retain_until,
            "retention_years": years,
            **archive.contents,
        },
        reason=f"Every assessment closed; kept read-only for {years} years (the project's "
        "setting LETTERS_ARCHIVE_RETENTION_YEARS)",
    )
    return archive
