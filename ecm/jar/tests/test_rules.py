"""The JAR's rules without the database (issue 9 §1, §2; 001 appendix and "Case tracking"):
the timeline in working days from the programme's dates, the 100 cases' mix, pseudonymous
references, and the reproducible stratified draw of ten."""

from datetime import date

import pytest

from ecm.jar import cases
from ecm.jar.timeline import STEP_CODES, ReviewDates, timeline

# 001's own example: informed 13 April 2007, set-up meeting 15 June, analysis 24 September,
# fieldwork from 15 October.
EXAMPLE = ReviewDates(
    notified_on=date(2007, 4, 13),
    setup_meeting=date(2007, 6, 15),
    analysis_starts=date(2007, 9, 24),
    fieldwork_starts=date(2007, 10, 15),
)


def steps(d: ReviewDates = EXAMPLE) -> dict:
    return {s.code: s for s in timeline(d)}


def test_the_timeline_of_001s_example_001_appendix():
    """001 appendix "Provisional Timeline": from its four fixed dates the defaults give every
    example date exactly (issue 24 §2)."""
    found = steps()
    assert found["notified"].deadline.date == date(2007, 4, 13)  # "13 April 2007"
    assert found["cases_due"].deadline.date == date(2007, 6, 1)  # 001: "1 June 2007"
    assert found["setup_meeting"].deadline.date == date(2007, 6, 15)  # "15 June 2007"
    assert found["self_assessment_due"].deadline.date == date(2007, 8, 30)  # "30 August 2007"
    assert found["analysis"].deadline.date == date(2007, 9, 24)  # "24 to 28 Sept 2007"
    assert found["analysis"].ends == date(2007, 9, 28)
    assert found["fieldwork_1"].ends == date(2007, 10, 19)  # "15-19 Oct 2007"
    assert found["fieldwork_2"].deadline.date == date(2007, 10, 22)  # "22-26 Oct 2007"
    assert found["fieldwork_2"].ends == date(2007, 10, 26)
    assert found["headline_feedback"].deadline.date == date(2007, 10, 26)
    assert found["draft_report"].deadline.date == date(2007, 11, 28)  # "28 Nov 2007"
    assert found["comments_due"].deadline.date == date(2007, 12, 12)  # 10 working days
    assert found["draft_discussion"].deadline.date == date(2007, 12, 5)  # "5 Dec 2007"
    # "Late Jan 2008" and "Mid Feb 2008": no day; our setting gives 30 January, then 13 February.
    prepublication = found["prepublication"].deadline
    assert prepublication.date == date(2008, 1, 30) and "our setting" in prepublication.rule
    assert found["review_request_by"].deadline.date == date(2008, 2, 13)
    for step in found.values():
        assert step.deadline.rule and step.deadline.source, step


def test_the_dataset_goes_shortly_before_the_set_up_meeting_001_appendix():
    """001 appendix: "A dataset of available indicators will be sent shortly before the set-up
    meeting": "shortly" is our setting (5 working days)."""
    dataset = steps()["dataset_sent"].deadline
    assert dataset.date == date(2007, 6, 8)
    assert '"shortly before the set-up meeting"' in dataset.rule and "our setting" in dataset.rule


def test_the_meetings_at_the_end_of_the_analysis_stage_001_appendix():
    """001 appendix, 28 Sept 2007: "JAR lead inspector attends CA round table meeting with
    council and its partners to agree the focus of fieldwork. Followed by: Meeting with director
    of children's services to confirm programme for fieldwork"."""
    found = steps()
    codes = [s.code for s in timeline(EXAMPLE)]
    assert codes.index("round_table") + 1 == codes.index("fieldwork_programme_meeting")
    assert found["round_table"].deadline.date == date(2007, 9, 28)
    assert "round table" in found["round_table"].title
    assert found["fieldwork_programme_meeting"].deadline.date == date(2007, 9, 28)
    assert "confirm the programme for fieldwork" in found["fieldwork_programme_meeting"].title
    assert tuple(codes) == STEP_CODES  # the codes other parts read (what is due, reminders)


def test_comments_and_review_are_ten_working_days_across_christmas_and_easter_001():
    """001: "10 working days to make written comments"; "10 working days review period"."""
    d = ReviewDates(
        notified_on=date(2007, 9, 3),
        setup_meeting=date(2007, 10, 1),
        analysis_starts=date(2007, 10, 15),
        fieldwork_starts=date(2007, 11, 5),
        draft_report_sent=date(2007, 12, 19),
        prepublication_sent=date(2008, 3, 14),
    )
    found = steps(d)
    # 20 Dec (1) 21 (2) 24 (3) 27 (4) 28 (5) 31 (6) 2 Jan (7) 3 (8) 4 (9) 7 (10)
    assert found["comments_due"].deadline.date == date(2008, 1, 7)
    # 17 Mar (1) ... 20 (4), Good Friday and Easter Monday skipped, 25 (5) ... 31 (9), 1 Apr
    assert found["review_request_by"].deadline.date == date(2008, 4, 1)
    assert found["draft_report"].deadline.rule == "set by the programme"


def test_the_cases_are_due_two_working_weeks_before_the_set_up_meeting_001():
    d = ReviewDates(
        notified_on=date(2008, 2, 1),
        setup_meeting=date(2008, 4, 4),
        analysis_starts=date(2008, 5, 12),
        fieldwork_starts=date(2008, 6, 2),
    )
    # Ten working days before Friday 4 April 2008, across Good Friday and Easter Monday.
    assert steps(d)["cases_due"].deadline.date == date(2008, 3, 19)


def test_a_moved_fieldwork_week_moves_everything_after_it():
    later = ReviewDates(**{**EXAMPLE.__dict__, "fieldwork_starts": date(2007, 10, 22)})
    before, after = steps(), steps(later)
    assert after["headline_feedback"].deadline.date == date(2007, 11, 2)
    assert after["comments_due"].deadline.date > before["comments_due"].deadline.date
    assert after["cases_due"].deadline.date == before["cases_due"].deadline.date


def _lines(looked_after=35, protection=35, in_need=30):
    made = []
    for category, count in (
        (cases.LOOKED_AFTER, looked_after),
        (cases.CHILD_PROTECTION, protection),
        (cases.CHILD_IN_NEED, in_need),
    ):
        made += [
            cases.CaseLine(len(made) + n + 2, f"{category[:3].upper()}-{n:04d}", category)
            for n in range(count)
        ]
    return made


def test_the_mix_is_35_looked_after_35_child_protection_30_in_need_001():
    assert cases.mix_problem(_lines()) is None
    problem = cases.mix_problem(_lines(looked_after=34, in_need=31))
    assert "It holds 34 looked after children, 35 child protection, 31 children in need" in (
        problem
    )
    assert "add 1 looked after children; remove 1 children in need" in problem


@pytest.mark.parametrize(
    "reference",
    ["Jane Smith", "SMITH", "jane.smith", "12/03/2001", "LAC 2031", "", "A" * 41],
)
def test_a_name_or_a_date_of_birth_is_not_a_reference(reference):
    """Issue 9: case data holds no names."""
    assert cases.reference_problem(reference) == cases.NOT_PSEUDONYMOUS


@pytest.mark.parametrize("reference", ["LAC-2031", "CP/0042", "CIN17", "2007-0001"])
def test_case_references_pass(reference):
    assert cases.reference_problem(reference) is None


def test_the_draw_takes_ten_in_proportion_and_repeats_with_its_seed():
    assert cases.quotas() == {
        cases.LOOKED_AFTER: 4,
        cases.CHILD_PROTECTION: 3,
        cases.CHILD_IN_NEED: 3,
    }
    pools = {}
    for line in _lines():
        pools.setdefault(line.category, []).append(line.reference)
    first = cases.draw(pools, "seed-1")
    assert len(first) == 10 and len(set(first)) == 10
    shuffled = {c: list(reversed(refs)) for c, refs in pools.items()}
    assert cases.draw(shuffled, "seed-1") == first  # order of the list does not matter
    assert cases.draw(pools, "seed-2") != first
    by = {r: c for c, refs in pools.items() for r in refs}
    assert sorted(by[r] for r in first).count(cases.LOOKED_AFTER) == 4
