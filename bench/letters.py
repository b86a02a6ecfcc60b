"""Issue 7's targets: the letter as DOCX in at most 0.5 s and as PDF in at most 3 s. The letter
is assembled from a demo council's signed notebook (Cornwall), then padded to the template's
full length (each section at the top of its guide), so the figures are for a 4-6 sided letter,
not a stub."""

import statistics
import time

from ecm.letters.documents import letter_context, letter_docx, letter_pdf
from ecm.letters.services.assembly import letter_assemble
from ecm.letters.services.editing import letter_section_save
from ecm.letters.template import template_by_urn


def _full_length(letter, actor) -> None:
    sentence = (
        "Services for looked after children and for children with learning difficulties "
        "and/or disabilities are well coordinated and the council knows where to improve. "
    )
    template = template_by_urn(letter.template_urn)
    for section in template.sections:
        guide = section.words.maximum if section.words else 0
        if not guide or section.kind not in ("outcome", "service_management"):
            continue
        text = letter.sections.get(section.code, "")
        while len(text.split()) < guide - 20:
            text += "\n\n" + sentence * 4
        letter = letter_section_save(
            actor=actor,
            letter=letter,
            code=section.code,
            text=text.strip(),
            reason="Benchmark: the section at the top of its guide",
            expected_lock_version=letter.lock_version,
        )


def _median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run(*, demo_round) -> list[tuple[str, float]]:
    assessment = demo_round.assessments.get(council__la_number="908")
    lead = assessment.assignments.get(is_lead=True).user
    letter = letter_assemble(actor=lead, assessment=assessment)
    _full_length(letter, lead)
    rendition = letter.renditions.order_by("-number").first()
    words = sum(len(t.split()) for t in rendition.content["sections"].values())

    def context():
        return letter_context(assessment=assessment, rendition=rendition)

    return [
        (
            f"letter as DOCX ({words} words), builder and python-docx",
            _median_ms(lambda: letter_docx(context()), 10),
        ),
        (
            f"letter as PDF ({words} words), builder and WeasyPrint",
            _median_ms(lambda: letter_pdf(context(), base_url="http://testserver/"), 5),
        ),
    ]
