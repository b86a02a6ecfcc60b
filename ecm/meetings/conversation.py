"""The single conversation of the 2007 cycle (issue 23 §1; the 2007 briefing, "APA"):
"Inspectors will review the data in July and August, and will have the 'single conversation'
with local authorities and partners in September or October, once the validated social care
data is available."

It replaces the APA meeting of the handbook's cycle. The Lead proposes its date and the council
agrees it; the inspectors record it once held (who took part, what was discussed and the
council's and partners' responses); the Lead shares a summary in words with the council. What
the council may read before the final letter is published: the date, who takes part and the
shared summary, never the inspectors' own record and never a grade (002 §A: "Actual grades
will not be published until a later stage").
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.selectors import council_recipients
from ecm.apa.models import INSPECTOR_ASSIGNMENTS, SingleConversation
from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.core.grade_numbers import WRITE_IT_IN_WORDS, grade_numbers_in, quoted
from ecm.core.locking import locked, save_next_version
from ecm.workdays.calendar import bank_holiday_name, is_working_day

WHAT = "the single conversation"
NOT_THIS_CYCLE = (
    "{round} follows {cycle}, which has the APA meeting, not the single conversation: use the "
    "APA meeting's page"
)
NO_DATE = "Enter the date of the single conversation"
NOT_A_WORKING_DAY = (
    "{day} is not a working day ({why}): choose a weekday that is not a bank holiday"
)
OUTSIDE_WINDOW = (
    "The single conversation is held in September or October (the 2007 briefing): {day} is "
    "outside {start} to {end}. Choose a date in that window, or enter why it must be outside it"
)
NOT_THE_LEAD = "Only the Lead inspector proposes the date and shares the summary"
NOT_THE_TEAM = "Only the council's HMI and BRM record the single conversation"
NOT_THE_COUNCIL = "Only the council's own people agree the date"
NO_PROPOSED_DATE = "No date has been proposed yet: the Lead proposes one first"
ALREADY_AGREED = "The date {day} is already agreed"
NO_ANSWER_COMMENT = "Say why the date does not suit and which dates would"
NOT_AGREED = "The council has not agreed the date yet: it is held on a date agreed with it"
NOT_VALIDATED = (
    "The single conversation is held once the validated social care data is available (the 2007 "
    "briefing): a programme administrator records the validation of {round}'s social care data "
    "first, on the round's page"
)
HELD_IN_FUTURE = "{day} is in the future: record the conversation once it has been held"
NO_HELD_ON = "Enter the date the single conversation was held"
NO_PARTICIPANTS = (
    "Say who took part for the council and its partners: the single conversation is with the "
    "council and its partners"
)
NO_RECORD = "Record what was discussed and the council's and partners' responses"
NO_SUMMARY = "Write the summary the council will read: the emerging findings in words"
STATES_A_GRADE = (
    "A grade as a number in the summary for the council: {found}. The council sees judgements in "
    "words only until the final letter is published: " + WRITE_IT_IN_WORDS
)
NOT_HELD = "Record the single conversation as held before sharing its summary"
ALREADY_SHARED = "This summary was already shared with the council on {when}: change it first"


PROPOSAL_FIELDS = [
    "date",
    "venue",
    "late_reason",
    "date_proposed_by",
    "date_proposed_at",
    "date_agreed_by",
    "date_agreed_at",
    "council_date_comment",
]
RECORD_FIELDS = ["held_on", "participants", "record", "council_summary", "shared_at", "shared_by"]


def _day_text(value: date) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"


def _check_cycle(assessment) -> None:
    assessment_round = assessment.round
    cycle = assessment_round.the_cycle
    if not cycle.has_single_conversation:
        raise ValidationError(NOT_THIS_CYCLE.format(round=assessment_round, cycle=cycle.title))


def _is_lead(actor, assessment) -> bool:
    return assessment.assignments.filter(user=actor, is_lead=True).exists()


def _is_team(actor, assessment) -> bool:
    return assessment.assignments.filter(user=actor, role__in=INSPECTOR_ASSIGNMENTS).exists()


def conversation_for(*, assessment) -> SingleConversation | None:
    return SingleConversation.objects.filter(assessment=assessment).first()


def _locked(assessment, expected_lock_version: int | None) -> SingleConversation:
    SingleConversation.objects.get_or_create(assessment=assessment)
    return locked(
        SingleConversation.objects,
        expected_lock_version=expected_lock_version,
        what=WHAT,
        assessment=assessment,
    )


def _notify_council(assessment, subject: str, body: str) -> None:
    recipients = council_recipients(council=assessment.council)
    if recipients:
        url = reverse("meetings:conversation", args=[assessment.pk])
        send_mail(
            subject,
            f"{body}\n\nRead it at {settings.SITE_URL}{url}\n",
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )


@transaction.atomic
def conversation_propose(
    *,
    actor,
    assessment,
    day: date | None,
    venue: str = "",
    late_reason: str = "",
    expected_lock_version: int | None = None,
) -> SingleConversation:
    """The Lead proposes the date; outside September and October only with a reason."""
    _check_cycle(assessment)
    if not _is_lead(actor, assessment):
        raise NotYourRole(NOT_THE_LEAD)
    assessment_round = assessment.round
    start, end = assessment_round.meeting_from, assessment_round.meeting_by
    if day is None:
        raise ValidationError({"day": NO_DATE})
    if not is_working_day(day):
        why = bank_holiday_name(day) or "a weekend"
        raise ValidationError({"day": NOT_A_WORKING_DAY.format(day=_day_text(day), why=why)})
    outside = (start and day < start) or day > end
    if outside and not late_reason.strip():
        raise ValidationError(
            {
                "late_reason": OUTSIDE_WINDOW.format(
                    day=_day_text(day),
                    start=_day_text(start) if start else "the start of the round",
                    end=_day_text(end),
                )
            }
        )
    conversation = _locked(assessment, expected_lock_version)
    before = {"date": conversation.date and conversation.date.isoformat()}
    changed = conversation.date != day
    conversation.date = day
    conversation.venue = venue.strip()
    conversation.late_reason = late_reason.strip() if outside else ""
    conversation.date_proposed_by = actor
    conversation.date_proposed_at = timezone.now()
    if changed:  # a new date needs the council's agreement again
        conversation.date_agreed_by = None
        conversation.date_agreed_at = None
    conversation.council_date_comment = ""
    save_next_version(conversation, PROPOSAL_FIELDS)
    audit_record(
        actor=actor,
        verb="conversation.date_proposed",
        target=assessment,
        before=before,
        after={"date": day.isoformat(), "venue": conversation.venue},
        reason=conversation.late_reason,
    )
    _notify_council(
        assessment,
        f"The single conversation: {_day_text(day)} proposed",
        f"The Lead inspector proposes {_day_text(day)} for the single conversation with "
        f"{assessment.council.name} and its partners. Please agree it or ask for another date.",
    )
    return conversation


@transaction.atomic
def conversation_answer(
    *, actor, assessment, agree: bool, comment: str = "", expected_lock_version=None
) -> SingleConversation:
    """The council agrees the proposed date, or says why it does not suit."""
    _check_cycle(assessment)
    if not (actor.is_council_user and actor.council_id == assessment.council_id):
        raise NotYourRole(NOT_THE_COUNCIL)
    conversation = _locked(assessment, expected_lock_version)
    if conversation.date is None:
        raise ValidationError(NO_PROPOSED_DATE)
    if conversation.date_agreed_at:
        raise ValidationError(ALREADY_AGREED.format(day=_day_text(conversation.date)))
    if not agree and not comment.strip():
        raise ValidationError({"comment": NO_ANSWER_COMMENT})
    if agree:
        conversation.date_agreed_by = actor
        conversation.date_agreed_at = timezone.now()
        conversation.council_date_comment = ""
    else:
        conversation.council_date_comment = comment.strip()
    save_next_version(conversation, ["date_agreed_by", "date_agreed_at", "council_date_comment"])
    audit_record(
        actor=actor,
        verb="conversation.date_agreed" if agree else "conversation.date_declined",
        target=assessment,
        after={"date": conversation.date.isoformat()},
        reason=comment.strip(),
    )
    return conversation


@transaction.atomic
def conversation_record(
    *,
    actor,
    assessment,
    held_on: date | None,
    participants: str,
    record: str,
    council_summary: str,
    expected_lock_version: int | None = None,
    today: date | None = None,
) -> SingleConversation:
    """The inspectors record the conversation once held: on the agreed date or later, once the
    round's validated social care data is available."""
    _check_cycle(assessment)
    if not _is_team(actor, assessment):
        raise NotYourRole(NOT_THE_TEAM)
    assessment_round = assessment.round
    conversation = _locked(assessment, expected_lock_version)
    today = today or timezone.localdate()
    errors = {}
    if conversation.date_agreed_at is None:
        raise ValidationError(NOT_AGREED)
    if assessment_round.the_cycle.waits_for_social_care_validation and not validated(
        assessment_round
    ):
        raise ValidationError(NOT_VALIDATED.format(round=assessment_round))
    if held_on is None:
        errors["held_on"] = NO_HELD_ON
    elif held_on > today:
        errors["held_on"] = HELD_IN_FUTURE.format(day=_day_text(held_on))
    if not participants.strip():
        errors["participants"] = NO_PARTICIPANTS
    if not record.strip():
        errors["record"] = NO_RECORD
    found = grade_numbers_in(council_summary or "")
    if found:
        errors["council_summary"] = STATES_A_GRADE.format(found=quoted(found))
    if errors:
        raise ValidationError(errors)
    before = {"held_on": conversation.held_on and conversation.held_on.isoformat()}
    summary_changed = conversation.council_summary != council_summary.strip()
    conversation.held_on = held_on
    conversation.participants = participants.strip()
    conversation.record = record.strip()
    conversation.council_summary = council_summary.strip()
    if summary_changed:  # a changed summary is shared again before the council reads it
        conversation.shared_at = None
        conversation.shared_by = None
    save_next_version(conversation, RECORD_FIELDS)
    audit_record(
        actor=actor,
        verb="conversation.recorded",
        target=assessment,
        before=before,
        after={"held_on": held_on.isoformat()},
    )
    return conversation


def validated(assessment_round) -> bool:
    """Whether the round's social care data are recorded as validated. The record is the
    letters' (RoundSocialCareValidation), read through the round's reverse relation so that the
    meetings app stays below the letters app."""
    record = assessment_round._meta.get_field("social_care_validation").related_model
    return record.objects.filter(round=assessment_round).exists()


@transaction.atomic
def conversation_share(*, actor, assessment, expected_lock_version=None) -> SingleConversation:
    """The Lead shares the summary in words with the council (never the record, never a grade)."""
    _check_cycle(assessment)
    if not _is_lead(actor, assessment):
        raise NotYourRole(NOT_THE_LEAD)
    conversation = _locked(assessment, expected_lock_version)
    if conversation.held_on is None:
        raise ValidationError(NOT_HELD)
    if not conversation.council_summary:
        raise ValidationError({"council_summary": NO_SUMMARY})
    if conversation.shared_at:
        when = f"{timezone.localtime(conversation.shared_at):%-d %B %Y}"
        raise ValidationError(ALREADY_SHARED.format(when=when))
    found = grade_numbers_in(conversation.council_summary)
    if found:
        raise ValidationError(STATES_A_GRADE.format(found=quoted(found)))
    conversation.shared_at = timezone.now()
    conversation.shared_by = actor
    save_next_version(conversation, ["shared_at", "shared_by"])
    audit_record(actor=actor, verb="conversation.summary_shared", target=assessment)
    _notify_council(
        assessment,
        "The single conversation: the inspectors' summary",
        f"The inspectors have shared their summary of the single conversation with "
        f"{assessment.council.name}.",
    )
    return conversation
