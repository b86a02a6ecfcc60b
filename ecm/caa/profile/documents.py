"""The quarterly profile as a document (issue 10 §1): a tagged PDF from the same HTML the
print stylesheet (core/document.css) lays out, and a DOCX, through ecm.core.documents."""

from django.template.loader import render_to_string

from ecm.caa.profile.judgements import Judgement
from ecm.caa.profile.selectors import profile_by_outcome
from ecm.core.documents import (
    STYLESHEET,
    clean,
    docx_a4,
    docx_save,
    docx_table,
    pdf_from_html,
    person,
    when,
)

TITLE = "Performance profile"
HEADINGS = (
    "NI",
    "Indicator",
    "Period",
    "Council",
    "England",
    "Region",
    "Statistical neighbours",
    "Against England",
)
SUMMARY_HEADINGS = ("Outcome", *(label for _, label in Judgement.choices))
NO_DATA_YET = "No data yet"
ABOUT = (
    "The indicators of the National Indicator Set for children and young people, under the "
    "five Every Child Matters headings, each against England, the council's region (its "
    "geographical neighbours) and the average of its statistical neighbours, as they stood "
    "when the quarter was refreshed."
)


def entry_cells(entry) -> tuple[str, ...]:
    if not entry.period:
        why = getattr(entry, "why_no_data", "")
        shown = f"{NO_DATA_YET}: {why}" if why else NO_DATA_YET
        return (entry.label, clean(entry.title), shown, "", "", "", "", "")
    return (
        entry.label,
        clean(entry.title),
        entry.period,
        entry.value_shown,
        entry.england_shown,
        entry.region_shown,
        entry.neighbours_shown,
        entry.get_judgement_display(),
    )


def profile_context(*, quarter) -> dict:
    council = quarter.council
    groups = profile_by_outcome(quarter=quarter)
    return {
        "template": "caa/profile/document.html",
        "stylesheet": STYLESHEET,
        "title": f"{TITLE}: {council.name}",
        "caption": "Comprehensive Area Assessment: children's services",
        "subtitle": f"{quarter.quarter} ({quarter.months})",
        "council_name": council.name,
        "about": ABOUT,
        "facts": [
            ("Council", f"{council.name} (LA {council.la_number})"),
            ("Quarter", f"{quarter.quarter}, {quarter.months}"),
            ("Refreshed", when(quarter.refreshed_at)),
            ("Refreshed by", person(quarter.refreshed_by) or "ECM Assess"),
            ("Indicator list", quarter.library),
        ],
        "groups": groups,
        "headings": HEADINGS,
        "summary_headings": SUMMARY_HEADINGS,
    }


def profile_pdf(context: dict, *, base_url: str) -> bytes:
    return pdf_from_html(render_to_string(context["template"], context), base_url=base_url)


def _outcome_cell(group) -> str:
    # The heading with its number of indicators, never a bare number after a heading's name.
    return f"{group.label} ({len(group.entries)} indicators)"


def profile_docx(context: dict) -> bytes:
    document = docx_a4(header=f"{context['title']} \N{MIDDLE DOT} {context['subtitle']}")
    properties = document.core_properties
    properties.title, properties.subject = context["title"], context["caption"]
    properties.keywords = context["council_name"]
    document.add_paragraph(context["caption"])
    document.add_heading(context["title"], level=0)
    document.add_paragraph(context["subtitle"])
    docx_table(document, ("", ""), context["facts"], header_row=False)
    document.add_paragraph(context["about"])
    document.add_heading("Summary against England", level=1)
    rows = [
        (_outcome_cell(g), *(str(g.counts[code]) for code, _ in Judgement.choices))
        for g in context["groups"]
    ]
    docx_table(document, context["summary_headings"], rows)
    for group in context["groups"]:
        document.add_heading(group.label, level=1)
        docx_table(document, context["headings"], [entry_cells(e) for e in group.entries])
    return docx_save(document)
