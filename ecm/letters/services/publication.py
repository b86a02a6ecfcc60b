"""The council's steps once its final letter is published (the handbook, section J "The final
letter"): "Councils are asked to: present the letter to an open meeting of the relevant
executive committee of the council by the end of January ...; make the letter available to
members of the public at the same time; copy the letter to the council's appointed auditor,
and to relevant partners." The council's link officer or director records each; every record
is audited, and what is still to do is due by the end of January (ecm.letters.selectors)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.letters.archive import refuse_if_archived
from ecm.letters.models import Letter, PublicationStep, PublicationStepKind
from ecm.letters.services.factual_accuracy import is_council_of
from ecm.letters.workflow import LetterStage

NOT_THE_COUNCIL = (
    "Only {council}'s link officer or director records what the council did with its letter"
)
NOT_PUBLISHED = (
    "The final letter is not published yet: the council presents, publishes and copies it once "
    "it has been published to the council (the handbook, section J)"
)
NO_DETAILS = {
    PublicationStepKind.OPEN_MEETING: "Enter the committee and meeting the letter was presented to",
    PublicationStepKind.PUBLIC: "Enter where members of the public can read the letter",
    PublicationStepKind.AUDITOR: "Enter the appointed auditor the letter was copied to",
    PublicationStepKind.PARTNERS: "Enter the partners the letter was copied to",
}
IN_FUTURE = "{when} is in the future: record a step once it has been done"
BEFORE_PUBLISHED = (
    "{when} is before the letter was published to the council on {published}: check the date"
)


def publication_deadline(letter: Letter) -> date:
    """The end of January after the round's final letters (the handbook, section J: "by the end
    of January 2006" for letters sent "in late October" 2005)."""
    return date(letter.assessment.round.final_letter_by.year + 1, 1, 31)


@transaction.atomic
def publication_step_record(
    *, actor, letter: Letter, kind: str, done_on: date, details: str
) -> PublicationStep:
    """Record one of the council's steps with its published letter: when, and the committee,
    the place or to whom. Refused for anyone but the council's own link officer or director,
    before publication, for a day in the future or before publication, without its details,
    and once the round is archived."""
    letter = Letter.objects.select_related("assessment__council", "assessment__round").get(
        pk=letter.pk
    )
    assessment = letter.assessment
    if not is_council_of(actor, assessment):
        raise NotYourRole(NOT_THE_COUNCIL.format(council=assessment.council.name))
    refuse_if_archived(assessment.round, what="the council's record of its letter")
    if letter.stage != LetterStage.PUBLISHED:
        raise ValidationError(NOT_PUBLISHED)
    step = PublicationStepKind(kind)
    if not details.strip():
        raise ValidationError({"details": NO_DETAILS[step]})
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": IN_FUTURE.format(when=f"{done_on:%-d %B %Y}")})
    sending = letter.sendings.filter(kind="publication").order_by("-sent_at").first()
    published = timezone.localdate(sending.sent_at) if sending else None
    if published and done_on < published:
        raise ValidationError(
            {
                "done_on": BEFORE_PUBLISHED.format(
                    when=f"{done_on:%-d %B %Y}", published=f"{published:%-d %B %Y}"
                )
            }
        )
    before = latest_steps(letter).get(step)
    recorded = PublicationStep.objects.create(
        letter=letter, kind=step, done_on=done_on, details=details.strip(), recorded_by=actor
    )
    audit_record(
        actor=actor,
        verb="letter.publication_step_recorded",
        target=letter,
        before={"kind": step.value, "done_on": before.done_on} if before else None,
        after={"kind": step.value, "done_on": done_on, "details": recorded.details},
    )
    return recorded


def latest_steps(letter: Letter) -> dict[PublicationStepKind, PublicationStep]:
    """The latest record of each step the council has recorded."""
    latest = {}
    for step in letter.publication_steps.select_related("recorded_by").order_by("recorded_at"):
        latest[PublicationStepKind(step.kind)] = step
    return latest
