"""Reads of the JAR's documents part (issue 9 §3; 001 "Documents Evidence"): each requested
document with its state, what is missing, and the review page's panel."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from ecm.jar.documents.checklist import checklist_current, checklist_youth
from ecm.jar.documents.models import DocumentStatus, DocumentUpload, RequestedDocument


@dataclass(frozen=True)
class DocumentRow:
    """A requested document as the checklist shows it, to the council and the inspectors."""

    document: RequestedDocument
    status: DocumentStatus
    uploads: tuple[DocumentUpload, ...]
    part_of: str = ""  # the title of the document this one is a part of

    @property
    def accepted(self) -> bool:
        return self.document.accepted_at is not None

    @property
    def youth(self) -> bool:
        """One of the youth service's documents (001 "Enhanced Youth Inspection")."""
        return self.document.list_urn == checklist_youth().urn


@dataclass(frozen=True)
class Tally:
    total: int
    received: int
    not_held: int
    missing: int


def document_status(document: RequestedDocument, uploads) -> DocumentStatus:
    """Received once a file is uploaded; Not held locally when the council says so with a
    reason and nothing is uploaded; otherwise Missing (001 "Documents Evidence")."""
    if uploads:
        return DocumentStatus.RECEIVED
    if document.not_held_reason:
        return DocumentStatus.NOT_HELD
    return DocumentStatus.MISSING


def document_rows(*, review) -> list[DocumentRow]:
    """The review's checklist in the list's order, extras last, each with its state."""
    documents = review.requested_documents.prefetch_related(
        Prefetch("uploads", queryset=DocumentUpload.objects.order_by("-uploaded_at", "-pk"))
    ).order_by("position", "pk")
    titles = {d.code: d.title for d in documents}
    rows = []
    for document in documents:
        uploads = tuple(document.uploads.all())
        status = document_status(document, uploads)
        parent = titles.get(document.part_of, "").removesuffix("\N{EN DASH} including:").strip()
        rows.append(DocumentRow(document, status, uploads, parent))
    return rows


def documents_missing(*, review) -> list[RequestedDocument]:
    """What the council still owes: not uploaded and not said to be not held locally."""
    return [r.document for r in document_rows(review=review) if r.status == DocumentStatus.MISSING]


def split_rows(rows: list[DocumentRow]) -> tuple[list[DocumentRow], list[DocumentRow]]:
    """The checklist's documents (the CYPP, 001 "Documents Evidence" and any the lead added),
    and the youth service's (001 "Enhanced Youth Inspection"), each in order."""
    return [r for r in rows if not r.youth], [r for r in rows if r.youth]


def documents_tally(rows: list[DocumentRow]) -> Tally:
    def count(status):
        return sum(1 for r in rows if r.status == status)

    return Tally(
        total=len(rows),
        received=count(DocumentStatus.RECEIVED),
        not_held=count(DocumentStatus.NOT_HELD),
        missing=count(DocumentStatus.MISSING),
    )


def review_panel(*, review, user) -> dict:
    """What this part shows on the review's page (jar/<part>/_on_review.html gets it as
    `panel`, beside `review` and the request's `user` and `perms`): how many documents are in
    and how many are missing, with the checklist's link, for anyone who may read it."""
    if not user.has_perm("jar.read_documents", review):
        return {}
    rows = document_rows(review=review)
    main, youth = split_rows(rows)
    tally = documents_tally(main)
    youth_tally = documents_tally(youth)
    if not rows:  # not yet opened: the list the council will be asked for, all missing
        total = len(checklist_current().documents)
        tally = Tally(total=total, received=0, not_held=0, missing=total)
        total = len(checklist_youth().documents)
        youth_tally = Tally(total=total, received=0, not_held=0, missing=total)
    return {
        "visible": True,
        "requested": bool(rows),
        "tally": tally,
        "youth_tally": youth_tally,
        "may_supply": user.has_perm("jar.supply_documents", review),
    }
