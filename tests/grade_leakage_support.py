"""What the grade leakage tests (tests/test_grade_leakage.py) share: the detector of a grade in
what a council reads (002 §A "Actual grades will not be published until a later stage"), the
text of a page or of a downloaded document, and the council's pages for an assessment."""

import html
import io
import re
import zipfile
from datetime import date
from importlib import import_module

from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from ecm.caa.parts import PARTS as CAA_PARTS
from ecm.core.grade_numbers import grade_numbers_in
from ecm.jar.models import CaseFile, JointAreaReview
from ecm.jar.parts import PARTS as JAR_PARTS
from ecm.letters.selectors import sections_sent
from ecm.programme.models import CalendarFeed
from ecm.self_assessment import services as sa_services
from ecm.self_assessment.forms import field_slug

_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.IGNORECASE | re.DOTALL)
# Words a page may carry outside its text: a form's values, titles and accessible labels.
_ATTRIBUTE = re.compile(r'\s(?:value|title|alt|aria-label|content|data-[\w-]+)="([^"]*)"')


_PAGE_FOOTER = re.compile(r"\bPage \d+ of \d+\b")


def _around(text: str, match: re.Match) -> str:
    return f"...{text[max(match.start() - 60, 0) : match.end() + 60]}..."


def grade_findings(text: str, grades: list[dict], ignoring=()) -> list[str]:
    """Where `text` gives a grade: a number on the scale ("grade 3", "Grade 3: Good", "3/4",
    `grade_numbers_in`), or a graded judgement beside its grade as the final letter shows it
    (its title then its label, "Staying safe Adequate", or its number, "Staying safe: 2").
    The 2007 framework's words for a grade are its label in lower case ("adequate"), which a
    draft may use: words, not a grade (as ecm/letters/tests/test_stage_pages.py reads it).
    The sentences `ignoring` are taken out first."""
    text = " ".join(html.unescape(text).split())
    for sentence in ignoring:
        text = text.replace(" ".join(sentence.split()), " ")
    text = _PAGE_FOOTER.sub(" ", text)  # a PDF's "Page 4 of 4" counts pages, not a grade
    found = []
    numbers = grade_numbers_in(text)
    if numbers:
        at = text.find(numbers[0])
        around = text[max(at - 60, 0) : at + len(numbers[0]) + 60]
        found.append(f"a grade as a number: {', '.join(numbers)} (...{around}...)")
    for g in grades:
        beside = re.compile(
            rf"(?i:{re.escape(g['title'])})[\s:\-\u2013]*"
            rf"(?:(?i:grade)\s*{g['grade']}\s*:?\s*)?(?:{re.escape(g['label'])}\b|{g['grade']}\b)"
        )
        match = beside.search(text)
        if match:
            found.append(f"{g['title']} with its grade: {_around(text, match)}")
    return found


def self_grading_hints(self_assessment) -> list[str]:
    """The hints of the self-assessment's grades fields, where the council grades itself (000
    §10 Part B): they explain the scale ("from grade 4, a service that ...") and are the
    template's words, not a grade the inspectors gave."""
    template = sa_services.template_of(self_assessment)
    return [
        field.hint
        for part in template.parts
        for section in part.sections
        for field in section.fields
        if field.kind == "grades" and field.hint
    ]


def page_text(body: str) -> str:
    """A page's words as a reader (or a screen reader) gets them: its text and the values and
    labels in its attributes."""
    return f"{_TAG.sub(' ', body)} | {' | '.join(_ATTRIBUTE.findall(body))}"


def document_text(body: bytes) -> tuple[str, str]:
    """The kind and text of a downloaded file: PDF (pypdf), DOCX (python-docx, paragraphs and
    tables), XLSX (openpyxl), or text (CSV, HTML)."""
    if body.startswith(b"%PDF"):
        return "pdf", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    if body.startswith(b"PK"):
        names = zipfile.ZipFile(io.BytesIO(body)).namelist()
        if "word/document.xml" in names:
            document = Document(io.BytesIO(body))
            cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
            return "docx", " ".join([p.text for p in document.paragraphs] + cells)
        if "xl/workbook.xml" in names:
            book = load_workbook(io.BytesIO(body), read_only=True)
            values = [
                str(v)
                for s in book.worksheets
                for row in s.iter_rows(values_only=True)
                for v in row
            ]
            return "xlsx", " ".join(v for v in values if v != "None")
        raise AssertionError(f"A zip file the leakage tests cannot read: {names[:5]}")
    text = body.decode("utf-8-sig")
    if "<html" in text[:500].lower():
        return "html", page_text(text)
    return "text", text


def response_text(response) -> tuple[str, str]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return document_text(body)


def council_pages(*, assessment, letter, world) -> dict[str, list[dict]]:
    """Each page a council's user may open for `assessment`, by URL name, with every set of
    arguments to fill: each part, field, document, record and format, and each paragraph of
    the letter's latest rendition (what the council comments on once it is sent)."""
    pk, la, version = assessment.pk, assessment.council.la_number, world["framework"].pk
    template = sa_services.template_of(world["self_assessment"])
    fields = [
        {"pk": pk, "code": part.code.lower(), "field_key": field_slug(section, section.fields[0])}
        for part in template.parts
        for section in part.sections
        if section.fields
    ]
    records = [{"pk": pk, "record_pk": r.pk} for r in world["records"]]
    rendition = letter.renditions.order_by("-number").first()
    paragraphs = [
        {"pk": pk, "code": s.code, "paragraph": p.number}
        for s in sections_sent(rendition=rendition)
        for p in s.paragraphs
    ]
    return {
        "accounts:accessibility": [{}],
        "health:healthz": [{}],  # issue 25 §5: the probes, open to anyone, answer JSON
        "health:readyz": [{}],
        "accounts:two-factor": [{}],
        "accounts:two-factor-set-up": [{}],
        "accounts:sessions": [{}],
        "accounts:password-reset": [{}],
        "accounts:password-reset-done": [{}],
        "accounts:password-reset-complete": [{}],
        "apa:home": [{}],
        "apa:assessment-detail": [{"pk": pk}],
        "authorities:council-detail": [{"la_number": la}],
        "framework:version-list": [{}],
        "framework:version-detail": [{"pk": version}],
        "framework:grade-scales": [{"pk": version}],
        "framework:judgement-sets": [{"pk": version}],
        "self_assessment:overview": [{"pk": pk}],
        "self_assessment:part": [{"pk": pk, "code": p.code.lower()} for p in template.parts],
        "self_assessment:cite": fields,
        "self_assessment:contribute": fields,
        "self_assessment:documents": [{"pk": pk}],
        "self_assessment:document": [{"pk": pk, "document_pk": world["document"].pk}],
        "self_assessment:check": [{"pk": pk}],
        "self_assessment:share": [{"pk": pk}],
        "self_assessment:version-document": [
            {"pk": pk, "number": 1, "fmt": fmt} for fmt in ("pdf", "docx")
        ],
        "performance:profile": [{"la_number": la}],
        "performance:profile-download": [{"la_number": la, "fmt": f} for f in ("csv", "xlsx")],
        "performance:council-indicator": [{"la_number": la, "code": world["indicator"].code}],
        "meetings:meeting": [{"pk": pk}],
        "meetings:meeting-date-answer": [{"pk": pk}],
        # Issue 23 §1: the 2007 cycle's CYPP review and single conversation, council side.
        "apa:assessment-cypp-review": [{"pk": pk}],
        "apa:assessment-cypp-review-submit": [{"pk": pk}],
        "meetings:conversation": [{"pk": pk}],
        "meetings:conversation-date-answer": [{"pk": pk}],
        "meetings:meeting-attendee-add": [{"pk": pk}],
        "meetings:meeting-attendee-remove": [{"pk": pk, "attendee_pk": world["attendee"].pk}],
        "meetings:meeting-record": records,
        "meetings:meeting-record-answer": records,
        "meetings:meeting-record-document": [
            r | {"fmt": f} for r in records for f in ("pdf", "docx")
        ],
        "letters:council": [{"pk": pk}],
        "letters:council-comment": paragraphs,
        # Not in the permission walk's OWN_COUNCIL (its letter is never with the council), but
        # the council's page while the draft is with it (002 §I stage 3).
        "letters:council-close": [{"pk": pk}],
        # Issue 8: the council's own list of what is due, its calendar addresses and the feed.
        "programme:due": [{}],
        "programme:calendars": [{}],
        "programme:feed": [{"token": _feed_token(world)}],
        # Issue 9: the council's joint area review (it names the latest *published* APA grade).
        **_jar_pages(assessment),
        # Issue 10: the council's 2009 page and each part's own.
        **_caa_pages(assessment),
    }


def _jar_pages(assessment) -> dict[str, list[dict]]:

    review, _ = JointAreaReview.objects.get_or_create(
        council=assessment.council,
        defaults={
            "notified_on": date(2007, 9, 3),
            "setup_meeting": date(2007, 10, 1),
            "analysis_starts": date(2007, 10, 15),
            "fieldwork_starts": date(2007, 11, 5),
        },
    )
    case, _ = CaseFile.objects.get_or_create(
        review=review, reference="LAC-0001", category="looked_after", tracked=True
    )

    parts = {}

    for part in JAR_PARTS:
        parts.update(import_module(f"ecm.jar.{part}.tests.walk").council_pages(review))
    return {
        **parts,
        "jar:list": [{}],
        "jar:review": [{"pk": review.pk}],
        "jar:cases-list": [{"pk": review.pk}],
        "jar:case": [{"pk": review.pk, "case_pk": case.pk}],
    }


def _caa_pages(assessment) -> dict[str, list[dict]]:
    pages = {"caa:list": [{}], "caa:council": [{"la_number": assessment.council.la_number}]}

    for part in CAA_PARTS:
        pages.update(import_module(f"ecm.caa.{part}.tests.walk").council_pages(assessment.council))
    pages.update(import_module("ecm.surveys.tests.walk").council_pages(assessment.council))
    return pages


def _feed_token(world) -> str:
    owner = world["council_users"]["link officer"]
    return CalendarFeed.objects.get_or_create(owner=owner, round=None)[0].token
