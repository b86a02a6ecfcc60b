"""The meeting at a glance (002 §G): the inspectors' working view, with where each part of the
meeting stands, or the council's view of what has been arranged with it and sent to it."""

from django.shortcuts import redirect, render

from ecm.apa.models import MeetingRecordKind
from ecm.apa.models.meetings import SMALL_GROUP
from ecm.meetings.selectors import meetings as selectors
from ecm.meetings.services.meetings.arrangements import COUNCIL_SIDE
from ecm.meetings.views.meetings.common import ADD_ATTENDEE, ANSWER, LEAD, RUN, open_meeting


def meeting(request, pk: int):
    """The meeting at a glance: the inspectors' working view, or the council's view of what
    has been arranged with it and sent to it."""
    assessment, the_meeting = open_meeting(request, pk)
    if assessment.round.the_cycle.has_single_conversation:
        # The 2007 cycle has the single conversation instead of the meeting (issue 23 §1).
        return redirect("meetings:conversation", pk=assessment.pk)
    user = request.user
    attendees = selectors.attendees_of(the_meeting)
    records = selectors.records_of(the_meeting)
    can_add_attendee = user.has_perm(ADD_ATTENDEE, assessment)
    for attendee in attendees:
        # The council removes its own side only: the inspectors decide who comes from theirs.
        attendee.removable = can_add_attendee and (
            not user.is_council_user or attendee.role in COUNCIL_SIDE
        )
    context = {
        "assessment": assessment,
        "meeting": the_meeting,
        "attendees": attendees,
        "small_group": SMALL_GROUP,
        "too_many": len(attendees) > SMALL_GROUP,
        "can_add_attendee": can_add_attendee,
    }
    if not user.is_inspectorate:
        # The council: what was sent to it, never the working agenda, notes or any grade.
        context.update(
            can_answer=user.has_perm(ANSWER, assessment),
            agenda=selectors.latest(records, MeetingRecordKind.AGENDA),
            notes_records=[r for r in records if r.kind == MeetingRecordKind.NOTES],
        )
        if context["agenda"]:
            context["agenda_content"] = selectors.record_display(context["agenda"].content)
        return render(request, "meetings/meeting/meeting_council.html", context)
    notes = selectors.notes_of(the_meeting)
    agenda = selectors.agenda_status(the_meeting, records)
    notes_shared = any(r.kind == MeetingRecordKind.NOTES for r in records)
    context.update(
        can_run=user.has_perm(RUN, assessment),
        can_lead=user.has_perm(LEAD, assessment),
        records=records,
        agenda_status=agenda,
        notes_by_item=selectors.by_agenda_item(notes),
        note_count=len(notes),
        interim=selectors.interim_rows(the_meeting),
        tasks=selectors.meeting_tasks(
            the_meeting,
            attendees=attendees,
            notes=notes,
            agenda=agenda,
            notes_shared=notes_shared,
        ),
    )
    return render(request, "meetings/meeting/meeting.html", context)
