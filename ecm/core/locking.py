"""Optimistic locking, one way and in one wording (quality bar: "Concurrent edits never silently
overwrite").

A page carries the `lock_version` (or revision number) it was read at; the service locks the
row, refuses the save when the row has moved on since, and saves with the next version. The
refusal always says the same thing: who changed what (and when, where it is known), that nothing
was saved, and how to put it right.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db.models import F, Model, QuerySet
from django.utils import timezone

STALE = (
    "{who} changed {what}{when} while you were working on it{now}. Nothing was saved: copy "
    "anything you need, reload the page to see their change, then try again"
)
SOMEONE_ELSE = "Someone else"


def stale_message(
    *, what: str, who: str = SOMEONE_ELSE, when: datetime | None = None, now: str = ""
) -> str:
    """The refusal of a stale save: `what` as it reads mid-sentence ("this letter"), `who` the
    person who saved first, `when` their save, `now` where the thing stands since."""
    return STALE.format(
        who=who,
        what=what,
        when=f" at {timezone.localtime(when):%H:%M on %d %B %Y}" if when else "",
        now=f" (it is now {now})" if now else "",
    )


def stale(**message) -> ValidationError:
    """The ValidationError a service raises for a stale save (code "stale")."""
    return ValidationError(stale_message(**message), code="stale")


def refuse_if_stale(obj: Model, expected_lock_version: int | None, *, what: str, now: str = ""):
    """Refuse when the page was read at another `lock_version` than `obj` has now (None: the
    write needs no page's version, e.g. a scheduled task)."""
    if expected_lock_version is not None and obj.lock_version != expected_lock_version:
        raise stale(what=what, now=now)


def locked(queryset: QuerySet, *, expected_lock_version: int | None, what: str, **lookup):
    """The row of `queryset` matching `lookup`, locked for this transaction, refused as stale
    when the page was read at another version."""
    found = queryset.select_for_update().get(**lookup)
    refuse_if_stale(found, expected_lock_version, what=what)
    return found


def save_next_version(obj: Model, fields: list[str]) -> None:
    """Save `fields` of a locked row with the next `lock_version`, so that a page read before
    this save is refused rather than overwriting it."""
    obj.lock_version = F("lock_version") + 1
    obj.save(update_fields=[*fields, "lock_version"])
    obj.refresh_from_db(fields=["lock_version"])
