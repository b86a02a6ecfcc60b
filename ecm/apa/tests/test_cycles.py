"""A round's cycle is data (issue 23 §1; decision 0042): the handbook's 2005-06 cycle and the
2007 briefing's, each a versioned file whose dates, submission, discussion and pack sources
are the seed's own words. Pure: no database."""

from datetime import date

import pytest

from ecm.apa.cycles import (
    BRIEFING_2007,
    HANDBOOK_2005,
    LIBRARY_DIR,
    CycleFileError,
    cycle_key_dates,
    cycle_load,
    cycle_of,
    cycles,
)
from ecm.apa.key_dates import round_key_dates

SEED_001 = (
    "It will be based on a multi-agency review of the Children and Young People's Plan, which "
    "has to be published and submitted to Ofsted in June each year."
)


def test_both_cycles_are_bundled_and_the_handbooks_is_the_default():
    """Issue 23 §1: "the handbook's 2005-06 cycle, and 001's cycle"."""
    assert set(cycles()) == {HANDBOOK_2005, BRIEFING_2007}
    assert cycle_of(None).code == HANDBOOK_2005
    assert not cycle_of(HANDBOOK_2005).has_single_conversation
    assert cycle_of(BRIEFING_2007).has_single_conversation


def test_the_handbooks_dates_are_its_timeline_002_A():
    """002 §A: "In May each year ... an updated self-assessment"; analysis "in June and July";
    the meeting "by the end of July"; the final letter "at the end of October"; representations
    1 and 7 November (002 §J)."""
    found = {k: d.date for k, d in round_key_dates(2006).items()}
    assert found == {
        "self_assessment_due": date(2006, 5, 31),
        "analysis_starts": date(2006, 6, 1),
        "analysis_ends": date(2006, 7, 31),
        "meeting_by": date(2006, 7, 31),
        "final_letter_by": date(2006, 10, 31),
        "representation_intention_by": date(2006, 11, 1),
        "representation_submission_by": date(2006, 11, 7),
        "representation_outcomes_by": date(2006, 11, 30),
    }


def test_the_2007_cycle_is_the_briefings_CYPP_review_data_review_and_single_conversation_001():
    """001 "APA": the CYPP review "published and submitted to Ofsted in June"; "Inspectors will
    review the data in July and August, and will have the 'single conversation' ... in September
    or October, once the validated social care data is available"."""
    cycle = cycle_of(BRIEFING_2007)
    found = cycle_key_dates(cycle, 2007)
    assert found["self_assessment_due"].date == date(2007, 6, 29)  # 30 June 2007 is a Saturday
    assert (found["analysis_starts"].date, found["analysis_ends"].date) == (
        date(2007, 7, 2),
        date(2007, 8, 31),
    )
    assert (found["meeting_from"].date, found["meeting_by"].date) == (
        date(2007, 9, 3),
        date(2007, 10, 31),
    )
    assert cycle.submission["words"] == SEED_001
    assert cycle.submission_title == "CYPP review published and submitted to Ofsted"
    assert cycle.analysis_title == "Data review"
    assert cycle.discussion_title == "The single conversation"
    assert cycle.waits_for_social_care_validation
    assert "once the validated social care data is available" in cycle.discussion["words"]


def test_a_date_the_briefing_does_not_give_is_labelled_the_projects_setting_001():
    """001 gives "in June" and no day, and no date for the letter or representations: each rule
    says it is the project's setting (issue 23 §1: "the setting is labelled as the project's")."""
    found = cycle_key_dates(cycle_of(BRIEFING_2007), 2007)
    for field in (
        "self_assessment_due",
        "final_letter_by",
        "representation_intention_by",
        "representation_submission_by",
        "representation_outcomes_by",
    ):
        assert "the project's setting" in found[field].rule, field
    for field in ("analysis_starts", "analysis_ends", "meeting_from", "meeting_by"):
        assert "setting" not in found[field].rule, field
    assert found["representation_intention_by"].date == date(2008, 1, 7)


def test_the_2007_pack_sources_are_the_briefings_list_in_its_order_001():
    """001 "APA": the CYPP review "will be considered by Ofsted together with" the LSCB minutes,
    inspections of children's homes used by the authority, the dataset with outcomes for 14 to
    19 year olds, the TellUs survey, recent local inspections and the 'field force' analysis."""
    codes = [s.code for s in cycle_of(BRIEFING_2007).pack_sources]
    assert codes == [
        "cypp_review",
        "lscb_minutes",
        "childrens_homes",
        "dataset_14_19",
        "tellus_survey",
        "local_inspections",
        "field_force",
    ]
    homes = next(s for s in cycle_of(BRIEFING_2007).pack_sources if s.code == "childrens_homes")
    assert "not just those within the authorities boundaries" in homes.words
    assert cycle_of(HANDBOOK_2005).pack_sources == ()


def test_the_letter_names_the_discussion_of_its_cycle():
    """The letter's wording follows the round's cycle (issue 23 §1)."""
    assert cycle_of(BRIEFING_2007).letter_discussion_words == "the single conversation"
    assert cycle_of(HANDBOOK_2005).letter_discussion_words == "the meeting"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("kind: single_conversation", "kind: chat"), "discussion kind must be meeting"),
        (("due: {last_working_day_of: 6}", "due: {last_working_day_of: 13}"), "submission due"),
        (("  - code: lscb_minutes", "  - code: cypp_review"), "pack source 2"),
        (("schema: 1", "schema: 2"), "schema must be 1"),
    ],
)
def test_a_broken_cycle_file_is_refused_with_its_line(tmp_path, change, expected):
    """A cycle file is checked like every library file: each problem with its file and line."""
    text = (LIBRARY_DIR / "apa-cycle-briefing-2007.yaml").read_text(encoding="utf-8")
    old, new = change
    assert old in text
    path = tmp_path / "apa-cycle-broken.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CycleFileError) as refused:
        cycle_load(path)
    assert expected in str(refused.value)
    assert all(e.line >= 1 for e in refused.value.errors)
