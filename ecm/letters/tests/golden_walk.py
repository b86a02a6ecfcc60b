"""Cornwall's APA letter in the demo, from assembly to publication, as its inspectors, readers,
link officer and administrator take it (issue 20 §7 "Golden documents"): the walk the golden
test takes through the services and the browser test through the pages, with the same words
typed at each step, so that both end at the same published letter.

What the inspectors type is written once here. The golden text of the published letter is
ecm/letters/tests/golden/cornwall-2007-published.txt, reviewed by reading it as the council
would; `{published_on}` in it stands for the day of publication (the day the test runs).
"""

import io
import re
from pathlib import Path

from docx import Document
from pypdf import PdfReader

from ecm.accounts.models import User
from ecm.apa.models import Assessment, AssessmentRound
from ecm.apa.services import assessment_change_status
from ecm.apa.workflow import AssessmentStatus
from ecm.letters.models import Letter
from ecm.letters.services import letter_assemble
from ecm.letters.services.editing import letter_section_save
from ecm.letters.services.factual_accuracy import council_comment_add, council_comment_respond
from ecm.letters.services.final import round_social_care_validate
from ecm.letters.services.reader_answers import reader_answer_record
from ecm.letters.services.stages import letter_change_stage
from ecm.letters.workflow import LetterStage

GOLDEN = Path(__file__).parent / "golden" / "cornwall-2007-published.txt"
CORNWALL = "908"
ADMIN, LEAD, PARTNER = "admin@ofsted.example", "hmi@ofsted.example", "brm2@csci.example"
READERS = ("reader@ofsted.example", "csci.manager@csci.example")
LINK_OFFICER = "link.officer@cornwall.example"

# The sections the Lead rewrites before the draft goes: the placeholders written out (the
# check before sending refuses them, issue 20 §1) and one outcome redrafted into letter form.
EDITS = {
    "address": (
        "Jenna Trelawny,\nDirector of Children's Services,\nCornwall,\n"
        "New County Hall, Treyew Road, Truro TR1 3AY"
    ),
    "title": (
        "Dear Jenna Trelawny,\n\nAnnual performance assessment of Cornwall's children's "
        "services 2007"
    ),
    "opening": (
        "This letter summarises the findings of the meeting held on 10 July 2007 to assess the "
        "performance of the children's services within your authority. We are grateful for the "
        "information which you provided to support this process and for the time made "
        "available by yourself and your colleagues to discuss relevant issues."
    ),
    "being_healthy": (
        "The council delivers only minimum requirements for being healthy. Looked after "
        "children have annual health assessments, and children with learning difficulties "
        "and/or disabilities have timely access to therapy services."
    ),
}
EDIT_REASON = "Redrafted into letter form"
READER_ACTION = "Tighten the staying safe section"
COUNCIL_COMMENT = (
    "Our director's title is Director of Children's Services, not Director of Education."
)
RESPONSE = "Agreed: the title is corrected in the address block."
TO_DRAFT_LETTER = "The meeting is held: on to the draft letter"
# The draft's wording, which no published letter may keep (issue 20 §1).
DRAFT_WORDING = re.compile(
    r"this letter is a draft|at this stage in the process|provisional judgements:|"
    r"will carry the grades|check it for factual accuracy",
    re.IGNORECASE,
)


def golden_text(published_on) -> str:
    """The reviewed text of Cornwall's published letter, dated as published."""
    return GOLDEN.read_text(encoding="utf-8").replace("{published_on}", f"{published_on:%-d %B %Y}")


def _squeezed(text: str) -> str:
    """Text compared across layouts: no whitespace at all, typographic quotes plain (a PDF
    breaks lines where the page does)."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", "", text)


def _golden_lines(text: str) -> list[str]:
    """The golden text's paragraphs and list items outside the summary table (whose two
    columns a PDF reads across), which every layout must hold."""
    found = []
    for block in text.split("\n\n"):
        lines = block.splitlines()
        if len(lines) > 1 and lines[0].endswith(":") and lines[1] == "Strengths:":
            continue
        found += [ln.removeprefix("- ").removeprefix("## ").removeprefix("### ") for ln in lines]
    return [line for line in found if line]


def missing_from(layout: str, golden: str) -> list[str]:
    """The golden lines a layout's text does not hold, word for word."""
    squeezed = _squeezed(layout)
    return [line for line in _golden_lines(golden) if _squeezed(line) not in squeezed]


def page_text(html: bytes) -> str:
    return re.sub(r"<[^>]+>", " ", html.decode()).replace("&#x27;", "'")


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def word_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def cornwall() -> Assessment:
    demo_round = AssessmentRound.objects.get(regime="apa", year=2007)
    return Assessment.objects.get(round=demo_round, council__la_number=CORNWALL)


def _person(email: str) -> User:
    return User.objects.get(email=email)


def _move(letter: Letter, who: str, to: LetterStage) -> Letter:
    return letter_change_stage(actor=_person(who), letter=letter, to=to)


def cornwall_letter_published() -> Letter:
    """Take the demo's Cornwall letter to publication through the services, each step by the
    person whose step it is (002 §I stages 1-3)."""
    assessment = cornwall()
    lead = _person(LEAD)
    assessment_change_status(
        actor=lead, assessment=assessment, to=AssessmentStatus.DRAFT_LETTER, reason=TO_DRAFT_LETTER
    )
    letter = letter_assemble(actor=lead, assessment=assessment)
    for code, text in EDITS.items():
        letter = letter_section_save(
            actor=lead,
            letter=letter,
            code=code,
            text=text,
            reason=EDIT_REASON,
            expected_lock_version=letter.lock_version,
        )
    letter = _move(letter, PARTNER, LetterStage.AGREED)
    letter = _move(letter, LEAD, LetterStage.WITH_READERS)
    for email in READERS:
        reader_answer_record(
            actor=_person(email), letter=letter, action=READER_ACTION, can_send=True
        )
    letter.refresh_from_db()
    letter = _move(letter, LEAD, LetterStage.AMENDED)
    letter = _move(letter, LEAD, LetterStage.WITH_COUNCIL)
    officer = _person(LINK_OFFICER)
    comment = council_comment_add(
        actor=officer, letter=letter, section="address", paragraph=1, comment=COUNCIL_COMMENT
    )
    letter = _move(letter, LINK_OFFICER, LetterStage.COUNCIL_COMMENTED)
    council_comment_respond(
        actor=_person(PARTNER), comment=comment, response=RESPONSE, change_rendition_number=None
    )
    letter = _move(letter, LEAD, LetterStage.RESPONSES_GIVEN)
    round_social_care_validate(actor=_person(ADMIN), assessment_round=assessment.round)
    letter = _move(letter, LEAD, LetterStage.FINAL)
    letter = _move(letter, ADMIN, LetterStage.PROOF_READ)
    letter = _move(letter, READERS[0], LetterStage.CLEARED)
    return _move(letter, LEAD, LetterStage.PUBLISHED)
