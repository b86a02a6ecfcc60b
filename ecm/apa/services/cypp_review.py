"""The council's review of its Children and Young People's Plan, the submission of the 2007
cycle (issue 23 §1; the 2007 briefing, "APA": "a multi-agency review of the Children and Young
People's Plan, which has to be published and submitted to Ofsted in June each year").

The council's people write where the review is published, when, and which agencies took part,
then submit it; it is then the inspectors' to read and no longer changes. Each step is
audited."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.apa.models import CyppReview
from ecm.apa.workflow import EDITABLE_BY_COUNCIL, in_group
from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.core.locking import locked, save_next_version

WHAT = "the review of the Children and Young People's Plan"
NOT_THIS_CYCLE = (
    "{round} follows {cycle}: the council submits its self-assessment, not a review of the "
    "Children and Young People's Plan"
)
NOT_THE_COUNCIL = "Only {council}'s own people write and submit its review"
NOT_OPEN = (
    "The review can be written while the assessment is at the submission stage; it is now at "
    "{status}. Ask the programme administrator to reopen it if something must change"
)
ALREADY_SUBMITTED = "The review was submitted to Ofsted on {when}: it no longer changes"
NO_PUBLISHED_ON = "Enter the date the review was published: it is published before it is submitted"
IN_FUTURE = "{day} is in the future: enter the date the review was published"
NO_PUBLISHED_AT = "Say where the review is published (a web address or where a copy is held)"
NO_PARTNERS = (
    "Name the agencies that took part: the review is multi-agency (health, police, the "
    "voluntary sector and the council's partners)"
)
FIELDS = ["published_on", "published_at", "partners", "summary"]


def _check(actor, assessment) -> None:
    assessment_round = assessment.round
    if not assessment_round.the_cycle.has_single_conversation:
        raise ValidationError(
            NOT_THIS_CYCLE.format(round=assessment_round, cycle=assessment_round.the_cycle.title)
        )
    if not (actor.is_council_user and actor.council_id == assessment.council_id):
        raise NotYourRole(NOT_THE_COUNCIL.format(council=assessment.council.name))
    if not in_group(assessment.status, EDITABLE_BY_COUNCIL):
        raise ValidationError(NOT_OPEN.format(status=assessment.get_status_display().lower()))


def _locked(assessment, expected_lock_version):
    CyppReview.objects.get_or_create(assessment=assessment)
    review = locked(
        CyppReview.objects,
        expected_lock_version=expected_lock_version,
        what=WHAT,
        assessment=assessment,
    )
    if review.submitted_at:
        when = f"{timezone.localtime(review.submitted_at):%-d %B %Y}"
        raise ValidationError(ALREADY_SUBMITTED.format(when=when))
    return review


@transaction.atomic
def cypp_review_save(
    *,
    actor,
    assessment,
    published_on: date | None,
    published_at: str,
    partners: str,
    summary: str = "",
    expected_lock_version: int | None = None,
    today: date | None = None,
) -> CyppReview:
    """Save what the council has written so far (nothing is required until it submits)."""
    _check(actor, assessment)
    today = today or timezone.localdate()
    if published_on and published_on > today:
        raise ValidationError({"published_on": IN_FUTURE.format(day=f"{published_on:%-d %B %Y}")})
    review = _locked(assessment, expected_lock_version)
    before = {f: str(getattr(review, f) or "") for f in FIELDS}
    review.published_on = published_on
    review.published_at = published_at.strip()
    review.partners = partners.strip()
    review.summary = summary.strip()
    save_next_version(review, FIELDS)
    audit_record(
        actor=actor,
        verb="cypp_review.saved",
        target=assessment,
        before=before,
        after={f: str(getattr(review, f) or "") for f in FIELDS},
    )
    return review


@transaction.atomic
def cypp_review_submit(*, actor, assessment, expected_lock_version=None) -> CyppReview:
    """Submit the published review to Ofsted: refused with every missing part named."""
    _check(actor, assessment)
    review = _locked(assessment, expected_lock_version)
    missing = []
    if not review.published_on:
        missing.append(NO_PUBLISHED_ON)
    if not review.published_at:
        missing.append(NO_PUBLISHED_AT)
    if not review.partners:
        missing.append(NO_PARTNERS)
    if missing:
        raise ValidationError(missing)
    review.submitted_at = timezone.now()
    review.submitted_by = actor
    save_next_version(review, ["submitted_at", "submitted_by"])
    audit_record(
        actor=actor,
        verb="cypp_review.submitted",
        target=assessment,
        after={"published_on": review.published_on.isoformat()},
    )
    return review
