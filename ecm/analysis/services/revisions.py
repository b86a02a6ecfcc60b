"""The one way notebook content changes: a new revision, checked against the revision the page
was shown with (issue 5 §7: "never edited in place"; quality bar: no silent overwrite)."""

from django.core.exceptions import ValidationError

from ecm.analysis.models import Revision
from ecm.core.archive import refuse_if_round_archived
from ecm.core.locking import stale

NO_CHANGE = "Nothing has changed: change something before you save, or go back"


def revision_check(*, current: Revision | None, shown: int | None, what: str) -> None:
    """Refuse a save made from a page showing an older revision than the current one, or
    showing none when one now exists (someone saved first: theirs must not be overwritten)."""
    if current is None or shown == current.number:
        return
    who = current.revised_by.get_full_name() or current.revised_by.email
    # `what` opens the audit reasons ("The overall summary first written"); here it is
    # mid-sentence.
    raise stale(what=what[:1].lower() + what[1:], who=who, when=current.revised_at)


def revision_add(
    *,
    assessment,
    subject: str,
    subject_id: int,
    current: Revision | None,
    content: dict,
    actor,
    reason: str,
    allow_same: bool = False,
) -> Revision:
    """Add the next revision of a subject. Saving what is already there adds nothing and
    says so, unless `allow_same` (e.g. sharing, which changes no words). Once the round is
    archived the notebook is read-only, and the refusal says when and until when (the
    handbook, section F; ecm.core.archive)."""
    refuse_if_round_archived(assessment.round_id, what="the evidence notebook")
    if current is not None and current.content == content and not allow_same:
        raise ValidationError(NO_CHANGE)
    return Revision.objects.create(
        assessment=assessment,
        subject=subject,
        subject_id=subject_id,
        number=(current.number + 1) if current else 1,
        content=content,
        revised_by=actor,
        reason=reason,
    )
