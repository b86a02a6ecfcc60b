"""Benchmarking on a moderation day (issue 6 §6; 002 §H: "Benchmarking by comparing trails of
evidence and conclusions reached"): the similarity of data profiles, and where similar evidence
led to different grades."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ecm.authorities.tests.factories import CouncilFactory
from ecm.meetings import benchmarking
from ecm.meetings.benchmarking import Likeness, day_benchmarks, likeness, nearest, position
from ecm.meetings.selectors.moderation import moderation_day_queryset
from ecm.meetings.services import moderation as services
from ecm.performance.models import Comparison
from ecm.performance.selectors import profile_comparisons
from ecm.performance.tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

DAY = date(2007, 9, 12)  # a Wednesday between the analysis stage and the final letter


def compare(indicator, council, *, rank, rank_of=11, year=2007, vs_england="similar"):
    """A hand-made Comparison row, as the engine would have written it."""
    return Comparison.objects.create(
        indicator=indicator,
        council=council,
        period=str(year),
        end_year=year,
        value=50.0,
        england=50.0,
        rank=rank,
        rank_of=rank_of,
        vs_england=vs_england,
        trend="",
    )


@pytest.fixture
def indicators(db):
    return [IndicatorFactory(code=f"BM{n}", outcome="staying_safe") for n in range(6)]


# --- The maths ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rank", "rank_of", "expected"),
    [(1, 11, 0.0), (11, 11, 1.0), (6, 11, 0.5), (3, 5, 0.5), (None, 11, None), (1, 1, None)],
)
def test_a_position_runs_from_the_best_0_to_the_worst_1_issue_6_6(rank, rank_of, expected):
    assert position(rank, rank_of) == expected


def test_likeness_is_the_mean_absolute_difference_over_shared_indicators_issue_6_6():
    mine = {1: 0.0, 2: 0.5, 3: 1.0, 4: 0.2, 5: 0.4, 6: 0.9}
    theirs = {1: 0.1, 2: 0.5, 3: 0.8, 4: 0.2, 5: 0.7, 7: 0.0}  # 6 and 7 not shared

    alike = likeness(mine, theirs)

    assert alike.shared == 5
    assert alike.distance == pytest.approx((0.1 + 0 + 0.2 + 0 + 0.3) / 5)


def test_fewer_than_five_shared_indicators_say_too_little_to_compare_issue_6_6():
    mine = {1: 0.0, 2: 0.5, 3: 1.0, 4: 0.2}
    assert likeness(mine, dict(mine)) is None
    assert likeness(mine | {5: 0.5}, mine | {5: 0.5}) == Likeness(distance=0.0, shared=5)


def test_the_nearest_three_come_closest_first_and_never_the_council_itself_issue_6_6():
    base = {i: 0.5 for i in range(5)}
    positions = {
        1: base,
        2: {i: 0.6 for i in range(5)},  # 0.1 away
        3: {i: 0.5 for i in range(5)},  # the same
        4: {i: 0.9 for i in range(5)},  # 0.4 away
        5: {i: 0.7 for i in range(5)},  # 0.2 away
        6: {i: 0.5 for i in range(4)},  # the same, but only four shared
    }

    found = nearest(1, positions, [1, 2, 3, 4, 5, 6])

    assert [pk for pk, _ in found] == [3, 2, 5]
    assert found[1][1].distance == pytest.approx(0.1)


def test_ties_go_to_the_council_sharing_more_indicators_issue_6_6():
    positions = {
        1: {i: 0.5 for i in range(8)},
        2: {i: 0.5 for i in range(5)},
        3: {i: 0.5 for i in range(8)},
    }
    assert [pk for pk, _ in nearest(1, positions, [2, 3])] == [3, 2]


def test_differences_list_the_judgements_both_graded_differently_issue_6_6():
    mine = {"overall": ("Overall", 3), "safe": ("Staying safe", 2), "healthy": ("Healthy", 3)}
    theirs = {"overall": ("Overall", 3), "safe": ("Staying safe", 3)}
    assert benchmarking.differences(mine, theirs) == [("Staying safe", 2, 3)]


def test_positions_from_hand_made_comparison_rows_use_the_latest_period_issue_6_6(indicators):
    a, b = CouncilFactory(), CouncilFactory()
    for n, indicator in enumerate(indicators):
        compare(indicator, a, rank=1 + n)
        compare(indicator, b, rank=11 - n)
    compare(indicators[0], a, rank=11, year=2008)  # after the round's year: not used
    compare(indicators[1], a, rank=None, rank_of=None, year=2006)  # older: the 2007 row wins

    rows = profile_comparisons(council=None, year=2007).values(
        "council_id", "indicator_id", "rank", "rank_of"
    )
    positions = benchmarking.positions_of(rows)

    assert positions[a.pk][indicators[0].pk] == 0.0
    assert positions[a.pk][indicators[1].pk] == pytest.approx(0.1)
    assert positions[b.pk][indicators[0].pk] == 1.0
    alike = likeness(positions[a.pk], positions[b.pk])
    assert alike.shared == 6
    # |0-1|, |0.1-0.9|, |0.2-0.8|, |0.3-0.7|, |0.4-0.6|, |0.5-0.5|
    assert alike.distance == pytest.approx((1 + 0.8 + 0.6 + 0.4 + 0.2 + 0) / 6)


def test_the_profile_counts_better_similar_worse_than_england_by_outcome_issue_6_6():
    rows = [
        {"council_id": 1, "indicator__outcome": "staying_safe", "vs_england": "better"},
        {"council_id": 1, "indicator__outcome": "staying_safe", "vs_england": "worse"},
        {"council_id": 1, "indicator__outcome": "being_healthy", "vs_england": "similar"},
        {"council_id": 1, "indicator__outcome": "being_healthy", "vs_england": "higher"},
    ]
    (healthy, safe) = benchmarking.profiles_of(rows)[1]
    assert (healthy.outcome, healthy.better, healthy.similar, healthy.worse) == (
        "Being healthy",
        0,
        1,
        0,
    )
    assert (safe.outcome, safe.better, safe.worse) == ("Staying safe", 1, 1)


# --- The day's benchmarks ----------------------------------------------------------------------


@pytest.fixture
def on_day(programme_administrator):
    """Put assessments on a new moderation day of their round, in one group."""

    def put(*assessments):
        day = services.moderation_day_add(
            actor=programme_administrator,
            assessment_round=assessments[0].round,
            day=DAY,
            groups=1,
        )
        group = day.groups.get()
        for assessment in assessments:
            services.moderation_choose(
                actor=programme_administrator, assessment=assessment, selected=True, reason="Test"
            )
            services.moderation_place(
                actor=programme_administrator, assessment=assessment, group=group
            )
        return moderation_day_queryset().get(pk=day.pk)

    return put


@pytest.fixture
def profiled(make_assessment, write_steps, indicators):
    """Assessments of new councils, each with Step 4 graded and figures whose ranks are given."""

    def make(ranks, *, name, grades=None, graded=True):
        assessment = make_assessment(council=CouncilFactory(name=name))
        for indicator, rank in zip(indicators, ranks, strict=False):
            compare(indicator, assessment.council, rank=rank, vs_england="better")
        if graded:
            write_steps(assessment, grades=grades, sign=False)
        return assessment

    return make


def test_the_day_sets_each_council_beside_the_most_similar_graded_councils_issue_6_6(
    profiled, on_day
):
    presented = profiled([1, 2, 3, 4, 5, 6], name="Alphaton")
    twin = profiled([1, 2, 3, 4, 5, 6], name="Betaford", grades={"staying_safe": 1})
    near = profiled([2, 3, 4, 5, 6, 7], name="Gammaby")
    far = profiled([11, 10, 9, 8, 7, 6], name="Deltaham")
    profiled([1, 2, 3, 4, 5, 6], name="Ungraded", graded=False)  # no grades: not compared
    profiled([1, 2, 3, 4], name="Thin")  # four indicators shared: too few
    day = on_day(presented)

    (bench,) = day_benchmarks(day=day)

    assert bench.assessment == presented
    assert [n.assessment for n in bench.neighbours] == [twin, near, far]
    assert bench.neighbours[0].differences == [("Staying safe", 3, 1)]
    assert bench.neighbours[1].differences == []
    assert bench.neighbours[1].likeness.distance == pytest.approx(0.1)
    assert ("Staying safe", 3) in bench.grades
    assert bench.indicators == 6
    (safe,) = bench.profile
    assert (safe.outcome, safe.better) == ("Staying safe", 6)


def test_an_inspector_who_only_presents_compares_with_the_days_councils_issue_6_6(profiled, on_day):
    presented = profiled([1, 2, 3, 4, 5, 6], name="Alphaton")
    also_on_day = profiled([2, 3, 4, 5, 6, 7], name="Gammaby")
    profiled([1, 2, 3, 4, 5, 6], name="Betaford")  # more alike, but not on the day
    day = on_day(presented, also_on_day)

    first, _ = day_benchmarks(day=day, whole_round=False)

    assert [n.assessment for n in first.neighbours] == [also_on_day]


def test_benchmarking_takes_a_fixed_number_of_queries_whatever_the_councils_issue_6_6(
    profiled, on_day, programme_administrator
):
    few = [profiled([1, 2, 3, 4, 5, 6], name=f"Few {n}") for n in range(2)]
    day = on_day(*few)
    with CaptureQueriesContext(connection) as small:
        assert len(day_benchmarks(day=day)) == 2

    more = [profiled([n, 2, 3, 4, 5, 6], name=f"More {n}") for n in range(1, 5)]
    group = day.groups.get()
    for assessment in more:
        services.moderation_choose(
            actor=programme_administrator, assessment=assessment, selected=True, reason="Test"
        )
        services.moderation_place(actor=programme_administrator, assessment=assessment, group=group)
    with CaptureQueriesContext(connection) as large:
        assert len(day_benchmarks(day=day)) == 6

    assert len(large.captured_queries) == len(small.captured_queries)
