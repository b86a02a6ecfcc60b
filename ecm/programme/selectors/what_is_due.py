"""What is due for a person (issue 8 §4): their tasks on every council they have a part in,
and the programme's own (validation, panels, decisions, a council's representation), each with
its deadline and rule, overdue first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.urls import reverse

from ecm.accounts.models import User
from ecm.accounts.roles import Role
from ecm.apa.models import Assessment, AssessmentRound, AssignmentRole
from ecm.core.due import due_entries, tasks_of
from ecm.letters.due import due_on_letters
from ecm.letters.models import RoundSocialCareValidation
from ecm.programme.due import COUNCIL, LEAD, PARTNER, READER, Task, tasks_for
from ecm.programme.milestones import AssessmentFacts, milestones
from ecm.programme.selectors.facts import facts_for
from ecm.programme.selectors.reviews import due_on_reviews
from ecm.representations.models import Representation, RepresentationStatus
from ecm.workdays.calendar import Deadline, count_working_days

READER_ROLES = (AssignmentRole.MANAGEMENT_READER, AssignmentRole.CSCI_MANAGER)


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
    ends: date | None = None  # an event's last day

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


def _item(
    title, council, assessment_id, deadline, url, source, task, key, today, ends=None
) -> DueItem:
    """One item. An event lasting several days (`ends`, its last day: a fieldwork week, days
    on site) is under way, not overdue, until that day has passed."""
    return DueItem(
        title=title,
        council=council,
        assessment_id=assessment_id,
        deadline=deadline,
        url=url,
        source=source,
        task=task,
        subject_key=key,
        overdue=(ends or deadline.date) < today,
        working_days=count_working_days(today, deadline.date),
        ends=ends,
    )


def due_for(
    *,
    user,
    today: date,
    known: tuple[list[Assessment], dict[int, AssessmentFacts]] | None = None,
) -> list[DueItem]:
    """Everything `user` must do next, overdue first, then by date. `known` passes the
    person's open assessments and their facts when the caller has read them already."""
    items = []
    assessments, facts = known or _known(user)
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
    items += _review_tasks(user, today)
    items += _caa_tasks(user, today)
    items += _letter_tasks(user, today)
    items.sort(key=lambda i: (not i.overdue, i.due_on, i.council, i.title))
    return items


def _known(user) -> tuple[list[Assessment], dict[int, AssessmentFacts]]:
    assessments = open_assessments(user)
    return assessments, facts_for(assessments)


def _round_tasks(user, today: date) -> list[DueItem]:
    """Tasks of the programme rather than of one council's team: the administrator's social
    care validation and panels, a panel member's decision, the council's representation."""
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


def _review_tasks(user, today: date) -> list[DueItem]:
    """The person's tasks on their joint area reviews (issue 9; issue 24 §3), by the review's
    timeline: the council's returns, the team's meetings and weeks on site, the report."""
    return [
        _item(
            due.task.title,
            due.review.council.name,
            None,
            due.deadline,
            reverse(due.task.url_name, kwargs={"pk": due.review.pk}),
            due.task.source,
            f"jar_{due.task.code}",
            f"j:{due.review.pk}",
            today,
            due.ends,
        )
        for due in due_on_reviews(user, today)
    ]


def _caa_tasks(user, today: date) -> list[DueItem]:
    """The person's tasks of the 2009 events (issue 24 §3; 004), as ecm.caa answers through
    ecm.core.due: never an unannounced inspection's for a council's people."""
    return [
        _item(
            entry.title,
            entry.council,
            None,
            entry.deadline,
            entry.url,
            entry.source,
            entry.code,
            entry.subject_key,
            today,
            entry.ends,
        )
        for entry in tasks_of(due_entries(user=user, today=today), today)
    ]


def _letter_tasks(user, today: date) -> list[DueItem]:
    """The letters' own tasks (ecm.letters.due): proof reading and clearance of the final
    letter (the handbook, section I stage 3), and the council's open meeting, publication and
    copies of its published letter (section J)."""
    return [
        _item(
            due.title,
            due.council,
            due.assessment_id,
            due.deadline,
            due.url,
            due.source,
            due.task,
            f"a:{due.assessment_id}",
            today,
        )
        for due in due_on_letters(user)
    ]


def _representation_item(rep, title: str, today: date) -> DueItem:
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
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(role_grants__isnull=False))
        .distinct()
        .prefetch_related("role_grants")
    )
