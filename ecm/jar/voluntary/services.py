"""The voluntary part's writes (issue 9 §4; 001 "Voluntary sector stakeholder survey"): the
council keeps its list of partners in order of significance, one by one or as a CSV file
taken all or nothing; the lead inspector sends the questionnaire to selected partners, each by
a link shown once; a partner answers through its link, once. Every write is audited."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ecm.accounts.roles import Role
from ecm.audit.services import audit_record
from ecm.authorities.imports.problems import DataFileError, Problem
from ecm.core.access import NotYourRole
from ecm.core.locking import stale
from ecm.core.once import once_claim, once_done
from ecm.jar.models import JointAreaReview
from ecm.jar.services.common import _require_team
from ecm.jar.voluntary import partners as rules_of
from ecm.jar.voluntary.models import PartnerQuestionnaire, VoluntaryPartner
from ecm.jar.voluntary.questionnaire import CURRENT, survey

SOURCE = '001 "Voluntary sector stakeholder survey"'
NOT_THE_COUNCIL = (
    "Only the council's own link officer or director keeps its list of voluntary and community "
    "partners"
)
NAME_TAKEN = "{name} is already on the list: change that entry instead"
UNKNOWN_NATURE = "Choose the nature of the partnership"
ALREADY_FIRST = "{name} is already the most significant partner"
ALREADY_LAST = "{name} is already the least significant partner"
LIST_IN_USE = (
    "Questionnaires have been sent to partners on this list, so a file can no longer replace "
    "it: add or change partners one by one instead"
)
NONE_CHOSEN = "Choose at least one partner to send the questionnaire to"
ALREADY_SENT = (
    "{name} was sent the questionnaire on {day}: withdraw that link first to send a new one"
)
ALREADY_ANSWERED = "{name} answered the questionnaire on {day}: there is nothing to send"
QUESTIONNAIRES_ALREADY_SENT = "The questionnaire was already sent to {names}"
LINKS_NOT_AGAIN = (
    "Each link was shown once, when it was sent, and no new link was made: if a link was lost, "
    "withdraw it and send a new one"
)
NOT_THIS_REVIEW = "{name} is not on this review's list of partners"
ANSWERED_CANNOT_WITHDRAW = "{name} has answered: an answered questionnaire cannot be withdrawn"
ALREADY_WITHDRAWN = "The link to {name}'s questionnaire was already withdrawn"
LINK_CLOSED = "This questionnaire can no longer be answered"
NO_ANSWER = "Enter your answer about {what}"
ANSWER_TOO_LONG = "Your answer about {what} must be {most} characters or fewer"
ANSWER_MAX = 5000

PARTNER_FIELDS = ("name", "services", "nature", "commissioning", "monitoring", "strategic_planning")


def token_hash(token: str) -> str:
    """What is stored of a link's token: its SHA-256, never the token."""
    return hashlib.sha256(token.encode()).hexdigest()


def _require_council(actor, review) -> None:
    """001: "the local authority are asked to provide" the list: its link officer or director."""
    if not (
        actor is not None
        and actor.is_authenticated
        and actor.council_id == review.council_id
        and actor.roles & {Role.LINK_OFFICER, Role.DIRECTOR}
    ):
        raise NotYourRole(NOT_THE_COUNCIL)


def _state(partner: VoluntaryPartner) -> dict:
    return {f: getattr(partner, f) for f in ("rank", *PARTNER_FIELDS)}


def _clean(*, review, name, services, nature, commissioning, monitoring, strategic_planning,
           partner=None) -> dict:  # fmt: skip
    errors = {}
    name = " ".join(name.split())
    why = rules_of.name_problem(name)
    if why:
        errors["name"] = why
    elif (
        review.voluntary_partners.exclude(pk=getattr(partner, "pk", None))
        .filter(name__iexact=name)
        .exists()
    ):
        errors["name"] = NAME_TAKEN.format(name=name)
    if not services.strip():
        errors["services"] = rules_of.NO_SERVICES
    if nature not in rules_of.NATURE_LABELS:
        errors["nature"] = UNKNOWN_NATURE
    texts = {
        "services": services,
        "commissioning": commissioning,
        "monitoring": monitoring,
        "strategic_planning": strategic_planning,
    }
    for field, text in texts.items():
        if len(text.strip()) > rules_of.TEXT_MAX:
            errors.setdefault(field, rules_of.TEXT_TOO_LONG)
    if errors:
        raise ValidationError(errors)
    return {"name": name, "nature": nature, **{f: t.strip() for f, t in texts.items()}}


@transaction.atomic
def partner_add(
    *,
    actor,
    review,
    name: str,
    services: str,
    nature: str,
    commissioning: str = "",
    monitoring: str = "",
    strategic_planning: str = "",
) -> VoluntaryPartner:
    """Add a partner at the end of the council's list (001: "in order of significance"; move
    it up to rank it higher)."""
    _require_council(actor, review)
    values = _clean(
        review=review, name=name, services=services, nature=nature, commissioning=commissioning,
        monitoring=monitoring, strategic_planning=strategic_planning,
    )  # fmt: skip
    last = review.voluntary_partners.aggregate(last=Max("rank"))["last"] or 0
    partner = VoluntaryPartner.objects.create(review=review, rank=last + 1, **values)
    audit_record(
        actor=actor,
        verb="jar.voluntary_partner_added",
        target=review,
        after=_state(partner),
        reason=f"The council's list of voluntary and community partners ({SOURCE})",
    )
    return partner


@transaction.atomic
def partner_change(
    *,
    actor,
    partner: VoluntaryPartner,
    expected_lock_version: int,
    name: str,
    services: str,
    nature: str,
    commissioning: str = "",
    monitoring: str = "",
    strategic_planning: str = "",
) -> VoluntaryPartner:
    """Change a partner's entry; refused from a stale page (someone saved first, and theirs
    must not be overwritten unseen)."""
    partner = (
        VoluntaryPartner.objects.select_for_update().select_related("review").get(pk=partner.pk)
    )
    _require_council(actor, partner.review)
    if partner.lock_version != expected_lock_version:
        raise stale(what=partner.name)
    values = _clean(
        review=partner.review, partner=partner, name=name, services=services, nature=nature,
        commissioning=commissioning, monitoring=monitoring, strategic_planning=strategic_planning,
    )  # fmt: skip
    before = _state(partner)
    for field, value in values.items():
        setattr(partner, field, value)
    partner.lock_version += 1
    partner.save()
    audit_record(
        actor=actor,
        verb="jar.voluntary_partner_changed",
        target=partner.review,
        before=before,
        after=_state(partner),
    )
    return partner


@transaction.atomic
def partner_move(*, actor, partner: VoluntaryPartner, up: bool) -> None:
    """Swap a partner with its neighbour in the order of significance (001)."""
    partner = (
        VoluntaryPartner.objects.select_for_update().select_related("review").get(pk=partner.pk)
    )
    review = partner.review
    _require_council(actor, review)
    others = review.voluntary_partners.select_for_update()
    neighbour = (
        others.filter(rank__lt=partner.rank).order_by("-rank").first()
        if up
        else others.filter(rank__gt=partner.rank).order_by("rank").first()
    )
    if neighbour is None:
        raise ValidationError((ALREADY_FIRST if up else ALREADY_LAST).format(name=partner.name))
    # The ranks are unique, so one of the two waits at a free rank while the other moves.
    free = (others.aggregate(last=Max("rank"))["last"] or 0) + 1
    ranks = (partner.rank, neighbour.rank)
    VoluntaryPartner.objects.filter(pk=partner.pk).update(rank=free)
    VoluntaryPartner.objects.filter(pk=neighbour.pk).update(
        rank=ranks[0], lock_version=neighbour.lock_version + 1
    )
    VoluntaryPartner.objects.filter(pk=partner.pk).update(
        rank=ranks[1], lock_version=partner.lock_version + 1
    )
    audit_record(
        actor=actor,
        verb="jar.voluntary_partner_moved",
        target=review,
        before={"rank": ranks[0], "name": partner.name},
        after={"rank": ranks[1], "name": partner.name},
    )


def _lock(review) -> None:
    JointAreaReview.objects.select_for_update().filter(pk=review.pk).first()


@transaction.atomic
def partners_submit(*, actor, review, lines: list[rules_of.PartnerLine], file: str = "partners"):
    """The council's whole list from a CSV file, all or nothing, in the file's order of rows
    (001: "in order of significance"). It replaces the list until a questionnaire is sent;
    then partners are changed one by one, so no questionnaire loses its partner."""
    _require_council(actor, review)
    _lock(review)  # no questionnaire is sent while the list is replaced
    if PartnerQuestionnaire.objects.filter(partner__review=review).exists():
        raise ValidationError(LIST_IN_USE)
    problems = [
        Problem(file, row, column, value, reason)
        for row, column, value, reason in rules_of.line_problems(lines)
    ]
    if problems:
        raise DataFileError(problems)
    before = list(review.voluntary_partners.values_list("name", flat=True))
    review.voluntary_partners.all().delete()
    made = VoluntaryPartner.objects.bulk_create(
        VoluntaryPartner(
            review=review,
            rank=rank,
            name=" ".join(line.name.split()),
            services=line.services.strip(),
            nature=rules_of.nature_of(line.nature),
            commissioning=line.commissioning.strip(),
            monitoring=line.monitoring.strip(),
            strategic_planning=line.strategic_planning.strip(),
        )
        for rank, line in enumerate(lines, start=1)
    )
    audit_record(
        actor=actor,
        verb="jar.voluntary_partners_listed",
        target=review,
        before={"partners": before} if before else None,
        after={"file": file, "partners": [p.name for p in made]},
        reason=f"The council's list of voluntary and community partners ({SOURCE})",
    )
    return made


@dataclass(frozen=True)
class SentLink:
    """A questionnaire just sent and its token: the only moment the token exists in full."""

    questionnaire: PartnerQuestionnaire
    token: str


@transaction.atomic
def questionnaires_send(
    *, actor, review, partners: list[VoluntaryPartner], once: UUID | None = None
) -> list[SentLink]:
    """Send the questionnaire to the selected partners (001: "Selected voluntary sector groups
    are asked to complete a questionnaire"): a new private link each, shown once to the sender
    to pass on. A partner whose link was withdrawn may be sent a new one. Sent once (issue 20
    §4): the form's token posted again is answered AlreadyDone (the links are never shown
    again: only their hashes are kept), and a partner already sent a live link is refused."""
    claim = once_claim(token=once, actor=actor, what="jar.voluntary_questionnaires_send")
    _require_team(actor, review)
    _lock(review)  # one sender at a time: each link shown is the one stored
    if not partners:
        raise ValidationError({"partners": NONE_CHOSEN})
    today = timezone.localdate()
    sent = []
    for partner in partners:
        if partner.review_id != review.pk:
            raise ValidationError(NOT_THIS_REVIEW.format(name=partner.name))
        existing = PartnerQuestionnaire.objects.filter(partner=partner).first()
        if existing and existing.answered:
            day = f"{timezone.localtime(existing.answered_at):%-d %B %Y}"
            raise ValidationError(ALREADY_ANSWERED.format(name=partner.name, day=day))
        if existing and existing.active:
            day = f"{existing.sent_on:%-d %B %Y}"
            raise ValidationError(ALREADY_SENT.format(name=partner.name, day=day))
        token = secrets.token_urlsafe(32)
        questionnaire = existing or PartnerQuestionnaire(partner=partner)
        questionnaire.version = CURRENT
        questionnaire.token_hash = token_hash(token)
        questionnaire.sent_on = today
        questionnaire.sent_by = actor
        questionnaire.revoked_at = None
        questionnaire.answers = {}
        questionnaire.save()
        sent.append(SentLink(questionnaire, token))
    audit_record(
        actor=actor,
        verb="jar.voluntary_questionnaires_sent",
        target=review,
        after={"partners": [p.name for p in partners], "sent_on": today, "version": CURRENT},
        reason=f"Selected voluntary sector groups ({SOURCE})",
    )
    once_done(
        claim, done=QUESTIONNAIRES_ALREADY_SENT.format(names=", ".join(p.name for p in partners))
    )
    return sent


@transaction.atomic
def questionnaire_revoke(*, actor, questionnaire: PartnerQuestionnaire) -> None:
    """Withdraw a link that went astray: it answers 404 from now on."""
    questionnaire = (
        PartnerQuestionnaire.objects.select_for_update()
        .select_related("partner__review")
        .get(pk=questionnaire.pk)
    )
    name = questionnaire.partner.name
    _require_team(actor, questionnaire.partner.review)
    if questionnaire.answered:
        raise ValidationError(ANSWERED_CANNOT_WITHDRAW.format(name=name))
    if not questionnaire.active:
        raise ValidationError(ALREADY_WITHDRAWN.format(name=name))
    questionnaire.revoked_at = timezone.now()
    questionnaire.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        verb="jar.voluntary_questionnaire_withdrawn",
        target=questionnaire.partner.review,
        after={"partner": name},
    )


def answer_problems(answers: dict[str, str], version: str = CURRENT) -> dict[str, str]:
    """Each question's problem by its code: every question is answered, within the limit."""
    problems = {}
    for question in survey(version).questions:
        text = (answers.get(question.code) or "").strip()
        what = question.text[:1].lower() + question.text[1:]
        if not text:
            problems[question.code] = NO_ANSWER.format(what=what)
        elif len(text) > ANSWER_MAX:
            problems[question.code] = ANSWER_TOO_LONG.format(what=what, most=ANSWER_MAX)
    return problems


@transaction.atomic
def questionnaire_answer(*, questionnaire: PartnerQuestionnaire, answers: dict[str, str]) -> None:
    """The partner's answers, sent once through its link (001: the questionnaire "covering"
    its three headings). No one is signed in: the audit names the partner, not a person."""
    questionnaire = (
        PartnerQuestionnaire.objects.select_for_update()
        .select_related("partner__review")
        .get(pk=questionnaire.pk)
    )
    if questionnaire.answered or not questionnaire.active:
        raise ValidationError(LINK_CLOSED)
    problems = answer_problems(answers, questionnaire.version)
    if problems:
        raise ValidationError(problems)
    codes = survey(questionnaire.version).codes
    questionnaire.answers = {code: answers[code].strip() for code in codes}
    questionnaire.answered_at = timezone.now()
    questionnaire.save(update_fields=["answers", "answered_at"])
    audit_record(
        actor=None,
        verb="jar.voluntary_questionnaire_answered",
        target=questionnaire.partner.review,
        after={"partner": questionnaire.partner.name, "questions": list(codes)},
        reason=f"Answered through {questionnaire.partner.name}'s questionnaire link ({SOURCE})",
    )
