"""The full inspection of safeguarding and looked after children's report as a document (issue
10 §4; 004: "one report" of both sections, published "normally within 20 working days of the
end of the inspection"): a tagged PDF from HTML the print stylesheet (core/document.css) lays
out, and a DOCX, both from one context and through ecm.core.documents, as the performance
profile's documents are. They say what the printable report page says
(caa/safeguarding/report.html): the dates, both sections with each judgement's grade and
rationale, the main findings, and the recommendations with their timescales."""

from django.template.loader import render_to_string
from django.utils.dateformat import format as date_format

from ecm.caa.safeguarding import selectors
from ecm.caa.safeguarding.services_report import publication_deadline
from ecm.core.documents import (
    DOCUMENT_TYPES,
    STYLESHEET,
    clean,
    docx_a4,
    docx_blocks,
    docx_save,
    docx_table,
    pdf_from_html,
    text_blocks,
)

FORMATS = DOCUMENT_TYPES
CAPTION = "Comprehensive Area Assessment: full inspection"
TITLE = "Inspection of safeguarding and looked after children services"
HEADINGS = ("Judgement", "Grade", "Rationale", "Evidence cited")
NOT_JUDGED = "Not judged"
NOT_WRITTEN = "Not written yet."
NO_RECOMMENDATIONS = "None yet."
SCALE = "Judgements are on a four-point scale: outstanding, good, adequate, inadequate."
SENT_TO = (
    "The Director of Children\u2019s Services and the Lead Member for Children\u2019s Services, "
    "copied to the Chair of the Local Safeguarding Children Board and the council\u2019s chief "
    "executive (004)"
)


def _day(value) -> str:
    return date_format(value, "j F Y")


def published_words(inspection) -> str:
    """When the report was published, or by when it is due, with the rule that set the date."""
    deadline = publication_deadline(inspection)
    if not inspection.is_published:
        return f"Not published: due by {_day(deadline.date)} ({deadline.rule}; {deadline.calendar})"
    late = inspection.late_reason
    after = f" (after the deadline of {_day(deadline.date)}: {late})" if late else ""
    return clean(f"{_day(inspection.published_on)}{after}")


def _section(found: dict) -> dict:
    return {
        "code": found["section"].code,
        "title": found["section"].title,
        "findings": text_blocks(found["findings"]) or text_blocks(NOT_WRITTEN),
        "rows": [
            (
                clean(row["judgement"].title),
                row["label"] if row["grade"] else NOT_JUDGED,
                clean(row["rationale"]),
                clean("; ".join(f"{e['kind']}: {e['record'].summary}" for e in row["evidence"])),
            )
            for row in found["rows"]
        ],
        "recommendations": [
            clean(f"{r['recommendation'].text} ({r['timescale'].lower()})")
            for r in found["recommendations"]
        ],
        "timescale_note": found["timescale_note"] + ".",
    }


def report_context(*, inspection) -> dict:
    """Everything the report's PDF and DOCX say. Only for readers of the findings
    (caa.safeguarding_read_findings: the council once the report is published)."""
    council = inspection.council
    days = inspection.days_on_site
    return {
        "template": "caa/safeguarding/document.html",
        "stylesheet": STYLESHEET,
        "caption": CAPTION,
        "title": f"{TITLE}: {council.name}",
        "council_name": council.name,
        "facts": [
            ("Council", f"{council.name} (LA {council.la_number})"),
            (
                "Inspection dates",
                f"{inspection.days_listed} ({days} day{'' if days == 1 else 's'} on site)",
            ),
            (
                "Inspectors",
                "; ".join(
                    f"{m['name']} ({m['inspectorate']}){', lead inspector' if m['lead'] else ''}"
                    for m in selectors.team_of(inspection)
                ),
            ),
            ("Published", published_words(inspection)),
            ("Sent to", SENT_TO),
        ],
        "scale": SCALE,
        "headings": HEADINGS,
        "no_recommendations": NO_RECOMMENDATIONS,
        "sections": [_section(s) for s in selectors.sections_of(inspection)],
    }


def report_pdf(context: dict, *, base_url: str) -> bytes:
    return pdf_from_html(render_to_string(context["template"], context), base_url=base_url)


def report_docx(context: dict) -> bytes:
    document = docx_a4(header=context["title"])
    properties = document.core_properties
    properties.title, properties.subject = context["title"], context["caption"]
    properties.keywords = context["council_name"]
    document.add_paragraph(context["caption"])
    document.add_heading(context["title"], level=0)
    docx_table(document, ("", ""), context["facts"], header_row=False)
    document.add_paragraph(context["scale"])
    for section in context["sections"]:
        document.add_heading(section["title"], level=1)
        document.add_heading("Main findings", level=2)
        docx_blocks(document, section["findings"])
        document.add_heading("Judgements", level=2)
        docx_table(document, context["headings"], section["rows"])
        document.add_heading("Recommendations", level=2)
        for recommendation in section["recommendations"]:
            document.add_paragraph(recommendation, style="List Bullet")
        if not section["recommendations"]:
            document.add_paragraph(NO_RECOMMENDATIONS)
        document.add_paragraph(section["timescale_note"])
    return docx_save(document)
