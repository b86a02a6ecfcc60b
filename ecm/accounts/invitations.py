"""Invitations: how a person added under People gets a password (issue 21 §3, "What was seen"
11; decision 0035).

The invitation is an email with a link that works once, for INVITATION_DAYS, to choose a
password. Its token is Django's password-reset token with a key of its own, whose hash covers
the person's password field (an unusable one is a random string until a password is set, so
setting one ends every link), their email address, and the newest invitation sent to them (so
sending it again ends the older links). It never works for a demo account, a closed account or
a person who already has a password (they use "Forgotten your password?").
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode

from ecm.accounts.models import User
from ecm.audit.selectors import audit_history
from ecm.audit.services import audit_record
from ecm.core.once import once_claim, once_done, when_text

INVITED = "invitation.sent"
ACCEPTED = "invitation.accepted"

NOT_FOR_DEMO = "Demo accounts sign in with the demo password: they are never invited"
NOT_FOR_CLOSED = "This account is closed: reopen it before sending an invitation"
ALREADY_SIGNS_IN = (
    "{person} has already set a password. If they have forgotten it, they can use "
    "\u201cForgotten your password?\u201d on the sign-in page"
)
INVITATION_SUBJECT = "You have been invited to use ECM Assess"


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """A password-reset token with its own key and lifetime (INVITATION_DAYS, not
    PASSWORD_RESET_TIMEOUT), which only a person still without a password can use."""

    key_salt = "ecm.accounts.invitations.InvitationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.password}{timestamp}{user.email}{_newest_invitation_id(user)}"

    def check_token(self, user, token):
        if user is None or not token or not invitable(user):
            return False
        try:
            timestamp = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        age = self._num_seconds(self._now()) - timestamp
        return 0 <= age <= invitation_lifetime().total_seconds()


invitation_tokens = InvitationTokenGenerator()


def invitation_lifetime() -> timedelta:
    return timedelta(days=settings.INVITATION_DAYS)


def invitable(person: User) -> bool:
    """Whether a person can be invited: an open account without a password, not a demo."""
    return person.is_active and not person.is_demo and not person.has_usable_password()


def _newest_invitation_id(person: User) -> int:
    newest = audit_history(target=person).filter(verb=INVITED).order_by("-id").first()
    return newest.pk if newest else 0


def invitation_link(person: User) -> str:
    """The full address of a fresh link for the person (SITE_URL, as every email's links)."""
    path = reverse(
        "accounts:invitation-accept",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(person.pk)),
            "token": invitation_tokens.make_token(person),
        },
    )
    return f"{settings.SITE_URL}{path}"


def _invitation_email(*, actor: User, person: User, link: str, expires: datetime) -> str:
    inviter = actor.get_full_name() or actor.email
    return (
        f"Dear {person.get_full_name() or person.email},\n\n"
        f"{inviter} has invited you to use ECM Assess, the service for the Every Child "
        "Matters assessment and inspection of councils' children's services.\n\n"
        "Choose your password at this address:\n\n"
        f"{link}\n\n"
        f"The link works once, until {when_text(expires)}. If it has expired, ask "
        f"{inviter} or another programme administrator to send you a new invitation.\n\n"
        "You sign in with this email address and the password you choose.\n"
    )


@dataclass(frozen=True)
class InvitationSent:
    """The newest invitation to a person: when and by whom (the person's page)."""

    at: datetime
    by: str
    expires: datetime


def invitation_last_sent(*, person: User) -> InvitationSent | None:
    """When the newest invitation to the person was sent and by whom, from the audit trail."""
    entry = audit_history(target=person).filter(verb=INVITED).order_by("-id").first()
    if entry is None:
        return None
    return InvitationSent(
        at=entry.at, by=entry.actor_name, expires=entry.at + invitation_lifetime()
    )


def _invitation_issue(*, actor: User | None, person: User) -> tuple[User, str, datetime]:
    """Check the person can be invited, record the invitation (ending older links) and make its
    link: the person as locked, the link and when it expires. Inside the caller's transaction."""
    person = User.objects.select_for_update().get(pk=person.pk)
    if person.is_demo:
        raise ValidationError(NOT_FOR_DEMO)
    if not person.is_active:
        raise ValidationError(NOT_FOR_CLOSED)
    if person.has_usable_password():
        raise ValidationError(ALREADY_SIGNS_IN.format(person=person))
    expires = timezone.now() + invitation_lifetime()
    audit_record(
        actor=actor,
        verb=INVITED,
        target=person,
        after={"email": person.email, "expires": expires},
    )
    link = invitation_link(person)  # after the entry: the token covers the newest invitation
    return person, link, expires


@transaction.atomic
def invitation_for_first_administrator(*, person: User) -> str:
    """The link of an invitation made by the system, not emailed: a new deployment's first
    programme administrator (`manage.py add_administrator`) has nobody to invite them, and the
    deployment's email may not work yet. The person who runs the command hands the link over."""
    return _invitation_issue(actor=None, person=person)[1]


@transaction.atomic
def invitation_send(*, actor: User, person: User, once=None) -> None:
    """Email a person a single-use link to choose their password, valid for INVITATION_DAYS
    (issue 21 §3). Sending again ends the older links. The email goes once the transaction
    commits; the audit entry records who sent it and when it expires, never the link."""
    claim = once_claim(token=once, actor=actor, what=INVITED)
    person, link, expires = _invitation_issue(actor=actor, person=person)
    message = _invitation_email(actor=actor, person=person, link=link, expires=expires)
    transaction.on_commit(
        lambda: send_mail(
            subject=INVITATION_SUBJECT,
            message=message,
            from_email=None,
            recipient_list=[person.email],
        )
    )
    once_done(claim, done=f"An invitation was already sent to {person.email}", result=person)


def invitation_person(*, uidb64: str, token: str) -> User | None:
    """The person a link invites, or None when the link is not (or no longer) good."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
        person = User.objects.get(pk=pk)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    return person if invitation_tokens.check_token(person, token) else None


@transaction.atomic
def invitation_accept(*, person: User, password: str) -> None:
    """Set the invited person's password (already checked by the project's password rules).
    Every link of theirs stops working: the token covers the password field."""
    person = User.objects.select_for_update().get(pk=person.pk)
    if not invitable(person):
        raise ValidationError(ALREADY_SIGNS_IN.format(person=person))
    person.set_password(password)
    person.save(update_fields=["password"])
    audit_record(actor=person, verb=ACCEPTED, target=person, after={"email": person.email})
