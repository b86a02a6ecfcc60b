"""Hypotheses (002 §D): raised from the data, a briefing or the self-assessment, tested against
new evidence, each with its trail (issue 5 §4)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ecm.analysis.models import (
    Entry,
    Hypothesis,
    HypothesisEvent,
    HypothesisSource,
    HypothesisStatus,
)
from ecm.audit.services import audit_record
from ecm.core.locking import stale

NO_STATEMENT = "Enter the hypothesis"
NO_SOURCE = "Select where the hypothesis comes from"
NO_STATUS = "Select what the evidence shows"
NO_NOTE = "Enter the evidence the hypothesis was tested against and what it showed"
NOT_SHARED_ENTRY = "Select an entry both inspectors can see"


@transaction.atomic
def hypothesis_raise(
    *, assessment, actor, statement: str, raised_from: str, outcome=None
) -> Hypothesis:
    errors = {}
    if not statement.strip():
        errors["statement"] = NO_STATEMENT
    if raised_from not in HypothesisSource.values:
        errors["raised_from"] = NO_SOURCE
    if errors:
        raise ValidationError(errors)
    hypothesis = Hypothesis.objects.create(
        assessment=assessment,
        outcome=outcome,
        statement=statement.strip(),
        raised_from=raised_from,
        raised_by=actor,
    )
    HypothesisEvent.objects.create(
        hypothesis=hypothesis,
        status=HypothesisStatus.OPEN,
        note=f"Raised from {hypothesis.get_raised_from_display().lower()}",
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        verb="hypothesis.raised",
        target=hypothesis,
        after={"statement": hypothesis.statement, "raised_from": raised_from},
        reason="Hypothesis raised",
    )
    return hypothesis


@transaction.atomic
def hypothesis_test(
    *,
    hypothesis: Hypothesis,
    actor,
    shown: int | None,
    status: str,
    note: str,
    entry: Entry | None = None,
) -> Hypothesis:
    """Record a test of the hypothesis against evidence, and where it now stands: open,
    supported, not supported, or for JAR fieldwork (002 §D day 1)."""
    hypothesis = Hypothesis.objects.select_for_update().get(pk=hypothesis.pk)
    if shown is not None and shown != hypothesis.lock_version:
        raise stale(what="this hypothesis")
    errors = {}
    if status not in HypothesisStatus.values:
        errors["status"] = NO_STATUS
    if not note.strip():
        errors["note"] = NO_NOTE
    if entry is not None and (
        entry.assessment_id != hypothesis.assessment_id or not entry.is_shared
    ):
        errors["entry"] = NOT_SHARED_ENTRY
    if errors:
        raise ValidationError(errors)
    before = hypothesis.status
    hypothesis.status = status
    hypothesis.lock_version += 1
    hypothesis.save(update_fields=["status", "lock_version"])
    HypothesisEvent.objects.create(
        hypothesis=hypothesis, status=status, note=note.strip(), entry=entry, recorded_by=actor
    )
    audit_record(
        actor=actor,
        verb="hypothesis.tested",
        target=hypothesis,
        before={"status": before},
        after={"status": status, "entry": entry.pk if entry else None},
        reason=note.strip(),
    )
    return hypothesis
