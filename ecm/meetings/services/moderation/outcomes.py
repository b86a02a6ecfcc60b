"""The moderation day's outcome for each council (002 §H; issue 6 §5): the proposed judgements
confirmed, or changed with the reason, written into Step 2 of the evidence notebook (and any
changed grade into Step 4, with its rationale kept true to the new grade). The day is held once
every council on it has its outcome."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.analysis.content import Strand
from ecm.analysis.selectors import (
    area_summaries,
    notebook_areas,
    required_judgements,
    summative_judgements,
)
from ecm.analysis.services.judgements import area_summary_save, summative_save
from ecm.apa.models import (
    ModerationDay,
    ModerationDecision,
    ModerationForm,
    ModerationOutcome,
    ModerationSelection,
)
from ecm.audit.services import audit_record
from ecm.meetings.services.moderation.choosing import NOT_SELECTED
from ecm.meetings.services.moderation.planning import day_words, moment_words

NOT_SUBMITTED = "{council}'s Moderation Form has not been submitted with Steps 2-4 yet"
NOT_PLACED = "{council} is not on a moderation day yet"
BEFORE_THE_DAY = "The moderation day is on {day}: record the outcome on or after the day"
OWN_COUNCIL = (
    "You inspect {council}: another moderator records its outcome, so that the challenge is "
    "from peers (the handbook, section H)"
)
OUTCOME_RECORDED = "{council}'s moderation outcome was recorded at {when}"
NO_CHANGE_GIVEN = "Select at least one judgement the day changed, and its new grade"
CHANGE_IS_SAME = "{title} is already {grade}: select a different grade or leave it unchanged"
CHANGE_OFF_SCALE = "Select a grade for {title} from {values}"
NO_DECISION = "Select whether the day confirmed the proposed judgements or changed them"
NO_CHANGE_REASON = "Enter why the day changed the judgements"
RATIONALE_UNCHANGED = (
    "The day did not change {title}: give a new rationale only with its new grade, or leave the "
    "rationale empty"
)


def _changes_recorded(*, changes, judgements, step4) -> list[dict]:
    """Each changed judgement as the outcome records it, from and to; refused when a grade is
    off the scale or no change at all."""
    errors, recorded = {}, []
    for pk, grade in changes.items():
        judgement = judgements.get(pk)
        saved = step4.get(pk)
        old = saved.current.content.get("grade") if saved else None
        values = sorted(g.value for g in judgement.scale.grades.all()) if judgement else []
        if judgement is None:
            errors["changes"] = NO_CHANGE_GIVEN
        elif grade not in values:
            errors[f"judgement_{pk}"] = CHANGE_OFF_SCALE.format(
                title=judgement.title, values=", ".join(str(v) for v in values)
            )
        elif old == grade:
            errors[f"judgement_{pk}"] = CHANGE_IS_SAME.format(title=judgement.title, grade=grade)
        else:
            recorded.append(
                {"judgement": judgement.urn, "title": judgement.title, "from": old, "to": grade}
            )
    if errors:
        raise ValidationError(errors)
    return recorded


@transaction.atomic
def moderation_outcome_record(
    *,
    actor,
    assessment,
    decision: str,
    reason: str,
    changes: dict[int, int] | None = None,
    rationales: dict[int, str] | None = None,
    today: date | None = None,
) -> ModerationOutcome:
    """Record what the day decided for a council, write it into Step 2 of the notebook (and
    any changed grade into Step 4, whose signatures then clear) and the audit trail. A changed
    judgement's rationale is the one the day gave in `rationales`; without one, the rationale
    it had, whose opening grade words are changed to the new grade's (002 §H; issue 20 bug 8)."""
    today = today or timezone.localdate()
    name = assessment.council.name
    if any(a.user_id == actor.pk for a in assessment.assignments.all()):
        raise ValidationError(OWN_COUNCIL.format(council=name))
    selection = (
        ModerationSelection.objects.select_for_update(of=("self",))
        .filter(assessment=assessment, selected=True)
        .select_related("group__day")
        .first()
    )
    if selection is None:
        raise ValidationError(NOT_SELECTED.format(council=name))
    # Read under the selection's lock: two moderators at once cannot both record one.
    existing = ModerationOutcome.objects.filter(assessment=assessment).first()
    if existing is not None:
        when = moment_words(existing.recorded_at)
        raise ValidationError(OUTCOME_RECORDED.format(council=name, when=when))
    if selection.group_id is None:
        raise ValidationError(NOT_PLACED.format(council=name))
    # The day's row is the lock, so that the last two outcomes recorded at once still mark the
    # day held.
    day = ModerationDay.objects.select_for_update().get(pk=selection.group.day_id)
    if today < day.date:
        raise ValidationError(BEFORE_THE_DAY.format(day=day_words(day.date)))
    form = ModerationForm.objects.filter(assessment=assessment).first()
    if form is None or form.submitted_at is None:
        raise ValidationError(NOT_SUBMITTED.format(council=name))
    if decision not in ModerationDecision.values:
        raise ValidationError({"decision": NO_DECISION})

    changes = {k: v for k, v in (changes or {}).items() if v}
    judgements = {j.pk: j for j in required_judgements(assessment)}
    step4 = summative_judgements(assessment=assessment)
    recorded = []
    if decision == ModerationDecision.CHANGED:
        if not reason.strip():
            raise ValidationError({"reason": NO_CHANGE_REASON})
        if not changes:
            raise ValidationError(NO_CHANGE_GIVEN)
        recorded = _changes_recorded(changes=changes, judgements=judgements, step4=step4)
    rationales = {k: v.strip() for k, v in (rationales or {}).items() if v and v.strip()}
    unchanged = {
        f"rationale_{pk}": RATIONALE_UNCHANGED.format(
            title=judgements[pk].title if pk in judgements else "that judgement"
        )
        for pk in rationales
        if pk not in changes or decision != ModerationDecision.CHANGED
    }
    if unchanged:
        raise ValidationError(unchanged)
    outcome = ModerationOutcome.objects.create(
        assessment=assessment,
        decision=decision,
        changes=recorded,
        reason=reason.strip(),
        recorded_by=actor,
    )
    statement = outcome_statement(outcome=outcome, day=day, group=selection.group)
    _write_into_notebook(
        assessment=assessment,
        actor=actor,
        statement=statement,
        changes=changes if decision == ModerationDecision.CHANGED else {},
        rationales=rationales,
        judgements=judgements,
        step4=step4,
    )
    after = {"decision": decision, "changes": recorded, "day": day.date.isoformat()}
    if rationales:
        after["rationales"] = {judgements[pk].urn: text for pk, text in rationales.items()}
    audit_record(
        actor=actor,
        verb="moderation.outcome_recorded",
        target=assessment,
        after=after,
        reason=reason.strip() or "Confirmed at moderation",
    )
    if not ModerationSelection.objects.filter(
        group__day=day, assessment__moderation_outcome__isnull=True
    ).exists():
        ModerationDay.objects.filter(pk=day.pk).update(held_at=timezone.now())
    return outcome


def outcome_statement(*, outcome: ModerationOutcome, day: ModerationDay, group) -> str:
    """The line written into Step 2's "findings from moderation" (002 §F step 2)."""
    where = f"Moderation day {day_words(day.date)} ({group.name})"
    if outcome.decision == ModerationDecision.CONFIRMED:
        said = f"{where}: the proposed judgements were confirmed."
        return f"{said} {outcome.reason}" if outcome.reason else said
    changed = "; ".join(f"{c['title']} from {c['from']} to {c['to']}" for c in outcome.changes)
    return f"{where}: changed {changed}. Reason: {outcome.reason}"


def rationale_for_new_grade(*, rationale: str, scale, new_grade: int) -> str:
    """`rationale` true to `new_grade`: when it opens with a grade's label or words on `scale`
    ("Good: ...", "consistently delivers above minimum requirements. ...", any case, then ":",
    "." or " -"), that opening becomes the new grade's label (or its words, like for like). Any
    other rationale is kept as it is (002 §H: the day's reason is added after it)."""
    grades = list(scale.grades.all())
    new = next((g for g in grades if g.value == new_grade), None)
    if new is None:
        return rationale
    leads = [(g.label, "label") for g in grades] + [(g.wording, "wording") for g in grades]
    # The longest first, so that "Very good" is read before "Good" could be.
    leads = sorted((lead for lead in leads if lead[0]), key=lambda lead: -len(lead[0]))
    for words, kind in leads:
        match = re.match(
            rf"(\s*)({re.escape(words)})(?=\s*[:.]|\s+[-\u2013\u2014])", rationale, re.IGNORECASE
        )
        if match:
            replacement = new.label if kind == "label" or not new.wording else new.wording
            if kind == "wording" and match.group(2)[:1].isupper():
                replacement = replacement[:1].upper() + replacement[1:]
            return match.group(1) + replacement + rationale[match.end() :]
    return rationale


def _write_into_notebook(
    *, assessment, actor, statement, changes, rationales, judgements, step4
) -> None:
    reason = "Moderation outcome (the handbook, section H)"
    summaries = area_summaries(assessment=assessment)
    changed_outcomes = {
        judgements[pk].outcome_id for pk in changes if judgements[pk].outcome_id is not None
    }
    for area in notebook_areas(assessment=assessment):
        summary = summaries.get(area.pk)
        if summary is None and area.pk not in changed_outcomes:
            continue
        content = summary.current.content if summary else {}
        earlier = (content.get("moderation") or "").strip()
        area_summary_save(
            assessment=assessment,
            outcome=area,
            actor=actor,
            shown=summary.current.number if summary else None,
            strands={s: content.get(s) for s in Strand.values if content.get(s)},
            moderation=f"{earlier}\n{statement}".strip(),
            reason=reason,
        )
    for pk, grade in changes.items():
        saved = step4[pk].current.content if pk in step4 else {}
        rationale = rationales.get(pk) or rationale_for_new_grade(
            rationale=saved.get("rationale", ""), scale=judgements[pk].scale, new_grade=grade
        )
        summative_save(
            assessment=assessment,
            judgement=judgements[pk],
            actor=actor,
            shown=step4[pk].current.number if pk in step4 else None,
            grade=grade,
            rationale=f"{rationale}\n{statement}".strip(),
            entries=saved.get("entries", []),
            reason=f"{reason}: {statement}",
        )
