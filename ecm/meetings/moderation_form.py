"""The Moderation Form as a document (002 §H; Appendix A): its context, shared by the page,
the PDF and the DOCX, and the DOCX."""

from ecm.analysis.exports import notebook_document_context
from ecm.analysis.exports_docx import notebook_docx_sections
from ecm.apa.models import AssignmentRole
from ecm.core.documents import (
    STYLESHEET,
    Block,
    clean,
    docx_blocks,
    docx_save,
    docx_table,
    person,
    when,
)
from ecm.meetings.documents import NOT_WRITTEN, docx_start, text_blocks_of
from ecm.meetings.services.moderation.submission import steps_ready

MODERATION_FORM_TEMPLATE = "meetings/documents/moderation_form.html"


FORM_CAPTION = "Integrated Children's Services Framework Annual Performance Assessment"


FORM_TITLE = "Moderation Form"


REASONS_TITLE = "Reasons for selecting for Moderation"


CONCERNS_TITLE = "Areas of Concern"


NO_CONCERNS = "None entered yet."


STEPS_TITLE = "Summary sheets from the evidence notebook (Steps 2 to 4)"


STEPS_AS_SUBMITTED = (
    "Submitted on {when} by {who} with the summary sheets of the evidence notebook (Steps 2 to "
    "4, the handbook, section H). The summary sheets below are as submitted at {when}."
)


STEPS_CHANGED = (
    "Submitted on {when} by {who} with the summary sheets of the evidence notebook (Steps 2 to "
    "4, the handbook, section H). Steps 2 to 4 have changed since then: the summary sheets "
    "below are the notebook as it stands{as_at}, not as submitted."
)


# Steps 2 to 4 are dated by their latest change, when there is one (ecm.analysis.exports).
STEPS_AS_AT = " (evidence as at {when})"


STEPS_NOT_SUBMITTED = (
    "Not submitted yet. The form goes with the summary sheets of the evidence notebook (Steps 2 "
    "to 4, the handbook, section H); below are Steps 2 to 4 as they stand{as_at}."
)


STEPS_HIDDEN = (
    "The summary sheets of the evidence notebook go with this form (the handbook, section H)."
)


def _inspector(assessment, role: str) -> str:
    names = [person(a.user) for a in assessment.assignments.all() if a.role == role]
    return ", ".join(names) or "Not assigned"


def moderation_form_context(*, assessment, form, include_steps: bool) -> dict:
    """Appendix A as filled in, then Steps 2-4 of the notebook (`include_steps`: only for
    those who may read the notebook). The notebook's export renders Steps 2-4 as they stand, so
    a submitted form says "as submitted" only while their revisions are those recorded with it
    (ModerationForm.steps), and says they have changed otherwise. Steps 2 to 4 are dated by
    their latest change (the notebook's "as at"), not by the moment of printing, so that the
    same form prints the same document (issue 25 §3: kept until its content changes)."""
    council_name = clean(assessment.council.name)
    submitted = form is not None and form.submitted_at is not None
    facts = [
        ("Council", council_name),
        ("CSCI BRM", _inspector(assessment, AssignmentRole.BRM)),
        ("Ofsted Inspector", _inspector(assessment, AssignmentRole.HMI)),
        ("Assessment", clean(assessment.round.title)),
    ]
    if submitted:
        facts.append(("Submitted", f"{when(form.submitted_at)} by {person(form.submitted_by)}"))
    else:
        facts.append(("Submitted", "Not submitted yet"))

    steps = None
    if include_steps:
        steps = notebook_document_context(assessment=assessment, steps="2-4")
        as_at = STEPS_AS_AT.format(when=when(steps["as_at"])) if steps["as_at"] else ""
        if not submitted:
            steps_note = STEPS_NOT_SUBMITTED.format(as_at=as_at)
        else:
            said = {"when": when(form.submitted_at), "who": person(form.submitted_by)}
            said["as_at"] = as_at
            current, _ = steps_ready(assessment=assessment)
            unchanged = current == form.steps
            steps_note = (STEPS_AS_SUBMITTED if unchanged else STEPS_CHANGED).format(**said)
    else:
        steps_note = STEPS_HIDDEN

    sections = [("reasons", REASONS_TITLE), ("concerns", CONCERNS_TITLE), ("steps", STEPS_TITLE)]
    if steps is not None:
        sections += [(s.anchor, s.title) for s in steps["sections"]]
    return {
        "template": MODERATION_FORM_TEMPLATE,
        "stylesheet": STYLESHEET,
        "title": f"{FORM_TITLE}: {council_name}",
        "caption": FORM_CAPTION,
        "subtitle": f"{council_name} \N{MIDDLE DOT} {clean(assessment.round.title)}",
        "council_name": council_name,
        "form_title": FORM_TITLE,
        "facts": facts,
        "contents": sections,
        "reasons_title": REASONS_TITLE,
        "reasons": text_blocks_of(form.reasons if form else ""),
        "not_written": NOT_WRITTEN,
        "concerns_title": CONCERNS_TITLE,
        "concerns": [clean(c) for c in (form.concerns if form else [])],
        "no_concerns": NO_CONCERNS,
        "steps_title": STEPS_TITLE,
        "steps_note": steps_note,
        "steps": steps,
    }


def moderation_form_docx(context: dict) -> bytes:
    document = docx_start(context, category=FORM_TITLE)
    docx_table(document, ("", ""), context["facts"], header_row=False)
    document.add_heading(REASONS_TITLE, level=1)
    docx_blocks(document, context["reasons"] or (Block(text=NOT_WRITTEN),))
    document.add_heading(CONCERNS_TITLE, level=1)
    for concern in context["concerns"]:
        document.add_paragraph(concern, style="List Bullet")
    if not context["concerns"]:
        document.add_paragraph(NO_CONCERNS)
    document.add_heading(STEPS_TITLE, level=1)
    document.add_paragraph(context["steps_note"])
    if context["steps"] is not None:
        notebook_docx_sections(document, context["steps"])
    return docx_save(document)
