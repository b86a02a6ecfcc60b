"""The JAR report as a document (issue 24 §2: "The JAR report as PDF and Word, like the other
documents"; 003: the review's report with its graded judgements): a tagged PDF from HTML the
print stylesheet (core/document.css) lays out, and a DOCX, both from one context and through
ecm.core.documents, as the letters' and the unannounced inspection's documents are.

They say what the report page says to the same reader: its stage, summary, each judgement with
its text, and its recommendations. A grade is in them only where the page shows it (the
inspectorate as it is given; the council once the report is published, 002 §A's rule as the
JAR applies it); a draft is marked as one."""

from django.template.loader import render_to_string
from django.utils.dateformat import format as date_format

from ecm.core.documents import (
    STYLESHEET,
    clean,
    docx_a4,
    docx_blocks,
    docx_save,
    docx_table,
    pdf_from_html,
    text_blocks,
)
from ecm.jar.report import selectors
from ecm.jar.report.workflow import ReportStage

CAPTION = "Joint area review of children's services"
TITLE = "Joint area review report"
NOT_WRITTEN = "Not written yet."
NOT_JUDGED = "Not judged yet."
GRADES_LATER = "Grades reach the council when the report is published."
DRAFT = "Draft: {stage}. This report is not published."


def _day(value) -> str:
    return date_format(value, "j F Y") if value else ""


def _blocks(text: str, empty: str):
    return text_blocks(text) or text_blocks(empty)


def report_context(*, review, user) -> dict:
    """Everything the report's PDF and DOCX say to `user`: what the report page shows them."""
    report = selectors.report_for_reading(review)
    stage = ReportStage(report.stage)
    grades_visible = selectors.grades_visible(review, user)
    council = review.council
    team = [
        clean(f"{m.name}, {m.get_inspectorate_display()}{' (lead inspector)' if m.is_lead else ''}")
        for m in review.team.all()
    ]
    facts = [
        ("Area", f"{council.name} (LA {council.la_number})"),
        ("Fieldwork", f"From {_day(review.fieldwork_starts)}"),
        ("Stage", stage.label),
    ]
    if report.published_on:
        facts.append(("Published", _day(report.published_on)))
    if team:
        facts.append(("Review team", "\n".join(team)))
    return {
        "template": "jar/report/document.html",
        "stylesheet": STYLESHEET,
        "caption": CAPTION,
        "title": TITLE,
        "document_title": f"{TITLE}: {council.name}",
        "council_name": council.name,
        "draft": DRAFT.format(stage=stage.label) if stage != ReportStage.PUBLISHED else "",
        "facts": [(label, clean(value)) for label, value in facts],
        "summary": _blocks(report.summary, NOT_WRITTEN),
        "grades_note": "" if grades_visible else GRADES_LATER,
        "judgements": [
            (
                clean(row.title),
                clean(row.grade_words) if grades_visible else "",
                _blocks(row.recorded.rationale if row.recorded else "", NOT_JUDGED),
            )
            for row in selectors.judgement_rows(review, user)
        ],
        "recommendations": [clean(r) for r in report.recommendation_list],
    }


def report_pdf(context: dict, *, base_url: str) -> bytes:
    return pdf_from_html(render_to_string(context["template"], context), base_url=base_url)


def report_docx(context: dict) -> bytes:
    document = docx_a4(header=f"{context['document_title']} \N{MIDDLE DOT} {context['caption']}")
    properties = document.core_properties
    properties.title, properties.subject = context["document_title"], context["caption"]
    properties.keywords = context["council_name"]
    document.add_paragraph(context["caption"])
    if context["draft"]:
        document.add_paragraph().add_run(context["draft"]).bold = True
    docx_table(document, ("", ""), context["facts"], header_row=False)
    document.add_heading(context["title"], level=0)
    document.add_heading("Summary", level=1)
    docx_blocks(document, context["summary"])
    document.add_heading("Judgements", level=1)
    if context["grades_note"]:
        document.add_paragraph(context["grades_note"])
    for title, grade, blocks in context["judgements"]:
        document.add_heading(title, level=2)
        if grade:
            document.add_paragraph().add_run(f"Grade {grade}").bold = True
        docx_blocks(document, blocks)
    document.add_heading("Recommendations", level=1)
    if context["recommendations"]:
        for recommendation in context["recommendations"]:
            document.add_paragraph(recommendation, style="List Number")
    else:
        document.add_paragraph("None yet.")
    return docx_save(document)
