"""Writes of the annual questionnaires (issue 24 §3; 004: "An annual questionnaire for children
and young people, social workers and the voluntary and community sector, to be introduced in
2009"). The inspectorate opens a council's survey for a year, issues private single-use links
(printed for the council to hand out, or emailed to addresses that are used and not kept) and
closes it, which freezes its results; each of these is audited. An answer comes through its
link, once, and is kept only as counts: it is never audited, so that its author cannot be found
from the trail."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.roles import INSPECTOR_ROLES, Role
from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.core.locking import refuse_if_stale
from ecm.core.once import once_claim, once_done
from ecm.surveys.messages import NOT_AN_OPTION
from ecm.surveys.models import LinkChannel, Survey, SurveyLink, SurveyStatus, SurveyTally
from ecm.surveys.questionnaires import NO_ANSWER, questionnaires, version_for

SOURCE = '004 "Overview of Ofsted\'s Assessment"'
FIRST_YEAR = 2009  # 004: "to be introduced in 2009"

NOT_THE_INSPECTORATE = (
    "Only an inspector or the programme administrator runs the annual questionnaires"
)
BEFORE_2009 = (
    "The annual questionnaires were introduced in 2009 (the 2009 briefing): choose 2009 or later"
)
UNKNOWN_QUESTIONNAIRE = "Choose one of the annual questionnaires"
ALREADY_OPEN = "The {title} questionnaire of {year} is already open for {council}"
ALREADY_CLOSED = (
    "The {title} questionnaire of {year} for {council} was closed on {day}: its results are "
    "frozen, so it cannot be opened again"
)
CLOSED = "This survey was closed on {day}: its results are frozen and no link can be issued"
HOW_MANY = "Enter how many links to make, from 1 to {most}"
NO_EMAIL_FOR_CHILDREN = (
    "Children and young people are never emailed and no address of theirs is kept: make "
    "anonymous links for the council to hand out instead"
)
NOT_AN_EMAIL = "{address} is not an email address: enter one address a line"
TOO_MANY = "Issue at most {most} links at once: issue the rest in another go"
ONE_WAY = "Either enter how many links to print, or enter email addresses, not both"
NOTHING_TO_ISSUE = "Enter how many links to print, or the email addresses to send links to"
LINK_USED = "This link has already been used: each link can be used once. Thank you for answering"
SURVEY_CLOSED = "This survey has closed, so answers can no longer be sent. Thank you"
NOTHING_ANSWERED = "Answer at least one question before you send your answers"

EMAIL_SUBJECT = "Ofsted's annual questionnaire: {title}"
EMAIL_BODY = (
    "Ofsted asks {who} in {council} to answer its annual questionnaire for {year}.\n\n"
    "Your private link (it works once, and your answers cannot be traced to you):\n\n{url}\n\n"
    "Your email address was used to send this message and is not kept.\n"
)


@dataclass(frozen=True)
class IssuedLink:
    """A link just made: its token is shown (or emailed) once and never kept."""

    link: SurveyLink
    token: str

    @property
    def path(self) -> str:
        return reverse("surveys:answer", kwargs={"token": self.token})


def token_hash(token: str) -> str:
    """What is kept of a link's token: its SHA-256, never the token."""
    return hashlib.sha256(token.encode()).hexdigest()


def _require_inspectorate(actor) -> None:
    if not (
        actor is not None
        and actor.is_authenticated
        and actor.roles & {Role.PROGRAMME_ADMINISTRATOR, *INSPECTOR_ROLES}
    ):
        raise NotYourRole(NOT_THE_INSPECTORATE)


def _title(survey: Survey) -> str:
    return questionnaires(survey.version).get(survey.questionnaire).title


@transaction.atomic
def survey_open(*, actor, council, year: int, questionnaire: str) -> Survey:
    """Open a council's questionnaire for the year (004: "to be introduced in 2009"), with the
    questions of the year's file. Once a year per council and questionnaire."""
    _require_inspectorate(actor)
    if year < FIRST_YEAR:
        raise ValidationError({"year": BEFORE_2009})
    version = version_for(year)
    the_file = questionnaires(version)
    if questionnaire not in the_file.codes:
        raise ValidationError({"questionnaire": UNKNOWN_QUESTIONNAIRE})
    title = the_file.get(questionnaire).title
    existing = (
        Survey.objects.select_for_update()
        .filter(council=council, year=year, questionnaire=questionnaire)
        .first()
    )
    if existing is not None:
        if existing.is_open:
            raise ValidationError(ALREADY_OPEN.format(title=title, year=year, council=council.name))
        raise ValidationError(
            ALREADY_CLOSED.format(
                title=title, year=year, council=council.name, day=f"{existing.closed_on:%-d %B %Y}"
            )
        )
    survey = Survey.objects.create(
        council=council,
        year=year,
        questionnaire=questionnaire,
        version=version,
        opened_on=timezone.localdate(),
        opened_by=actor,
    )
    # Every count exists from the start, so no row is made when someone answers: the order
    # rows were made in cannot tell who answered what first.
    SurveyTally.objects.bulk_create(
        SurveyTally(survey=survey, question=q.code, answer=answer)
        for q in the_file.get(questionnaire).questions
        for answer in (*q.option_codes, NO_ANSWER)
    )
    audit_record(
        actor=actor,
        verb="surveys.opened",
        target=survey,
        after={"questionnaire": questionnaire, "year": year, "version": version},
        reason=f"The annual questionnaire ({SOURCE})",
    )
    return survey


def _emails(raw: list[str] | tuple[str, ...]) -> list[str]:
    found, problems = [], []
    for line in raw:
        address = line.strip()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            problems.append(NOT_AN_EMAIL.format(address=address))
            continue
        if address.lower() not in {a.lower() for a in found}:
            found.append(address)
    if problems:
        raise ValidationError({"emails": problems})
    return found


@transaction.atomic
def links_issue(
    *, actor, survey: Survey, count: int = 0, emails: list[str] | tuple[str, ...] = (),
    once: UUID | None = None,
) -> list[IssuedLink]:  # fmt: skip
    """Make private single-use links: `count` to print for the council to hand out (the only
    way for children and young people, whose names and addresses are never kept), or one for
    each email address, sent when the issue is saved and the address not kept. Issued once
    (issue 20 §4): the same form posted again is answered AlreadyDone, and its links are not
    shown again (only their hashes are kept)."""
    claim = once_claim(token=once, actor=actor, what="surveys.links_issue")
    _require_inspectorate(actor)
    survey = Survey.objects.select_for_update().select_related("council").get(pk=survey.pk)
    if not survey.is_open:
        raise ValidationError(CLOSED.format(day=f"{survey.closed_on:%-d %B %Y}"))
    the_questionnaire = questionnaires(survey.version).get(survey.questionnaire)
    most = settings.SURVEY_LINKS_AT_ONCE
    addresses = _emails(emails)
    if addresses and the_questionnaire.children:
        raise ValidationError({"emails": NO_EMAIL_FOR_CHILDREN})
    if addresses and count:
        raise ValidationError(ONE_WAY)
    if not addresses and not count:
        raise ValidationError(NOTHING_TO_ISSUE)
    if count and not 1 <= count <= most:
        raise ValidationError({"count": HOW_MANY.format(most=most)})
    if len(addresses) > most:
        raise ValidationError({"emails": TOO_MANY.format(most=most)})
    channel = LinkChannel.EMAIL if addresses else LinkChannel.PRINTED
    today = timezone.localdate()
    made = []
    for _ in range(len(addresses) or count):
        token = secrets.token_urlsafe(24)
        link = SurveyLink.objects.create(
            survey=survey,
            token_hash=token_hash(token),
            channel=channel,
            issued_on=today,
            issued_by=actor,
        )
        made.append(IssuedLink(link, token))
    for address, issued in zip(addresses, made, strict=False):
        _email_link(survey, the_questionnaire, address, issued)
    audit_record(
        actor=actor,
        verb="surveys.links_issued",
        target=survey,
        after={"links": len(made), "channel": channel.value, "issued_on": today},
        reason=f"Private links to the annual questionnaire ({SOURCE}); no address is kept",
    )
    done = f"{len(made)} links to this survey were already issued"
    once_done(claim, done=done, result=survey)
    return made


def _email_link(survey, the_questionnaire, address: str, issued: IssuedLink) -> None:
    subject = EMAIL_SUBJECT.format(title=the_questionnaire.title)
    body = EMAIL_BODY.format(
        who=the_questionnaire.who,
        council=survey.council.name,
        year=survey.year,
        url=f"{settings.SITE_URL}{issued.path}",
    )
    transaction.on_commit(
        lambda: send_mail(subject=subject, message=body, from_email=None, recipient_list=[address])
    )


def _counts(survey: Survey) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for tally in survey.tallies.all():
        counts.setdefault(tally.question, {})[tally.answer] = tally.count
    return counts


@transaction.atomic
def survey_close(*, actor, survey: Survey, expected_lock_version: int | None = None) -> Survey:
    """Close the survey: no link works any more, and its results are frozen as they stand, to
    be cited by the annual rating and the full inspection."""
    _require_inspectorate(actor)
    record = Survey.objects.select_for_update().get(pk=survey.pk)
    if not record.is_open:
        raise ValidationError(CLOSED.format(day=f"{record.closed_on:%-d %B %Y}"))
    refuse_if_stale(record, expected_lock_version, what="this survey")
    issued = record.links.count()
    answered = record.links.filter(used=True).count()
    record.results = {"issued": issued, "answered": answered, "counts": _counts(record)}
    record.status = SurveyStatus.CLOSED
    record.closed_on = timezone.localdate()
    record.closed_by = actor
    record.lock_version += 1
    record.save()
    audit_record(
        actor=actor,
        verb="surveys.closed",
        target=record,
        before={"status": SurveyStatus.OPEN.value},
        after={"status": SurveyStatus.CLOSED.value, "issued": issued, "answered": answered},
        reason="Closed: its results are frozen",
    )
    return record


def link_by_token(token: str) -> SurveyLink | None:
    return (
        SurveyLink.objects.select_related("survey__council")
        .filter(token_hash=token_hash(token))
        .first()
    )


def answer_problems(questionnaire, answers: dict[str, str]) -> dict[str, str]:
    """What is wrong with the answers, by question code (the form shows them the same)."""
    problems = {}
    for question in questionnaire.questions:
        given = answers.get(question.code, NO_ANSWER) or NO_ANSWER
        if given != NO_ANSWER and given not in question.option_codes:
            problems[question.code] = NOT_AN_OPTION.format(text=question.text)
    if not problems and not any(answers.get(q.code) for q in questionnaire.questions):
        problems["__all__"] = NOTHING_ANSWERED
    return problems


@transaction.atomic
def survey_answer(*, token: str, answers: dict[str, str]) -> None:
    """Count one person's answers through their link, once (004: "Views of children and young
    people, social workers and the voluntary and community sector will be gathered through an
    annual questionnaire"). Only the counts change, and the link is marked used: nothing ties
    the two together, no time is kept, and nothing is audited, so no answer can be traced to its
    link or its author."""
    found = link_by_token(token)
    if found is None:
        raise ValidationError(SURVEY_CLOSED)
    link = SurveyLink.objects.select_for_update().get(pk=found.pk)
    survey = Survey.objects.select_for_update().get(pk=link.survey_id)
    if not survey.is_open:
        raise ValidationError(SURVEY_CLOSED)
    if link.used:
        raise ValidationError(LINK_USED)
    the_questionnaire = questionnaires(survey.version).get(survey.questionnaire)
    problems = answer_problems(the_questionnaire, answers)
    if problems:
        raise ValidationError(problems)
    for question in the_questionnaire.questions:
        given = answers.get(question.code) or NO_ANSWER
        tally, _ = SurveyTally.objects.get_or_create(
            survey=survey, question=question.code, answer=given
        )
        SurveyTally.objects.filter(pk=tally.pk).update(count=F("count") + 1)
    link.used = True
    link.save(update_fields=["used"])


@transaction.atomic
def surveys_open(*, actor, council, year: int, codes: list[str]) -> list[Survey]:
    """Open several questionnaires of the council's year at once: all or none."""
    return [
        survey_open(actor=actor, council=council, year=year, questionnaire=code) for code in codes
    ]
