"""Private calendar addresses (issue 8 §5): made and revoked by their owner, each audited. A
person's address shows their own deadlines; a round's shows the round's and its councils' key
dates, for those who see across councils. Revoking is immediate: the address answers 404."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.programme.models import CalendarFeed

NOT_YOURS = "Only its owner can revoke a calendar address"
NO_ROUND_CALENDAR = "A round's calendar is for those who see every council of the round"
ALREADY_REVOKED = "That address is already revoked"


@transaction.atomic
def calendar_feed_create(*, actor, assessment_round=None) -> CalendarFeed:
    if assessment_round is not None and not actor.has_perm("programme.view_round"):
        raise ValidationError(NO_ROUND_CALENDAR)
    feed = CalendarFeed.objects.create(owner=actor, round=assessment_round)
    audit_record(
        actor=actor,
        verb="calendar.created",
        target=feed,
        after={"round": str(assessment_round) if assessment_round else None},
        reason="A private calendar address made by its owner",
    )
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
