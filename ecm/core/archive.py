"""Whether a round's records are archived, for the apps below the one that archives them (the
handbook, section F: "The completed evidence notebook is required evidence for archiving and
storage purposes"; section I stage 3: the letter "will then be archived").

`ecm.letters` archives a closed round and answers `round_archive_asked`; the notebook
(`ecm.analysis`), which may not import letters, asks through `round_archived` and refuses an
edit with `refuse_if_round_archived`, whose message says when and until when.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.dispatch import Signal

# kwargs: `round_id`. A receiver answers an `Archived`, or None when the round is not archived.
round_archive_asked = Signal()

ARCHIVED = (
    "{what} can no longer be changed: the round was archived on {on} when it closed, and its "
    "records are kept read-only until {until} (the handbook, sections F and I)"
)


@dataclass(frozen=True)
class Archived:
    at: datetime
    retain_until: date
    by: str = ""


def round_archived(round_id: int | None) -> Archived | None:
    """The round's archive, or None while it is open to change."""
    if round_id is None:
        return None
    for _receiver, answer in round_archive_asked.send(sender=None, round_id=round_id):
        if answer is not None:
            return answer
    return None


def archived_message(archived: Archived, *, what: str) -> str:
    return ARCHIVED.format(
        what=what[:1].upper() + what[1:],
        on=f"{archived.at:%-d %B %Y}",
        until=f"{archived.retain_until:%-d %B %Y}",
    )


def refuse_if_round_archived(round_id: int | None, *, what: str) -> None:
    """Refuse an edit of an archived round's record, saying why."""
    archived = round_archived(round_id)
    if archived is not None:
        raise ValidationError(archived_message(archived, what=what), code="archived")
