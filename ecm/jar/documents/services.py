"""Writes of the JAR's documents part (issue 9 §3; 001 "Documents Evidence"): the checklist
requested of the council, the files it uploads against it, the documents it says it does not
hold, the lead inspector's extra requests and acceptance. Each write is audited."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ecm.audit.services import audit_record
from ecm.core.citations import cited
from ecm.core.uploads.documents import DocumentRefused, document_read, stored_file_fields
from ecm.core.uploads.refusals import size_words
from ecm.jar.documents.checklist import checklists
from ecm.jar.documents.models import DocumentUpload, RequestedDocument
from ecm.jar.models import JointAreaReview
from ecm.jar.services.common import _require_council, _require_team

NO_FILE = "Select a file to upload"
NO_REASON_NOT_HELD = (
    "Say why the document is not held locally, for example that the area has no such plan"
)
ALREADY_RECEIVED = (
    "A file has been uploaded for this document, so it is held locally: upload a newer copy "
    "instead if it has changed"
)
NO_TITLE = "Enter the name of the document you are asking the council for"
ALREADY_LISTED = "The council has already been asked for a document with this name"
NOTHING_TO_ACCEPT = (
    "Nothing has been uploaded and the council has not said the document is not held "
    "locally: there is nothing to accept yet"
)
ALREADY_ACCEPTED = "You have already accepted this document"
NOTE_TOO_LONG = "The note must be 300 characters or fewer"


def max_bytes_words() -> str:
    """The upload limit as GOV.UK writes it (10MB), for the upload page's hint: the same
    limit as every document upload (UPLOAD_DOCUMENT_MAX_BYTES)."""
    return size_words(settings.UPLOAD_DOCUMENT_MAX_BYTES)


@transaction.atomic
def documents_request(*, review, actor) -> list[RequestedDocument]:
    """Ask the council for the CYPP and each document 001 "Documents Evidence" names, and the
    youth service's documents 001 "Enhanced Youth Inspection" names, from the bundled lists.
    Idempotent: documents already requested are kept as they are; a list's new documents
    follow the last one requested."""
    # The review's row is locked so that two first visits do not both make the list.
    JointAreaReview.objects.select_for_update().filter(pk=review.pk).first()
    have = set(review.requested_documents.values_list("code", flat=True))
    last = review.requested_documents.aggregate(last=Max("position"))["last"] or 0
    made_all = []
    for checklist in checklists():
        made = []
        for listed in checklist.documents:
            if listed.code in have:
                continue
            last += 1
            made.append(
                RequestedDocument(
                    review=review,
                    code=listed.code,
                    title=listed.title,
                    hint=listed.hint,
                    part_of=listed.part_of,
                    position=last,
                    list_urn=checklist.urn,
                    requested_by=actor if actor is not None and actor.is_authenticated else None,
                )
            )
        if not made:
            continue
        for document in made:
            document.save()
        audit_record(
            actor=actor,
            verb="jar.documents_requested",
            target=review,
            after={"list": checklist.urn, "codes": [d.code for d in made]},
            reason=f"{len(made)} documents requested ({cited(checklist.source)})",
        )
        made_all += made
    return made_all


def documents_all_requested(review) -> bool:
    """Whether every document of the lists is on the review's checklist (a review whose
    checklist was made before a list grew gets the new ones on its next visit)."""
    have = set(review.requested_documents.values_list("code", flat=True))
    return all(listed.code in have for c in checklists() for listed in c.documents)


@transaction.atomic
def document_request_extra(*, review, actor, title: str, hint: str = "") -> RequestedDocument:
    """Ask the council for a document beyond the list: 001 asks for "over 30 documents
    including" those it names, so the lead inspector (or the programme administrator) adds
    what the review needs."""
    _require_team(actor, review)
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"name": NO_TITLE})
    if review.requested_documents.filter(title__iexact=title).exists():
        raise ValidationError({"name": ALREADY_LISTED})
    documents_request(review=review, actor=actor)
    last = review.requested_documents.aggregate(last=Max("position"))["last"] or 0

    JointAreaReview.objects.select_for_update().filter(pk=review.pk).first()  # one number each
    number = review.requested_documents.filter(extra=True).count() + 1
    document = RequestedDocument.objects.create(
        review=review,
        code=f"extra_{number}",
        title=title[:300],
        hint=" ".join(hint.split())[:300],
        position=last + 1,
        extra=True,
        requested_by=actor,
    )
    audit_record(
        actor=actor,
        verb="jar.document_requested",
        target=review,
        after={"code": document.code, "title": document.title},
        reason="Added to the documents requested by the lead inspector",
    )
    return document


@transaction.atomic
def document_upload(
    *, document: RequestedDocument, actor, upload, note: str = ""
) -> DocumentUpload:
    """Keep a file the council uploads against a requested document, checked by its content
    and size (PDF, DOCX or ODT; issue 4 §2's rule for every council upload). Only the
    council's own link officer or director supplies its documents (001 "Documents Evidence":
    the inspectors "require copies"). An upload says the document is held, so a "not held
    locally" answer is withdrawn (the audit keeps it)."""
    _require_council(actor, document.review)
    if upload is None:
        raise ValidationError({"file": NO_FILE})
    note = " ".join(note.split())
    if len(note) > 300:
        raise ValidationError({"note": NOTE_TOO_LONG})
    try:
        checked = document_read(upload)  # its text is not kept: nothing searches it
    except DocumentRefused as refused:
        raise ValidationError({"file": refused.message}) from refused
    stored = DocumentUpload.objects.create(
        document=document,
        **stored_file_fields(checked),
        note=note,
        uploaded_by=actor,
    )
    before = {}
    if document.not_held_reason or document.accepted_at:
        # A new file is looked at afresh: any earlier acceptance was of what came before.
        before = {"not_held": document.not_held_reason, "accepted": bool(document.accepted_at)}
        document.not_held_reason = ""
        document.not_held_by = None
        document.not_held_at = None
        document.accepted_by = None
        document.accepted_at = None
        document.save(
            update_fields=[
                "not_held_reason",
                "not_held_by",
                "not_held_at",
                "accepted_by",
                "accepted_at",
            ]
        )
    audit_record(
        actor=actor,
        verb="jar.document_uploaded",
        target=document.review,
        before=before,
        after={
            "code": document.code,
            "file": stored.file_name,
            "sha256": stored.sha256,
            "size": stored.size,
            "pages": stored.pages,
        },
        reason=f"Uploaded {stored.file_name} for {document.title}",
    )
    return stored


@transaction.atomic
def document_not_held(*, document: RequestedDocument, actor, reason: str) -> RequestedDocument:
    """The council says it does not hold a requested document locally, and why, so that it is
    no longer counted as missing (001 "Documents Evidence"; for example common assessment
    procedures "if available")."""
    _require_council(actor, document.review)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": NO_REASON_NOT_HELD})
    if document.uploads.exists():
        raise ValidationError({"reason": ALREADY_RECEIVED})
    before = {"not_held": document.not_held_reason} if document.not_held_reason else {}
    if document.accepted_at:  # a new reason is the inspectors' to accept again
        before["accepted_by"] = document.accepted_by_id
    document.not_held_reason = reason
    document.not_held_by = actor
    document.not_held_at = timezone.now()
    document.accepted_at = document.accepted_by = None
    document.save(
        update_fields=[
            "not_held_reason",
            "not_held_by",
            "not_held_at",
            "accepted_at",
            "accepted_by",
        ]
    )
    audit_record(
        actor=actor,
        verb="jar.document_not_held",
        target=document.review,
        before=before,
        after={"code": document.code, "not_held": reason},
        reason=reason,
    )
    return document


@transaction.atomic
def document_accept(*, document: RequestedDocument, actor) -> RequestedDocument:
    """The lead inspector (or the programme administrator) accepts what the council supplied
    for a document: the files uploaded, or its reason for not holding it."""
    _require_team(actor, document.review)
    if document.accepted_at is not None:
        raise ValidationError(ALREADY_ACCEPTED)
    if not document.not_held_reason and not document.uploads.exists():
        raise ValidationError(NOTHING_TO_ACCEPT)
    document.accepted_by = actor
    document.accepted_at = timezone.now()
    document.save(update_fields=["accepted_by", "accepted_at"])
    audit_record(
        actor=actor,
        verb="jar.document_accepted",
        target=document.review,
        after={"code": document.code, "title": document.title},
        reason="Accepted by the lead inspector",
    )
    return document
