"""Signs of risk that put a council forward for moderation (issue 6 §4; 002 §H).

About half of councils are moderated (002 §H). Councils showing signs of risk come first: a
proposed judgement far from last year's, far from the council's own grade, weak data coverage,
or many consistency warnings; a reproducible random draw makes up the rest. The thresholds are
settings of ours in config/settings.py, explained in docs/decisions/0018-moderation-selection.md.
"""

import math
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count

from ecm.analysis.models import SummativeJudgement
from ecm.analysis.selectors import required_judgements
from ecm.analysis.warnings import notebook_warnings, self_grades
from ecm.apa.models import Assessment
from ecm.performance.models import Comparison

# The thresholds are settings of ours, not the handbook's (config/settings.py, "Settings of
# ours, not rules of the seeds"). Two grades apart on a four-point scale: one grade is an
# ordinary difference of view, two means the evidence and the other view disagree about which
# side of the line the council is.
FAR = settings.MODERATION_RISK_GRADES_APART
# Below this share of the round's indicators, the data profile is too thin to lean on.
WEAK_COVERAGE = settings.MODERATION_RISK_WEAK_COVERAGE
# As many consistency warnings (the handbook, section E.iv-v) as this, or more, is "many".
MANY_WARNINGS = settings.MODERATION_RISK_MANY_WARNINGS
SHARE = 0.5  # 002 §H: "50% of authorities" - the handbook's own number

# Judgement codes that mean the same thing in different rounds' judgement sets.
SAME_AS = {"overall": "overall", "overall_effectiveness": "overall", "council_overall": "overall"}


@dataclass(frozen=True)
class Signal:
    code: str
    text: str

    def as_dict(self) -> dict:
        return {"code": self.code, "text": self.text}


@dataclass
class Proposal:
    assessment: object
    signals: list[Signal] = field(default_factory=list)
    draw_order: int = 0
    selected: bool = False
    basis: str = ""


def target_for(count: int) -> int:
    """About half, rounding up: 150 councils give 75, 7 give 4."""
    return math.ceil(count * SHARE)


def _same(code: str) -> str:
    return SAME_AS.get(code, code)


def step4_grades(assessments) -> dict[int, dict[str, tuple[str, int]]]:
    """Each assessment's Step 4 grades, by judgement code: {pk: {code: (title, grade)}}. One
    query whatever the number of assessments."""
    found: dict[int, dict[str, tuple[str, int]]] = defaultdict(dict)
    rows = SummativeJudgement.objects.filter(assessment__in=assessments).select_related(
        "current", "judgement"
    )
    for row in rows:
        grade = row.current.content.get("grade") if row.current_id else None
        if grade is not None:
            found[row.assessment_id][row.judgement.code] = (row.judgement.title, grade)
    return found


def data_coverage(*, councils, year: int) -> dict[int, float]:
    """The share of the indicators with figures for the round's year (or before) that each
    council has a value for."""

    rows = Comparison.objects.filter(end_year__lte=year, value__isnull=False)
    total = rows.values("indicator").distinct().count()
    if total == 0:
        return {}
    counts = dict(
        rows.filter(council__in=councils)
        .values("council")
        .annotate(n=Count("indicator", distinct=True))
        .values_list("council", "n")
    )
    return {council.pk: counts.get(council.pk, 0) / total for council in councils}


def risk_signals(*, assessments, assessment_round) -> dict[int, list[Signal]]:
    """The signs of risk of each assessment of the round, as they stand now."""
    assessments = list(assessments)
    proposed = step4_grades(assessments)
    last_year = Assessment.objects.filter(
        round__regime=assessment_round.regime,
        round__year=assessment_round.year - 1,
        council__in=[a.council_id for a in assessments],
    )
    previous_by_council = {a.council_id: a.pk for a in last_year}
    previous = step4_grades(last_year)
    coverage = data_coverage(councils=[a.council for a in assessments], year=assessment_round.year)
    signals: dict[int, list[Signal]] = {}
    judgements = required_judgements(assessments[0]) if assessments else []
    by_code = {j.code: j for j in judgements}
    for assessment in assessments:
        found = []
        now = proposed.get(assessment.pk, {})
        before = {
            _same(code): value
            for code, value in previous.get(
                previous_by_council.get(assessment.council_id), {}
            ).items()
        }
        for code, (title, grade) in now.items():
            old = before.get(_same(code))
            if old is not None and abs(old[1] - grade) >= FAR:
                found.append(Signal("last_year", f"{title}: proposed {grade}, last year {old[1]}"))
        if now:
            own = self_grades(assessment=assessment)
            for code, (title, grade) in now.items():
                judgement = by_code.get(code)
                outcome_code = judgement.outcome.code if judgement and judgement.outcome else None
                mine = own.get(outcome_code) if outcome_code else None
                if mine is not None and abs(mine - grade) >= FAR:
                    found.append(
                        Signal("own_grade", f"{title}: proposed {grade}, the council's own {mine}")
                    )
            warnings = notebook_warnings(assessment=assessment, judgements=judgements)
            if len(warnings) >= MANY_WARNINGS:
                found.append(Signal("warnings", f"{len(warnings)} consistency warnings"))
        share = coverage.get(assessment.council_id)
        if share is not None and share < WEAK_COVERAGE:
            found.append(Signal("coverage", f"Figures for {share:.0%} of the round's indicators"))
        signals[assessment.pk] = found
    return signals


def proposal(*, assessments, signals: dict[int, list[Signal]], seed: str, keep: dict[int, bool]):
    """Whom to moderate: `keep` holds the administrator's own choices, which stand; then those
    with signs of risk, most signs first; then the random draw, to about half. The same seed
    and the same assessments give the same draw."""
    assessments = sorted(assessments, key=lambda a: a.pk)
    order = [a.pk for a in assessments]
    # Not for secrecy: a seeded draw anyone can repeat (S311 is about cryptography).
    random.Random(seed).shuffle(order)  # noqa: S311
    position = {pk: i + 1 for i, pk in enumerate(order)}
    proposals = [Proposal(a, signals.get(a.pk, []), position[a.pk]) for a in assessments]
    target = target_for(len(proposals))
    chosen = sum(1 for selected in keep.values() if selected)
    for p in proposals:
        if p.assessment.pk in keep:
            p.selected, p.basis = keep[p.assessment.pk], "administrator"
    open_ones = [p for p in proposals if p.assessment.pk not in keep]
    for p in sorted(open_ones, key=lambda p: (-len(p.signals), p.draw_order)):
        if chosen >= target:
            break
        p.selected = True
        p.basis = "risk" if p.signals else "draw"
        chosen += 1
    for p in open_ones:
        if not p.selected:
            p.basis = "risk" if p.signals else "draw"
    return proposals
