"""Benchmarking on a moderation day (issue 6 §6; 002 §H: "Benchmarking by comparing trails of
evidence and conclusions reached" and "agreement on the way in which the LSIF four-point scale
applies to the judgements").

For each council on the day: its proposed Step 4 grades, a summary of its data profile, and the
councils of the round whose profiles are most like its own, with the judgements where they
reached different grades ("similar evidence, different grades"), so the group can agree how
the scale applies.

Similarity is the mean absolute difference of two councils' percentile positions over the
indicators both have figures for. A position is (rank - 1) / (rank_of - 1): 0 is the best in
England, 1 the worst, whatever the number of councils ranked, so indicators of different sizes
weigh the same. Fewer than MIN_SHARED indicators in common says too little to compare.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings

from ecm.analysis.selectors import required_judgements
from ecm.apa.models import Assessment, ModerationSelection
from ecm.meetings.moderation_signals import step4_grades
from ecm.performance.models import Outcome
from ecm.performance.selectors import profile_comparisons

# Numbers of ours, not the handbook's: config/settings.py, "Settings of ours, not rules of the
# seeds".
MIN_SHARED = settings.MODERATION_BENCHMARK_MIN_SHARED
NEAREST = settings.MODERATION_BENCHMARK_NEAREST
COMPARED = ("better", "similar", "worse")  # vs_england when the indicator has a polarity

Positions = dict[int, float]  # indicator pk -> percentile position


def position(rank: int | None, rank_of: int | None) -> float | None:
    """Where a council stands on one indicator: 0 the best, 1 the worst; None when unranked."""
    if rank is None or rank_of is None or rank_of < 2:
        return None
    return (rank - 1) / (rank_of - 1)


def positions_of(rows) -> dict[int, Positions]:
    """Each council's positions, from Comparison rows (objects or dicts with council_id,
    indicator_id, rank, rank_of)."""
    found: dict[int, Positions] = defaultdict(dict)
    for row in rows:
        get = row.get if isinstance(row, dict) else lambda name, r=row: getattr(r, name)
        where = position(get("rank"), get("rank_of"))
        if where is not None:
            found[get("council_id")][get("indicator_id")] = where
    return found


@dataclass(frozen=True)
class Likeness:
    distance: float  # mean absolute difference of positions: 0 the same, 1 opposite
    shared: int  # indicators both councils have positions for


def likeness(mine: Positions, theirs: Positions, *, min_shared: int = MIN_SHARED):
    """How alike two data profiles are, or None when they share too few indicators."""
    shared = mine.keys() & theirs.keys()
    if len(shared) < min_shared:
        return None
    total = sum(abs(mine[i] - theirs[i]) for i in shared)
    return Likeness(distance=total / len(shared), shared=len(shared))


def nearest(
    council_id: int,
    positions: dict[int, Positions],
    candidates,
    *,
    k: int = NEAREST,
    min_shared: int = MIN_SHARED,
) -> list[tuple[int, Likeness]]:
    """The k candidates (council pks) whose profiles are most like the council's: closest
    first; ties by the most indicators shared, then by pk so the order is stable."""
    mine = positions.get(council_id, {})
    found = []
    for other in candidates:
        if other == council_id:
            continue
        alike = likeness(mine, positions.get(other, {}), min_shared=min_shared)
        if alike is not None:
            found.append((other, alike))
    found.sort(key=lambda item: (item[1].distance, -item[1].shared, item[0]))
    return found[:k]


Grades = dict[str, tuple[str, int]]  # judgement code -> (title, grade), as step4_grades gives


def differences(mine: Grades, theirs: Grades) -> list[tuple[str, int, int]]:
    """The judgements both graded, with different grades: (title, my grade, their grade)."""
    return [
        (title, grade, theirs[code][1])
        for code, (title, grade) in mine.items()
        if code in theirs and theirs[code][1] != grade
    ]


@dataclass
class OutcomeProfile:
    """One performance outcome of a council's profile: how many indicators are better than,
    similar to or worse than England."""

    outcome: str
    better: int = 0
    similar: int = 0
    worse: int = 0


@dataclass
class Neighbour:
    assessment: object
    likeness: Likeness
    # "Similar evidence, different grades": (judgement title, this council's, theirs)
    differences: list[tuple[str, int, int]]


@dataclass
class Benchmark:
    assessment: object
    group: object
    grades: list[tuple[str, int | None]]
    profile: list[OutcomeProfile]
    indicators: int
    neighbours: list[Neighbour] = field(default_factory=list)


def profiles_of(rows) -> dict[int, list[OutcomeProfile]]:
    """Each council's counts of better / similar / worse than England, by outcome in the
    framework's order (the performance outcomes and service management)."""
    counts: dict[int, dict[str, OutcomeProfile]] = defaultdict(dict)
    for row in rows:
        vs = row["vs_england"]
        if vs not in COMPARED:
            continue
        outcome = row["indicator__outcome"]
        profile = counts[row["council_id"]].setdefault(outcome, OutcomeProfile(outcome))
        setattr(profile, vs, getattr(profile, vs) + 1)
    order = {o.value: n for n, o in enumerate(Outcome)}
    labels = dict(Outcome.choices)
    result = {}
    for council_id, by_outcome in counts.items():
        ordered = sorted(by_outcome.values(), key=lambda p: order.get(p.outcome, len(order)))
        for p in ordered:
            p.outcome = labels.get(p.outcome, p.outcome)
        result[council_id] = ordered
    return result


def day_benchmarks(*, day, whole_round: bool = True) -> list[Benchmark]:
    """Every council on the moderation day beside its data profile and the most similar
    councils with proposed grades. `whole_round` False keeps the comparison to the day's own
    councils (for an inspector who only presents that day and may not see other councils'
    grades). A fixed number of queries whatever the number of councils."""
    on_day = list(
        ModerationSelection.objects.filter(group__day=day)
        .select_related("group", "assessment__council", "assessment__round__framework_version")
        .order_by("group__name", "assessment__council__name")
    )
    if not on_day:
        return []
    day_assessments = [s.assessment for s in on_day]
    if whole_round:
        pool = list(Assessment.objects.filter(round=day.round_id).select_related("council"))
    else:
        pool = day_assessments
    grades = step4_grades(pool)
    graded = [a for a in pool if grades.get(a.pk)]
    councils = {a.council_id for a in graded} | {a.council_id for a in day_assessments}
    rows = list(
        profile_comparisons(council=None, year=day.round.year)
        .filter(council__in=councils)
        .values("council_id", "indicator_id", "indicator__outcome", "rank", "rank_of", "vs_england")
    )
    positions = positions_of(rows)
    profiles = profiles_of(rows)
    indicators = defaultdict(int)
    for row in rows:
        indicators[row["council_id"]] += 1
    judgements = required_judgements(day_assessments[0])

    def in_order(found: Grades) -> list[tuple[str, int | None]]:
        return [(j.title, found[j.code][1] if j.code in found else None) for j in judgements]

    by_council = {a.council_id: a for a in graded}
    result = []
    for selection in on_day:
        assessment = selection.assessment
        mine = grades.get(assessment.pk, {})
        neighbours = [
            Neighbour(
                assessment=by_council[other],
                likeness=alike,
                differences=differences(mine, grades[by_council[other].pk]),
            )
            for other, alike in nearest(assessment.council_id, positions, by_council)
        ]
        result.append(
            Benchmark(
                assessment=assessment,
                group=selection.group,
                grades=in_order(mine),
                profile=profiles.get(assessment.council_id, []),
                indicators=indicators[assessment.council_id],
                neighbours=neighbours,
            )
        )
    return result
