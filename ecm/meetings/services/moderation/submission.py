"""The Moderation Form (Appendix A) and its submission with notebook Steps 2-4 (002 §H): the
reasons for selecting the council and the areas of concern, written by its Lead and submitted
at the end of analysis, and again whenever Steps 2-4 change, until the moderation day is held."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.analysis.selectors import (
    area_summaries,
    overall_summary,
    required_judgements,
    signatures,
    summative_judgements,
)
from ecm.apa.models import ModerationBasis, ModerationForm, ModerationOutcome, ModerationSelection
from ecm.audit.services import audit_record
from ecm.core.locking import refuse_if_stale
from ecm.meetings.services.moderation.choosing import NOT_SELECTED
from ecm.meetings.services.moderation.planning import DAY_HELD, moment_words, placed_day_held

# Appendix A prints "Areas of Concern" over eight bullets: the form's room, which the edit page
# offers as eight boxes. The handbook sets no limit, so none is enforced (issue 23 §2): the
# page offers one more box whenever all are used.
APPENDIX_A_BULLETS = 8
# Audit verbs of a submission: the day page compares the form with the latest of them.
SUBMITTED, RESUBMITTED = "moderation.form_submitted", "moderation.form_resubmitted"

NO_REASONS = "Enter the reasons for selecting it for moderation"
NO_CONCERNS = "Enter at least one area of concern"
STEPS_NOT_READY = (
    "The form goes with Steps 2-4 of the notebook (the handbook, section H), which are not "
    "ready: {missing}"
)
DISCUSSED = (
    "{council}'s moderation outcome was recorded at {when}: the form and Steps 2-4 stay as the "
    "day discussed them"
)


def moderation_form_prefill(*, assessment) -> str:
    """The reasons for selection, from why it was chosen."""
    selection = ModerationSelection.objects.filter(assessment=assessment).first()
    if selection is None or not selection.selected:
        return ""
    if selection.basis == ModerationBasis.ADMINISTRATOR:
        return f"Chosen by the programme administrator: {selection.reason}"
    if selection.signals:
        return "Signs of risk: " + "; ".join(s["text"] for s in selection.signals) + "."
    return (
        "Chosen in the random draw that makes up about half of councils (the handbook, section H)."
    )


@transaction.atomic
def moderation_form_save(
    *,
    actor,
    assessment,
    reasons: str,
    concerns: list[str],
    expected_lock_version: int | None,
) -> ModerationForm:
    """Appendix A: reasons for selecting for moderation and the areas of concern. Saving a
    submitted form does not send the change: the day page shows the form changed since it was
    submitted until the Lead submits it again."""
    concerns = [c.strip() for c in concerns if c and c.strip()]
    form, _ = ModerationForm.objects.select_for_update().get_or_create(assessment=assessment)
    refuse_if_stale(form, expected_lock_version, what="this form")
    if form.submitted_at and placed_day_held(assessment):
        raise ValidationError(DAY_HELD)
    before = {"reasons": form.reasons, "concerns": form.concerns}
    form.reasons, form.concerns = reasons.strip(), concerns
    form.lock_version += 1
    form.save()
    audit_record(
        actor=actor,
        verb="moderation.form_saved",
        target=assessment,
        before=before,
        after={"reasons": form.reasons, "concerns": concerns},
    )
    return form


def steps_ready(*, assessment) -> tuple[dict, list[str]]:
    """The Steps 2-4 revisions to submit, and what is missing: Step 2 for at least one area,
    Step 3, every Step 4 judgement graded, and both inspectors' signatures."""
    missing = []
    step2 = area_summaries(assessment=assessment)
    if not step2:
        missing.append("Step 2 has no summary sheet")
    step3 = overall_summary(assessment=assessment)
    if step3 is None:
        missing.append("Step 3 is not written")
    step4 = summative_judgements(assessment=assessment)
    ungraded = [
        j.title
        for j in required_judgements(assessment)
        if not (step4.get(j.pk) and step4[j.pk].current.content.get("grade"))
    ]
    if ungraded:
        missing.append("Step 4 has no grade for " + "; ".join(ungraded))
    elif len(signatures(assessment=assessment)) < 2:
        missing.append("Step 4 is not signed by both the HMI and the BRM")
    steps = {
        "area_summary": sorted(s.current_id for s in step2.values()),
        "overall_summary": step3.current_id if step3 else None,
        "summative": sorted(s.current_id for s in step4.values()),
    }
    return steps, missing


@transaction.atomic
def moderation_form_submit(*, actor, assessment) -> ModerationForm:
    """Submit the form with the summary sheets of Steps 2-4 (002 §H), at the end of analysis.
    The Lead may submit it again (for example after the meeting changed Steps 2-4) until the
    council's moderation day is held or its outcome recorded: each submission records the
    Steps 2-4 revisions that go with it, and a second one is audited as a resubmission with the
    previous submission's time."""
    selection = ModerationSelection.objects.filter(assessment=assessment, selected=True).first()
    if selection is None:
        raise ValidationError(NOT_SELECTED.format(council=assessment.council.name))
    form = ModerationForm.objects.select_for_update().filter(assessment=assessment).first()
    errors = {}
    if form is None or not form.reasons:
        errors["reasons"] = NO_REASONS
    if form is None or not form.concerns:
        errors["concerns"] = NO_CONCERNS
    if errors:
        raise ValidationError(errors)
    if placed_day_held(assessment):
        raise ValidationError(DAY_HELD)
    # Once the day has decided, the form and steps it discussed are the record of that decision.
    outcome = ModerationOutcome.objects.filter(assessment=assessment).first()
    if outcome is not None:
        when = moment_words(outcome.recorded_at)
        raise ValidationError(DISCUSSED.format(council=assessment.council.name, when=when))
    steps, missing = steps_ready(assessment=assessment)
    if missing:
        raise ValidationError(STEPS_NOT_READY.format(missing="; ".join(missing)))
    previous = (
        {"submitted_at": form.submitted_at.isoformat(), "steps": form.steps}
        if form.submitted_at
        else None
    )
    form.steps, form.submitted_by, form.submitted_at = steps, actor, timezone.now()
    form.lock_version += 1
    form.save()
    audit_record(
        actor=actor,
        verb=RESUBMITTED if previous else SUBMITTED,
        target=assessment,
        before=previous,
        after={"reasons": form.reasons, "concerns": form.concerns, "steps": steps},
        reason=(
            "Submitted again with notebook Steps 2-4 as they stand now (the handbook, section H)"
            if previous
            else "Submitted with notebook Steps 2-4 (the handbook, section H)"
        ),
    )
    return form
