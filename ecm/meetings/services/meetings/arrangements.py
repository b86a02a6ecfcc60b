"""Arranging the APA meeting with the council (002 §A, §G.ii, §G.iii): the date the Lead
proposes and the council agrees, who chairs and who opens it, and the small group attending."""

from datetime import date, time
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.apa.models import Attendee, AttendeeRole, Meeting, MeetingChair, MeetingOpener
from ecm.audit.services import audit_record
from ecm.core.locking import save_next_version
from ecm.core.once import AlreadyDone, once_claim, once_done
from ecm.meetings.services.meetings.common import (
    NO_CHAIR,
    NO_DATE,
    day_text,
    locked_meeting,
    plain,
    snapshot,
)
from ecm.workdays.calendar import bank_holiday_name, is_working_day

NOT_A_WORKING_DAY = (
    "{day} is not a working day ({why}): choose a weekday that is not a bank holiday"
)
BEFORE_ANALYSIS = (
    "The meeting follows the analysis stage, which starts on {start}: choose a later date (the "
    "handbook, section A)"
)
LATE_WITHOUT_REASON = (
    "The meeting is held by {by} (the handbook, section A): choose a date on or before then, or "
    "enter why it "
    "must be later"
)
NO_PROPOSED_DATE = "No date has been proposed yet: the Lead proposes one first"
ALREADY_AGREED = "The date is already agreed"
ALREADY_PROPOSED = (
    "{day} was already proposed to the council by {who} on {when}, with the same time and "
    "place: nothing was sent a second time"
)
NO_COMMENT = "Say why the date does not suit and which dates would"
NO_OPENER = (
    "Select who opens the meeting: the chair, the chief executive or the director of children's "
    "services (the handbook, section G.ii)"
)
NO_NAME = "Enter the attendee's name"
NO_ROLE = "Select the attendee's role"
PARTNER_NOT_INVITED = (
    "Partners attend at the council's invitation (the handbook, section G.iii): confirm the "
    "council invited them"
)
OBSERVER_WITHOUT_REASON = (
    "Say why the CSCI regional director or PIM attends: the reason is made clear to the council "
    "(the handbook, section G.ii)"
)
COUNCIL_CANNOT_ADD_INSPECTORATE = "The inspectors add their own colleagues to the meeting"
COUNCIL_CANNOT_REMOVE_INSPECTORATE = (
    "The council removes only its own people and the partners it invited (the handbook, section "
    "G.iii): ask the "
    "inspectors to remove {name}"
)
ALREADY_ADDED = "{name} ({role}) was already added to the attendees"
NOT_ADDED_AGAIN = "They were not added a second time"
ALREADY_REMOVED = "{name} has already been removed from the attendees: there is nothing to do"

# What the council may add: its own people and the partners it invites (002 §G.iii).
COUNCIL_SIDE = {
    AttendeeRole.CHIEF_EXECUTIVE,
    AttendeeRole.DIRECTOR,
    AttendeeRole.LEAD_MEMBER,
    AttendeeRole.IMPROVEMENT_ADVISER,
    AttendeeRole.KEY_OFFICER,
    AttendeeRole.PARTNER,
}
DATE_FIELDS = ["date", "starts_at", "venue", "late_reason", "date_agreed_at"]


@transaction.atomic
def meeting_date_propose(
    *,
    actor,
    assessment,
    day: date | None,
    starts_at: time | None = None,
    venue: str = "",
    late_reason: str = "",
    expected_lock_version: int | None = None,
) -> Meeting:
    """The Lead proposes the date with the link officer (002 §A: "confirm the date for the
    feedback meeting"); the meeting is held by the end of July unless there is a reason."""
    assessment_round = assessment.round
    errors = {}
    if day is None:
        errors["day"] = NO_DATE
    elif not is_working_day(day):
        why = bank_holiday_name(day) or "a weekend"
        errors["day"] = NOT_A_WORKING_DAY.format(day=day_text(day), why=why)
    elif day < assessment_round.analysis_starts:
        errors["day"] = BEFORE_ANALYSIS.format(start=day_text(assessment_round.analysis_starts))
    elif day > assessment_round.meeting_by and not late_reason.strip():
        errors["late_reason"] = LATE_WITHOUT_REASON.format(by=day_text(assessment_round.meeting_by))
    if errors:
        raise ValidationError(errors)
    meeting = locked_meeting(assessment, expected_lock_version)
    if meeting.date_proposed_at and (meeting.date, meeting.starts_at, meeting.venue) == (
        day,
        starts_at,
        venue.strip(),
    ):
        # The same proposal again (a second tab, Back and submit): no second email, and an
        # agreement already given stands (issue 20 §4).
        raise ValidationError(
            ALREADY_PROPOSED.format(
                day=day_text(day),
                who=meeting.date_proposed_by,
                when=f"{timezone.localtime(meeting.date_proposed_at):%-d %B %Y at %H:%M}",
            )
        )
    before = snapshot(meeting, DATE_FIELDS)
    meeting.date, meeting.starts_at, meeting.venue = day, starts_at, venue.strip()
    meeting.late_reason = late_reason.strip() if day > assessment_round.meeting_by else ""
    meeting.date_proposed_by, meeting.date_proposed_at = actor, timezone.now()
    # A new date needs the council's agreement again.
    meeting.date_agreed_by, meeting.date_agreed_at, meeting.council_date_comment = None, None, ""
    save_next_version(
        meeting,
        [
            *DATE_FIELDS,
            "date_proposed_by",
            "date_proposed_at",
            "date_agreed_by",
            "council_date_comment",
        ],
    )
    audit_record(
        actor=actor,
        verb="meeting.date_proposed",
        target=assessment,
        before=before,
        after=snapshot(meeting, DATE_FIELDS),
        reason=meeting.late_reason,
    )
    return meeting


@transaction.atomic
def meeting_date_answer(
    *, actor, assessment, agree: bool, comment: str = "", expected_lock_version=None
) -> Meeting:
    """The council agrees the proposed date, or says why it does not suit."""
    meeting = locked_meeting(assessment, expected_lock_version)
    if meeting.date is None:
        raise ValidationError(NO_PROPOSED_DATE)
    if meeting.date_agreed_at is not None:
        raise ValidationError(ALREADY_AGREED)
    if not agree and not comment.strip():
        raise ValidationError({"comment": NO_COMMENT})
    if agree:
        meeting.date_agreed_by, meeting.date_agreed_at = actor, timezone.now()
        meeting.council_date_comment = ""
    else:
        meeting.council_date_comment = comment.strip()
    save_next_version(meeting, ["date_agreed_by", "date_agreed_at", "council_date_comment"])
    audit_record(
        actor=actor,
        verb="meeting.date_agreed" if agree else "meeting.date_declined",
        target=assessment,
        after={"date": plain(meeting.date)},
        reason=comment.strip(),
    )
    return meeting


@transaction.atomic
def meeting_chair_set(
    *, actor, assessment, chair: str, opened_by: str = "", expected_lock_version=None
) -> Meeting:
    """Who chairs (Ofsted or CSCI) and who opens the meeting (002 §G.ii). Opened by "" is the
    chair; any other value must be one the handbook names, never silently the chair."""
    errors = {}
    if chair not in MeetingChair.values:
        errors["chair"] = NO_CHAIR
    if opened_by not in MeetingOpener.values:
        errors["opened_by"] = NO_OPENER
    if errors:
        raise ValidationError(errors)
    meeting = locked_meeting(assessment, expected_lock_version)
    before = snapshot(meeting, ["chair", "opened_by"])
    meeting.chair, meeting.opened_by = chair, opened_by
    save_next_version(meeting, ["chair", "opened_by"])
    audit_record(
        actor=actor,
        verb="meeting.chair_set",
        target=assessment,
        before=before,
        after=snapshot(meeting, ["chair", "opened_by"]),
    )
    return meeting


@transaction.atomic
def attendee_add(
    *,
    actor,
    assessment,
    role: str,
    name: str,
    job_title: str = "",
    organisation: str = "",
    reason: str = "",
    at_council_invitation: bool = False,
    once: UUID | None = None,
) -> Attendee:
    """Add someone to the meeting's small group (002 §G.iii). Council users add the council's
    people and the partners it invites; the inspectors add anyone. Added once (issue 20 §4):
    the form's token posted again, or the same name in the same role already on the list, is
    answered AlreadyDone with who added them and when."""
    claim = once_claim(token=once, actor=actor, what="meeting.attendee_add")
    errors = {}
    if role not in AttendeeRole.values:
        errors["role"] = NO_ROLE
    elif actor.is_council_user and role not in COUNCIL_SIDE:
        errors["role"] = COUNCIL_CANNOT_ADD_INSPECTORATE
    if not name.strip():
        errors["name"] = NO_NAME
    if role == AttendeeRole.PARTNER and not at_council_invitation:
        errors["at_council_invitation"] = PARTNER_NOT_INVITED
    if role == AttendeeRole.CSCI_OBSERVER and not reason.strip():
        errors["reason"] = OBSERVER_WITHOUT_REASON
    if errors:
        raise ValidationError(errors)
    # The attendees are sent with the agenda: a send page read before this change is refused.
    meeting = locked_meeting(assessment, None)
    same = _same_attendee(meeting, name=name, role=role)
    if same is not None:
        raise AlreadyDone(
            done=ALREADY_ADDED.format(name=same.name, role=same.get_role_display().lower()),
            at=same.added_at,
            by=same.added_by,
            again=NOT_ADDED_AGAIN,
        )
    attendee = Attendee.objects.create(
        meeting=meeting,
        role=role,
        name=name.strip(),
        job_title=job_title.strip(),
        organisation=organisation.strip(),
        reason=reason.strip(),
        at_council_invitation=at_council_invitation,
        added_by=actor,
    )
    save_next_version(meeting, [])
    audit_record(
        actor=actor,
        verb="meeting.attendee_added",
        target=assessment,
        after={"name": attendee.name, "role": role, "organisation": attendee.organisation},
        reason=attendee.reason,
    )
    once_done(
        claim,
        done=ALREADY_ADDED.format(name=attendee.name, role=attendee.get_role_display().lower()),
        result=attendee,
    )
    return attendee


def _same_attendee(meeting, *, name: str, role: str) -> Attendee | None:
    """The attendee already listed under this name (whatever its case and spacing) in this
    role: adding them again is the same person twice (issue 20 §4)."""
    wanted = " ".join(name.split()).casefold()
    return next(
        (
            a
            for a in meeting.attendees.select_related("added_by")
            if a.role == role and " ".join(a.name.split()).casefold() == wanted
        ),
        None,
    )


@transaction.atomic
def attendee_remove(*, actor, attendee: Attendee) -> None:
    """Take someone off the meeting's small group (002 §G.iii). Council users remove only the
    council's people and the partners it invited: the inspectors decide who comes from theirs."""
    assessment = attendee.meeting.assessment
    # The meeting first, as every meeting write locks it: a second removal waits here, then
    # finds the attendee gone.
    meeting = locked_meeting(assessment, None)
    locked = Attendee.objects.select_for_update().filter(pk=attendee.pk, meeting=meeting).first()
    if locked is None:
        raise ValidationError(ALREADY_REMOVED.format(name=attendee.name))
    if actor.is_council_user and locked.role not in COUNCIL_SIDE:
        raise ValidationError(COUNCIL_CANNOT_REMOVE_INSPECTORATE.format(name=locked.name))
    audit_record(
        actor=actor,
        verb="meeting.attendee_removed",
        target=assessment,
        before={"name": locked.name, "role": locked.role},
    )
    locked.delete()
    save_next_version(meeting, [])
