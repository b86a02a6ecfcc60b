"""The information pack (002 §B, §C): uploading briefings and supporting documents, and
ticking the pre-analysis checklist."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.analysis.models import ChecklistTick, PackItem
from ecm.analysis.pack import CHECKLIST_CODES, PackCategory, pack_types
from ecm.analysis.search import pack_item_index
from ecm.audit.services import audit_record
from ecm.core.uploads.documents import DocumentRefused, document_read, stored_file_fields
from ecm.core.uploads.text_task import TextStatus, text_read, text_read_later

NO_TITLE = "Enter the document's title"
NO_SOURCE = "Enter who provided the document"
NO_DATE = "Enter the date the document bears"
FUTURE_DATE = "The date the document bears must be today or in the past"
NO_TYPE = "Select the kind of {what}"
KIND_OF = {
    PackCategory.BRIEFING: "briefing",
    PackCategory.SUPPORTING: "document",
    PackCategory.CYCLE: "document Ofsted considers with the review",
}
UNKNOWN_ITEM = "That is not an item of the pre-analysis checklist"


@transaction.atomic
def pack_item_upload(
    *,
    assessment,
    actor,
    upload,
    category: str,
    source_type: str,
    title: str,
    source: str,
    dated: date | None,
    shared_with_council: bool,
) -> PackItem:
    """Keep a briefing or supporting document, checked by its content and size within the caps,
    then have its text read and indexed for search by a task (issue 5 §1; issue 21 §1: the
    checks are bounded and stay in the request, the reading runs off it, and the pack shows
    how it went)."""
    errors = {}
    # The types on offer are the round's cycle's (issue 23 §1): a cycle source only where the
    # round's cycle names it.
    kinds = dict(pack_types(category=category, cycle=assessment.round.the_cycle))
    if source_type not in kinds:
        errors["source_type"] = NO_TYPE.format(what=KIND_OF.get(category, "document"))
    if not title.strip():
        errors["title"] = NO_TITLE
    if not source.strip():
        errors["source"] = NO_SOURCE
    if dated is None:
        errors["dated"] = NO_DATE
    elif dated > timezone.localdate():  # the council's day (Europe/London), not the server's
        errors["dated"] = FUTURE_DATE
    try:
        checked = document_read(upload)
    except DocumentRefused as refused:
        errors["file"] = refused.message
    if errors:
        raise ValidationError(errors)
    item = PackItem.objects.create(
        assessment=assessment,
        category=category,
        source_type=source_type,
        title=title.strip(),
        source=source.strip(),
        dated=dated,
        shared_with_council=shared_with_council,
        **stored_file_fields(checked),
        text_status=TextStatus.READING,
        uploaded_by=actor,
    )
    audit_record(
        actor=actor,
        verb="pack.item_uploaded",
        target=item,
        after={
            "category": category,
            "source_type": source_type,
            "title": item.title,
            "file": item.file_name,
            "sha256": item.sha256,
            "shared_with_council": shared_with_council,
        },
        reason=f"Added to the information pack: {item.title}",
    )
    text_read_later(task="ecm.analysis.services.pack.pack_item_text_read", pk=item.pk)
    return item


def pack_item_text_read(*, pk: int) -> None:
    """Read a pack item's text and index it for search, off the request (issue 21 §1); the
    pack then shows it "Ready", or "Could not read" and why, the item kept either way. A task:
    run once per upload. Reading is the system's, not a person's, so it is not audited."""
    text_read(model=PackItem, pk=pk, keep=lambda item, text: pack_item_index(item=item, text=text))


@transaction.atomic
def checklist_mark(*, assessment, actor, codes: set[str]) -> None:
    """Set which items of the pre-analysis checklist (002 §B 2) are done; each change is
    audited with who made it."""
    if not codes <= CHECKLIST_CODES:
        raise ValidationError(UNKNOWN_ITEM)
    ticked = set(ChecklistTick.objects.filter(assessment=assessment).values_list("code", flat=True))
    for code in sorted(codes - ticked):
        ChecklistTick.objects.create(assessment=assessment, code=code, ticked_by=actor)
    removed = ticked - codes
    ChecklistTick.objects.filter(assessment=assessment, code__in=removed).delete()
    if codes != ticked:
        audit_record(
            actor=actor,
            verb="pack.checklist_marked",
            target=assessment,
            before={"ticked": sorted(ticked)},
            after={"ticked": sorted(codes)},
            reason="Pre-analysis checklist updated",
        )
