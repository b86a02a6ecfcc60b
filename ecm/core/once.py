"""Sends and adds done once (issue 20 §4: "a resubmitted or concurrent send or add makes one
thing and one email; the page says what was already sent and when").

Two guards, used together by every service that sends or adds something:

- **The form's token.** A form that sends or adds carries a fresh random token (`ONCE_FIELD`,
  a hidden field of `ecm.core.forms.GovUKForm` when the form sets `once = True`). The service
  calls `once_claim` first in its transaction: it inserts the token's `FormSubmission` row,
  whose token is unique. The same form posted again (Back and submit, a double click, a
  retried request) finds the row and is answered with `AlreadyDone`: what was done, when and
  by whom. Posted twice at once, the second insert waits on PostgreSQL for the first
  transaction (SQLite writes one at a time), then finds the row. A refused submission rolls
  its row back with it, so the form can be put right and sent again. The service ends with
  `once_done`, which records what was done for that answer.
- **The thing's own key.** Two tabs, or a page with no token, carry different tokens, so each
  service also locks the parent row (the meeting, the letter, the report, the case) and looks
  for the same thing already made (the same agenda content sent, the same attendee, the same
  comment on the same paragraph), answering `AlreadyDone` from that row.

`AlreadyDone` is a ValidationError (code "already_done"), so anything that refuses on a
ValidationError does nothing twice; `ecm.core.forms.call_service` keeps it apart from a
refusal, and a page shows it as a success-style banner, never as an error.
"""

from datetime import datetime
from uuid import UUID

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from ecm.core.models import FormSubmission

ONCE_FIELD = "once_token"
ALREADY_DONE = "{done} on {when} by {who}. {again}"
NOT_AGAIN = "It was not done a second time"
SOMEONE = "someone"
# A token whose form did not say what it did: a service that claimed and did not record.
DONE_BEFORE = "This form was already submitted"


def when_text(at: datetime) -> str:
    """A moment as the "already" answer says it: "5 June 2007 at 10:14"."""
    local = timezone.localtime(at)
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"


class AlreadyDone(ValidationError):
    """The answer to a send or add that was already done: `done` says what ("Agenda 1 was
    already sent to …"), `at` when and `by` who; `again` says that nothing was done twice."""

    def __init__(self, *, done: str, at: datetime, by=None, again: str = NOT_AGAIN):
        self.done, self.at, self.by = done, at, by
        super().__init__(
            ALREADY_DONE.format(
                done=done, when=when_text(at), who=str(by) if by else SOMEONE, again=again
            ),
            code="already_done",
        )


def _answer(found: FormSubmission) -> AlreadyDone:
    return AlreadyDone(done=found.done or DONE_BEFORE, at=found.done_at, by=found.actor)


def once_already(token: UUID | str | None) -> AlreadyDone | None:
    """The answer for a token already used (None when it was not), for a page that must know
    before it checks its form: a stage no longer offered, a partner no longer listed."""
    try:
        token = UUID(str(token)) if token else None
    except ValueError:
        return None
    if token is None:
        return None
    found = FormSubmission.objects.select_related("actor").filter(token=token).first()
    return _answer(found) if found else None


def once_claim(*, token: UUID | None, actor, what: str) -> FormSubmission | None:
    """Claim the form's token in the caller's transaction, before anything is done; raises
    AlreadyDone when it was used. None (no claim) for a call without a token: a service called
    from code, or a page read before tokens, which the thing's own key still guards."""
    if token is None:
        return None
    try:
        # A savepoint: the insert that finds the token taken must not break the transaction.
        with transaction.atomic():
            return FormSubmission.objects.create(
                token=token,
                what=what,
                actor=actor if actor is not None and actor.is_authenticated else None,
            )
    except IntegrityError:
        pass
    raise _answer(FormSubmission.objects.select_related("actor").get(token=token))


def once_done(claim: FormSubmission | None, *, done: str, result: models.Model | None = None):
    """Record on the claim what was done ("Agenda 2 was already sent to …", as a resubmission
    is told it) and the row it made."""
    if claim is None:
        return
    claim.done = done
    if result is not None:
        claim.result_type = ContentType.objects.get_for_model(result, for_concrete_model=False)
        claim.result_id = str(result.pk)
    claim.save(update_fields=["done", "result_type", "result_id"])
