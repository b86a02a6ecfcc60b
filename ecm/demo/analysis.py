"""A demo information pack (002 §C): briefings and a supporting document, written by our own
code as Word documents so that `make run` shows a pack to search and cite. All made up."""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from ecm.analysis.models import PackItem
from ecm.analysis.services.pack import pack_item_upload

# (category, source type, title, provided by, date, shared with the council, paragraphs)
DEMO_PACK = [
    ("briefing", "csci", "CSCI briefing: children's social care", "CSCI regional office",
     date(2007, 5, 21), True, [
         "Referrals to children's social care rose by a tenth over the year; initial "
         "assessments completed within seven working days improved but remain below similar "
         "councils.",
         "Re-registrations on the child protection register fell. All child protection cases "
         "were reviewed on time.",
         "Placement stability for looked after children is good: few children had three or more "
         "placements in the year.",
     ]),
    ("briefing", "youth_justice_board", "Youth Justice Board: youth offending team report",
     "Youth Justice Board", date(2007, 5, 14), False, [
         "The youth offending team reduced first-time entrants to the youth justice system and "
         "re-offending fell for the second year.",
         "Work with victims of crime and community reparation are well established; the "
         "funding of preventative work is short term.",
     ]),
    ("briefing", "schools_causing_concern", "Schools causing concern, April 2007",
     "Ofsted", date(2007, 4, 30), True, [
         "Two secondary schools are in special measures, one for longer than expected. The "
         "proportion of schools in a category of concern is above that of statistical "
         "neighbours.",
         "Monitoring letters describe well-targeted support from the authority's school "
         "improvement service.",
     ]),
    ("briefing", "improvement_adviser", "Children's Services Improvement Adviser: commentary",
     "DfES", date(2007, 5, 18), True, [
         "Attainment at Key Stage 2 has improved faster than nationally; attendance in "
         "secondary schools remains a concern, with persistent absence above the national rate.",
         "The Change for Children programme is well led and partners are committed.",
     ]),
    ("supporting", "annual_audit_letter", "Annual audit letter 2006/07", "Audit Commission",
     date(2007, 3, 31), True, [
         "The council's financial standing is sound and its arrangements for value for money "
         "are adequate. Performance management is improving.",
     ]),
]  # fmt: skip


def _docx(title: str, paragraphs: list[str]) -> bytes:
    document = Document()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def demo_pack_write(*, assessment, author) -> bool:
    """Put the demo pack into the assessment's information pack unless it has one. True if
    written now."""
    if PackItem.objects.filter(assessment=assessment).exists():
        return False
    for category, source_type, title, source, dated, shared, paragraphs in DEMO_PACK:
        name = title.split(":")[0].lower().replace(" ", "-").replace(",", "") + ".docx"
        pack_item_upload(
            assessment=assessment,
            actor=author,
            upload=SimpleUploadedFile(name, _docx(title, paragraphs)),
            category=category,
            source_type=source_type,
            title=title,
            source=source,
            dated=dated,
            shared_with_council=shared,
        )
    return True
