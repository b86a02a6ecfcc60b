"""Where a person is signed in, and signing the other browsers out (issue 21 §3).

A `SignedInSession` row is written when someone signs in and removed when they sign out
(the `user_logged_in`/`user_logged_out` signals, connected in AccountsConfig.ready). Signing
another browser out deletes its session from Django's session store, so that browser's next
request finds no session and is asked to sign in.
"""

from datetime import datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from ecm.accounts.models import SignedInSession, User
from ecm.audit.services import audit_record
from ecm.core.write_lock import WriteLockTaken, write_or_skip

# "Last seen" is written at most this often per browser, so that a page view costs no write.
LAST_SEEN_EVERY = timedelta(minutes=1)
# When the session last wrote its "last seen", kept in the session itself: no query to find out.
LAST_SEEN_KEY = "ecm_last_seen"
USER_AGENT_LENGTH = 200


def session_store(session_key: str | None = None) -> SessionBase:
    """A session of the configured engine (settings.SESSION_ENGINE), by key."""
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key)


def _browser(request) -> dict:
    # REMOTE_ADDR only: X-Forwarded-For is whatever the client says unless a proxy we trust
    # rewrites it, and this address is shown to the person as a hint, not used to decide.
    return {
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTH],
        "ip_address": request.META.get("REMOTE_ADDR") or None,
    }


def _stamp(request, now: datetime) -> None:
    request.session[LAST_SEEN_KEY] = int(now.timestamp())


def signed_in_session_start(sender, request, user, **kwargs) -> None:
    """`user_logged_in`: note the browser. Django has just given the session a new key."""
    session = getattr(request, "session", None)
    if session is None or not session.session_key:
        return  # a signed-cookie session has no key to list or revoke
    now = timezone.now()
    SignedInSession.objects.update_or_create(
        session_key=session.session_key,
        defaults={"user": user, "signed_in_at": now, "last_seen_at": now, **_browser(request)},
    )
    _stamp(request, now)


def signed_in_session_end(sender, request, user, **kwargs) -> None:
    """`user_logged_out`: forget the browser (the session itself is flushed by Django)."""
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        SignedInSession.objects.filter(session_key=session.session_key).delete()


def session_seen(request) -> None:
    """Move the browser's "last seen" on, at most once a minute (LAST_SEEN_EVERY).

    Housekeeping on the way to a page, so it never makes the page wait or fail (issue 25 §6):
    on SQLite, while an import holds the one write lock, it is skipped and done on a later
    request (`write_or_skip`). The row and the session's stamp are written in that one
    transaction, so the session middleware has nothing left to save for it afterwards."""
    session = request.session
    if not session.session_key:
        return
    now = timezone.now()
    stamp = session.get(LAST_SEEN_KEY)
    if stamp is not None and now.timestamp() - stamp < LAST_SEEN_EVERY.total_seconds():
        return
    was_modified = session.modified
    try:
        with write_or_skip():
            updated = SignedInSession.objects.filter(
                session_key=session.session_key, user_id=request.user.pk
            ).update(last_seen_at=now)
            if not updated:  # a session from before sessions were listed: list it from now on
                SignedInSession.objects.update_or_create(
                    session_key=session.session_key,
                    defaults={
                        "user_id": request.user.pk,
                        "signed_in_at": now,
                        "last_seen_at": now,
                        **_browser(request),
                    },
                )
            _stamp(request, now)
            session.save()
    except WriteLockTaken:
        return  # nothing was written, the session is as it was: a later request does it
    session.modified = was_modified  # saved above: the middleware has no second write to make


def signed_in_sessions(*, user: User) -> list[SignedInSession]:
    """The browsers the person is signed in on, most recently used first. Rows whose session
    has ended on its own (expired, or cleared by `clearsessions`) are dropped as they are met."""
    oldest = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    rows, ended = [], []
    for row in SignedInSession.objects.filter(user=user):
        if row.last_seen_at < oldest or not session_store().exists(row.session_key):
            ended.append(row.pk)
        else:
            rows.append(row)
    if ended:
        SignedInSession.objects.filter(pk__in=ended).delete()
    return rows


def _end(row: SignedInSession) -> None:
    session_store(row.session_key).delete()
    row.delete()


def _described(row: SignedInSession) -> dict:
    # What the person saw in the list; never the session key (it would let anyone reading the
    # audit trail take over the session).
    return {
        "signed_in_at": row.signed_in_at,
        "last_seen_at": row.last_seen_at,
        "browser": row.user_agent,
        "ip_address": row.ip_address,
    }


@transaction.atomic
def session_sign_out(*, actor: User, session_id: int, current_key: str | None) -> None:
    """Sign one of the person's other browsers out. Someone else's session, or one that does
    not exist, is a 404 (DESIGN.md example 5); this browser signs out with the Sign out button."""
    row = (
        SignedInSession.objects.select_for_update()
        .filter(pk=session_id, user=actor)
        .exclude(session_key=current_key or "")
        .first()
    )
    if row is None:
        raise Http404("Page not found")
    before = _described(row)
    _end(row)
    audit_record(actor=actor, verb="session.signed_out", target=actor, before=before)


@transaction.atomic
def sessions_sign_out_others(*, actor: User, current_key: str | None) -> int:
    """Sign out every browser of the person but this one; how many."""
    rows = list(
        SignedInSession.objects.select_for_update()
        .filter(user=actor)
        .exclude(session_key=current_key or "")
    )
    for row in rows:
        _end(row)
    if rows:
        audit_record(
            actor=actor,
            verb="session.signed_out_everywhere_else",
            target=actor,
            after={"browsers_signed_out": len(rows)},
        )
    return len(rows)


def sessions_end_all(*, user: User, except_key: str | None = None) -> int:
    """Every browser of the person signed out, but the one with `except_key` if given (a
    two-factor reset, or two-factor turned on; the caller audits it). How many."""
    rows = list(SignedInSession.objects.filter(user=user).exclude(session_key=except_key or ""))
    for row in rows:
        _end(row)
    return len(rows)
