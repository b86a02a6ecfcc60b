"""The unannounced inspection's letter as a document (issue 10 §3; 004 "Inspectors will report
their findings by letter to the Director of Children's Services ..."): a tagged PDF from HTML the
print stylesheet (core/document.css) lays out, and a DOCX that councils can edit in Word, both
from one context and through ecm.core.documents, as the performance profile's documents are.
They say what the printable letter page says (caa/unannounced/_letter.html), a draft marked."""

from django.template.loader import render_to_string
from django.utils.dateformat import format as date_format

from ecm.caa.unannounced import selectors
from ecm.caa.unannounced.framework import unannounced_rules
from ecm.core.documents import (
    DOCUMENT_TYPES,
    STYLESHEET,
    clean,
    docx_a4,
    docx_blocks,
    docx_save,
    docx_table,
    pdf_from_html,
    person,
    text_blocks,
)

FORMATS = DOCUMENT_TYPES
CAPTION = "Comprehensive Area Assessment: unannounced inspection {year}"
TITLE = "Unannounced inspection of contact, referral and assessment arrangements"
DRAFT = "Draft: the letter has not been sent, and the council cannot see it."
NOT_NAMED = "(not named yet)"
NOT_WRITTEN = "(The letter is not written yet.)"
NOT_EVALUATED = "Not evaluated yet."
NOT_DECIDED = "Not decided yet."
WHEN_SENT = "Date: when sent"
BROUGHT_FORWARD = (
    "The full inspection of safeguarding and services for looked after children will be "
    "brought forward."
)


def _day(value) -> str:
    return date_format(value, "j F Y")


def _blocks(text: str, empty: str):
    return text_blocks(text) or text_blocks(empty)


def visit_words(inspection) -> str:
    """The letter's opening: when and where the inspectors visited and what they looked at."""
    council = inspection.council.name
    days = inspection.days_in_words
    files, staff = inspection.case_files, inspection.staff_spoken
    return clean(
        f"Inspectors visited {council}'s contact, referral and assessment arrangements {days}, "
        f"at {', '.join(inspection.centres_visited)}. They scrutinised {files} case "
        f"file{'' if files == 1 else 's'} and spoke to {staff} "
        f"member{'' if staff == 1 else 's'} of staff and managers."
    )


def outcome_words(inspection) -> str:
    """The outcome in 004's words, and the full inspection brought forward when it says so."""
    outcome = selectors.outcome_of(inspection)
    if outcome is None:
        return NOT_DECIDED
    if outcome.brings_forward:
        return f"{outcome.wording}. {BROUGHT_FORWARD}"
    return f"{outcome.wording}."


def letter_context(*, inspection) -> dict:
    """Everything the letter's PDF and DOCX say (004: to the Director of Children's Services,
    copied to the Lead Member, the LSCB's chair and the Chief Executive; the nine aspects'
    evaluations; the outcome in 004's words)."""
    council = inspection.council
    rules = unannounced_rules(inspection.version)
    copied_names = (
        inspection.lead_member_name,
        inspection.lscb_chair_name,
        inspection.chief_executive_name,
    )
    copied = [
        clean(f"{name or NOT_NAMED}, {recipient.title}")
        for name, recipient in zip(copied_names, rules.copied_to, strict=True)
    ]
    to = clean(f"{inspection.director_name or NOT_NAMED}, {rules.to.title}, {council.name}")
    return {
        "template": "caa/unannounced/document.html",
        "stylesheet": STYLESHEET,
        "caption": CAPTION.format(year=inspection.year_label),
        "title": TITLE,
        "document_title": f"{TITLE}: {council.name}",
        "council_name": council.name,
        "draft": DRAFT if not inspection.is_sent else "",
        "date": _day(inspection.sent_on) if inspection.sent_on else WHEN_SENT,
        "facts": [
            ("Council", f"{council.name} (LA {council.la_number})"),
            ("To", to),
            ("Copied to", "\n".join(copied)),
        ],
        "visit": visit_words(inspection),
        "body": _blocks(inspection.letter_body, NOT_WRITTEN),
        "aspects": [
            (
                clean(f"{row['aspect'].number}. {row['aspect'].title}"),
                _blocks(row["finding"], NOT_EVALUATED),
            )
            for row in selectors.aspect_rows(inspection)
        ],
        "outcome": outcome_words(inspection),
        "signature": person(inspection.lead_inspector),
    }


def letter_pdf(context: dict, *, base_url: str) -> bytes:
    return pdf_from_html(render_to_string(context["template"], context), base_url=base_url)


def letter_docx(context: dict) -> bytes:
    document = docx_a4(header=f"{context['document_title']} \N{MIDDLE DOT} {context['caption']}")
    properties = document.core_properties
    properties.title, properties.subject = context["document_title"], context["caption"]
    properties.keywords = context["council_name"]
    document.add_paragraph(context["caption"])
    if context["draft"]:
        document.add_paragraph().add_run(context["draft"]).bold = True
    document.add_paragraph(context["date"])
    docx_table(document, ("", ""), context["facts"], header_row=False)
    document.add_heading(context["title"], level=0)
    document.add_paragraph(context["visit"])
    docx_blocks(document, context["body"])
    document.add_heading("The inspectors' evaluation", level=1)
    for heading, blocks in context["aspects"]:
        document.add_heading(heading, level=2)
        docx_blocks(document, blocks)
    document.add_heading("Outcome", level=1)
    document.add_paragraph().add_run(context["outcome"]).bold = True
    document.add_paragraph(context["signature"])
    document.add_paragraph("Lead inspector")
    return docx_save(document)
