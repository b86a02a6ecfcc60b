"""Fixtures of the letter's tests (issue 7): the analysis and moderation fixtures (an APA 2007
assessment on the bundled framework, its HMI Lead and BRM, entries, Steps 2-4 written and
signed), a notebook written for every area, and `assembled`, the letter drafted from it."""

import pytest

from ecm.analysis.content import Tag, strand
from ecm.analysis.models import EntryKind, HypothesisSource, HypothesisStatus
from ecm.analysis.services import hypotheses
from ecm.analysis.services import judgements as steps
from ecm.letters.services import letter_assemble
from ecm.letters.services.editing import letter_section_save

AREAS = (
    "being_healthy",
    "staying_safe",
    "enjoying_achieving",
    "positive_contribution",
    "economic_wellbeing",
    "service_management",
)


def strength_of(code: str) -> str:
    return f"Strength of {code}: looked after children are well supported."


def improvement_of(code: str) -> str:
    return f"Improvement for {code}: support for children with disabilities is patchy."


def key_point_of(code: str) -> str:
    return f"Key point of {code}: outcomes are broadly in line with similar councils."


JAR_STATEMENT = "Arrangements for sharing information about missing children"
# What an inspector writes in place of the template's placeholders before the draft goes to
# the council (issue 20 §1: a placeholder left blocks the sending).
PLACEHOLDER_WORDS = {
    "[Name]": "Alex Morgan",
    "[Address]": "County Hall, Main Street",
    "[the date of the meeting]": "5 July 2007",
}


def placeholders_fill(letter, actor) -> None:
    """Save, as `actor` (the Lead), every section that still holds a placeholder with the
    placeholder written out, one rendition per section, as an inspector would."""
    letter.refresh_from_db()
    for code, text in list(letter.sections.items()):
        filled = text
        for placeholder, words in PLACEHOLDER_WORDS.items():
            filled = filled.replace(placeholder, words)
        if filled != text:
            letter = letter_section_save(
                actor=actor,
                letter=letter,
                code=code,
                text=filled,
                reason="The placeholders written out",
                expected_lock_version=letter.lock_version,
            )


@pytest.fixture
def write_notebook(hmi, make_entry, write_steps):
    """A notebook with something for every section of the letter: for each outcome and
    service management a shared strength (tagged LAC), a shared area for improvement (tagged
    LDD) and Step 2 key points; a hypothesis for JAR fieldwork; Steps 2-4 written and signed
    (`write_steps`, which also writes being healthy's strength "Immunisation ...")."""

    def write(assessment, **step_options):
        areas = {o.code: o for o in assessment.round.framework_version.outcomes.all()}
        for code in AREAS:
            make_entry(
                on=assessment,
                outcome=code,
                finding=strength_of(code),
                kind=EntryKind.STRENGTH,
                tags=[Tag.LAC],
                shared=True,
            )
            make_entry(
                on=assessment,
                outcome=code,
                finding=improvement_of(code),
                kind=EntryKind.AREA_FOR_IMPROVEMENT,
                tags=[Tag.LDD],
                shared=True,
            )
            if code != "being_healthy":  # write_steps writes being healthy's Step 2
                steps.area_summary_save(
                    assessment=assessment,
                    outcome=areas[code],
                    actor=hmi,
                    shown=None,
                    strands={"education": strand(grade=3, text=key_point_of(code), entries=[])},
                    moderation="",
                )
        hypothesis = hypotheses.hypothesis_raise(
            assessment=assessment,
            actor=hmi,
            statement=JAR_STATEMENT,
            raised_from=HypothesisSource.DATA,
            outcome=areas["staying_safe"],
        )
        hypotheses.hypothesis_test(
            hypothesis=hypothesis,
            actor=hmi,
            shown=hypothesis.lock_version,
            status=HypothesisStatus.JAR_FIELDWORK,
            note="Not resolved by the evidence: for the JAR",
        )
        return write_steps(assessment, **step_options)

    return write


@pytest.fixture
def assembled(assessment, write_notebook, hmi):
    """The 2007 letter of `assessment`, assembled by its Lead from a full, signed notebook."""
    write_notebook(assessment)
    return letter_assemble(actor=hmi, assessment=assessment)
