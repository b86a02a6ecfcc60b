"""Moderation (002 §H, Appendix A): choosing whom to moderate, planning the days, the
Moderation Form submitted with notebook Steps 2-4, and each council's outcome written back
into Step 2 of its notebook. Every write is audited."""

import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.apa.models import (
    ModerationBasis,
    ModerationDay,
    ModerationDecision,
    ModerationDraw,
    ModerationForm,
    ModerationGroup,
    ModerationOutcome,
    ModerationSelection,
)
from ecm.apa.moderation_signals import proposal, risk_signals, target_for
from ecm.audit.services import audit_record
from ecm.workdays.calendar import bank_holiday_name, is_working_day

DAY_MIN, DAY_MAX = 7, 10  # 002 §H: "between seven and 10 authorities"
CONCERNS_MAX = 8  # Appendix A's form has eight bullets for areas of concern

ALREADY_PLANNED = (
    "Councils are already placed on moderation days. Take them off the days first, or add and "
    "remove councils one by one with a reason"
)
NO_ASSESSMENTS = "The round has no assessments to moderate"
NO_REASON = "Enter the reason: it is kept in the audit trail"
ALREADY_SO = "{council} is already {state}"
HAS_OUTCOME = "{council}'s moderation outcome is recorded: it cannot be taken out of moderation"
NOT_A_WORKING_DAY = "{day} is not a working day ({why}): choose another date"
OUTSIDE_ROUND = (
    "Moderation follows the analysis stage and comes before the final letter: choose a date "
    "between {start} and {end}"
)
NO_GROUP_NAME = "Enter the group's name, for example Group A"
GROUP_EXISTS = "This day already has a group called {name}"
NOT_SELECTED = "{council} is not selected for moderation: add it to the moderation first"
DAY_FULL = (
    "{day} already has {count} councils, the most a moderation day takes (002 §H: seven to ten)."
    " Put {council} on another day"
)
PRESENTER_ELSEWHERE = (
    "{lead} presents {other} in {group} that day and cannot be in two groups at once: put "
    "{council} in {group} too, or on another day"
)
DAY_HELD = "This moderation day has been held: its groups can no longer change"
NO_REASONS = "Enter the reasons for selecting it for moderation"
NO_CONCERNS = "Enter at least one area of concern"
TOO_MANY_CONCERNS = "Appendix A has room for eight areas of concern: keep to the main eight"
STALE = (
    "Someone else changed this form while you were working on it. Nothing was saved: reload the "
    "page, check their change, then try again"
)
STEPS_NOT_READY = (
    "The form goes with Steps 2-4 of the notebook (002 §H), which are not ready: {missing}"
)
ALREADY_SUBMITTED = "The form was submitted at {when}: it is with the moderation day"
NOT_SUBMITTED = "{council}'s Moderation Form has not been submitted with Steps 2-4 yet"
NOT_PLACED = "{council} is not on a moderation day yet"
BEFORE_THE_DAY = "The moderation day is on {day}: record the outcome on or after the day"
OWN_COUNCIL = (
    "You inspect {council}: another moderator records its outcome, so that the challenge is "
    "from peers (002 §H)"
)
OUTCOME_RECORDED = "{council}'s moderation outcome was recorded at {when}"
NO_CHANGE_GIVEN = "Select at least one judgement the day changed, and its new grade"
CHANGE_IS_SAME = "{title} is already {grade}: select a different grade or leave it unchanged"
CHANGE_OFF_SCALE = "Select a grade for {title} from {values}"
NO_DECISION = "Select whether the day confirmed the proposed judgements or changed them"
NO_CHANGE_REASON = "Enter why the day changed the judgements"


def _council(assessment) -> str:
    return assessment.council.name


def _day_words(value: date) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"


@transaction.atomic
def moderation_propose(*, actor, assessment_round, seed: str = "") -> list:
    """Propose about half of the round's councils (002 §H): those with signs of risk first,
    then a random draw from `seed` (kept, so anyone can repeat it). The administrator's own
    additions and removals stand."""
    if ModerationSelection.objects.filter(
        assessment__round=assessment_round, group__isnull=False
    ).exists():
        raise ValidationError(ALREADY_PLANNED)
    assessments = list(
        assessment_round.assessments.select_related("council", "round__framework_version")
    )
    if not assessments:
        raise ValidationError(NO_ASSESSMENTS)
    seed = seed.strip() or secrets.token_hex(4)
    existing = {
        s.assessment_id: s
        for s in ModerationSelection.objects.filter(assessment__round=assessment_round)
    }
    keep = {
        pk: s.selected for pk, s in existing.items() if s.basis == ModerationBasis.ADMINISTRATOR
    }
    signals = risk_signals(assessments=assessments, assessment_round=assessment_round)
    proposals = proposal(assessments=assessments, signals=signals, seed=seed, keep=keep)
    for p in proposals:
        if p.assessment.pk in keep:
            continue
        values = {
            "selected": p.selected,
            "basis": p.basis,
            "signals": [s.as_dict() for s in p.signals],
            "draw_order": p.draw_order,
            "reason": "",
            "decided_by": actor,
        }
        ModerationSelection.objects.update_or_create(assessment=p.assessment, defaults=values)
    ModerationDraw.objects.update_or_create(
        round=assessment_round,
        defaults={"seed": seed, "target": target_for(len(assessments)), "drawn_by": actor},
    )
    chosen = [p for p in proposals if p.selected]
    audit_record(
        actor=actor,
        verb="moderation.proposed",
        target=assessment_round,
        after={
            "seed": seed,
            "target": target_for(len(assessments)),
            "selected": sorted(p.assessment.council.la_number for p in chosen),
            "at_risk": sum(1 for p in chosen if p.basis == ModerationBasis.RISK),
        },
        reason="Signs of risk first, then a random draw (002 §H: about half of councils)",
    )
    return proposals


@transaction.atomic
def moderation_choose(*, actor, assessment, selected: bool, reason: str) -> ModerationSelection:
    """The administrator adds a council to moderation or takes it out, with a reason."""
    if not reason.strip():
        raise ValidationError({"reason": NO_REASON})
    selection, created = ModerationSelection.objects.select_for_update().get_or_create(
        assessment=assessment, defaults={"basis": ModerationBasis.ADMINISTRATOR}
    )
    # A new row is no earlier choice: keeping a council out before any proposal is a choice.
    already = selection.basis == ModerationBasis.ADMINISTRATOR and not created
    if already and selection.selected == selected:
        state = "selected for moderation" if selected else "not selected for moderation"
        raise ValidationError(ALREADY_SO.format(council=_council(assessment), state=state))
    if not selected and ModerationOutcome.objects.filter(assessment=assessment).exists():
        raise ValidationError(HAS_OUTCOME.format(council=_council(assessment)))
    before = {"selected": selection.selected, "basis": selection.basis}
    selection.selected, selection.basis = selected, ModerationBasis.ADMINISTRATOR
    selection.reason, selection.decided_by = reason.strip(), actor
    if not selected:
        selection.group = None
    selection.save()
    audit_record(
        actor=actor,
        verb="moderation.added" if selected else "moderation.removed",
        target=assessment,
        before=before,
        after={"selected": selected, "basis": selection.basis},
        reason=reason.strip(),
    )
    return selection


def _check_day_date(assessment_round, day: date | None) -> None:
    if day is None:
        raise ValidationError({"date": "Enter the date of the moderation day"})
    if not is_working_day(day):
        why = bank_holiday_name(day) or "a weekend"
        raise ValidationError({"date": NOT_A_WORKING_DAY.format(day=_day_words(day), why=why)})
    if not assessment_round.analysis_starts <= day <= assessment_round.final_letter_by:
        raise ValidationError(
            {
                "date": OUTSIDE_ROUND.format(
                    start=_day_words(assessment_round.analysis_starts),
                    end=_day_words(assessment_round.final_letter_by),
                )
            }
        )


@transaction.atomic
def moderation_day_add(
    *, actor, assessment_round, day: date | None, venue: str = "", groups: int = 3
) -> ModerationDay:
    """A moderation day of the round, with its small groups (Group A, B, ...)."""
    _check_day_date(assessment_round, day)
    moderation_day = ModerationDay.objects.create(
        round=assessment_round, date=day, venue=venue.strip()
    )
    count = max(1, min(groups, 5))
    for i in range(count):
        ModerationGroup.objects.create(day=moderation_day, name=f"Group {chr(ord('A') + i)}")
    audit_record(
        actor=actor,
        verb="moderation.day_added",
        target=assessment_round,
        after={"date": day.isoformat(), "venue": venue.strip(), "groups": count},
    )
    return moderation_day


@transaction.atomic
def moderation_group_add(*, actor, day: ModerationDay, name: str, facilitator=None):
    if day.held_at:
        raise ValidationError(DAY_HELD)
    if not name.strip():
        raise ValidationError({"name": NO_GROUP_NAME})
    if day.groups.filter(name__iexact=name.strip()).exists():
        raise ValidationError({"name": GROUP_EXISTS.format(name=name.strip())})
    group = ModerationGroup.objects.create(day=day, name=name.strip(), facilitator=facilitator)
    audit_record(
        actor=actor,
        verb="moderation.group_added",
        target=day.round,
        after={"day": day.date.isoformat(), "group": group.name},
    )
    return group


def _lead(assessment):
    return next((a for a in assessment.assignments.all() if a.is_lead), None)


@transaction.atomic
def moderation_place(*, actor, assessment, group: ModerationGroup | None) -> ModerationSelection:
    """Put a selected council in a group of a moderation day (or take it off, with None). A day
    takes at most ten councils, and the Lead who presents a council (002 §H: "usually by the
    lead HMI or BRM") cannot be in two groups at once."""
    selection = (
        ModerationSelection.objects.select_for_update()
        .filter(assessment=assessment, selected=True)
        .first()
    )
    if selection is None:
        raise ValidationError(NOT_SELECTED.format(council=_council(assessment)))
    if selection.group_id and selection.group.day.held_at:
        raise ValidationError(DAY_HELD)
    if group is not None:
        # The day's row is the lock: two placements at once cannot both take its tenth place.
        day = ModerationDay.objects.select_for_update().get(pk=group.day_id)
        if day.held_at:
            raise ValidationError(DAY_HELD)
        others = list(
            ModerationSelection.objects.filter(group__day=day)
            .exclude(pk=selection.pk)
            .select_related("assessment__council", "group")
            .prefetch_related("assessment__assignments__user")
        )
        if len(others) >= DAY_MAX:
            raise ValidationError(
                DAY_FULL.format(
                    day=_day_words(day.date), count=len(others), council=_council(assessment)
                )
            )
        lead = _lead(assessment)
        for other in others:
            other_lead = _lead(other.assessment)
            same_lead = lead and other_lead and other_lead.user_id == lead.user_id
            if same_lead and other.group_id != group.pk:
                raise ValidationError(
                    PRESENTER_ELSEWHERE.format(
                        lead=lead.user,
                        other=_council(other.assessment),
                        group=other.group.name,
                        council=_council(assessment),
                    )
                )
    before = {"group": str(selection.group) if selection.group_id else None}
    selection.group = group
    selection.save(update_fields=["group"])
    audit_record(
        actor=actor,
        verb="moderation.placed",
        target=assessment,
        before=before,
        after={
            "group": group.name if group else None,
            "day": group.day.date.isoformat() if group else None,
        },
    )
    return selection


def moderation_form_prefill(*, assessment) -> str:
    """The reasons for selection, from why it was chosen."""
    selection = ModerationSelection.objects.filter(assessment=assessment).first()
    if selection is None or not selection.selected:
        return ""
    if selection.basis == ModerationBasis.ADMINISTRATOR:
        return f"Chosen by the programme administrator: {selection.reason}"
    if selection.signals:
        return "Signs of risk: " + "; ".join(s["text"] for s in selection.signals) + "."
    return "Chosen in the random draw that makes up about half of councils (002 §H)."


@transaction.atomic
def moderation_form_save(
    *,
    actor,
    assessment,
    reasons: str,
    concerns: list[str],
    expected_lock_version: int | None,
) -> ModerationForm:
    """Appendix A: reasons for selecting for moderation and the areas of concern."""
    concerns = [c.strip() for c in concerns if c and c.strip()]
    if len(concerns) > CONCERNS_MAX:
        raise ValidationError({"concerns": TOO_MANY_CONCERNS})
    form, _ = ModerationForm.objects.select_for_update().get_or_create(assessment=assessment)
    if expected_lock_version is not None and form.lock_version != expected_lock_version:
        raise ValidationError(STALE)
    if form.submitted_at and _placed_day_held(assessment):
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


def _placed_day_held(assessment) -> bool:
    return ModerationSelection.objects.filter(
        assessment=assessment, group__day__held_at__isnull=False
    ).exists()


def steps_ready(*, assessment) -> tuple[dict, list[str]]:
    """The Steps 2-4 revisions to submit, and what is missing: Step 2 for at least one area,
    Step 3, every Step 4 judgement graded, and both inspectors' signatures."""
    from ecm.analysis.selectors import (
        area_summaries,
        overall_summary,
        signatures,
        summative_judgements,
    )
    from ecm.analysis.services.judgements import required_judgements

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
    """Submit the form with the summary sheets of Steps 2-4 (002 §H), at the end of analysis."""
    selection = ModerationSelection.objects.filter(assessment=assessment, selected=True).first()
    if selection is None:
        raise ValidationError(NOT_SELECTED.format(council=_council(assessment)))
    form = ModerationForm.objects.select_for_update().filter(assessment=assessment).first()
    errors = {}
    if form is None or not form.reasons:
        errors["reasons"] = NO_REASONS
    if form is None or not form.concerns:
        errors["concerns"] = NO_CONCERNS
    if errors:
        raise ValidationError(errors)
    if _placed_day_held(assessment):
        raise ValidationError(DAY_HELD)
    steps, missing = steps_ready(assessment=assessment)
    if missing:
        raise ValidationError(STEPS_NOT_READY.format(missing="; ".join(missing)))
    form.steps, form.submitted_by, form.submitted_at = steps, actor, timezone.now()
    form.lock_version += 1
    form.save()
    audit_record(
        actor=actor,
        verb="moderation.form_submitted",
        target=assessment,
        after={"reasons": form.reasons, "concerns": form.concerns, "steps": steps},
        reason="Submitted with notebook Steps 2-4 (002 §H)",
    )
    return form


@transaction.atomic
def moderation_outcome_record(
    *,
    actor,
    assessment,
    decision: str,
    reason: str,
    changes: dict[int, int] | None = None,
    today: date | None = None,
) -> ModerationOutcome:
    """Record what the day decided for a council, write it into Step 2 of the notebook (and
    any changed grade into Step 4, whose signatures then clear) and the audit trail."""
    from ecm.analysis.selectors import summative_judgements
    from ecm.analysis.services.judgements import required_judgements

    today = today or timezone.localdate()
    name = _council(assessment)
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
        when = timezone.localtime(existing.recorded_at).strftime("%H:%M on %d %B %Y")
        raise ValidationError(OUTCOME_RECORDED.format(council=name, when=when))
    if selection.group_id is None:
        raise ValidationError(NOT_PLACED.format(council=name))
    # The day's row is the lock, so that the last two outcomes recorded at once still mark the
    # day held.
    day = ModerationDay.objects.select_for_update().get(pk=selection.group.day_id)
    if today < day.date:
        raise ValidationError(BEFORE_THE_DAY.format(day=_day_words(day.date)))
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
        errors = {}
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
                errors[f"judgement_{pk}"] = CHANGE_IS_SAME.format(
                    title=judgement.title, grade=grade
                )
            else:
                recorded.append(
                    {"judgement": judgement.urn, "title": judgement.title, "from": old, "to": grade}
                )
        if errors:
            raise ValidationError(errors)
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
        judgements=judgements,
        step4=step4,
    )
    audit_record(
        actor=actor,
        verb="moderation.outcome_recorded",
        target=assessment,
        after={"decision": decision, "changes": recorded, "day": day.date.isoformat()},
        reason=reason.strip() or "Confirmed at moderation",
    )
    if not ModerationSelection.objects.filter(
        group__day=day, assessment__moderation_outcome__isnull=True
    ).exists():
        ModerationDay.objects.filter(pk=day.pk).update(held_at=timezone.now())
    return outcome


def outcome_statement(*, outcome: ModerationOutcome, day: ModerationDay, group) -> str:
    """The line written into Step 2's "findings from moderation" (002 §F step 2)."""
    where = f"Moderation day {_day_words(day.date)} ({group.name})"
    if outcome.decision == ModerationDecision.CONFIRMED:
        said = f"{where}: the proposed judgements were confirmed."
        return f"{said} {outcome.reason}" if outcome.reason else said
    changed = "; ".join(f"{c['title']} from {c['from']} to {c['to']}" for c in outcome.changes)
    return f"{where}: changed {changed}. Reason: {outcome.reason}"


def _write_into_notebook(*, assessment, actor, statement, changes, judgements, step4) -> None:
    from ecm.analysis.content import Strand
    from ecm.analysis.selectors import area_summaries, notebook_areas
    from ecm.analysis.services.judgements import area_summary_save, summative_save

    reason = "Moderation outcome (002 §H)"
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
        summative_save(
            assessment=assessment,
            judgement=judgements[pk],
            actor=actor,
            shown=step4[pk].current.number if pk in step4 else None,
            grade=grade,
            rationale=f"{saved.get('rationale', '')}\n{statement}".strip(),
            entries=saved.get("entries", []),
            reason=f"{reason}: {statement}",
        )
