"""Choosing whom to moderate (002 §H; issue 6 §4): about half of a round's councils, those with
signs of risk first, then a random draw; and the administrator's own additions and removals."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction

from ecm.apa.models import ModerationBasis, ModerationDraw, ModerationOutcome, ModerationSelection
from ecm.audit.services import audit_record
from ecm.meetings.moderation_signals import proposal, risk_signals, target_for

ALREADY_PLANNED = (
    "Councils are already placed on moderation days. Take them off the days first, or add and "
    "remove councils one by one with a reason"
)
NO_ASSESSMENTS = "The round has no assessments to moderate"
NO_REASON = "Enter the reason: it is kept in the audit trail"
ALREADY_SO = "{council} is already {state}"
HAS_OUTCOME = "{council}'s moderation outcome is recorded: it cannot be taken out of moderation"
# Planning the days, the form and the outcome all need the council to be selected first.
NOT_SELECTED = "{council} is not selected for moderation: add it to the moderation first"


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
        reason=(
            "Signs of risk first, then a random draw (the handbook, section H: about half of "
            "councils)"
        ),
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
        raise ValidationError(ALREADY_SO.format(council=assessment.council.name, state=state))
    if not selected and ModerationOutcome.objects.filter(assessment=assessment).exists():
        raise ValidationError(HAS_OUTCOME.format(council=assessment.council.name))
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
