"""Reads for running a round (issue 8): each council's facts gathered for many assessments in
a fixed number of queries, their milestones and tasks, the round dashboard, and what is due
for one person. The rules themselves are pure (milestones.py, due.py)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Max, Q
from django.utils import timezone

from ecm.accounts.roles import Role
from ecm.apa.models import Assessment, AssessmentRound, AssignmentRole
from ecm.programme.due import COUNCIL, LEAD, PARTNER, READER, Task, tasks_for
from ecm.programme.milestones import (
    AssessmentFacts,
    Milestone,
    RoundDates,
    milestones,
    next_milestone,
)
from ecm.workdays.calendar import Deadline, count_working_days

READER_ROLES = (AssignmentRole.MANAGEMENT_READER, AssignmentRole.CSCI_MANAGER)


def round_dates(assessment_round: AssessmentRound) -> RoundDates:
    return RoundDates(
        **{field: getattr(assessment_round, field) for field in RoundDates.__dataclass_fields__}
    )


def _local(moment) -> date | None:
    return timezone.localtime(moment).date() if moment else None


def facts_for(assessments: list[Assessment]) -> dict[int, AssessmentFacts]:
    """{assessment id: its facts}, in a fixed number of queries however many assessments.
    Each assessment must come with its round (select_related)."""
    from ecm.apa.models import Meeting, ModerationForm, ModerationOutcome, ModerationSelection
    from ecm.letters.models import Letter, LetterSending, ReaderAnswer, SendingKind
    from ecm.programme.models import AgreedDate, CouncilPlan
    from ecm.self_assessment.models import Version

    ids = [a.pk for a in assessments]
    plans = {
        p.assessment_id: p
        for p in CouncilPlan.objects.filter(assessment_id__in=ids).select_related("block")
    }
    meetings = {m.assessment_id: m for m in Meeting.objects.filter(assessment_id__in=ids)}
    submitted = dict(
        Version.objects.filter(self_assessment__assessment_id__in=ids, submitted_at__isnull=False)
        .values_list("self_assessment__assessment_id")
        .annotate(first=Max("submitted_at"))
    )
    selections = {
        s.assessment_id: s
        for s in ModerationSelection.objects.filter(
            assessment_id__in=ids, selected=True
        ).select_related("group__day")
    }
    forms = dict(
        ModerationForm.objects.filter(
            assessment_id__in=ids, submitted_at__isnull=False
        ).values_list("assessment_id", "submitted_at")
    )
    outcomes = dict(
        ModerationOutcome.objects.filter(assessment_id__in=ids).values_list(
            "assessment_id", "recorded_at"
        )
    )
    letters = {x.assessment_id: x for x in Letter.objects.filter(assessment_id__in=ids)}
    sendings: dict[tuple[int, str], object] = {}
    for s in LetterSending.objects.filter(letter__assessment_id__in=ids).order_by("sent_at", "pk"):
        sendings[(s.letter_id, s.kind)] = s  # the latest of each kind
    answered: dict[int, set[int]] = defaultdict(set)
    for answer in ReaderAnswer.objects.filter(letter__assessment_id__in=ids).values(
        "letter_id", "signed_by_id", "signed_at"
    ):
        sent = sendings.get((answer["letter_id"], SendingKind.READERS))
        if sent is not None and answer["signed_at"] >= sent.sent_at:
            answered[answer["letter_id"]].add(answer["signed_by_id"])
    agreed: dict[int, dict[str, date]] = defaultdict(dict)
    for row in AgreedDate.objects.filter(assessment_id__in=ids).values(
        "assessment_id", "milestone", "day"
    ):
        agreed[row["assessment_id"]][row["milestone"]] = row["day"]

    dates_of_round: dict[int, RoundDates] = {}
    found = {}
    for a in assessments:
        if a.round_id not in dates_of_round:
            dates_of_round[a.round_id] = round_dates(a.round)
        plan = plans.get(a.pk)
        block = plan.block if plan else None
        meeting = meetings.get(a.pk)
        selection = selections.get(a.pk)
        day = selection.group.day if selection and selection.group_id else None
        letter = letters.get(a.pk)
        to_council = sendings.get((letter.pk, SendingKind.COUNCIL)) if letter else None
        published = sendings.get((letter.pk, SendingKind.PUBLICATION)) if letter else None
        found[a.pk] = AssessmentFacts(
            round=dates_of_round[a.round_id],
            status=a.status,
            block_number=block.number if block else None,
            block_analysis_starts=block.analysis_starts if block else None,
            block_analysis_ends=block.analysis_ends if block else None,
            planned_meeting=plan.meeting_on if plan else None,
            meeting_date=meeting.date if meeting else None,
            meeting_agreed=bool(meeting and meeting.date_agreed_at),
            meeting_held=meeting.held_on if meeting else None,
            self_assessment_submitted=_local(submitted.get(a.pk)),
            moderation_selected=selection is not None,
            moderation_day=day.date if day else None,
            moderation_form_submitted=_local(forms.get(a.pk)),
            moderation_outcome=_local(outcomes.get(a.pk)),
            letter_stage=letter.stage if letter else None,
            sent_to_council=_local(to_council.sent_at) if to_council else None,
            council_deadline=to_council.deadline if to_council else None,
            published=_local(published.sent_at) if published else None,
            agreed=dict(agreed.get(a.pk, {})),
            readers_answered=frozenset(answered.get(letter.pk, ())) if letter else frozenset(),
        )
    return found


# --- The round dashboard (issue 8 §4) -------------------------------------------------------

ON_TRACK, DUE_SOON, OVERDUE = "on_track", "due_soon", "overdue"
LATENESS = {ON_TRACK: "On track", DUE_SOON: "Due within 5 working days", OVERDUE: "Overdue"}
DUE_SOON_DAYS = 5


@dataclass(frozen=True)
class DashboardRow:
    assessment: Assessment
    block: int | None
    lead: str
    status: str
    status_label: str
    next: Milestone | None
    lateness: str
    working_days: int  # to the next deadline; negative when overdue

    @property
    def days_late(self) -> int:
        return max(0, -self.working_days)


def lateness_of(milestone: Milestone | None, today: date) -> tuple[str, int]:
    if milestone is None or milestone.done:
        return ON_TRACK, 0
    days = count_working_days(today, milestone.date)
    if milestone.date < today:
        return OVERDUE, days
    return (DUE_SOON if days <= DUE_SOON_DAYS else ON_TRACK), days


def round_dashboard(
    *,
    assessment_round: AssessmentRound,
    today: date,
    block: int | None = None,
    region: int | None = None,
    status: str = "",
    lateness: str = "",
) -> list[DashboardRow]:
    """Every council of the round with its stage, its Lead, the deadline it works towards and
    how late it is, filtered; a fixed number of queries however many councils."""
    qs = (
        Assessment.objects.filter(round=assessment_round)
        .select_related("round", "council__region")
        .prefetch_related("assignments__user")
        .order_by("council__name")
    )
    if region:
        qs = qs.filter(council__region_id=region)
    if status:
        qs = qs.filter(status=status)
    if block:
        qs = qs.filter(plan__block__number=block)
    assessments = list(qs)
    facts = facts_for(assessments)
    rows = []
    for a in assessments:
        f = facts[a.pk]
        upcoming = next_milestone(f, milestones(f))
        late, days = lateness_of(upcoming, today)
        if lateness and late != lateness:
            continue
        lead = next((x.user for x in a.assignments.all() if x.is_lead), None)
        rows.append(
            DashboardRow(
                assessment=a,
                block=f.block_number,
                lead=str(lead) if lead else "",
                status=a.status,
                status_label=a.get_status_display(),
                next=upcoming,
                lateness=late,
                working_days=days,
            )
        )
    return rows


# --- What is due for a person (issue 8 §4) ---------------------------------------------------


@dataclass(frozen=True)
class DueItem:
    title: str
    council: str
    assessment_id: int | None
    deadline: Deadline
    url: str
    source: str
    task: str
    subject_key: str
    overdue: bool
    working_days: int

    @property
    def due_on(self) -> date:
        return self.deadline.date


def _parts(user, assessment) -> set[str]:
    parts = set()
    for assignment in assessment.assignments.all():
        if assignment.user_id != user.pk:
            continue
        if assignment.role in READER_ROLES:
            parts.add(READER)
        elif assignment.is_lead:
            parts.add(LEAD)
        else:
            parts.add(PARTNER)
    if user.council_id and user.council_id == assessment.council_id:
        parts.add(COUNCIL)
    return parts


def open_assessments(user) -> list[Assessment]:
    """The assessments a person has a part in, outside closed ones."""
    qs = Assessment.objects.exclude(status="closed").select_related("round", "council")
    if user.council_id:
        if not (user.roles & {Role.LINK_OFFICER, Role.DIRECTOR}):
            return []
        qs = qs.filter(council_id=user.council_id)
    else:
        qs = qs.filter(assignments__user=user).distinct()
    return list(qs.prefetch_related("assignments"))


def _item(title, council, assessment_id, deadline, url, source, task, key, today) -> DueItem:
    return DueItem(
        title=title,
        council=council,
        assessment_id=assessment_id,
        deadline=deadline,
        url=url,
        source=source,
        task=task,
        subject_key=key,
        overdue=deadline.date < today,
        working_days=count_working_days(today, deadline.date),
    )


def due_for(*, user, today: date) -> list[DueItem]:
    """Everything `user` must do next, overdue first, then by date."""
    from django.urls import reverse

    items = []
    assessments = open_assessments(user)
    facts = facts_for(assessments)
    for a in assessments:
        f = facts[a.pk]
        found: list[Task] = tasks_for(f, milestones(f), _parts(user, a), user.pk)
        for task in found:
            url = reverse(task.rule.url_name, kwargs={"pk": a.pk})
            items.append(
                _item(
                    task.rule.title,
                    a.council.name,
                    a.pk,
                    task.milestone.deadline,
                    url,
                    task.rule.source,
                    task.rule.code,
                    f"a:{a.pk}",
                    today,
                )
            )
    items += _round_tasks(user, today)
    items.sort(key=lambda i: (not i.overdue, i.due_on, i.council, i.title))
    return items


def _round_tasks(user, today: date) -> list[DueItem]:
    """Tasks of the programme rather than of one council's team: the administrator's social
    care validation and panels, a panel member's decision, the council's representation."""
    from django.urls import reverse

    from ecm.letters.models import RoundSocialCareValidation
    from ecm.representations.models import Representation, RepresentationStatus

    items = []
    roles = user.roles
    if Role.PROGRAMME_ADMINISTRATOR in roles:
        validated = set(RoundSocialCareValidation.objects.values_list("round_id", flat=True))
        waiting = (
            AssessmentRound.objects.filter(
                assessments__letter__stage__in=("responses_given", "final")
            )
            .exclude(pk__in=validated)
            .distinct()
        )
        for r in waiting:
            items.append(
                _item(
                    "Validate the round's social care data before the final letters",
                    str(r),
                    None,
                    Deadline(r.final_letter_by, "last working day of October", "002 §A"),
                    reverse("letters:validation", kwargs={"pk": r.pk}),
                    "002 §A, §I stage 3",
                    "social_care_validate",
                    f"r:{r.pk}",
                    today,
                )
            )
        unseated = Representation.objects.filter(
            status=RepresentationStatus.SUBMITTED, seats__isnull=True
        ).select_related("assessment__council", "assessment__round")
        for rep in unseated:
            items.append(_representation_item(rep, "Compose the representation panel", today))
    if Role.PANEL_MEMBER in roles:
        seated = Representation.objects.filter(
            status=RepresentationStatus.SUBMITTED, seats__member__user=user
        ).select_related("assessment__council", "assessment__round")
        for rep in seated:
            items.append(_representation_item(rep, "Decide the representation", today))
    if user.council_id and roles & {Role.LINK_OFFICER, Role.DIRECTOR}:
        intended = Representation.objects.filter(
            status=RepresentationStatus.INTENDED, assessment__council_id=user.council_id
        ).select_related("assessment__council", "assessment__round")
        for rep in intended:
            day = rep.assessment.round.representation_submission_by
            if day >= today:
                items.append(
                    _item(
                        "Add the grounds of the representation and submit it",
                        rep.assessment.council.name,
                        rep.assessment_id,
                        Deadline(day, "7 November", "002 §J"),
                        reverse("representations:representation", kwargs={"pk": rep.pk}),
                        "002 §J",
                        "representation_submit",
                        f"p:{rep.pk}",
                        today,
                    )
                )
    return items


def _representation_item(rep, title: str, today: date) -> DueItem:
    from django.urls import reverse

    return _item(
        f"{title}: {rep.get_judgement_display().lower()}",
        rep.assessment.council.name,
        rep.assessment_id,
        Deadline(
            rep.assessment.round.representation_outcomes_by, "by the end of November", "002 §J"
        ),
        reverse("representations:representation", kwargs={"pk": rep.pk}),
        "002 §J",
        "representation_decide" if title.startswith("Decide") else "panel_compose",
        f"p:{rep.pk}",
        today,
    )


def people_with_parts() -> list:
    """Everyone who may have something due: active users with a role."""
    from ecm.accounts.models import User

    return list(
        User.objects.filter(is_active=True)
        .filter(Q(role_grants__isnull=False))
        .distinct()
        .prefetch_related("role_grants")
    )


def milestones_of(*, assessment: Assessment) -> list[Milestone]:
    f = facts_for([assessment])[assessment.pk]
    return milestones(f)


def blocks_of(*, assessment_round) -> list:
    from django.db.models import Count

    from ecm.programme.models import Block

    return list(
        Block.objects.filter(round=assessment_round)
        .annotate(councils=Count("plans"))
        .order_by("number")
    )


def pre_analysis_progress(*, assessment_round) -> list[dict]:
    """Each council of the round with its pre-analysis checklist (002 §B item 2) done out of
    its items, and the day its analysis starts (its block's, else the round's)."""
    from django.db.models import Count

    from ecm.analysis.models import ChecklistTick
    from ecm.analysis.pack import CHECKLIST

    assessments = list(
        Assessment.objects.filter(round=assessment_round)
        .select_related("council", "plan__block")
        .order_by("council__name")
    )
    ticks = dict(
        ChecklistTick.objects.filter(assessment__round=assessment_round)
        .values_list("assessment_id")
        .annotate(n=Count("code", distinct=True))
    )
    total = len(CHECKLIST)
    rows = []
    for a in assessments:
        a.ticked = ticks.get(a.pk, 0)
        plan = getattr(a, "plan", None)
        block = plan.block if plan and plan.block_id else None
        rows.append(
            {
                "assessment": a,
                "done": a.ticked,
                "total": total,
                "complete": a.ticked >= total,
                "starts": block.analysis_starts if block else assessment_round.analysis_starts,
                "block": block.number if block else None,
            }
        )
    return rows
