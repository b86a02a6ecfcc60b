"""The panel's decision on a representation (002 §J): upheld or not, with its justification;
a changed rating recorded, a joint-panel review opened when a single-service judgement changes,
and the assessment closed when every representation is decided."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from ecm.apa.services import assessment_change_status
from ecm.apa.workflow import AssessmentStatus
from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.framework.models import Judgement
from ecm.representations.models import (
    RatingChange,
    Representation,
    RepresentationKind,
    RepresentationStatus,
    RepresentedJudgement,
)
from ecm.representations.routing import route_of
from ecm.representations.selectors import current_grade, representable_judgements
from ecm.representations.services.notifications import email_decided, email_panel_needed
from ecm.representations.services.representations import today_or_now
from ecm.representations.services.response import needs_response

OUTCOME_LATE = (
    "The outcome had to be recorded by {deadline} (the handbook, section J: by the end of "
    "November): ask the "
    "programme administrator to record why it is late"
)


NOT_SUBMITTED = "The representation is not submitted yet: the panel decides once it is"


ALREADY_DECIDED = "The panel decided this on {date}: the decision stands"


NO_PANEL = "Compose the panel first: only its members record the decision"


NO_RESPONSE_YET = (
    "The panel reads the inspectors' response before deciding (the handbook, section J): ask "
    "{who} of the assessment to record it first"
)


NOT_ON_PANEL = "Only a member of this representation's panel records its decision"


NO_JUSTIFICATION = (
    "Record the justification for the decision: it is communicated to the council (the "
    "handbook, section J)"
)


GRADE_NEEDED = "The representation is upheld: enter the new grade of the judgement"


GRADE_NOT_EXPECTED = (
    "The representation is not upheld, so the grade stays {grade}: leave the new grade empty"
)


GRADE_UNCHANGED = "The new grade is the grade it already has ({grade}): enter a different grade"


GRADE_UNKNOWN = "{grade} is not a grade of {judgement}: choose one of {grades}"


# Single-service judgements whose change opens a joint-panel review of children's services.
SINGLE_SERVICE = (RepresentedJudgement.SOCIAL_CARE, RepresentedJudgement.EDUCATION)


def framework_judgement(representation: Representation):
    return Judgement.objects.select_related("scale").get(
        urn=representation.judgement_urn,
        judgement_set__version=representation.assessment.round.framework_version,
    )


def _check_new_grade(judgement, before, upheld: bool, new_grade) -> int | None:
    if not upheld:
        if new_grade is not None:
            raise ValidationError({"new_grade": GRADE_NOT_EXPECTED.format(grade=before)})
        return None
    if new_grade is None:
        raise ValidationError({"new_grade": GRADE_NEEDED})
    values = sorted(judgement.scale.grades.values_list("value", flat=True))
    if new_grade not in values:
        raise ValidationError(
            {
                "new_grade": GRADE_UNKNOWN.format(
                    grade=new_grade,
                    judgement=judgement.title,
                    grades=", ".join(str(v) for v in values),
                )
            }
        )
    if new_grade == before:
        raise ValidationError({"new_grade": GRADE_UNCHANGED.format(grade=before)})
    return new_grade


@transaction.atomic
def representation_decide(
    *,
    actor,
    representation: Representation,
    upheld: bool,
    justification: str,
    new_grade: int | None = None,
    today: date | None = None,
) -> Representation:
    """A panel member records the panel's decision and its justification by the outcomes date.
    A changed grade is recorded for the Audit Commission; a changed social care or education
    judgement opens the joint-panel review of children's services; with nothing left open the
    assessment closes (the handbook, section J)."""
    today = today_or_now(today)
    representation = Representation.objects.select_for_update().get(pk=representation.pk)
    assessment = representation.assessment
    if representation.status == RepresentationStatus.INTENDED:
        raise ValidationError(NOT_SUBMITTED)
    if representation.status == RepresentationStatus.DECIDED:
        raise ValidationError(ALREADY_DECIDED.format(date=f"{representation.decided_on:%-d %B %Y}"))
    seats = representation.seats.all()
    if not seats.exists():
        raise ValidationError(NO_PANEL)
    if not seats.filter(member__user=actor).exists():
        raise NotYourRole(NOT_ON_PANEL)
    if needs_response(representation) and not representation.response.strip():
        raise ValidationError(
            NO_RESPONSE_YET.format(who=route_of(representation.judgement).responders_words)
        )
    deadline = assessment.round.representation_outcomes_by
    if today > deadline:
        raise ValidationError(OUTCOME_LATE.format(deadline=f"{deadline:%-d %B %Y}"))
    if not justification.strip():
        raise ValidationError({"justification": NO_JUSTIFICATION})
    judgement = framework_judgement(representation)
    before = current_grade(assessment, judgement)
    after = _check_new_grade(judgement, before, upheld, new_grade)
    representation.status = RepresentationStatus.DECIDED
    representation.upheld = upheld
    representation.grade_before = before
    representation.grade_after = after
    representation.justification = justification.strip()
    representation.decided_by = actor
    representation.decided_on = today
    representation.save()
    audit_record(
        actor=actor,
        verb="representation.decided",
        target=representation,
        before={"status": RepresentationStatus.SUBMITTED.value, "grade": before},
        after={"status": representation.status, "upheld": upheld, "grade": after or before},
        reason=representation.justification,
    )
    email_decided(representation=representation)
    if after is not None:
        _record_rating_change(actor, representation, judgement, before, after)
        if representation.judgement in SINGLE_SERVICE:
            _open_joint_review(representation)
    _close_when_done(actor, assessment, today)
    return representation


def _record_rating_change(actor, representation, judgement, before, after) -> RatingChange:
    change = RatingChange.objects.create(
        assessment=representation.assessment,
        representation=representation,
        judgement_urn=judgement.urn,
        judgement_title=judgement.title,
        grade_before=before,
        grade_after=after,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        verb="rating.changed",
        target=representation.assessment,
        before={"judgement": judgement.urn, "grade": before},
        after={"judgement": judgement.urn, "grade": after},
        reason="Changed on representation; for the Audit Commission so CPA can be updated "
        "(the handbook, section J)",
    )
    return change


def _open_joint_review(representation: Representation) -> Representation | None:
    """002 §J: "If consideration of the representation results in an amended judgement, the
    impact of this change on the overall children's services judgement will be evaluated by a
    joint panel". Opened by the system, already submitted, waiting for its panel."""
    assessment = representation.assessment
    overall = representable_judgements(assessment).get(RepresentedJudgement.CHILDREN_SERVICES)
    if overall is None:
        return None
    review = Representation.objects.create(
        assessment=assessment,
        kind=RepresentationKind.REVIEW,
        judgement=RepresentedJudgement.CHILDREN_SERVICES,
        judgement_urn=overall.urn,
        judgement_title=overall.title,
        status=RepresentationStatus.SUBMITTED,
        triggered_by=representation,
        submitted_on=representation.decided_on,
        summary=f"Review of the children's services judgement in the light of the amended "
        f"{representation.get_judgement_display().lower()} judgement (the handbook, section J)",
    )
    audit_record(
        actor=None,
        verb="representation.review_opened",
        target=review,
        after={"triggered_by": representation.pk, "judgement": overall.urn},
        reason=review.summary,
    )
    email_panel_needed(representation=review)
    return review


def _close_when_done(actor, assessment, today: date) -> None:
    """Close the assessment once nothing is left to decide: every submitted representation
    and review decided, and no stated intention still within its submission date."""
    open_ = Representation.objects.filter(assessment=assessment).exclude(
        status=RepresentationStatus.DECIDED
    )
    if open_.filter(status=RepresentationStatus.SUBMITTED).exists():
        return
    if (
        open_.filter(status=RepresentationStatus.INTENDED).exists()
        and today <= assessment.round.representation_submission_by
    ):
        return
    assessment.refresh_from_db()
    if assessment.status == AssessmentStatus.REPRESENTATION:
        assessment_change_status(
            actor=actor,
            assessment=assessment,
            to=AssessmentStatus.CLOSED,
            reason="Every representation decided and communicated to the council (the handbook, "
            "section J)",
        )
