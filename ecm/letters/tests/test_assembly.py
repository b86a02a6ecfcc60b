"""Assembling the draft letter from the evidence notebook (002 §I stage 1, template item 2)."""

import re

import pytest
from django.core.exceptions import ValidationError

from ecm.analysis.content import strand
from ecm.analysis.models import EntryKind
from ecm.analysis.services import judgements as steps
from ecm.apa.models import ModerationBasis, ModerationOutcome, ModerationSelection
from ecm.audit.models import AuditEntry
from ecm.core.grade_numbers import states_a_grade
from ecm.letters.models import Letter
from ecm.letters.services import assembly, letter_assemble
from ecm.letters.tests.fixtures import (
    AREAS,
    JAR_STATEMENT,
    improvement_of,
    key_point_of,
    strength_of,
)

OUTCOMES = AREAS[:5]


def _refused(message_start: str, **kwargs):
    with pytest.raises(ValidationError) as raised:
        letter_assemble(**kwargs)
    assert raised.value.messages[0].startswith(message_start)
    assert not Letter.objects.exists()


def test_only_the_lead_assembles_the_letter_002_i_stage_1(assessment, write_notebook, brm):
    """002 §I stage 1: "The person with lead responsibility should bring the two contributions
    together, using the template provided"."""
    write_notebook(assessment)
    _refused("Only the Lead inspector assembles", actor=brm, assessment=assessment)


def test_refused_until_step_4_is_graded_002_f_step_4(assessment, hmi):
    """The provisional judgements come from Step 4 (002 §F step 4, §I): none graded, none
    stated."""
    _refused("Step 4 of the evidence notebook has no grade for", actor=hmi, assessment=assessment)


def test_refused_until_both_inspectors_sign_step_4_002_f_step_4(assessment, write_notebook, hmi):
    """002 §F step 4: the summative judgements are agreed by both inspectors."""
    write_notebook(assessment, sign=False)
    _refused("Step 4 of the evidence notebook is not signed", actor=hmi, assessment=assessment)


def test_refused_while_moderation_outcome_is_outstanding_002_h(
    assessment, write_notebook, hmi, brm
):
    """002 §H and §J: a council selected for moderation has its letter drafted once the day's
    outcome is recorded; a council not selected needs none."""
    write_notebook(assessment)
    selection = ModerationSelection.objects.create(
        assessment=assessment, selected=True, basis=ModerationBasis.DRAW
    )
    _refused("Testshire", actor=hmi, assessment=assessment)
    ModerationOutcome.objects.create(
        assessment=selection.assessment, decision="confirmed", reason="Agreed", recorded_by=brm
    )
    assert letter_assemble(actor=hmi, assessment=assessment).renditions.count() == 1


def test_assembled_once_then_edited_002_i(assembled, hmi):
    """The draft is assembled once; after that it is redrafted section by section."""
    with pytest.raises(ValidationError, match="already assembled"):
        letter_assemble(actor=hmi, assessment=assembled.assessment)


def test_assembly_makes_rendition_1_and_is_audited_issue_7_2(assembled, hmi):
    """Issue 7 §2: every rendition is kept, from the first; the audit trail says who and why."""
    (rendition,) = assembled.renditions.all()
    assert rendition.number == 1
    assert rendition.made_by == hmi
    assert rendition.reason == assembly.ASSEMBLED
    assert rendition.content["sections"] == assembled.sections
    assert assembled.template_urn == "urn:ecm:letter-template:apa:v1"
    assert AuditEntry.objects.filter(verb="letter.assembled", target_id=str(assembled.pk)).exists()


def test_each_outcome_starts_from_step_2_then_strengths_then_improvements_002_i_template_2(
    assembled,
):
    """002 §I template 2: "the key points can be cut and pasted across into the letter
    template"; findings tagged looked after children or LDD are among them."""
    for code in (*OUTCOMES[1:], "service_management"):
        paragraphs = assembled.sections[code].split("\n\n")
        assert paragraphs == [key_point_of(code), strength_of(code), improvement_of(code)]
    healthy = assembled.sections["being_healthy"]
    assert healthy.index("Good health outcomes") < healthy.index(strength_of("being_healthy"))
    assert healthy.index("Immunisation") < healthy.index(improvement_of("being_healthy"))


def test_private_entries_never_appear_002_d(assessment, write_notebook, make_entry, brm, hmi):
    """002 §D: day-1 entries are private to their author until shared; the letter goes to the
    council and carries only what both inspectors agreed could be seen."""
    secret = "A private note on staffing that is not yet shared."
    make_entry(on=assessment, outcome="staying_safe", finding=secret, actor=brm)
    make_entry(on=assessment, outcome="staying_safe", finding=secret + " Mine.", actor=hmi)
    write_notebook(assessment)
    letter = letter_assemble(actor=hmi, assessment=assessment)
    assert not any(secret[:30] in text for text in letter.sections.values())


def test_summary_table_lists_strengths_and_improvements_by_outcome_appendix_b(assembled):
    """Appendix B "Summary": strengths and areas for improvement, outcome by outcome."""
    summary = assembled.sections["summary"]
    blocks = summary.split("\n\n")
    assert [b.splitlines()[0] for b in blocks] == [
        "Being healthy",
        "Staying safe",
        "Enjoying and achieving",
        "Making a positive contribution",
        "Achieving economic well-being",
    ]
    staying_safe = blocks[1].splitlines()
    assert staying_safe[1:] == [
        "Strengths:",
        f"- {strength_of('staying_safe')}",
        "Areas for improvement:",
        f"- {improvement_of('staying_safe')}",
    ]
    assert "service_management" not in summary


def test_areas_for_the_jar_are_the_hypotheses_left_for_fieldwork_002_i_template_1(assembled):
    """002 §I template 1: "areas for JAR fieldwork"; Appendix B groups them by outcome."""
    assert assembled.sections["jar"] == f"Staying safe\n- {JAR_STATEMENT}"


@pytest.mark.parametrize(
    ("year", "count", "services"),
    [
        (2005, 4, "education and social care services"),
        (2006, 3, "children's services"),
        (2007, 7, "children's services"),
    ],
)
def test_judgement_count_follows_the_rounds_framework_domain_7(
    make_assessment, other_council, write_notebook, hmi, year, count, services
):
    """DOMAIN.md §7: a 2005 letter states four judgements, a 2006 letter three, a 2007-08
    letter seven; the 2005 exemplar names "education and social care services"."""
    on = make_assessment(council=other_council, year=year)
    write_notebook(on)
    letter = letter_assemble(actor=hmi, assessment=on)
    judgements = letter.renditions.get().content["judgements"]
    assert len(judgements) == count
    lines = letter.sections["judgements"].splitlines()[1:]
    assert len(lines) == count
    assert all(line.startswith("- ") for line in lines)
    assert f"of {other_council.name}'s {services} {year}" in letter.sections["title"]


def test_2005_judgements_use_the_grade_wording_not_the_number_002_a(
    make_assessment, other_council, write_notebook, hmi
):
    """002 §A and Appendix B: provisional judgements in words, e.g. "deliver minimum
    requirements"; the wording comes from the round's grade scale."""
    on = make_assessment(council=other_council, year=2005)
    write_notebook(on, grades={"overall": 2, "education": 3, "social_care": 2})
    letter = letter_assemble(actor=hmi, assessment=on)
    words = {
        j["urn"].rsplit(":", 1)[1]: j["words"]
        for j in letter.renditions.get().content["judgements"]
    }
    assert words == {
        "overall": "delivers only minimum requirements",
        "education": "consistently delivers above minimum requirements",
        "social-care": "delivers only minimum requirements",
        "capacity-to-improve": "good",
    }
    assert "delivers only minimum requirements." in letter.sections["judgements"]


def test_no_grade_as_a_number_in_the_assembled_letter_002_a(
    assessment, write_notebook, make_entry, hmi
):
    """002 §A: the draft goes to the council in words only. A Step 2 key point that gives a
    grade as a number is left out of the draft (and the rendition says so)."""
    write_notebook(assessment)
    steps.area_summary_save(  # Step 2 changes leave Step 4's signatures standing
        assessment=assessment,
        outcome=assessment.round.framework_version.outcomes.get(code="staying_safe"),
        actor=hmi,
        shown=1,
        strands={
            "education": strand(grade=3, text=key_point_of("staying_safe"), entries=[]),
            "social_care": strand(grade=2, text="Social care is grade 2 overall", entries=[]),
        },
        moderation="",
        reason="Add social care",
    )
    letter = letter_assemble(actor=hmi, assessment=assessment)
    for text in letter.sections.values():
        assert not states_a_grade(text)
        assert not re.search(r"\bgrade[sd]?\s*\d", text, re.IGNORECASE)
    for judgement in letter.renditions.get().content["judgements"]:
        assert not re.search(r"\d", judgement["words"])
    assert "Social care is" not in letter.sections["staying_safe"]
    assert "1 notebook text(s) left out" in letter.renditions.get().reason


def test_gaps_in_evidence_are_not_findings_for_the_letter_002_f_step_1(
    assessment, write_notebook, make_entry, hmi
):
    """Step 1's gaps and inconsistencies are for the inspectors to test, not findings the
    letter reports (002 §F step 1; the letter reports strengths and areas for improvement)."""
    gap = "No evidence yet on the timeliness of initial assessments."
    make_entry(outcome="staying_safe", finding=gap, kind=EntryKind.GAP, shared=True)
    write_notebook(assessment)
    letter = letter_assemble(actor=hmi, assessment=assessment)
    assert gap not in letter.sections["staying_safe"]
