"""Private calendar addresses (issue 8 §5; issue 21 §8): made and revoked by their owner, each
audited. A person's address shows their own deadlines; a round's shows the round's and its
councils' key dates, for those who see across councils. Revoking is immediate: the address
answers 404.

Only the hash of an address's token is kept (decision 0038): the token exists in full once,
on the feed `calendar_feed_create` returns, for the page that shows it to its owner that one
time. A person may have `CALENDAR_FEEDS_PER_PERSON` working addresses at once."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.core.once import once_claim, once_done
from ecm.programme.models import CalendarFeed
from ecm.programme.selectors.calendars import feeds_working

NOT_YOURS = "Only its owner can revoke a calendar address"
NO_ROUND_CALENDAR = "A round's calendar is for those who see every council of the round"
ALREADY_REVOKED = "That address is already revoked"
FEED_LIMIT = (
    "You already have {limit} working calendar addresses, the most one person may have. "
    "Revoke one you no longer use, then make a new one"
)
FEED_MADE_ONCE = "Your calendar address was made"
# A feed read within this long of its last recorded use is not written again: a calendar
# program polling every few minutes costs no write each time, and "last used" stays true to
# the quarter hour, which is all its owner needs to tell a live address from a forgotten one.
LAST_USED_STEP = timedelta(minutes=15)


@transaction.atomic
def calendar_feed_create(*, actor, assessment_round=None, once=None) -> CalendarFeed:
    """A new address; the returned feed's `token` is the only copy of its token. The same form
    posted again (`once`, ecm.core.once) is answered AlreadyDone and makes no second address."""
    if assessment_round is not None and not actor.has_perm("programme.view_round"):
        raise ValidationError(NO_ROUND_CALENDAR)
    claim = once_claim(token=once, actor=actor, what="programme.calendar_feed_create")
    # The owner's row is locked so two addresses made at the same moment count each other.
    get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
    limit = settings.CALENDAR_FEEDS_PER_PERSON
    if feeds_working(owner=actor) >= limit:
        raise ValidationError(FEED_LIMIT.format(limit=limit), code="feed_limit")
    feed = CalendarFeed.objects.create(owner=actor, round=assessment_round)
    audit_record(
        actor=actor,
        verb="calendar.created",
        target=feed,
        after={"round": str(assessment_round) if assessment_round else None},
        reason="A private calendar address made by its owner (shown to them once)",
    )
    once_done(claim, done=FEED_MADE_ONCE, result=feed)
    return feed


@transaction.atomic
def calendar_feed_revoke(*, actor, feed: CalendarFeed) -> CalendarFeed:
    if feed.owner_id != actor.pk:
        raise NotYourRole(NOT_YOURS)
    if feed.revoked_at is not None:
        raise ValidationError(ALREADY_REVOKED)
    feed.revoked_at = timezone.now()
    feed.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        verb="calendar.revoked",
        target=feed,
        before={"active": True},
        after={"active": False},
        reason="Revoked by its owner: the address no longer works",
    )
    return feed


def calendar_feed_used(*, feed: CalendarFeed) -> None:
    """Record that a calendar program read the feed, for the owner's "last used" (not audited:
    a read, like any page view)."""
    now = timezone.now()
    if feed.last_used_at is None or now - feed.last_used_at >= LAST_USED_STEP:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
        feed.last_used_at = now
