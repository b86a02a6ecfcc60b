"""Writes of an unannounced inspection's outcome and letter, and sending it (issue 10 §3; 004
"Inspectors will report their findings by letter to the Director of Children's Services ...").
Every change audited; a stale page refused; a sent letter frozen."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.audit.services import audit_record
from ecm.caa.unannounced.framework import unannounced_rules
from ecm.caa.unannounced.models import InspectionStatus, UnannouncedInspection
from ecm.caa.unannounced.services.messages import (
    A_SCORE,
    ALREADY_SENT,
    ASPECTS_MISSING,
    INSPECTION,
    NO_BODY,
    NO_OUTCOME,
    NO_SCRUTINY,
    NO_SENT_ON,
    OUTCOME_CHANGE_REASON,
    RECIPIENTS_MISSING,
    SCORE,
    SENT_BEFORE_VISIT,
    SENT_IN_FUTURE,
    UNKNOWN_OUTCOME,
)
from ecm.caa.unannounced.services.visit import _changes, _locked, _require_recorder
from ecm.core.document_check import DocumentPart, document_problems
from ecm.core.locking import stale

RECIPIENT_FIELDS = {
    "director": "director_name",
    "lead_member": "lead_member_name",
    "lscb_chair": "lscb_chair_name",
    "chief_executive": "chief_executive_name",
}
LETTER_FIELDS = ("outcome", *RECIPIENT_FIELDS.values(), "letter_body")


@transaction.atomic
def unannounced_letter_save(
    *,
    actor,
    inspection: UnannouncedInspection,
    outcome: str,
    director_name: str,
    lead_member_name: str,
    lscb_chair_name: str,
    chief_executive_name: str,
    letter_body: str,
    expected_lock_version: int | None,
    reason: str = "",
) -> UnannouncedInspection:
    """Set the outcome (004: the inspection has not raised concerns, has raised some concerns
    or has raised serious concerns) and draft the letter to the Director of Children's
    Services, copied to the Lead Member, the chair of the LSCB and the Chief Executive. A draft
    may be incomplete; sending it checks it is whole. Changing an outcome already chosen needs
    the reason, which the audit trail keeps: the outcome decides whether the full inspection
    is brought forward and whether the rating is limited."""
    _require_recorder(actor)
    found = _locked(inspection, expected_lock_version)
    rules = unannounced_rules(found.version)
    errors = {}
    if outcome and rules.outcome(outcome) is None:
        errors["outcome"] = UNKNOWN_OUTCOME
    if SCORE.search(letter_body or ""):
        errors["letter_body"] = A_SCORE
    if found.outcome and outcome != found.outcome and not (reason or "").strip():
        errors["reason"] = OUTCOME_CHANGE_REASON
    if errors:
        raise ValidationError(errors)
    values = {
        "outcome": outcome or "",
        "director_name": " ".join((director_name or "").split()),
        "lead_member_name": " ".join((lead_member_name or "").split()),
        "lscb_chair_name": " ".join((lscb_chair_name or "").split()),
        "chief_executive_name": " ".join((chief_executive_name or "").split()),
        "letter_body": (letter_body or "").strip(),
    }
    before, after = _changes({f: getattr(found, f) for f in LETTER_FIELDS}, values)
    if after:
        for field, value in values.items():
            setattr(found, field, value)
        found.lock_version += 1
        found.save(update_fields=[*LETTER_FIELDS, "lock_version", "updated_at"])
        verb = "caa.unannounced_outcome_set" if "outcome" in after else "caa.unannounced_letter"
        audit_record(
            actor=actor,
            verb=verb,
            target=found,
            before=before,
            after=after,
            reason=(reason or "").strip() if "outcome" in after else "",
        )
    return found


def letter_missing(inspection: UnannouncedInspection) -> list[str]:
    """What stops the letter being sent, each as the refusal says it (empty when it may go)."""
    rules = unannounced_rules(inspection.version)
    evaluated = {e.aspect for e in inspection.evaluations.all() if e.finding.strip()}
    missing = []
    if inspection.case_files < 1 or inspection.staff_spoken < 1:
        missing.append(NO_SCRUTINY)
    aspects = [f"{a.number}. {a.title}" for a in rules.aspects if a.code not in evaluated]
    if len(aspects) > 3:  # name a few; count many
        missing.append(ASPECTS_MISSING.format(missing=f"{len(aspects)} are not evaluated yet"))
    elif aspects:
        missing.append(ASPECTS_MISSING.format(missing="; ".join(aspects)))
    if not inspection.outcome:
        missing.append(NO_OUTCOME)
    names = [r.title for r in rules.recipients if not getattr(inspection, RECIPIENT_FIELDS[r.code])]
    if names:
        missing.append(RECIPIENTS_MISSING.format(missing="; ".join(names)))
    if not inspection.letter_body.strip():
        missing.append(NO_BODY)
    # Read as the council will read it (issue 20 §1): no placeholder left, no sentence twice.
    # Its words are kept free of scores by the inspection's own rule (messages.py), so this
    # check leaves grades to it.
    titles = {a.code: f"{a.number}. {a.title}" for a in rules.aspects}
    parts = [DocumentPart("The letter", inspection.letter_body, required=False)] + [
        DocumentPart(titles.get(e.aspect, e.aspect), e.finding, required=False)
        for e in inspection.evaluations.all()
    ]
    missing += [p.message for p in document_problems(parts=parts, grades_allowed=True)]
    return missing


@transaction.atomic
def unannounced_letter_send(
    *,
    actor,
    inspection: UnannouncedInspection,
    sent_on: date | None,
    expected_lock_version: int | None,
) -> UnannouncedInspection:
    """Send the letter (004: "Inspectors will report their findings by letter"): only once the
    nine aspects are evaluated, the outcome chosen and the director and the three copied
    recipients named. From then the council reads the inspection and its letter, and nothing
    changes. A letter raising serious concerns brings the full inspection of safeguarding
    forward (004), which the safeguarding programme reads (selectors.serious_concerns_after)."""
    _require_recorder(actor)
    found = UnannouncedInspection.objects.select_for_update().get(pk=inspection.pk)
    if found.is_sent:
        raise ValidationError(ALREADY_SENT.format(day=found.sent_on))
    if expected_lock_version != found.lock_version:
        raise stale(what=INSPECTION)
    if sent_on is None:
        raise ValidationError({"sent_on": NO_SENT_ON})
    if sent_on < found.last_day:
        raise ValidationError({"sent_on": SENT_BEFORE_VISIT.format(day=found.last_day)})
    if sent_on > timezone.localdate():
        raise ValidationError({"sent_on": SENT_IN_FUTURE})
    missing = letter_missing(found)
    if missing:
        raise ValidationError(missing)
    found.status = InspectionStatus.SENT
    found.sent_on = sent_on
    found.sent_by = actor
    found.lock_version += 1
    found.save(update_fields=["status", "sent_on", "sent_by", "lock_version", "updated_at"])
    outcome = unannounced_rules(found.version).outcome(found.outcome)
    audit_record(
        actor=actor,
        verb="caa.unannounced_letter_sent",
        target=found,
        before={"status": InspectionStatus.DRAFT},
        after={
            "status": InspectionStatus.SENT,
            "sent_on": sent_on,
            "outcome": found.outcome,
            "brings_full_inspection_forward": outcome.brings_forward,
        },
    )
    return found
