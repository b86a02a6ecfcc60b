"""The letter read as the council will read it, before it goes (issue 20 §1; ecm.core.
document_check): before the draft goes for factual accuracy, before the final letter is made,
and before it is published.

The draft may carry no grade as a number (002 §A); the final letter is built from the final
template (002 §J "The final letter"): the sections written only for the draft are replaced by
their final text (`final_sections`), and no sentence of the draft's wording may stay anywhere
in it.
"""

from ecm.core.document_check import (
    DocumentPart,
    DocumentProblem,
    Replaced,
    document_problems,
    refuse_unless_ready,
    sentences_of,
)
from ecm.letters.models import Letter
from ecm.letters.services.assembly import services_of
from ecm.letters.template import LetterTemplate, SectionKind, template_by_urn

DRAFT_LETTER = "The draft letter"
FINAL_LETTER = "The final letter"
DRAFTS = "the draft's"
THE_FINAL = "the final letter"
# The salutation and the sign-off are short and the same in both; what a final letter must
# lose is the draft's own wording.
_SHARED = {"yours sincerely", "yours faithfully"}


def final_fill(assessment) -> dict:
    """What the final text of a replaced section names: the council, its services, the January
    after the round by which the council presents the letter (002 §J: "by the end of January
    2006" for the 2005 round), and the round's representation dates (002 §J)."""
    assessment_round = assessment.round

    def day(value, fallback: str) -> str:
        return f"{value:%-d %B %Y}" if value else f"{fallback} {assessment_round.year}"

    return {
        "council": assessment.council.name,
        "services": services_of(assessment),
        "year": assessment_round.year,
        "present_by": assessment_round.year + 1,
        "intention_by": day(assessment_round.representation_intention_by, "1 November"),
        "submission_by": day(assessment_round.representation_submission_by, "7 November"),
    }


def final_sections(letter: Letter) -> dict[str, str]:
    """The letter's sections as the final letter has them: each section written only for the
    draft replaced by its final text."""
    template = template_by_urn(letter.template_urn)
    fill = final_fill(letter.assessment)
    sections = {s.code: letter.sections.get(s.code, "") for s in template.sections}
    for section in template.sections:
        if section.final is not None:
            sections[section.code] = section.final.starts_with.format(**fill)
    return sections


def draft_only_sentences(template: LetterTemplate) -> tuple[str, ...]:
    """Every sentence of the draft's wording that its final text does not also have."""
    found = []
    for section in template.sections:
        if section.final is None:
            continue
        final = {s.lower().rstrip(",.") for s in sentences_of(section.final.starts_with)}
        for sentence in sentences_of(section.starts_with):
            key = sentence.lower().rstrip(",.")
            if "{" in sentence or key in final or key in _SHARED:
                continue
            found.append(sentence)
    return tuple(found)


def _parts(template: LetterTemplate, sections: dict[str, str], *, final: bool) -> list:
    parts = []
    for section in template.sections:
        title = section.final.title if final and section.final else section.title
        # The areas for the JAR may rightly be none (no hypothesis left for fieldwork).
        required = section.kind != SectionKind.JAR
        parts.append(DocumentPart(title, sections.get(section.code, ""), required=required))
    return parts


def letter_problems(
    *, letter: Letter, final: bool, sections: dict[str, str] | None = None
) -> list[DocumentProblem]:
    """What to put right before the letter goes: as a draft (no grade as a number) or as the
    final letter (built from the final template, none of the draft's wording)."""
    template = template_by_urn(letter.template_urn)
    if final:
        return document_problems(
            parts=_parts(template, sections or final_sections(letter), final=True),
            grades_allowed=True,
            replaced=Replaced(draft_only_sentences(template), DRAFTS, THE_FINAL),
        )
    return document_problems(
        parts=_parts(template, sections or letter.sections, final=False), grades_allowed=False
    )


def refuse_unless_letter_ready(
    *, letter: Letter, final: bool, sections: dict[str, str] | None = None
) -> None:
    """Block the move with every problem at once (issue 20 §1)."""
    refuse_unless_ready(
        what=FINAL_LETTER if final else DRAFT_LETTER,
        problems=letter_problems(letter=letter, final=final, sections=sections),
    )
