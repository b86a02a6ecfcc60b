"""Steps 2-4 of the evidence notebook (002 §F): indicative judgements per area, the overall
summary, and the summative judgements both inspectors agree and sign (issue 5 §5)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.analysis.content import (
    AREA_SUMMARY,
    OVERALL_SUMMARY,
    SUMMATIVE,
    area_summary_content,
    overall_summary_content,
    summative_content,
)
from ecm.analysis.models import AreaSummary, Entry, OverallSummary, Signature, SummativeJudgement
from ecm.analysis.selectors import required_judgements
from ecm.analysis.services.revisions import revision_add, revision_check
from ecm.apa.models import AssignmentRole
from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole

GRADE_OFF_SCALE = "Select a grade from {values}"
NOT_SHARED_ENTRY = "Link only entries both inspectors can see: share the entry first, then link it"
NO_REASON = "Enter why you are changing it"
NOT_THIS_FRAMEWORK = "Choose an outcome of this round's framework"
NO_RATIONALE = "Enter the rationale for the judgement"
NOT_AN_INSPECTOR = "Only the assessment's HMI and BRM sign the judgements"
ALREADY_SIGNED = "You have already signed these judgements"
NOT_READY_TO_SIGN = (
    "Every judgement needs a grade and a rationale before it can be signed: {missing} not ready"
)
NOT_IN_SET = "This judgement is not one the round's judgement set requires"
CLEARED = "The judgements changed after they were signed: {what}"

STEP_GRADES = (1, 2, 3, 4)  # Steps 2 and 3 use the four-point scale (002 §E.ii)


def _check_grade(grade: int | None, values, field: str) -> dict:
    if grade is None or grade in values:
        return {}
    return {field: GRADE_OFF_SCALE.format(values=", ".join(str(v) for v in sorted(values)))}


def _check_entries(assessment, entry_ids: set[int], field: str) -> dict:
    """Linked entries must be this assessment's shared entries: a private entry is not a trail
    another inspector can follow (002 §F)."""
    if not entry_ids:
        return {}
    shared = set(
        Entry.objects.filter(
            assessment=assessment, pk__in=entry_ids, shared_at__isnull=False
        ).values_list("pk", flat=True)
    )
    return {} if shared == entry_ids else {field: NOT_SHARED_ENTRY}


def _save(*, model, lookup: dict, subject: str, content: dict, actor, shown, reason, what):
    """Create or revise a Step 2-4 subject: one revision per change, audited."""
    existing = (
        model.objects.select_for_update(of=("self",))
        .select_related("current__revised_by")
        .filter(**lookup)
        .first()
    )
    assessment = lookup["assessment"]
    if existing is not None:
        revision_check(current=existing.current, shown=shown, what=what)
        if not reason.strip():
            raise ValidationError({"reason": NO_REASON})
    before = existing.current.content if existing else None
    if existing is None:
        existing = model.objects.create(**lookup)
    existing.current = revision_add(
        assessment=assessment,
        subject=subject,
        subject_id=existing.pk,
        current=existing.current,
        content=content,
        actor=actor,
        reason=reason.strip() or "First written",
    )
    existing.save(update_fields=["current"])
    audit_record(
        actor=actor,
        verb=f"notebook.{subject}_saved",
        target=existing,
        before=before,
        after=content,
        reason=reason.strip() or f"{what} first written",
    )
    return existing


@transaction.atomic
def area_summary_save(
    *, assessment, outcome, actor, shown, strands: dict[str, dict], moderation: str, reason=""
) -> AreaSummary:
    """Step 2 for one outcome or service management: indicative judgements for education,
    social care and capacity to improve, each with its key points and entries, and findings
    from moderation and quality assurance (002 §F step 2)."""
    if outcome.version_id != assessment.round.framework_version_id:
        raise ValidationError(NOT_THIS_FRAMEWORK)
    errors = {}
    for name, part in strands.items():
        errors |= _check_grade(part.get("grade"), STEP_GRADES, f"{name}_grade")
        errors |= _check_entries(assessment, set(part.get("entries", [])), f"{name}_entries")
    if errors:
        raise ValidationError(errors)
    content = area_summary_content(strands=strands, moderation=moderation.strip())
    return _save(
        model=AreaSummary,
        lookup={"assessment": assessment, "outcome": outcome},
        subject=AREA_SUMMARY,
        content=content,
        actor=actor,
        shown=shown,
        reason=reason,
        what=f"The summary of {outcome.title}",
    )


@transaction.atomic
def overall_summary_save(
    *, assessment, actor, shown, strands: dict[str, dict], trail: str, reason=""
) -> OverallSummary:
    """Step 3: the main issues and indicative grade for education, social care, children's
    services and capacity to improve, with the key trail of evidence (002 §F step 3)."""
    errors = {}
    for name, part in strands.items():
        errors |= _check_grade(part.get("grade"), STEP_GRADES, f"{name}_grade")
        errors |= _check_entries(assessment, set(part.get("entries", [])), f"{name}_entries")
    if errors:
        raise ValidationError(errors)
    content = overall_summary_content(strands=strands, trail=trail.strip())
    return _save(
        model=OverallSummary,
        lookup={"assessment": assessment},
        subject=OVERALL_SUMMARY,
        content=content,
        actor=actor,
        shown=shown,
        reason=reason,
        what="The overall summary",
    )


@transaction.atomic
def summative_save(
    *, assessment, judgement, actor, shown, grade, rationale: str, entries: list[int], reason=""
) -> SummativeJudgement:
    """Step 4: one summative judgement with its rationale and evidence. Any change clears both
    inspectors' signatures: they agreed to what was there before (issue 5 §5)."""
    if judgement.pk not in {j.pk for j in required_judgements(assessment)}:
        raise ValidationError(NOT_IN_SET)
    values = set(judgement.scale.grades.values_list("value", flat=True))
    errors = _check_grade(grade, values, "grade")
    errors |= _check_entries(assessment, set(entries), "entries")
    if grade is not None and not rationale.strip():
        errors["rationale"] = NO_RATIONALE
    if errors:
        raise ValidationError(errors)
    saved = _save(
        model=SummativeJudgement,
        lookup={"assessment": assessment, "judgement": judgement},
        subject=SUMMATIVE,
        content=summative_content(grade=grade, rationale=rationale.strip(), entries=entries),
        actor=actor,
        shown=shown,
        reason=reason,
        what=f"The judgement on {judgement.title[:1].lower() + judgement.title[1:]}",
    )
    signatures_clear(assessment=assessment, actor=actor, what=judgement.title)
    return saved


def signatures_clear(*, assessment, actor, what: str) -> int:
    """Clear every standing signature (kept, with why); how many were cleared."""
    standing = list(Signature.objects.filter(assessment=assessment, cleared_at__isnull=True))
    reason = CLEARED.format(what=what)
    for signature in standing:
        signature.cleared_at, signature.cleared_reason = timezone.now(), reason
        signature.save(update_fields=["cleared_at", "cleared_reason"])
        audit_record(
            actor=actor,
            verb="notebook.signature_cleared",
            target=signature.assessment,
            before={"signed_by": signature.signed_by_id, "signed_at": signature.signed_at},
            reason=reason,
        )
    return len(standing)


@transaction.atomic
def summative_sign(*, assessment, actor) -> Signature:
    """An inspector signs the Step 4 judgements as they stand. Both the HMI and the BRM must
    sign for the judgements to be agreed (002 §F step 4)."""
    inspectors = {
        a.user_id
        for a in assessment.assignments.all()
        if a.role in (AssignmentRole.HMI, AssignmentRole.BRM)
    }
    if actor.pk not in inspectors:
        raise NotYourRole(NOT_AN_INSPECTOR)
    if Signature.objects.filter(
        assessment=assessment, signed_by=actor, cleared_at__isnull=True
    ).exists():
        raise ValidationError(ALREADY_SIGNED)
    saved = {
        s.judgement_id: s.current.content
        for s in SummativeJudgement.objects.filter(assessment=assessment).select_related("current")
    }
    missing = [
        j.title
        for j in required_judgements(assessment)
        if not saved.get(j.pk, {}).get("grade") or not saved[j.pk].get("rationale")
    ]
    if missing:
        raise ValidationError(NOT_READY_TO_SIGN.format(missing="; ".join(missing)))
    signature = Signature.objects.create(assessment=assessment, signed_by=actor)
    audit_record(
        actor=actor,
        verb="notebook.judgements_signed",
        target=assessment,
        after={"judgements": saved},
        reason="Signed the summative judgements",
    )
    return signature
