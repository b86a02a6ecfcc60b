"""Writes for rounds, assessments and assignments. Each is audited (quality bar: Security)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.accounts.roles import Role
from ecm.apa.cycles import DEFAULT_CYCLE, cycles
from ecm.apa.key_dates import KEY_DATE_FIELDS, round_key_dates
from ecm.apa.models import (
    Assessment,
    AssessmentRound,
    Assignment,
    AssignmentRole,
    ModerationOutcome,
    ModerationSelection,
)
from ecm.apa.workflow import WORKFLOW, AssessmentStatus
from ecm.audit.services import audit_record
from ecm.core.locking import refuse_if_stale
from ecm.core.stages import stage_check, stage_record
from ecm.framework.models import Regime
from ecm.framework.selectors import judgement_set_for

ROUND_EXISTS = "A round for {regime} {year} already exists: open it from the list of rounds"
NO_JUDGEMENT_SET = (
    "The framework version {version} has no judgement set for {regime} {year}: load a framework "
    "version that has one, or choose another year"
)
UNKNOWN_CYCLE = "There is no cycle called {cycle}: choose one of the cycles listed"
WRONG_ROLE_FOR_ASSIGNMENT = "{person} cannot be assigned as {assignment}: they are not {role}"
LEAD_MUST_BE_HMI_OR_BRM = (
    "Choose the Lead from the HMI and the BRM of this assessment (the handbook, section A)"
)
SAME_PERSON_TWICE = "Choose two different people as the HMI and the BRM"
NOT_MODERATED = (
    "{council} is not selected for moderation, so it goes from the meeting to the draft letter"
)
MODERATION_PENDING = (
    "{council} is selected for moderation (the handbook, section H): record the moderation "
    "day's outcome before "
    "the draft letter"
)

ASSIGNMENT_NEEDS_ROLE = {
    AssignmentRole.HMI: Role.HMI,
    AssignmentRole.BRM: Role.BRM,
    AssignmentRole.MANAGEMENT_READER: Role.MANAGEMENT_READER,
    AssignmentRole.CSCI_MANAGER: Role.MANAGEMENT_READER,
}


@transaction.atomic
def round_create(
    *,
    actor,
    year: int,
    framework_version,
    regime: str = Regime.APA,
    title: str = "",
    cycle: str = DEFAULT_CYCLE,
    **dates,
) -> AssessmentRound:
    """Create a round in its cycle (issue 23 §1); key dates default to the cycle's rules
    (ecm.apa.key_dates) unless given."""
    if cycle not in cycles():
        raise ValidationError({"cycle": UNKNOWN_CYCLE.format(cycle=cycle)})
    if AssessmentRound.objects.filter(regime=regime, year=year).exists():
        raise ValidationError(ROUND_EXISTS.format(regime=Regime(regime).label, year=year))
    if judgement_set_for(version=framework_version, regime=regime, year=year) is None:
        raise ValidationError(
            NO_JUDGEMENT_SET.format(
                version=framework_version, regime=Regime(regime).label, year=year
            )
        )
    defaults = {name: d.date for name, d in round_key_dates(year, cycle).items()}
    defaults.update({k: v for k, v in dates.items() if k in KEY_DATE_FIELDS and v})
    assessment_round = AssessmentRound(
        cycle=cycle,
        regime=regime,
        year=year,
        title=title or f"{Regime(regime).label} {year}",
        framework_version=framework_version,
        **defaults,
    )
    assessment_round.full_clean()
    assessment_round.save()
    audit_record(
        actor=actor,
        verb="round.created",
        target=assessment_round,
        after={"framework_version": framework_version.urn, "cycle": cycle, **defaults},
    )
    return assessment_round


@transaction.atomic
def assessment_create(*, actor, assessment_round: AssessmentRound, council) -> Assessment:
    assessment = Assessment.objects.create(round=assessment_round, council=council)
    audit_record(
        actor=actor,
        verb="assessment.created",
        target=assessment,
        after={"status": assessment.status},
    )
    return assessment


@transaction.atomic
def assessments_create_for_round(
    *, actor, assessment_round: AssessmentRound, councils
) -> list[Assessment]:
    """One assessment per council not yet in the round (idempotent)."""
    existing = set(assessment_round.assessments.values_list("council_id", flat=True))
    made = []
    for council in councils:
        if council.pk in existing:
            continue
        existing.add(council.pk)  # a council named twice gets one assessment
        made.append(
            assessment_create(actor=actor, assessment_round=assessment_round, council=council)
        )
    return made


def _check_assignee(user, assignment_role: str) -> None:
    needed = ASSIGNMENT_NEEDS_ROLE[AssignmentRole(assignment_role)]
    if needed not in user.roles:
        raise ValidationError(
            WRONG_ROLE_FOR_ASSIGNMENT.format(
                person=user,
                assignment=AssignmentRole(assignment_role).label,
                role=Role(needed).label,
            )
        )


@transaction.atomic
def assessment_assign_inspectors(
    *, actor, assessment: Assessment, hmi, brm, lead: str, reason: str = ""
) -> list[Assignment]:
    """Assign the HMI and the BRM who co-own the APA, one of them the Lead (002 §A)."""
    if lead not in (AssignmentRole.HMI, AssignmentRole.BRM):
        raise ValidationError({"lead": LEAD_MUST_BE_HMI_OR_BRM})
    if hmi.pk == brm.pk:
        raise ValidationError(SAME_PERSON_TWICE)
    _check_assignee(hmi, AssignmentRole.HMI)
    _check_assignee(brm, AssignmentRole.BRM)
    before = _assignments_snapshot(assessment)
    assessment.assignments.filter(role__in=[AssignmentRole.HMI, AssignmentRole.BRM]).delete()
    made = [
        Assignment.objects.create(
            assessment=assessment, user=hmi, role=AssignmentRole.HMI, is_lead=lead == "hmi"
        ),
        Assignment.objects.create(
            assessment=assessment, user=brm, role=AssignmentRole.BRM, is_lead=lead == "brm"
        ),
    ]
    audit_record(
        actor=actor,
        verb="assessment.inspectors_assigned",
        target=assessment,
        before=before,
        after=_assignments_snapshot(assessment),
        reason=reason,
    )
    return made


@transaction.atomic
def assessment_assign(
    *, actor, assessment: Assessment, user, role: str, reason: str = ""
) -> Assignment:
    """Assign a management reader or CSCI manager (002 §I stage 1)."""
    _check_assignee(user, role)
    before = _assignments_snapshot(assessment)
    assessment.assignments.filter(role=role).delete()
    assignment = Assignment.objects.create(assessment=assessment, user=user, role=role)
    audit_record(
        actor=actor,
        verb="assessment.assigned",
        target=assessment,
        before=before,
        after=_assignments_snapshot(assessment),
        reason=reason,
    )
    return assignment


def _assignments_snapshot(assessment: Assessment) -> dict:
    return {
        a.role: {"user": a.user.email, "lead": a.is_lead}
        for a in assessment.assignments.select_related("user")
    }


@transaction.atomic
def assessment_change_status(
    *,
    actor,
    assessment: Assessment,
    to: str,
    reason: str = "",
    expected_lock_version: int | None = None,
) -> Assessment:
    """The one transition function of the APA workflow (DESIGN.md example 4).

    Checks the move against ecm.apa.workflow, refuses a stale edit (optimistic lock), saves,
    and writes the audit entry, all in one transaction. Moving back needs a reason.
    """
    target = AssessmentStatus(to)
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    current = AssessmentStatus(locked.status)
    refuse_if_stale(locked, expected_lock_version, what="this assessment", now=current.label)
    move = stage_check(
        WORKFLOW,
        current=current,
        target=target,
        what="an assessment",
        reason=reason,
        nowhere="nowhere (it is closed)",
    )
    # Moderation is for selected councils whichever way it is entered; leaving it for the draft
    # letter needs the outcome only going forward (reopening a letter is not moderation).
    if not move.backward or target == AssessmentStatus.MODERATION:
        _check_moderation(locked, target)
    stage_record(
        locked,
        move=move,
        actor=actor,
        verb="assessment.status_changed",
        reason=reason,
        field="status",
        also={"status_changed_at": timezone.now()},
    )
    assessment.refresh_from_db()
    return assessment


def _check_moderation(assessment: Assessment, target: AssessmentStatus) -> None:
    """Only a council selected for moderation goes to moderation, and it leaves for the draft
    letter only with its outcome recorded (002 §H)."""
    selected = ModerationSelection.objects.filter(assessment=assessment, selected=True).exists()
    council = assessment.council.name
    if target == AssessmentStatus.MODERATION and not selected:
        raise ValidationError(NOT_MODERATED.format(council=council))
    if (
        target == AssessmentStatus.DRAFT_LETTER
        and selected
        and not ModerationOutcome.objects.filter(assessment=assessment).exists()
    ):
        raise ValidationError(MODERATION_PENDING.format(council=council))
