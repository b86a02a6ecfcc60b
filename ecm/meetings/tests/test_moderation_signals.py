"""Whom to moderate (002 §H: "50% of authorities"): signs of risk first, each at its boundary,
then a draw anyone can repeat from its seed (ecm.meetings.moderation_signals)."""

from types import SimpleNamespace

import pytest

from ecm.analysis.warnings import notebook_warnings
from ecm.authorities.tests.factories import CouncilFactory
from ecm.meetings.moderation_signals import (
    FAR,
    MANY_WARNINGS,
    WEAK_COVERAGE,
    Signal,
    data_coverage,
    proposal,
    risk_signals,
    target_for,
)
from ecm.performance.models import Comparison
from ecm.performance.tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def signals_of(assessment) -> list[Signal]:
    return risk_signals(assessments=[assessment], assessment_round=assessment.round)[assessment.pk]


def codes_of(assessment) -> list[str]:
    return [s.code for s in signals_of(assessment)]


# --- About half (002 §H) ----------------------------------------------------------------------


@pytest.mark.parametrize(("count", "target"), [(150, 75), (12, 6), (7, 4), (1, 1), (0, 0)])
def test_about_half_of_councils_rounding_up_002_s_h(count, target):
    assert target_for(count) == target


def fakes(count: int) -> list:
    return [SimpleNamespace(pk=pk) for pk in range(1, count + 1)]


def chosen(proposals) -> list[int]:
    return sorted(p.assessment.pk for p in proposals if p.selected)


def test_the_same_seed_gives_the_same_draw_002_s_h():
    first = proposal(assessments=fakes(12), signals={}, seed="apa-2007", keep={})
    again = proposal(assessments=list(reversed(fakes(12))), signals={}, seed="apa-2007", keep={})
    assert chosen(first) == chosen(again)
    assert [p.draw_order for p in first] == [p.draw_order for p in again]
    assert len(chosen(first)) == 6 and all(p.basis == "draw" for p in first)


def test_another_seed_gives_another_draw_002_s_h():
    first = proposal(assessments=fakes(12), signals={}, seed="apa-2007", keep={})
    other = proposal(assessments=fakes(12), signals={}, seed="apa-2007-again", keep={})
    assert chosen(first) != chosen(other)
    assert len(chosen(other)) == 6


def test_councils_with_signs_of_risk_come_before_the_draw_most_signs_first_002_s_h():
    """Four councils, two places: the council with two signs always has one; one of the two
    with one sign has the other; the council with none never, whatever the seed."""
    sign = Signal("coverage", "Figures for 40% of the round's indicators")
    signals = {1: [sign], 2: [sign, sign], 3: [sign], 4: []}
    seen = set()
    for seed in ("a", "b", "c", "d", "e", "f", "g", "h"):
        proposals = proposal(assessments=fakes(4), signals=signals, seed=seed, keep={})
        picked = chosen(proposals)
        assert 2 in picked and 4 not in picked and len(picked) == 2
        seen.add(tuple(picked))
        by_pk = {p.assessment.pk: p for p in proposals}
        assert by_pk[2].basis == "risk" and by_pk[4].basis == "draw"
    assert seen == {(1, 2), (2, 3)}  # between equals, the draw decides


def test_the_administrators_choices_stand_and_count_towards_half_issue_6_s4():
    keep = {1: True, 2: False}
    proposals = proposal(
        assessments=fakes(4),
        signals={2: [Signal("coverage", "thin")]},
        seed="x",
        keep=keep,
    )
    by_pk = {p.assessment.pk: p for p in proposals}
    assert by_pk[1].selected and by_pk[1].basis == "administrator"
    assert not by_pk[2].selected and by_pk[2].basis == "administrator"  # despite its sign
    assert len(chosen(proposals)) == 2  # the administrator's one and one drawn


# --- Signs of risk, each at its boundary ------------------------------------------------------


def test_a_judgement_two_grades_from_last_years_is_a_sign_of_risk_issue_6_s4(
    assessment, make_assessment, council, write_steps
):
    """The 2006 judgement set names the overall judgement "overall", 2007's
    "overall_effectiveness": the same judgement (SAME_AS)."""
    last_year = make_assessment(council=council, year=2006)
    write_steps(last_year, grade=3, grades={"overall": 1}, sign=False)
    write_steps(assessment, grade=3, sign=False)
    assert FAR == 2  # proposed 3, last year 1
    (signal,) = [s for s in signals_of(assessment) if s.code == "last_year"]
    assert signal.text == "Overall effectiveness of children's services: proposed 3, last year 1"


def test_a_judgement_one_grade_from_last_years_is_no_sign_issue_6_s4(
    assessment, make_assessment, council, write_steps
):
    last_year = make_assessment(council=council, year=2006)
    write_steps(last_year, grade=3, grades={"overall": 2, "capacity_to_improve": 4}, sign=False)
    write_steps(assessment, grade=3, sign=False)
    assert "last_year" not in codes_of(assessment)


def test_capacity_to_improve_is_compared_with_last_year_by_its_shared_code_issue_6_s4(
    assessment, make_assessment, council, write_steps
):
    last_year = make_assessment(council=council, year=2006)
    write_steps(last_year, grade=3, grades={"capacity_to_improve": 1}, sign=False)
    write_steps(assessment, grade=3, sign=False)
    texts = [s.text for s in signals_of(assessment) if s.code == "last_year"]
    assert texts == [
        "Capacity to improve, including the management of children's services: proposed 3, "
        "last year 1"
    ]


def test_another_councils_last_year_is_not_compared_issue_6_s4(
    assessment, make_assessment, other_council, write_steps
):
    elsewhere = make_assessment(council=other_council, year=2006)
    write_steps(elsewhere, grade=1, sign=False)
    write_steps(assessment, grade=3, sign=False)
    assert "last_year" not in codes_of(assessment)


def test_a_judgement_two_grades_from_the_councils_own_is_a_sign_of_risk_000_part_b_issue_6_s4(
    assessment, write_steps, submit_self_assessment
):
    submit_self_assessment(assessment, grades={"being_healthy": 1})
    write_steps(assessment, grade=3, sign=False)
    (signal,) = [s for s in signals_of(assessment) if s.code == "own_grade"]
    assert signal.text == "Being healthy: proposed 3, the council's own 1"


def test_a_judgement_one_grade_from_the_councils_own_is_no_sign_000_part_b_issue_6_s4(
    assessment, write_steps, submit_self_assessment
):
    submit_self_assessment(assessment, grades={"being_healthy": 2, "staying_safe": 4})
    write_steps(assessment, grade=3, sign=False)
    assert "own_grade" not in codes_of(assessment)


def _compare(indicator, council, *, year=2007, value=50.0):
    return Comparison.objects.create(
        indicator=indicator,
        council=council,
        period=str(year),
        end_year=year,
        value=value,
        vs_england="similar",
        trend="",
    )


def test_data_coverage_below_sixty_per_cent_is_a_sign_of_risk_issue_6_s4(
    make_assessment, council, other_council
):
    third_council = CouncilFactory()
    thin, at_the_line, full = (
        make_assessment(council=c) for c in (council, other_council, third_council)
    )
    indicators = [IndicatorFactory() for _ in range(5)]
    for indicator in indicators:
        _compare(indicator, third_council)
    for indicator in indicators[:3]:
        _compare(indicator, other_council)
    for indicator in indicators[:2]:
        _compare(indicator, council)
    _compare(indicators[2], council, value=None)  # no figure is not coverage
    _compare(indicators[3], council, year=2008)  # nor is a figure for a later year

    coverage = data_coverage(councils=[council, other_council, third_council], year=2007)
    assert coverage == {council.pk: 0.4, other_council.pk: 0.6, third_council.pk: 1.0}
    assert coverage[other_council.pk] == WEAK_COVERAGE  # the boundary itself is not "below"
    found = risk_signals(assessments=[thin, at_the_line, full], assessment_round=thin.round)
    assert found[thin.pk] == [Signal("coverage", "Figures for 40% of the round's indicators")]
    assert found[at_the_line.pk] == [] and found[full.pk] == []


def test_no_figures_in_the_round_at_all_is_no_sign_for_any_council(assessment):
    """Before the dataset is imported, nobody's coverage can be judged."""
    assert data_coverage(councils=[assessment.council], year=2007) == {}
    assert codes_of(assessment) == []


def test_three_consistency_warnings_are_a_sign_of_risk_002_s_e_issue_6_s4(assessment, write_steps):
    """Overall good with two outcomes inadequate (two warnings, 002 §E.iv) and capacity graded
    without its dimensions (one warning, 002 §E.v): three."""
    required = write_steps(
        assessment, grade=3, grades={"being_healthy": 1, "staying_safe": 1}, sign=False
    )
    assert len(notebook_warnings(assessment=assessment, judgements=required)) == MANY_WARNINGS
    assert Signal("warnings", "3 consistency warnings") in signals_of(assessment)


def test_two_consistency_warnings_are_no_sign_002_s_e_issue_6_s4(assessment, write_steps):
    required = write_steps(assessment, grade=3, grades={"being_healthy": 1}, sign=False)
    assert len(notebook_warnings(assessment=assessment, judgements=required)) == 2
    assert "warnings" not in codes_of(assessment)


def test_an_unjudged_notebook_shows_no_sign_of_risk(assessment):
    """Issue 6 §4: signs of risk are read from the judgements proposed; none, no sign."""
    assert signals_of(assessment) == []
