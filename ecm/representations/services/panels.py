"""Panel members and panels (002 §J): who may sit, and each panel's mix, with anyone involved
earlier in the assessment excluded and the exclusion explained."""

from collections import Counter
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction

from ecm.accounts.roles import Role
from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.core.once import AlreadyDone, once_claim, once_done
from ecm.representations.models import (
    Organisation,
    PanelMember,
    PanelSeat,
    Representation,
    RepresentationStatus,
    RepresentedJudgement,
)
from ecm.representations.panel_mix import PANEL_MIX, describe_mix
from ecm.representations.selectors import involvement
from ecm.representations.services.notifications import email_panel_seated

NOT_AN_ADMINISTRATOR = "Only a programme administrator registers panel members and composes panels"
NOT_A_PANEL_MEMBER = (
    "{person} does not hold the role of representation panel member: grant them the role, "
    "then register them"
)
INDEPENDENT_NOT_MANAGER = (
    "An external independent person is not a CSCI or Ofsted manager: register them without "
    "'manager'"
)
NOT_REGISTERED = (
    "{person} is not registered as a panel member: register their organisation and whether "
    "they are a manager first"
)
SAME_PERSON_TWICE = "{person} is chosen twice: choose different people"
EXCLUDED = (
    "{person} cannot sit on this panel: members have no previous involvement in the judgements "
    "being reviewed (the handbook, section J), and they {reasons}"
)
WRONG_MIX = (
    "A panel on the {judgement} judgement is {needed} (the handbook, section J). The members "
    "chosen are {chosen}: "
    "choose again"
)
NOT_SUBMITTED = "The representation is not submitted yet: a panel considers it once it is"
ALREADY_DECIDED = "The panel has already decided: its membership can no longer change"
ALREADY_SEATED = "The panel of {members} was already seated and its members emailed"
NOBODY_EMAILED_AGAIN = "Nobody was emailed a second time"


@transaction.atomic
def panel_member_register(*, actor, user, organisation: str, is_manager: bool) -> PanelMember:
    """Record (or correct) a panel member's organisation and whether they are a manager."""
    if Role.PROGRAMME_ADMINISTRATOR not in actor.roles:
        raise NotYourRole(NOT_AN_ADMINISTRATOR)
    if Role.PANEL_MEMBER not in user.roles:
        raise ValidationError(NOT_A_PANEL_MEMBER.format(person=user))
    organisation = Organisation(organisation)
    if organisation == Organisation.INDEPENDENT and is_manager:
        raise ValidationError({"is_manager": INDEPENDENT_NOT_MANAGER})
    existing = PanelMember.objects.filter(user=user).first()
    before = (
        {"organisation": existing.organisation, "is_manager": existing.is_manager}
        if existing
        else None
    )
    member, _ = PanelMember.objects.update_or_create(
        user=user,
        defaults={"organisation": organisation, "is_manager": is_manager, "registered_by": actor},
    )
    audit_record(
        actor=actor,
        verb="panel_member.registered",
        target=member,
        before=before,
        after={"organisation": organisation.value, "is_manager": is_manager},
    )
    return member


@transaction.atomic
def panel_compose(
    *, actor, representation: Representation, members: list, once: UUID | None = None
) -> list[PanelSeat]:
    """Seat `members` (users) on the representation's panel, replacing any earlier choice.
    Refused, with the reasons, when a member is not registered, was involved earlier in the
    assessment, or the panel's mix is not the one 002 §J sets for the judgement. Seated once
    (issue 20 §4): the form's token posted again, or the panel already seated with exactly
    these members, is answered AlreadyDone, and nobody is emailed a second time."""
    claim = once_claim(token=once, actor=actor, what="representation.panel_compose")
    if Role.PROGRAMME_ADMINISTRATOR not in actor.roles:
        raise NotYourRole(NOT_AN_ADMINISTRATOR)
    representation = Representation.objects.select_for_update().get(pk=representation.pk)
    if representation.status == RepresentationStatus.INTENDED:
        raise ValidationError(NOT_SUBMITTED)
    if representation.status == RepresentationStatus.DECIDED:
        raise ValidationError(ALREADY_DECIDED)
    errors, registered, seen = [], [], set()
    for user in members:
        if user.pk in seen:
            errors.append(SAME_PERSON_TWICE.format(person=user))
            continue
        seen.add(user.pk)
        member = PanelMember.objects.filter(user=user).first()
        if member is None or Role.PANEL_MEMBER not in user.roles:
            errors.append(NOT_REGISTERED.format(person=user))
            continue
        reasons = involvement(user, representation.assessment)
        if reasons:
            errors.append(EXCLUDED.format(person=user, reasons="; ".join(reasons)))
            continue
        registered.append(member)
    if errors:
        raise ValidationError(errors)
    needed = PANEL_MIX[RepresentedJudgement(representation.judgement)]
    chosen = dict(Counter((m.organisation, m.is_manager) for m in registered))
    if chosen != needed:
        raise ValidationError(
            WRONG_MIX.format(
                judgement=representation.get_judgement_display().lower(),
                needed=describe_mix(needed),
                chosen=describe_mix(chosen),
            )
        )
    seated = list(representation.seats.select_related("member__user", "seated_by"))
    if seated and {s.member_id for s in seated} == {m.pk for m in registered}:
        latest = max(seated, key=lambda s: s.seated_at)
        raise AlreadyDone(
            done=ALREADY_SEATED.format(members=", ".join(str(s.member) for s in seated)),
            at=latest.seated_at,
            by=latest.seated_by,
            again=NOBODY_EMAILED_AGAIN,
        )
    before = [str(seat.member) for seat in seated]
    representation.seats.all().delete()
    seats = [
        PanelSeat.objects.create(representation=representation, member=member, seated_by=actor)
        for member in registered
    ]
    audit_record(
        actor=actor,
        verb="representation.panel_composed",
        target=representation,
        before={"panel": before},
        after={"panel": [str(m) for m in registered]},
    )
    email_panel_seated(representation=representation, members=registered)
    once_done(claim, done=ALREADY_SEATED.format(members=", ".join(str(m) for m in registered)))
    return seats
