"""Workflows as data, one engine (DESIGN.md example 4; issue 19 §3).

A workflow is a table: each stage (a Django `TextChoices` member) maps to its rule, which names
at least the stages it may move `forward` to and `back` to (moving back needs a reason). The
APA's statuses, the letter's stages and the JAR report's stages are such tables; each rule adds
what its workflow needs (who moves, groups, the APA status a letter stage needs, whether the
report may change).

Each workflow keeps one transition function. It locks the row and refuses a stale page
(`ecm.core.locking`), calls `stage_check`, applies its own guards, then `stage_record`, which
saves the new stage with the next `lock_version` and writes the audit entry, in the caller's
transaction. A workflow whose entry into a stage does more (sends the letter, records a date)
calls `stage_save`, does it, then `stage_audit` with what it did.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.db import models

from ecm.audit.selectors import audit_history
from ecm.audit.services import audit_record
from ecm.core.once import AlreadyDone

MOVE_NOT_ALLOWED = (
    "{what} cannot move from {current} to {target}. From {current} it can move to: {allowed}"
)
ALREADY_MOVED = "{what} was already moved to {stage}"
NOT_MOVED_AGAIN = "Nothing was done a second time"
REASON_REQUIRED = (
    "Enter why {what} is going back to {target}: the reason is kept in the audit trail"
)


class StageRule(Protocol):
    """What every workflow's rule has: the stages it may move to, forward and back."""

    forward: tuple
    back: tuple


@dataclass(frozen=True)
class Move:
    current: models.TextChoices
    target: models.TextChoices
    backward: bool


def stage_check(
    table: Mapping[Any, StageRule],
    *,
    current: models.TextChoices,
    target: models.TextChoices,
    what: str,
    reason: str,
    words: Callable[[models.TextChoices], str] = lambda stage: stage.label,
    nowhere: str = "nowhere",
) -> Move:
    """The move from `current` to `target`, refused when the table does not allow it or when it
    goes back without a reason. `what` names the thing moving ("an assessment"), `words` a
    stage as the message shows it."""
    rule = table[current]
    if target not in rule.forward + rule.back:
        allowed = ", ".join(words(s) for s in rule.forward + rule.back) or nowhere
        raise ValidationError(
            MOVE_NOT_ALLOWED.format(
                what=what[:1].upper() + what[1:],
                current=words(current),
                target=words(target),
                allowed=allowed,
            )
        )
    backward = target in rule.back
    if backward and not reason.strip():
        raise ValidationError(
            {"reason": REASON_REQUIRED.format(what=_the(what), target=words(target))}
        )
    return Move(current=current, target=target, backward=backward)


def stage_record(
    obj: models.Model,
    *,
    move: Move,
    actor,
    verb: str,
    reason: str,
    field: str = "stage",
    also: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    audit_target: models.Model | None = None,
) -> None:
    """Save the new stage (and `also`, other fields the move sets) with the next lock_version,
    and write the audit entry: who, when, from and to, and why."""
    stage_save(obj, move=move, field=field, also=also)
    stage_audit(
        obj,
        move=move,
        actor=actor,
        verb=verb,
        reason=reason,
        field=field,
        after=after,
        audit_target=audit_target,
    )


def stage_save(
    obj: models.Model,
    *,
    move: Move,
    field: str = "stage",
    also: Mapping[str, Any] | None = None,
    whole_row: bool = False,
) -> None:
    """Save the new stage (and `also`) with the next lock_version: those fields only, or the
    whole row when entering the stage has set others on it too (`whole_row`). For a workflow
    whose audit entry says what entering the stage did, which `stage_audit` writes after."""
    setattr(obj, field, move.target)
    for name, value in (also or {}).items():
        setattr(obj, name, value)
    obj.lock_version += 1
    obj.save(update_fields=None if whole_row else [field, "lock_version", *(also or {})])


def stage_audit(
    obj: models.Model,
    *,
    move: Move,
    actor,
    verb: str,
    reason: str,
    field: str = "stage",
    after: Mapping[str, Any] | None = None,
    audit_target: models.Model | None = None,
) -> None:
    """The move's audit entry: who, when, from and to, what else it did, and why."""
    audit_record(
        actor=actor,
        verb=verb,
        target=audit_target or obj,
        before={field: move.current.value},
        after={field: move.target.value, **(after or {})},
        reason=reason.strip(),
    )


def stage_already(
    obj: models.Model,
    *,
    stage: models.TextChoices,
    verb: str,
    what: str,
    words: Callable[[models.TextChoices], str] = lambda stage: stage.label,
    field: str = "stage",
    audit_target: models.Model | None = None,
) -> AlreadyDone | None:
    """When `obj` is at `stage` already, the answer to a move there: when it was moved and by
    whom, from the audit entry of the move (None when it is elsewhere, or was never moved
    there). A resubmitted or concurrent move is answered as done, not refused as stale or as a
    move the table does not allow (issue 20 §4)."""
    if getattr(obj, field) != stage:
        return None
    entry = (
        audit_history(target=audit_target or obj)
        .filter(verb=verb, **{f"after__{field}": stage.value})
        .first()
    )
    if entry is None:
        return None
    return AlreadyDone(
        done=stage_moved_text(what=what, stage=words(stage)),
        at=entry.at,
        by=entry.actor_name,
        again=NOT_MOVED_AGAIN,
    )


def stage_moved_text(*, what: str, stage: str) -> str:
    """What a move records on its form's token, as a resubmission is told it."""
    the = _the(what)
    return ALREADY_MOVED.format(what=the[:1].upper() + the[1:], stage=stage)


def _the(what: str) -> str:
    """ "an assessment" -> "the assessment", as the reason's prompt names it."""
    for article in ("an ", "a "):
        if what.startswith(article):
            return "the " + what[len(article) :]
    return what
