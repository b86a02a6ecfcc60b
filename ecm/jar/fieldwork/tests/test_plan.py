"""The fieldwork plan's rules without the database (issue 24 §2; 001 "Enhanced Youth
Inspection": "the majority of visits will be in week one, with week two being used for joint
meetings with JAR inspectors or to follow up lines of enquiry"; DOMAIN.md §4 "fieldwork weeks 1
and 2")."""

from datetime import date

import pytest

from ecm.jar.fieldwork import plan
from ecm.jar.fieldwork.plan import Planned, Week

# 001 appendix: "Fieldwork week 1 15-19 Oct 2007", "Fieldwork week 2 and feedback 22-26 Oct 2007".
WEEKS = [
    Week(1, date(2007, 10, 15), date(2007, 10, 19)),
    Week(2, date(2007, 10, 22), date(2007, 10, 26)),
]
LINES = [("safeguarding", "Safeguarding"), ("ldd", "LDD")]


@pytest.mark.parametrize(
    ("day", "week"),
    [
        (date(2007, 10, 15), 1),
        (date(2007, 10, 19), 1),
        (date(2007, 10, 20), None),  # a Saturday between the weeks
        (date(2007, 10, 22), 2),
        (date(2007, 10, 26), 2),
        (date(2007, 10, 29), None),
        (date(2007, 10, 12), None),
    ],
)
def test_a_day_falls_in_fieldwork_week_one_or_two_001_appendix(day, week):
    assert plan.week_of(day, WEEKS) == week


def test_a_weekend_or_bank_holiday_is_refused_as_not_a_working_day_001_appendix():
    assert "a Saturday" in plan.day_problem(date(2007, 10, 20), WEEKS)
    christmas = [
        Week(1, date(2007, 12, 24), date(2007, 12, 31)),
        Week(2, date(2008, 1, 2), date(2008, 1, 8)),
    ]
    assert "Christmas Day" in plan.day_problem(date(2007, 12, 25), christmas)
    outside = plan.day_problem(date(2007, 11, 5), WEEKS)
    assert "15 October to 19 October 2007" in outside and "22 October to 26 October 2007" in outside
    assert plan.day_problem(date(2007, 10, 23), WEEKS) is None


def _visits(first: int, second: int) -> list[Planned]:
    return [Planned(1, plan.VISIT, "safeguarding")] * first + [
        Planned(2, plan.VISIT, "ldd")
    ] * second


@pytest.mark.parametrize(
    ("first", "second", "warned"),
    [(3, 1, False), (2, 1, False), (2, 2, True), (1, 3, True), (0, 2, True)],
)
def test_most_visits_not_in_week_one_is_warned_with_the_seeds_words_001(first, second, warned):
    """001 'the majority of visits will be in week one': more than half, else a warning that
    quotes the seed (a warning, never a refusal: 001 says 'majority')."""
    warnings = plan.plan_warnings(_visits(first, second), LINES)
    about_visits = [w for w in warnings if "visits are planned in week one" in w]
    assert bool(about_visits) == warned
    if warned:
        assert f"{first} of {first + second} visits" in about_visits[0]
        assert plan.MAJORITY_QUOTE in about_visits[0]
        assert "001" not in about_visits[0]  # cited in words


def test_a_plan_without_visits_is_warned_001():
    warnings = plan.plan_warnings([Planned(2, plan.JOINT_MEETING, "safeguarding")], LINES)
    assert any(w.startswith("No visit is planned yet") for w in warnings)


def test_a_line_of_enquiry_with_nothing_planned_is_warned_001():
    """001: week two is 'to follow up lines of enquiry': each line should have some activity."""
    warnings = plan.plan_warnings(_visits(2, 0), LINES)
    assert warnings == [
        'Nothing is planned for the line of enquiry "LDD": plan a visit, a meeting or a '
        "follow-up for it"
    ]
    assert plan.plan_warnings(_visits(2, 1), LINES) == []
