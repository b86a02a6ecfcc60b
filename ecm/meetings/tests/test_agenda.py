"""The meeting's agenda, drafted from the evidence notebook in the eight-item format of 002 §G.iv
("It should be drawn from the Evidence notebook", 002 §G.ii), with judgements in words only
(002 §G.i items 3-4)."""

import re
from datetime import date

import pytest

from ecm.analysis.content import strand
from ecm.analysis.models import EntryKind, EvidenceKind, HypothesisStatus
from ecm.analysis.selectors import required_judgements
from ecm.analysis.services import hypotheses, notebook
from ecm.analysis.services import judgements as steps
from ecm.analysis.tests.fixtures import SA_PART_D
from ecm.core.grade_numbers import states_a_grade
from ecm.meetings.agenda import AGENDA_ITEMS, NOTHING_YET, agenda_items, item_unwritten
from ecm.meetings.services import moderation as mod
from ecm.meetings.services.meetings import agenda as agenda_services
from ecm.meetings.services.meetings import arrangements as arrangement_services

pytestmark = pytest.mark.django_db

# 002 §G.iv, "The following format is suggested", word for word.
HANDBOOK_ITEMS = [
    "Introductions and outline of the purpose of the meeting",
    "Overview observations: themes emerging",
    "The self-assessment: what it demonstrates clearly and where it does not offer sufficient "
    "insight or analysis of impact",
    "Summary of emerging judgements",
    "The reasons for these judgements (referring to the trail of evidence)",
    "Areas to be recommended for scrutiny in any future joint area review",
    "Key points that will feature in the APA letter",
    "The next steps: moderation procedures, the draft letter, the final letter and the awarding "
    "of the grades to be taken forward into the comprehensive performance assessment",
]

STRENGTH = "Immunisation uptake is well above similar councils and still rising"
IMPROVEMENT = "Re-referrals to social care remain well above similar councils"
GAP = "No figures on the attendance of looked after children"
INCONSISTENCY = "The plan and the data disagree on teenage conceptions"
MANAGEMENT = "Workforce planning is joined up across the partnership"
PRIVATE = "Private working note: check the CSCI briefing again"
OPEN_HYPOTHESIS = "Early years provision is uneven across localities"
JAR_HYPOTHESIS = "Provision for young people with learning difficulties needs fieldwork"
SUPPORTED_HYPOTHESIS = "Youth offending has fallen"


def drafted(assessment, actor) -> dict[int, str]:
    meeting = agenda_services.agenda_draft(actor=actor, assessment=assessment, replace=True)
    return {item["number"]: item["text"] for item in meeting.agenda}


def section(text: str, heading: str) -> str:
    """The bullets under one heading of item 5 (up to the next blank line)."""
    start = text.index(heading)
    end = text.find("\n\n", start)
    return text[start : end if end != -1 else None]


def test_the_agenda_has_the_eight_items_of_002_s_g_iv_in_order(assessment, hmi):
    assert [title for _, title in AGENDA_ITEMS] == HANDBOOK_ITEMS
    meeting = agenda_services.agenda_draft(actor=hmi, assessment=assessment)
    assert [(i["number"], i["title"]) for i in meeting.agenda] == list(enumerate(HANDBOOK_ITEMS, 1))


def test_every_item_is_kept_even_when_not_written_002_s_g_iv():
    items = agenda_items({2: " Themes ", 9: "Not an item"})
    assert [i["number"] for i in items] == list(range(1, 9))
    assert items[1]["text"] == "Themes" and items[0]["text"] == ""


def test_an_item_the_notebook_could_not_fill_says_so_and_counts_as_unwritten(assessment, hmi):
    """002 §G.ii: the council is given "a clear indication of the issues to be discussed", so
    an item the notebook could not fill is marked for writing."""
    texts = drafted(assessment, hmi)
    assert texts[6] == NOTHING_YET  # no hypothesis for JAR fieldwork yet
    assert item_unwritten(NOTHING_YET) and item_unwritten("  ")
    assert not item_unwritten("Written")


@pytest.fixture
def notebook_written(assessment, hmi, brm, make_entry, submitted, outcomes):
    """A notebook with shared entries of each kind (two citing the self-assessment), a private
    entry, hypotheses open, supported and for JAR fieldwork, and Steps 2-4."""
    cites_sa = []
    for finding, kind, outcome in [
        (STRENGTH, EntryKind.STRENGTH, "being_healthy"),
        (IMPROVEMENT, EntryKind.AREA_FOR_IMPROVEMENT, "staying_safe"),
    ]:
        entry = make_entry(finding=finding, kind=kind, outcome=outcome)
        notebook.evidence_add(
            entry=entry,
            actor=hmi,
            kind=EvidenceKind.SELF_ASSESSMENT,
            note="Part D",
            sa_version=submitted,
            sa_part=SA_PART_D,
        )
        cites_sa.append(notebook.entry_share(entry=entry, actor=hmi))
    make_entry(finding=GAP, kind=EntryKind.GAP, outcome="enjoying_achieving", shared=True)
    make_entry(
        finding=INCONSISTENCY, kind=EntryKind.INCONSISTENCY, outcome="being_healthy", shared=True
    )
    make_entry(
        finding=MANAGEMENT, kind=EntryKind.STRENGTH, outcome="service_management", shared=True
    )
    make_entry(finding=PRIVATE, kind=EntryKind.AREA_FOR_IMPROVEMENT, actor=brm)
    for statement, status in [
        (OPEN_HYPOTHESIS, None),
        (JAR_HYPOTHESIS, HypothesisStatus.JAR_FIELDWORK),
        (SUPPORTED_HYPOTHESIS, HypothesisStatus.SUPPORTED),
    ]:
        hypothesis = hypotheses.hypothesis_raise(
            assessment=assessment, actor=hmi, statement=statement, raised_from="data"
        )
        if status:
            hypotheses.hypothesis_test(
                hypothesis=hypothesis, actor=hmi, shown=None, status=status, note="Tested"
            )
    steps.area_summary_save(
        assessment=assessment,
        outcome=outcomes["being_healthy"],
        actor=hmi,
        shown=None,
        strands={"education": strand(grade=3, text="Health services reach most", entries=[])},
        moderation="",
    )
    steps.overall_summary_save(
        assessment=assessment,
        actor=hmi,
        shown=None,
        strands={
            "education": strand(grade=3, text="Schools improve quickly", entries=[]),
            "social_care": strand(grade=2, text="Referral work is inconsistent", entries=[]),
            "capacity": strand(grade=3, text="CAPACITY THEME", entries=[]),
        },
        trail="The trail",
    )
    for judgement in required_judgements(assessment):
        steps.summative_save(
            assessment=assessment,
            judgement=judgement,
            actor=hmi,
            shown=None,
            grade=4 if judgement.code == "being_healthy" else 3,
            rationale="Because",
            entries=[cites_sa[0].pk],
        )
    return cites_sa


def test_private_entries_never_reach_the_agenda_002_s_d_s_g_ii(assessment, hmi, notebook_written):
    texts = drafted(assessment, hmi)
    assert not any(PRIVATE in text for text in texts.values())


def test_item_2_gives_the_themes_of_step_3_002_s_g_iv(assessment, hmi, notebook_written):
    item = drafted(assessment, hmi)[2]
    assert "- Education: Schools improve quickly" in item
    assert "- Social care: Referral work is inconsistent" in item
    assert "CAPACITY THEME" not in item  # capacity to improve is item 5's last part


def test_item_3_reads_the_self_assessment_from_the_entries_that_cite_it_002_s_g_iv(
    assessment, hmi, notebook_written
):
    item = drafted(assessment, hmi)[3]
    clear = section(item, "What it demonstrates clearly:")
    lacking = section(item, "Where it does not offer sufficient insight or analysis of impact:")
    assert f"- Being healthy: {STRENGTH}" in clear and IMPROVEMENT not in clear
    assert f"- Staying safe: {IMPROVEMENT}" in lacking and STRENGTH not in lacking
    assert GAP not in item  # it cites no part of the self-assessment


def test_item_4_gives_the_step_4_judgements_in_words_never_grades_002_s_g_i(
    assessment, hmi, notebook_written
):
    item = drafted(assessment, hmi)[4]
    assert "- Being healthy: outstanding" in item
    assert "- Overall effectiveness of children's services: good" in item
    assert "- Staying safe: good" in item
    assert not states_a_grade(item)
    assert not re.search(r"\d", item), item


def test_item_4_uses_the_scale_wording_of_the_round_002_s_e_ii(
    make_assessment, other_council, hmi, write_steps
):
    """APA 2006 judges on the 2005 scales: their wording, never the number."""
    assessment = make_assessment(council=other_council, year=2006)
    write_steps(assessment, grade=2, sign=False)
    item = drafted(assessment, hmi)[4]
    assert "delivers only minimum requirements" in item  # apa_2005 grade 2
    assert "The council's capacity to improve: adequate" in item  # capacity_to_improve grade 2
    assert not re.search(r"\d", item)


def test_item_5_sets_out_the_reasons_from_the_trail_of_evidence_002_s_g_iv(
    assessment, hmi, notebook_written
):
    item = drafted(assessment, hmi)[5]
    strengths = section(item, "Areas of strength or where progress is adequately demonstrated:")
    assert STRENGTH in strengths and MANAGEMENT in strengths and IMPROVEMENT not in strengths
    improvement = section(item, "Areas for improvement:")
    assert IMPROVEMENT in improvement and STRENGTH not in improvement
    further = section(
        item, "Areas for further investigation owing to gaps or inconsistencies in evidence:"
    )
    for expected in (GAP, INCONSISTENCY, OPEN_HYPOTHESIS):
        assert expected in further
    assert JAR_HYPOTHESIS not in item and SUPPORTED_HYPOTHESIS not in item
    management = section(item, "Service management and the council's capacity to improve:")
    assert f"- Service management: {MANAGEMENT}" in management
    assert STRENGTH not in management


def test_item_6_lists_the_hypotheses_for_jar_fieldwork_002_s_g_iv(
    assessment, hmi, notebook_written
):
    item = drafted(assessment, hmi)[6]
    assert item == f"- {JAR_HYPOTHESIS}"


def test_item_7_takes_the_key_points_of_step_2_002_s_g_iv(assessment, hmi, notebook_written):
    assert drafted(assessment, hmi)[7] == "- Being healthy: Health services reach most"


def test_item_8_names_the_draft_and_final_letter_dates_002_s_a(assessment, hmi):
    arrangement_services.meeting_date_propose(
        actor=hmi, assessment=assessment, day=date(2007, 7, 10)
    )
    item = drafted(assessment, hmi)[8]
    # 002 §A: the draft letter "within approximately five weeks of the meeting".
    assert "(by 14 August 2007)" in item
    assert "by 31 October 2007" in item  # the round's final_letter_by
    assert assessment.round.final_letter_by == date(2007, 10, 31)
    assert "five working days" in item


def test_item_8_names_the_moderation_day_of_a_moderated_council_002_s_h(
    assessment, hmi, administrator
):
    mod.moderation_choose(
        actor=administrator, assessment=assessment, selected=True, reason="Signs of risk"
    )
    day = mod.moderation_day_add(
        actor=administrator, assessment_round=assessment.round, day=date(2007, 9, 12)
    )
    mod.moderation_place(actor=administrator, assessment=assessment, group=day.groups.first())
    item = drafted(assessment, hmi)[8]
    assert "discussed at a moderation day on 12 September 2007" in item
