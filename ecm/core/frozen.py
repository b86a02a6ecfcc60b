"""The one answer of an edit page whose object no longer changes (issue 20 §3: "No 500s on stale
pages").

A page opened from a stale tab, a bookmark or Back may ask to edit something that has since been
finalised, published, sent or submitted. Its view answers, before it reads any form, with
`frozen_page`: what the thing is, what happened to it, when and by whom, why it no longer
changes and how to put it right, and a link back to it. A GET answers 200; a POST answers 409
and says that nothing was saved, so a resubmitted form never changes a frozen object. A page
that reads its object as well as editing it keeps reading it once frozen, with the same words
(`frozen_notice`, shown by `core/_frozen.html`) in place of its form.

When and by whom come from the object's own fields (`Since.of`) or, for a stage, from the audit
trail's latest entry that moved it there (`since_audit`).
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.shortcuts import render
from django.utils import timezone

from ecm.audit.selectors import audit_history

TITLE = "{what} can no longer be changed"
NOTHING_SAVED = "Nothing you entered was saved."


@dataclass(frozen=True)
class Since:
    """When something happened to an object and who did it: either may be unknown (an object
    made before the audit trail kept it)."""

    at: datetime | date | None = None
    by: str = ""

    @classmethod
    def of(cls, at: datetime | date | None, user) -> "Since":
        """From the object's own fields: a time or a day, and the user who acted."""
        return cls(at=at, by=person_name(user))


def person_name(user) -> str:
    """A person as a page names them: their full name, else their email."""
    if user is None:
        return ""
    return user.get_full_name() or user.email


def since_audit(target, *, verb: str, **after) -> Since:
    """The latest audit entry about `target` with `verb` whose "after" has every `after` value
    (for a stage: `stage="final"`): when it was written and by whom."""
    lookup = {f"after__{key}": value for key, value in after.items()}
    entry = audit_history(target=target).filter(verb=verb, **lookup).first()
    return Since(at=entry.at, by=entry.actor_name) if entry else Since()


def when_words(at: datetime | date | None) -> str:
    """ " on 3 October 2007 at 2:05pm", " on 3 October 2007", or nothing."""
    if at is None:
        return ""
    if isinstance(at, datetime):
        local = timezone.localtime(at)
        clock = f"{local:%I:%M%p}".lstrip("0").lower()
        return f" on {local.day} {local:%B %Y} at {clock}"
    return f" on {at.day} {at:%B %Y}"


def frozen_sentence(*, what: str, happened: str, since: Since) -> str:
    """ "This letter was made final on 3 October 2007 at 2:05pm by Ann Smith." """
    by = f" by {since.by}" if since.by else ""
    return f"{_capital(what)} {happened}{when_words(since.at)}{by}."


@dataclass(frozen=True)
class FrozenNotice:
    """What `core/_frozen.html` shows: what happened, when and by whom; why and what to do."""

    sentence: str
    why: str


def frozen_notice(*, what: str, happened: str, since: Since, why: str) -> FrozenNotice:
    """The words of a frozen object's notice, for a page that still reads the object."""
    return FrozenNotice(
        sentence=frozen_sentence(what=what, happened=happened, since=since), why=why
    )


def frozen_page(
    request,
    *,
    what: str,
    happened: str,
    since: Since,
    why: str,
    back_url: str,
    back_text: str,
    caption: str = "",
    title: str = "",
):
    """The page an edit view answers with once its object is frozen. `what` names the object as
    the sentence starts ("this letter"), `happened` what froze it ("was made final"), `why`
    why it no longer changes and how to put it right, `back_url` and `back_text` the way back to
    the object's page."""
    posted = request.method == "POST"
    context = {
        "title": title or TITLE.format(what=_capital(what)),
        "frozen": frozen_notice(what=what, happened=happened, since=since, why=why),
        "nothing_saved": NOTHING_SAVED if posted else "",
        "back_url": back_url,
        "back_text": back_text,
        "caption": caption,
    }
    return render(request, "core/frozen.html", context, status=409 if posted else 200)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
