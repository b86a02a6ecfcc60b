"""Reads of private calendar addresses (issue 8 §5; issue 21 §8): a person's own, how many of
them work, and the feed a calendar program asks for by its token."""

from __future__ import annotations

from ecm.programme.models import CalendarFeed, feed_token_hash


def feeds_of(*, owner) -> list[CalendarFeed]:
    """A person's addresses, newest first: by what they show, when made and when last used;
    never the address itself, which only its owner had, once (decision 0038)."""
    return list(CalendarFeed.objects.filter(owner=owner).select_related("round"))


def feeds_working(*, owner) -> int:
    return CalendarFeed.objects.filter(owner=owner, revoked_at__isnull=True).count()


def calendar_feed_find(*, token: str) -> CalendarFeed | None:
    """The working feed whose token this is, found by the token's hash; None for an unknown
    or revoked token or an owner who may no longer sign in. An equality lookup on the hash
    needs no constant-time comparison (decision 0038): its timing could at most show how much
    of a stored hash a guess's hash shares, and that brings no guess closer to a token."""
    return (
        CalendarFeed.objects.select_related("owner", "round")
        .filter(token_hash=feed_token_hash(token), revoked_at__isnull=True, owner__is_active=True)
        .first()
    )
