"""Complaints about a review and its quality assurance (issue 24 §2; 003: "procedures for
handling complaints about the inspection", "quality assurance of reviews"). Each write audited;
a complaint moves only through `complaint_move`, reading ecm.jar.quality.workflow."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction

from ecm.accounts.roles import Role
from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.core.locking import refuse_if_stale
from ecm.core.once import once_claim, once_done
from ecm.core.stages import stage_already, stage_check, stage_record
from ecm.jar.quality.checks import QUALITY_CHECKS, CheckAnswer
from ecm.jar.quality.models import Complaint, QualityAssurance, QualityOutcome
from ecm.jar.quality.workflow import OUTCOMES, STATUSES, ComplaintStatus
from ecm.jar.rules import on_team

NOT_THE_COUNCIL = (
    "Only the council's own link officer or director makes a complaint about its review"
)
NOT_AN_ADMINISTRATOR = "Only a programme administrator handles complaints"
NO_WHO = "Say who is making the complaint: their name and role"
NO_WHAT = "Say what the complaint is about"
RECEIVED_LATER = "A complaint cannot be received before the review was notified ({day})"
RECEIVED_FUTURE = "A complaint cannot be received on a day still to come"
NO_RESPONSE = "Write the response the council is sent: a decided complaint carries it"
NOT_A_READER = "Only a management reader who was not on the review's team quality-assures it"
ON_THE_TEAM = (
    "You were on this review's team: its quality assurance is by a reader who was not (the "
    "overview of the inspection framework, 'quality assurance of reviews')"
)
CHECK_UNANSWERED = "Answer every check: {check}"
NO_NOTES = "Say what was not met and what should be done about it"


def _is(actor, role: Role) -> bool:
    return role in actor.roles


@transaction.atomic
def complaint_make(
    *,
    actor,
    review,
    complainant: str,
    about: str,
    received_on: date,
    today: date,
    once: UUID | None = None,
) -> Complaint:
    """The council's complaint about its review: who, what, when (003). Sent again from the
    same form (Back and submit), it is answered as done, not made twice (issue 20 §4)."""
    if not (
        actor.council_id == review.council_id and actor.roles & {Role.LINK_OFFICER, Role.DIRECTOR}
    ):
        raise NotYourRole(NOT_THE_COUNCIL)
    errors = {}
    if not complainant.strip():
        errors["complainant"] = NO_WHO
    if not about.strip():
        errors["about"] = NO_WHAT
    if received_on < review.notified_on:
        errors["received_on"] = RECEIVED_LATER.format(day=f"{review.notified_on:%-d %B %Y}")
    elif received_on > today:
        errors["received_on"] = RECEIVED_FUTURE
    if errors:
        raise ValidationError(errors)
    claim = once_claim(token=once, actor=actor, what="jar.complaint_make")
    complaint = Complaint.objects.create(
        review=review,
        complainant=complainant.strip(),
        about=about.strip(),
        received_on=received_on,
        made_by=actor,
    )
    audit_record(
        actor=actor,
        verb="jar.complaint_made",
        target=complaint,
        after={"review": review.pk, "received_on": received_on.isoformat()},
        reason=complaint.about,
    )
    once_done(
        claim, done=f"The complaint of {received_on:%-d %B %Y} was already sent", result=complaint
    )
    return complaint


def _words(status) -> str:
    return ComplaintStatus(status).label.lower()


@transaction.atomic
def complaint_move(
    *,
    actor,
    complaint,
    to: str,
    on: date,
    response: str = "",
    reason: str = "",
    expected_lock_version: int | None = None,
) -> Complaint:
    """Move a complaint to its next status (ecm.jar.quality.workflow): acknowledged,
    investigated, then upheld, partly upheld or not upheld with the response. Back from
    investigated to acknowledged needs a reason. Refused for a move the table does not allow,
    by anyone but the programme administrator, or from a stale page."""
    if not _is(actor, Role.PROGRAMME_ADMINISTRATOR):
        raise NotYourRole(NOT_AN_ADMINISTRATOR)
    found = Complaint.objects.select_for_update().get(pk=complaint.pk)
    target = ComplaintStatus(to)
    # A move posted again (Back and submit, two tabs) is answered as done (issue 20 §4).
    already = stage_already(
        found, stage=target, verb="jar.complaint_moved", what="the complaint", words=_words,
        field="status",
    )  # fmt: skip
    if already is not None:
        raise already
    refuse_if_stale(found, expected_lock_version, what="this complaint")
    move = stage_check(
        STATUSES,
        current=ComplaintStatus(found.status),
        target=target,
        what="the complaint",
        reason=reason,
        words=_words,
    )
    also: dict = {}
    if target in OUTCOMES:
        if not response.strip():
            raise ValidationError({"response": NO_RESPONSE})
        also = {"response": response.strip(), "responded_on": on}
    stage_record(
        found,
        move=move,
        actor=actor,
        verb="jar.complaint_moved",
        reason=reason or response,
        field="status",
        also=also,
        after={"on": on.isoformat()},
    )
    return found


@transaction.atomic
def quality_assurance_record(
    *,
    actor,
    review,
    answers: dict[str, str],
    outcome: str,
    notes: str,
    once: UUID | None = None,
) -> QualityAssurance:
    """A reader's quality assurance of a review (003: "quality assurance of reviews"): every
    check answered met or not met, an outcome, and notes wherever something was not met. The
    reader must not have been on the review's team."""
    if not _is(actor, Role.MANAGEMENT_READER):
        raise NotYourRole(NOT_A_READER)
    if on_team(actor, review):
        raise ValidationError(ON_THE_TEAM)
    for check in QUALITY_CHECKS:
        if answers.get(check.code) not in CheckAnswer.values:
            raise ValidationError({check.code: CHECK_UNANSWERED.format(check=check.question)})
    outcome = QualityOutcome(outcome)
    unmet = [c for c in QUALITY_CHECKS if answers[c.code] == CheckAnswer.NOT_MET]
    if (unmet or outcome != QualityOutcome.MEETS) and not notes.strip():
        raise ValidationError({"notes": NO_NOTES})
    claim = once_claim(token=once, actor=actor, what="jar.quality_assure")
    record = QualityAssurance.objects.create(
        review=review,
        reader=actor,
        checks={c.code: answers[c.code] for c in QUALITY_CHECKS},
        outcome=outcome,
        notes=notes.strip(),
    )
    audit_record(
        actor=actor,
        verb="jar.quality_assured",
        target=review,
        after={"outcome": outcome.value, "checks": record.checks},
        reason=record.notes,
    )
    once_done(claim, done="The quality assurance was already recorded", result=record)
    return record
