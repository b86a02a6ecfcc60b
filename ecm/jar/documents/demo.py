"""Demonstration data for the JAR's documents part (issue 9 §3): the checklist requested, a
handful of small Word documents uploaded, one document said not to be held locally, and the
rest left missing, so both sides see a checklist part way through."""

import io

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

from ecm.jar.documents import services

UPLOADED = (
    "cypp",
    "safeguarding_board",
    "information_sharing",
    "mappa",
    "serious_case_reviews",
)
NOT_HELD = (
    "common_assessment",
    "The common assessment framework is being agreed with partners; no draft is ready yet.",
)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_bytes(title: str, council: str) -> bytes:
    """A one-page Word document, made in memory with python-docx."""
    document = docx.Document()
    document.add_heading(title, level=1)
    document.add_paragraph(f"{council}. A demonstration copy supplied for the joint area review.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def seed(*, review, council_user, lead) -> None:
    """Request the checklist (as the lead) and supply part of it (as the council)."""
    services.documents_request(review=review, actor=lead)
    documents = {d.code: d for d in review.requested_documents.all()}
    for code in UPLOADED:
        document = documents[code]
        if document.uploads.exists():
            continue
        upload = SimpleUploadedFile(
            f"{code.replace('_', '-')}.docx",
            docx_bytes(document.title, review.council.name),
            content_type=DOCX,
        )
        services.document_upload(document=document, actor=council_user, upload=upload)
    code, reason = NOT_HELD
    if not documents[code].not_held_reason:
        services.document_not_held(document=documents[code], actor=council_user, reason=reason)
