"""Reads for the moderation pages (002 §H): the round's selection, the days and their groups.
Each read takes a fixed number of queries whatever the number of councils."""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet

from ecm.analysis.models import SummativeJudgement
from ecm.analysis.selectors import required_judgements
from ecm.apa.models import (
    Assessment,
    AssessmentRound,
    Assignment,
    AssignmentRole,
    ModerationBasis,
    ModerationDay,
    ModerationDraw,
    ModerationSelection,
)
from ecm.audit.models import AuditEntry
from ecm.meetings.services.moderation.planning import DAY_MAX, DAY_MIN
from ecm.meetings.services.moderation.submission import RESUBMITTED, SUBMITTED


def _assignments(lookup: str = "assignments") -> Prefetch:
    return Prefetch(lookup, queryset=Assignment.objects.select_related("user"))


def moderation_assessments() -> QuerySet[Assessment]:
    """Assessments with everything the moderation pages show about them."""
    return Assessment.objects.select_related(
        "round__framework_version",
        "council__region",
        "moderation__group__day",
        "moderation_form",
        "moderation_outcome",
    ).prefetch_related(_assignments())


def moderation_rounds() -> QuerySet[AssessmentRound]:
    return AssessmentRound.objects.select_related("framework_version")


def moderation_day_queryset() -> QuerySet[ModerationDay]:
    return ModerationDay.objects.select_related("round__framework_version")


def related_or_none(assessment, name: str):
    """A reverse one-to-one that may not exist (selection, form, outcome), or None."""
    return getattr(assessment, name, None)


def inspectors(assessment) -> dict[str, Assignment | None]:
    """The Lead, the HMI and the BRM of an assessment whose assignments are prefetched."""
    found = {a.role: a for a in assessment.assignments.all()}
    return {
        "lead": next((a for a in assessment.assignments.all() if a.is_lead), None),
        "hmi": found.get(AssignmentRole.HMI),
        "brm": found.get(AssignmentRole.BRM),
    }


@dataclass
class CouncilRow:
    """One council of the round, as the moderation overview shows it."""

    assessment: Assessment
    selection: ModerationSelection | None
    form: object
    outcome: object
    lead: Assignment | None

    @property
    def selected(self) -> bool:
        return bool(self.selection and self.selection.selected)

    @property
    def signals(self) -> list[str]:
        return [s["text"] for s in (self.selection.signals if self.selection else [])]

    @property
    def group(self):
        return self.selection.group if self.selection and self.selection.group_id else None

    @property
    def submitted(self) -> bool:
        return bool(self.form and self.form.submitted_at)


def round_rows(*, assessment_round, selected: bool | None = None) -> list[CouncilRow]:
    """Every council of the round with its selection, day and group, Lead, form and outcome;
    only the selected (True) or the not selected (False) when asked."""
    qs = moderation_assessments().filter(round=assessment_round).order_by("council__name")
    if selected is True:
        qs = qs.filter(moderation__selected=True)
    elif selected is False:
        qs = qs.filter(Q(moderation__isnull=True) | Q(moderation__selected=False))
    return [
        CouncilRow(
            assessment=a,
            selection=related_or_none(a, "moderation"),
            form=related_or_none(a, "moderation_form"),
            outcome=related_or_none(a, "moderation_outcome"),
            lead=inspectors(a)["lead"],
        )
        for a in qs
    ]


@dataclass
class SelectionCounts:
    councils: int = 0
    selected: int = 0
    at_risk: int = 0
    drawn: int = 0
    added: int = 0
    removed: int = 0
    placed: int = 0
    submitted: int = 0
    outcomes: int = 0


def selection_counts(*, assessment_round) -> SelectionCounts:
    """How many councils are selected, and on what basis (002 §H: about half)."""
    counts = SelectionCounts(councils=assessment_round.assessments.count())
    rows = ModerationSelection.objects.filter(assessment__round=assessment_round).values_list(
        "selected", "basis", "group_id"
    )
    tally = Counter()
    for selected, basis, group_id in rows:
        tally[(selected, basis)] += 1
        counts.placed += 1 if group_id else 0
    counts.selected = sum(n for (selected, _), n in tally.items() if selected)
    counts.at_risk = tally[(True, ModerationBasis.RISK)]
    counts.drawn = tally[(True, ModerationBasis.DRAW)]
    counts.added = tally[(True, ModerationBasis.ADMINISTRATOR)]
    counts.removed = tally[(False, ModerationBasis.ADMINISTRATOR)]
    counts.submitted = assessment_round.assessments.filter(
        moderation__selected=True, moderation_form__submitted_at__isnull=False
    ).count()
    counts.outcomes = assessment_round.assessments.filter(moderation_outcome__isnull=False).count()
    return counts


def draw_of(*, assessment_round) -> ModerationDraw | None:
    return ModerationDraw.objects.filter(round=assessment_round).select_related("drawn_by").first()


@dataclass
class DaySummary:
    day: ModerationDay
    councils: int
    groups: int

    @property
    def too_few(self) -> bool:
        return self.councils < DAY_MIN

    @property
    def too_many(self) -> bool:
        return self.councils > DAY_MAX


def round_days(*, assessment_round) -> list[DaySummary]:
    """The round's moderation days with how many councils and groups each has."""
    days = ModerationDay.objects.filter(round=assessment_round).annotate(
        n_councils=Count("groups__selections", distinct=True),
        n_groups=Count("groups", distinct=True),
    )
    return [DaySummary(day=d, councils=d.n_councils, groups=d.n_groups) for d in days]


def unplaced(*, assessment_round) -> QuerySet[Assessment]:
    """Councils selected for moderation and not yet on a day, with their Lead (to place them)."""
    return (
        Assessment.objects.filter(
            round=assessment_round, moderation__selected=True, moderation__group__isnull=True
        )
        .select_related("council")
        .prefetch_related(_assignments())
        .order_by("council__name")
    )


@dataclass
class DayCouncil:
    """A council on a moderation day: who presents it, its form, grades and outcome."""

    assessment: Assessment
    selection: ModerationSelection
    form: object
    outcome: object
    lead: Assignment | None
    hmi: Assignment | None
    brm: Assignment | None
    grades: list[tuple[str, int | None]] = field(default_factory=list)
    # Step 4 changed after the form went in: the day would not see what was submitted.
    changed_since_submitted: bool = False
    # The form's reasons or areas of concern edited since it was last submitted.
    form_changed_since_submitted: bool = False
    # What the person looking may do (set by the view, from the rules).
    can_view_form: bool = False
    can_record: bool = False

    @property
    def submitted(self) -> bool:
        return bool(self.form and self.form.submitted_at)


@dataclass
class DayGroup:
    group: object
    councils: list[DayCouncil]


def _step4(assessments) -> tuple[dict, dict]:
    """Each assessment's Step 4 grades by judgement pk, and the revisions they stand at."""
    grades: dict[int, dict[int, int | None]] = {}
    current: dict[int, set[int]] = {}
    rows = SummativeJudgement.objects.filter(assessment__in=assessments).select_related("current")
    for row in rows:
        grade = row.current.content.get("grade") if row.current_id else None
        grades.setdefault(row.assessment_id, {})[row.judgement_id] = grade
        if row.current_id:
            current.setdefault(row.assessment_id, set()).add(row.current_id)
    return grades, current


def forms_changed_since_submitted(forms) -> set[int]:
    """The assessments whose submitted Moderation Form now says something other than what was
    last submitted: the audit entry of each submission keeps its reasons and areas of concern,
    so nothing more is stored on the form. One query for any number of forms."""
    submitted = {f.assessment_id: f for f in forms if f is not None and f.submitted_at}
    if not submitted:
        return set()
    entries = (
        AuditEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(Assessment),
            target_id__in=[str(pk) for pk in submitted],
            verb__in=[SUBMITTED, RESUBMITTED],
        )
        .order_by("target_id", "-at", "-id")
        .values_list("target_id", "after")
    )
    latest: dict[int, dict] = {}
    for target_id, after in entries:
        latest.setdefault(int(target_id), after or {})
    return {
        pk
        for pk, form in submitted.items()
        if pk in latest
        and (latest[pk].get("reasons"), latest[pk].get("concerns")) != (form.reasons, form.concerns)
    }


def day_groups(*, day: ModerationDay) -> list[DayGroup]:
    """The day's groups, each with its councils: the Lead who presents each (002 §H: "usually
    by the lead HMI or BRM"), the HMI and BRM, the form, the proposed Step 4 grades and the
    outcome."""
    selections = (
        ModerationSelection.objects.filter(group__day=day)
        .select_related(
            "group",
            "assessment__council",
            "assessment__round__framework_version",
            "assessment__moderation_form",
            "assessment__moderation_outcome",
        )
        .prefetch_related(_assignments("assessment__assignments"))
        .order_by("group__name", "assessment__council__name")
    )
    selections = list(selections)
    assessments = [s.assessment for s in selections]
    judgements = required_judgements(assessments[0]) if assessments else []
    grades, current = _step4(assessments)
    edited = forms_changed_since_submitted(
        related_or_none(a, "moderation_form") for a in assessments
    )
    by_group = {g.pk: DayGroup(group=g, councils=[]) for g in day.groups.all()}
    for selection in selections:
        assessment = selection.assessment
        people = inspectors(assessment)
        form = related_or_none(assessment, "moderation_form")
        outcome = related_or_none(assessment, "moderation_outcome")
        mine = grades.get(assessment.pk, {})
        submitted = set((form.steps or {}).get("summative", [])) if form else set()
        by_group[selection.group_id].councils.append(
            DayCouncil(
                assessment=assessment,
                selection=selection,
                form=form,
                outcome=outcome,
                grades=[(j.title, mine.get(j.pk)) for j in judgements],
                changed_since_submitted=bool(
                    form
                    and form.submitted_at
                    and outcome is None
                    and submitted != current.get(assessment.pk, set())
                ),
                form_changed_since_submitted=outcome is None and assessment.pk in edited,
                **people,
            )
        )
    return list(by_group.values())
