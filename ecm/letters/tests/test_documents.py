"""The letter's documents (issue 7 §3): one content builder behind the HTML, the PDF and the
DOCX, with the exemplar's layout (002 Appendix B)."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from ecm.core.grade_numbers import states_a_grade
from ecm.letters import documents
from ecm.letters.models import Rendition
from ecm.letters.tests.fixtures import JAR_STATEMENT, improvement_of, strength_of

SUMMARY = """Being healthy
Strengths:
- the promotion of healthy lifestyles
Areas for improvement:
- promoting mental health

Making a positive contribution
Areas for improvement:
- increasing re-offending rates

A closing remark that is not part of the table."""


def test_the_summary_text_becomes_a_table_of_strengths_and_areas_by_outcome_appendix_b():
    """Appendix B: the summary is a two-column table, outcome by outcome; an outcome with no
    strengths keeps its row; text outside the table is kept after it."""
    rows, loose = documents.summary_rows(SUMMARY)
    assert rows == [
        documents.SummaryRow(
            "Being healthy", ("the promotion of healthy lifestyles",), ("promoting mental health",)
        ),
        documents.SummaryRow(
            "Making a positive contribution", (), ("increasing re-offending rates",)
        ),
    ]
    assert [b.text for b in loose] == ["A closing remark that is not part of the table."]


def test_the_jar_areas_are_grouped_under_their_outcome_appendix_b():
    groups = documents.titled_groups("Staying safe\n- missing children\n\nJust a paragraph.")
    assert groups[0].title == "Staying safe"
    assert groups[0].blocks[0].bullets == ("missing children",)
    assert groups[1].title == "" and groups[1].blocks[0].text == "Just a paragraph."


@pytest.mark.django_db
def test_the_letter_follows_the_exemplars_layout_appendix_b(assembled):
    """Appendix B: address block, "Dear ...", the title, the opening, the parts in the
    template's order, the summary table from the notebook's findings, the JAR, the provisional
    judgements in words, the next steps, then the inspectors' signatures."""
    rendition = assembled.renditions.get(number=1)
    context = documents.letter_context(assessment=assembled.assessment, rendition=rendition)
    council = assembled.assessment.council.name
    assert context["address"][0] == "[Name],"
    assert context["address"][2] == f"{council},"
    assert context["salutation"] == "Dear [Name],"
    assert context["title"].startswith(f"Annual performance assessment of {council}")
    assert context["opening"][0].text.startswith("This letter summarises the findings")
    assert [p.code for p in context["parts"]] == [
        "being_healthy",
        "staying_safe",
        "enjoying_achieving",
        "positive_contribution",
        "economic_wellbeing",
        "summary",
        "service_management",
        "jar",
        "judgements",
    ]
    summary = next(p for p in context["parts"] if p.kind == "summary")
    assert summary.rows[1].outcome == "Staying safe"
    assert strength_of("staying_safe") in summary.rows[1].strengths
    assert improvement_of("staying_safe") in summary.rows[1].improvements
    jar = next(p for p in context["parts"] if p.kind == "groups")
    assert jar.groups[0].title == "Staying safe"
    assert jar.groups[0].blocks[0].bullets == (JAR_STATEMENT,)
    assert context["closing"][-1].text == "Yours sincerely,"
    assert [role for _, role in context["signatories"]] == [
        documents.SIGNATORY_ROLES["hmi"],
        documents.SIGNATORY_ROLES["brm"],
    ]
    assert context["draft"] and context["status"].startswith("Draft: rendition 1")


@pytest.mark.django_db
def test_html_and_docx_say_the_same_in_words_only_before_the_final_letter_002_a(assembled):
    rendition = assembled.renditions.get(number=1)
    context = documents.letter_context(assessment=assembled.assessment, rendition=rendition)
    html = documents.letter_html(context)
    document = Document(io.BytesIO(documents.letter_docx(context)))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    for judgement in rendition.content["judgements"]:
        assert judgement["words"] in html and judgement["words"] in text
    assert strength_of("being_healthy") in cells and "Areas for improvement" in cells
    assert 'class="doc-table letter-summary"' in html
    assert "<address" in html and "Dear [Name]," in html
    for body in (html, text, cells):
        assert not states_a_grade(body)
        assert documents.GRADES_TITLE not in body
    assert document.core_properties.title == context["document_title"]


@pytest.mark.django_db
def test_the_final_letter_carries_the_grades_002_i_stage_3(assembled, hmi):
    """002 §I stage 3 and DOMAIN.md §3: the final letter "contains grades"."""
    latest = assembled.renditions.get(number=1)
    content = dict(latest.content)
    content["grades"] = [
        {"urn": "u", "title": "Children's services", "grade": 3, "label": "Good", "words": "w"}
    ]
    final = Rendition.objects.create(
        letter=assembled, number=2, content=content, made_by=hmi, reason="Final"
    )
    context = documents.letter_context(assessment=assembled.assessment, rendition=final)
    assert not context["draft"] and context["status"].startswith("Final letter: rendition 2")
    assert context["grades"] == [("Children's services", "Grade 3: Good")]
    assert "Children&#x27;s services: Grade 3: Good" in documents.letter_html(context)
    text = "\n".join(
        p.text for p in Document(io.BytesIO(documents.letter_docx(context))).paragraphs
    )
    assert "Children's services: Grade 3: Good" in text


@pytest.mark.django_db
def test_the_pdf_renders_from_the_same_html_with_the_print_stylesheets(assembled):
    rendition = assembled.renditions.get(number=1)
    context = documents.letter_context(assessment=assembled.assessment, rendition=rendition)
    pdf = documents.letter_pdf(context, base_url="http://testserver/")
    assert pdf.startswith(b"%PDF")

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Staying Safe" in text and "Summary" in text
    assert not states_a_grade(text)
