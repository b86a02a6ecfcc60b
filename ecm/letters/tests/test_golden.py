"""Golden tests: the letter's structure matches the exemplar in 002 Appendix B section by
section, read from the seed file itself so that the test fails if the template drifts."""

import re
from pathlib import Path

from django.conf import settings

from ecm.letters.template import template_by_urn

SEED_002 = Path(settings.BASE_DIR).parent / "shared" / "seeds" / "002_8de710afa19392ed.txt"


def appendix_b_headings() -> list[str]:
    """The exemplar letter's section headings, in order: Appendix B's markdown headings after
    the letter's title, each once (the areas for the JAR repeat outcome names beneath their
    own heading; those are sub-headings of that section, not sections)."""
    text = SEED_002.read_text(encoding="utf-8")
    appendix = text[text.index("## Appendix B") :]
    headings = [
        re.sub(r"[*_:]", "", line.lstrip("#")).strip()
        for line in appendix.splitlines()[1:]
        if line.startswith("#")
    ]
    assert headings[0].startswith("Annual performance assessment of")  # the letter's title
    sections: list[str] = []
    for heading in headings[1:]:
        if heading.lower() not in {s.lower() for s in sections}:
            sections.append(heading)
    return sections


def test_appendix_b_has_the_expected_sections():
    """A check on the reading itself, so a misread seed cannot pass the golden test."""
    assert appendix_b_headings() == [
        "Being Healthy",
        "Staying Safe",
        "Enjoying and Achieving",
        "Making a Positive Contribution",
        "Achieving Economic Well-being",
        "Summary",
        "Service Management",
        "Areas for exploration in the Joint Area Review",
        "Provisional judgements",
    ]


def test_template_headings_are_appendix_bs_in_order():
    """002 §I template 4: "An exemplar letter is attached at Appendix B for reference"."""
    (template,) = {template_by_urn("urn:ecm:letter-template:apa:v1")}
    assert [s.heading for s in template.sections if s.heading] == appendix_b_headings()


def test_demo_letter_structure_matches_appendix_b_section_by_section(assembled):
    """The assembled letter has every template section, each written, and in the template's
    order its headed sections are Appendix B's; the title names the council and the year as
    the exemplar's does."""
    template = template_by_urn(assembled.template_urn)
    rendition = assembled.renditions.get(number=1)
    # Sets, not key order: PostgreSQL's jsonb keeps no order; the template gives the order.
    assert set(rendition.content["sections"]) == set(template.codes)
    assert set(assembled.sections) == set(template.codes)
    headed = [s.heading for s in template.sections if assembled.sections[s.code].strip()]
    assert [h for h in headed if h] == appendix_b_headings()
    title = assembled.sections["title"]
    council = assembled.assessment.council.name
    assert f"Annual performance assessment of {council}'s" in title
    assert title.endswith(str(assembled.assessment.round.year))
    assert assembled.sections["address"].splitlines()[1] == "Director of Children's Services,"
    assert assembled.sections["opening"].startswith("This letter summarises the findings")
    assert assembled.sections["judgements"].startswith("At this stage in the process")
    assert assembled.sections["next_steps"].rstrip().endswith("Yours sincerely,")
