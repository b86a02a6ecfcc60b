"""Setting up a round from its plan (issue 8 §1; 002 §A, §B item 1): blocks with their
analysis windows, each council's meeting date and timing request, its HMI and BRM with the
Lead, its readers and its council contacts. The import is all or nothing: every problem is
listed with its row, column, value and reason and nothing is written; the same file imported
again changes nothing. Every change is in the audit trail."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from ecm.accounts.models import User
from ecm.accounts.roles import Role
from ecm.apa import services as apa_services
from ecm.apa.models import Assessment, AssignmentRole
from ecm.audit.services import audit_record
from ecm.authorities.imports.problems import DataFileError, Problem
from ecm.authorities.models import Council
from ecm.core.access import NotYourRole
from ecm.programme.models import Block, CouncilPlan
from ecm.programme.plan_file import COLUMNS, PlanFile, PlanRow
from ecm.workdays.calendar import bank_holiday_name, is_working_day

NOT_AN_ADMINISTRATOR = "Only a programme administrator imports or changes the round's plan"
UNKNOWN_COUNCIL = "No council of England has this LA number: check it against the council list"
NO_PERSON = "Nobody with this email address can sign in: add them on People and roles first"
WRONG_ROLE = "{person} is not {role}: give them the role on People and roles, or correct the email"
SAME_PERSON = "The HMI and the BRM must be two different people (the handbook, section A)"
NOT_A_WORKING_DAY = "The meeting date is not a working day ({why}): choose a working day"
BEFORE_ANALYSIS = "The meeting is before the council's analysis starts on {starts}"
LATE_WITHOUT_REQUEST = (
    "The meeting is after {by}, the round's date for meetings (the handbook, section A: by the "
    "end of July): "
    "give the timing request that explains it in timing_request"
)
OTHER_COUNCILS_OFFICER = (
    "{email} signs in for another council ({council}): a link officer belongs to their council"
)

EMAIL_ROLES = {
    "hmi_email": (Role.HMI, AssignmentRole.HMI),
    "brm_email": (Role.BRM, AssignmentRole.BRM),
    "management_reader_email": (Role.MANAGEMENT_READER, AssignmentRole.MANAGEMENT_READER),
    "csci_manager_email": (Role.MANAGEMENT_READER, AssignmentRole.CSCI_MANAGER),
}
PLAN_FIELDS = (
    "meeting_on",
    "timing_request",
    "link_officer_name",
    "link_officer_email",
    "link_officer_telephone",
    "director_name",
)


@dataclass
class PlanImportResult:
    councils: int = 0
    added_to_round: int = 0
    plans_changed: int = 0
    assignments_changed: int = 0
    blocks_changed: int = 0
    changes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.added_to_round
            or self.plans_changed
            or self.assignments_changed
            or self.blocks_changed
        )


def _require_administrator(actor) -> None:
    if Role.PROGRAMME_ADMINISTRATOR not in actor.roles:
        raise NotYourRole(NOT_AN_ADMINISTRATOR)


def _meeting_problems(row: PlanRow, assessment_round, starts) -> list[tuple[str, str]]:
    day = row.meeting_date
    if day is None:
        return []
    found = []
    if not is_working_day(day):
        why = bank_holiday_name(day) or day.strftime("%A")
        found.append(("meeting_date", NOT_A_WORKING_DAY.format(why=why)))
    if day < starts:
        found.append(("meeting_date", BEFORE_ANALYSIS.format(starts=f"{starts:%-d %B %Y}")))
    if day > assessment_round.meeting_by and not row.timing_request:
        found.append(
            (
                "meeting_date",
                LATE_WITHOUT_REQUEST.format(by=f"{assessment_round.meeting_by:%-d %B %Y}"),
            )
        )
    return found


def _check(plan: PlanFile, assessment_round) -> tuple[list[Problem], dict, dict]:
    """Every problem against the database, with the councils and people found."""
    problems: list[Problem] = []

    def problem(row, column, value, reason):
        problems.append(Problem(plan.name, row, column, str(value), reason))

    councils = {
        c.la_number: c
        for c in Council.objects.filter(la_number__in=[r.la_number for r in plan.rows])
    }
    emails = {
        getattr(r, column) for r in plan.rows for column in (*EMAIL_ROLES, "link_officer_email")
    } - {""}
    people = {
        u.email.lower(): u
        for u in User.objects.filter(is_active=True, email__in=emails)
        .select_related("council")
        .prefetch_related("role_grants")
    }
    for row in plan.rows:
        if row.la_number and row.la_number not in councils:
            problem(row.row, "la_number", row.la_number, UNKNOWN_COUNCIL)
        for column, (role, _) in EMAIL_ROLES.items():
            email = getattr(row, column)
            if not email:
                continue
            person = people.get(email)
            if person is None:
                problem(row.row, column, email, NO_PERSON)
            elif role not in person.roles:
                problem(row.row, column, email, WRONG_ROLE.format(person=person, role=role.label))
        if row.hmi_email and row.hmi_email == row.brm_email:
            problem(row.row, "brm_email", row.brm_email, SAME_PERSON)
        officer = people.get(row.link_officer_email)
        council = councils.get(row.la_number)
        if officer and council and officer.council_id not in (None, council.pk):
            problem(
                row.row,
                "link_officer_email",
                row.link_officer_email,
                OTHER_COUNCILS_OFFICER.format(
                    email=row.link_officer_email, council=officer.council.name
                ),
            )
        window = plan.blocks.get(row.block) if row.block else None
        starts = window[0] if window else assessment_round.analysis_starts
        for column, reason in _meeting_problems(row, assessment_round, starts):
            problem(row.row, column, row.meeting_date.isoformat(), reason)
    return problems, councils, people


@transaction.atomic
def plan_import(*, actor, assessment_round, plan: PlanFile) -> PlanImportResult:
    """Import the round's plan, all or nothing (raises DataFileError with every problem)."""
    _require_administrator(actor)
    # Every problem at once, of the file and against the database, so one pass puts it right.
    problems, councils, people = _check(plan, assessment_round)
    if plan.problems or problems:
        raise DataFileError(sorted(plan.problems + problems, key=_place))
    result = PlanImportResult(councils=len(plan.rows))
    blocks = _blocks(actor, assessment_round, plan, result)
    existing = {
        a.council_id: a
        for a in Assessment.objects.filter(round=assessment_round).prefetch_related(
            "assignments__user"
        )
    }
    for row in plan.rows:
        council = councils[row.la_number]
        assessment = existing.get(council.pk)
        if assessment is None:
            assessment = apa_services.assessment_create(
                actor=actor, assessment_round=assessment_round, council=council
            )
            result.added_to_round += 1
            result.changes.append(f"{council.name}: added to the round")
        _plan_line(actor, assessment, row, blocks, result)
        _assignments(actor, assessment, row, people, result)
    audit_record(
        actor=actor,
        verb="round.plan_imported",
        target=assessment_round,
        after={
            "file": plan.name,
            "councils": result.councils,
            "added_to_round": result.added_to_round,
            "plans_changed": result.plans_changed,
            "assignments_changed": result.assignments_changed,
            "blocks_changed": result.blocks_changed,
        },
        reason="The round's plan imported from a spreadsheet (the handbook, section B item 1)",
    )
    return result


def _place(problem: Problem) -> tuple:
    return (problem.row or 0, problem.column)


def _blocks(actor, assessment_round, plan: PlanFile, result) -> dict[int, Block]:
    blocks = {b.number: b for b in Block.objects.filter(round=assessment_round)}
    for number, (starts, ends) in sorted(plan.blocks.items()):
        block = blocks.get(number)
        if block and (block.analysis_starts, block.analysis_ends) == (starts, ends):
            continue
        block = block_save(
            actor=actor,
            assessment_round=assessment_round,
            number=number,
            analysis_starts=starts,
            analysis_ends=ends,
            reason="Imported with the round's plan",
        )
        blocks[number] = block
        result.blocks_changed += 1
        result.changes.append(f"Block {number}: analysis {starts} to {ends}")
    return blocks


@transaction.atomic
def block_save(*, actor, assessment_round, number: int, analysis_starts, analysis_ends, reason=""):
    """Create or change a block's analysis window (audited); its councils' dates follow."""
    _require_administrator(actor)
    if analysis_ends < analysis_starts:
        raise ValidationError({"analysis_ends": "The analysis window ends before it starts"})
    block = Block.objects.filter(round=assessment_round, number=number).first()
    before = (
        {"starts": block.analysis_starts.isoformat(), "ends": block.analysis_ends.isoformat()}
        if block
        else None
    )
    if block is None:
        block = Block(round=assessment_round, number=number)
    block.analysis_starts, block.analysis_ends = analysis_starts, analysis_ends
    block.save()
    audit_record(
        actor=actor,
        verb="round.block_saved",
        target=assessment_round,
        before=before,
        after={
            "block": number,
            "starts": analysis_starts.isoformat(),
            "ends": analysis_ends.isoformat(),
        },
        reason=reason,
    )
    return block


def _plan_values(row: PlanRow) -> dict:
    return {
        "meeting_on": row.meeting_date,
        "timing_request": row.timing_request,
        "link_officer_name": row.link_officer_name,
        "link_officer_email": row.link_officer_email,
        "link_officer_telephone": row.link_officer_telephone,
        "director_name": row.director_name,
    }


def _snapshot(plan: CouncilPlan) -> dict:
    found = {f: getattr(plan, f) for f in PLAN_FIELDS}
    found["meeting_on"] = plan.meeting_on.isoformat() if plan.meeting_on else None
    found["block"] = plan.block.number if plan.block_id else None
    return found


def _plan_line(actor, assessment, row: PlanRow, blocks, result) -> None:
    plan, _ = CouncilPlan.objects.get_or_create(assessment=assessment)
    before = _snapshot(plan)
    for name, value in _plan_values(row).items():
        setattr(plan, name, value)
    plan.block = blocks.get(row.block) if row.block else None
    after = _snapshot(plan)
    if after == before:
        return
    plan.lock_version += 1
    plan.save()
    result.plans_changed += 1
    result.changes.append(f"{assessment.council.name}: plan changed")
    audit_record(
        actor=actor,
        verb="plan.changed",
        target=assessment,
        before=before,
        after=after,
        reason="Imported with the round's plan",
    )


def _assignments(actor, assessment, row: PlanRow, people, result) -> None:
    current = {a.role: a for a in assessment.assignments.all()}
    if row.hmi_email and row.brm_email:
        hmi, brm = people[row.hmi_email], people[row.brm_email]
        lead = row.lead or next((a.role for a in current.values() if a.is_lead), AssignmentRole.HMI)
        same = (
            AssignmentRole.HMI in current
            and AssignmentRole.BRM in current
            and current[AssignmentRole.HMI].user_id == hmi.pk
            and current[AssignmentRole.BRM].user_id == brm.pk
            and current[lead].is_lead
        )
        if not same:
            apa_services.assessment_assign_inspectors(
                actor=actor,
                assessment=assessment,
                hmi=hmi,
                brm=brm,
                lead=lead,
                reason="Imported with the round's plan",
            )
            result.assignments_changed += 1
    for column in ("management_reader_email", "csci_manager_email"):
        email = getattr(row, column)
        if not email:
            continue
        role = EMAIL_ROLES[column][1]
        person = people[email]
        if role in current and current[role].user_id == person.pk:
            continue
        apa_services.assessment_assign(
            actor=actor,
            assessment=assessment,
            user=person,
            role=role,
            reason="Imported with the round's plan",
        )
        result.assignments_changed += 1


# --- Export back (002 §B item 1) --------------------------------------------------------------


def plan_rows(*, assessment_round) -> list[list]:
    """The round's plan in the import's columns, one row per council, header first."""
    rows = [list(COLUMNS)]
    assessments = (
        Assessment.objects.filter(round=assessment_round)
        .select_related("council", "plan__block")
        .prefetch_related("assignments__user")
        .order_by("council__name")
    )
    for a in assessments:
        plan = getattr(a, "plan", None)
        by_role = {x.role: x for x in a.assignments.all()}
        lead = next((x.role for x in by_role.values() if x.is_lead), "")
        block = plan.block if plan and plan.block_id else None

        def email(role, by_role=by_role):
            return by_role[role].user.email if role in by_role else ""

        rows.append(
            [
                a.council.la_number,
                a.council.name,
                block.number if block else None,
                block.analysis_starts if block else None,
                block.analysis_ends if block else None,
                plan.meeting_on if plan else None,
                plan.timing_request if plan else "",
                email(AssignmentRole.HMI),
                email(AssignmentRole.BRM),
                lead,
                email(AssignmentRole.MANAGEMENT_READER),
                email(AssignmentRole.CSCI_MANAGER),
                plan.link_officer_name if plan else "",
                plan.link_officer_email if plan else "",
                plan.link_officer_telephone if plan else "",
                plan.director_name if plan else "",
            ]
        )
    return rows
