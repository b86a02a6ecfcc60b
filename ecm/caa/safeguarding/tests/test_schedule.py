"""When each council's next full inspection is due, and why (issue 10 §3, §4; 004 "Full
inspection of local area safeguarding and services for looked after children"; DOMAIN.md §5).
The unannounced part's `serious_concerns_after` is monkeypatched: its contract is its
docstring (ecm/caa/unannounced/selectors.py)."""

from datetime import date

import pytest

from ecm.authorities.tests.factories import CouncilFactory
from ecm.caa.safeguarding import selectors
from ecm.caa.unannounced import selectors as unannounced

pytestmark = pytest.mark.django_db


@pytest.fixture
def concerns(monkeypatch):
    """Make the unannounced part report a letter raising serious concerns; records the calls."""
    calls = []

    def set_letter(letter_on: date | None, url="/caa/unannounced/letter/"):
        def serious_concerns_after(*, council, after):
            calls.append((council, after))
            if letter_on is None or (after is not None and letter_on <= after):
                return None
            return {"letter_on": letter_on, "url": url}

        monkeypatch.setattr(unannounced, "serious_concerns_after", serious_concerns_after)
        return calls

    set_letter(None)
    return set_letter


def test_004_never_inspected_is_due_within_the_three_years_from_1_april_2009(council, concerns):
    """004: "This inspection will begin from 1st April 2009 with all areas having an inspection
    in the following three-year period": by 31 March 2012."""
    schedule = selectors.schedule_for(council=council)
    assert schedule["due_on"] == date(2012, 3, 31)
    assert schedule["deciding"]["code"] == selectors.FIRST_CYCLE
    assert "within the three years from 1 April 2009" in schedule["deciding"]["why"]
    assert not schedule["brought_forward"] and schedule["last"] is None


def test_a_notified_inspection_is_under_way_and_the_first_cycle_still_applies(notified, council):
    schedule = selectors.schedule_for(council=council)
    assert schedule["under_way"] == notified and schedule["due_on"] == date(2012, 3, 31)


def test_004_three_years_after_the_last_inspection_ended(published, council, concerns):
    """004: "these inspections will occur every three years": from the last day on site."""
    schedule = selectors.schedule_for(council=council)
    assert schedule["due_on"] == date(2012, 10, 2)
    assert schedule["deciding"]["code"] == selectors.THREE_YEARLY
    assert "ended on 2 October 2009" in schedule["deciding"]["why"]
    assert schedule["deciding"]["url"].endswith(f"/safeguarding/{published.pk}/")
    assert schedule["under_way"] is None


@pytest.mark.parametrize(
    "section, words",
    [("safeguarding", "safeguarding"), ("lac", "services for looked after children")],
)
def test_004_within_12_months_when_either_overall_effectiveness_is_inadequate(
    visited, judge, publish, council, section, words, concerns
):
    """004: "Where an inspection judges overall effectiveness of either safeguarding or services
    for looked after children as inadequate, a further inspection will follow within 12
    months": 12 months from the report."""
    inspection = judge(visited, {section: {"overall_effectiveness": 1}})
    before = selectors.schedule_for(council=council)
    assert before["deciding"]["code"] == selectors.THREE_YEARLY, "unpublished: not yet"
    publish(inspection, on=date(2009, 10, 20))
    schedule = selectors.schedule_for(council=council)
    assert schedule["due_on"] == date(2010, 10, 20)
    assert schedule["deciding"]["code"] == selectors.INADEQUATE
    assert f"overall effectiveness of {words} inadequate" in schedule["deciding"]["why"]
    assert schedule["brought_forward"]
    assert schedule["deciding"]["url"].endswith("/report/")
    assert [r["code"] for r in schedule["reasons"]] == [
        selectors.INADEQUATE,
        selectors.THREE_YEARLY,
    ]


def test_004_both_inadequate_are_named(visited, judge, publish, council, concerns):
    inspection = judge(
        visited, {"safeguarding": {"overall_effectiveness": 1}, "lac": {"overall_effectiveness": 1}}
    )
    publish(inspection)
    why = selectors.schedule_for(council=council)["deciding"]["why"]
    assert "of safeguarding and of services for looked after children inadequate" in why


def test_004_serious_concerns_bring_the_inspection_forward(council, concerns):
    """004 (unannounced inspections): "If serious concerns are raised during the inspection, the
    full three-yearly inspection of safeguarding will be brought forward": to three months
    after the letter (the inspectorate's setting in library/safeguarding-2009.yaml)."""
    calls = concerns(date(2009, 6, 26), url="/caa/unannounced/7/")
    schedule = selectors.schedule_for(council=council)
    assert calls[-1] == (council, None), "never inspected: any letter counts"
    assert schedule["due_on"] == date(2009, 9, 26)
    assert schedule["deciding"]["code"] == selectors.SERIOUS_CONCERNS
    assert schedule["deciding"]["url"] == "/caa/unannounced/7/"
    assert "26 June 2009 raised serious concerns" in schedule["deciding"]["why"]
    assert schedule["brought_forward"]
    assert [r["code"] for r in schedule["reasons"]] == [
        selectors.SERIOUS_CONCERNS,
        selectors.FIRST_CYCLE,
    ]


def test_004_only_concerns_after_the_last_inspection_count(published, council, concerns):
    calls = concerns(date(2009, 6, 26))
    assert selectors.schedule_for(council=council)["deciding"]["code"] == selectors.THREE_YEARLY
    assert calls[-1] == (council, date(2009, 10, 2)), "asked after the last day on site"
    concerns(date(2010, 5, 4))
    schedule = selectors.schedule_for(council=council)
    assert (schedule["due_on"], schedule["deciding"]["code"]) == (
        date(2010, 8, 4),
        selectors.SERIOUS_CONCERNS,
    )


def test_the_earliest_applicable_date_wins(visited, judge, publish, council, concerns):
    inspection = judge(visited, {"lac": {"overall_effectiveness": 1}})
    publish(inspection, on=date(2009, 10, 20))
    concerns(date(2010, 9, 1))  # 1 December 2010: later than the 12 months
    schedule = selectors.schedule_for(council=council)
    assert [r["due_on"] for r in schedule["reasons"]] == [
        date(2010, 10, 20),
        date(2010, 12, 1),
        date(2012, 10, 2),
    ]
    assert schedule["deciding"]["code"] == selectors.INADEQUATE


def test_the_programme_lists_every_council_soonest_first(
    council, other_council, published, concerns
):
    third = CouncilFactory()
    concerns(None)
    schedules = selectors.programme()
    due = [
        (s["council"], s["due_on"])
        for s in schedules
        if s["council"] in (council, other_council, third)
    ]
    assert due[-1] == (council, date(2012, 10, 2))
    assert {c for c, d in due[:-1]} == {other_council, third}
    assert [s["due_on"] for s in schedules] == sorted(s["due_on"] for s in schedules)
