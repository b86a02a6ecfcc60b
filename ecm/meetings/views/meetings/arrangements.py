"""Arranging the meeting's pages (002 §A, §G.ii, §G.iii): the date the Lead proposes and the
council agrees, who chairs and who opens it, and the attendees."""

from django.contrib import messages
from django.shortcuts import redirect, render

from ecm.core.access import refuse_unless
from ecm.core.forms import already_done_redirect, call_service, once_token, posted
from ecm.core.frozen import Since
from ecm.meetings import meeting_forms as forms
from ecm.meetings.selectors import meetings as selectors
from ecm.meetings.services.meetings import arrangements as services
from ecm.meetings.views.meetings.common import (
    ADD_ATTENDEE,
    ANSWER,
    LEAD,
    answered_page,
    day_text,
    form_page,
    meeting_url,
    open_meeting,
)

DATE_AGREED = (
    "If it no longer suits, tell the Lead inspector: they propose another date, which you are "
    "then asked to agree."
)


def date_propose(request, pk: int):
    """The Lead proposes the date with the link officer (002 §A)."""
    assessment, the_meeting = open_meeting(request, pk, LEAD)
    initial = {
        "day": the_meeting.date,
        "starts_at": the_meeting.starts_at,
        "venue": the_meeting.venue,
        "late_reason": the_meeting.late_reason,
        "lock_version": the_meeting.lock_version,
    }
    form = forms.DatePropose(
        posted(request), initial=initial, meeting_by=assessment.round.meeting_by
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            services.meeting_date_propose,
            actor=request.user,
            assessment=assessment,
            day=data["day"],
            starts_at=data["starts_at"],
            venue=data["venue"],
            late_reason=data["late_reason"],
            expected_lock_version=data["lock_version"],
        ):
            messages.success(
                request,
                f"You proposed {day_text(data['day'])}. The council is asked to agree it",
            )
            return redirect(meeting_url(assessment, "date"))
    return form_page(
        request,
        assessment,
        form,
        back="date",
        intro=(
            "Agree a date with the council's link officer. The council is then asked to agree it "
            "on this service."
        ),
    )


def date_answer(request, pk: int):
    """The council agrees the proposed date, or says why it does not suit."""
    assessment, the_meeting = open_meeting(request, pk, ANSWER)
    if the_meeting.date is not None and the_meeting.date_agreed_at is not None:
        # A stale tab or Back: the date was agreed since the page was opened.
        return answered_page(
            request,
            assessment,
            what=f"the date of the meeting, {day_text(the_meeting.date)},",
            happened="was agreed",
            since=Since.of(the_meeting.date_agreed_at, the_meeting.date_agreed_by),
            why=DATE_AGREED,
            anchor="date",
        )
    problem = None
    if the_meeting.date is None:
        problem = services.NO_PROPOSED_DATE
    form = forms.DateAnswer(posted(request), initial={"lock_version": the_meeting.lock_version})
    if request.method == "POST" and problem is None and form.is_valid():
        agree = form.agrees
        if call_service(
            form,
            services.meeting_date_answer,
            actor=request.user,
            assessment=assessment,
            agree=agree,
            comment=form.cleaned_data["comment"],
            expected_lock_version=form.cleaned_data["lock_version"],
        ):
            messages.success(
                request,
                "You agreed the date of the meeting"
                if agree
                else "You asked for another date. The inspectors will propose one",
            )
            return redirect(meeting_url(assessment, "date"))
    return render(
        request,
        "meetings/meeting/answer.html",
        {
            "assessment": assessment,
            "meeting": the_meeting,
            "form": form,
            "problem": problem,
            "about": "date",
        },
    )


def chair(request, pk: int):
    """Who chairs (Ofsted or CSCI) and who opens the meeting (002 §G.ii)."""
    assessment, the_meeting = open_meeting(request, pk, LEAD)
    form = forms.Chair(
        posted(request),
        initial={
            "chair": the_meeting.chair,
            "opened_by": the_meeting.opened_by,
            "lock_version": the_meeting.lock_version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            services.meeting_chair_set,
            actor=request.user,
            assessment=assessment,
            chair=data["chair"],
            opened_by=data["opened_by"],
            expected_lock_version=data["lock_version"],
        ):
            messages.success(request, "Who chairs and who opens the meeting was saved")
            return redirect(meeting_url(assessment, "chair"))
    return form_page(
        request,
        assessment,
        form,
        back="chair",
        intro="The HMI and the BRM agree their roles for the meeting in line with the agenda.",
    )


def attendee_add(request, pk: int):
    """Add someone to the meeting's small group (002 §G.iii)."""
    assessment, _ = open_meeting(request, pk, ADD_ATTENDEE)
    council_side_only = request.user.is_council_user
    form = forms.AttendeeAdd(posted(request), council_side_only=council_side_only)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # When the council adds a partner, the council has invited them (002 §G.iii).
        invited = council_side_only or data.get("at_council_invitation", False)
        if call_service(
            form,
            services.attendee_add,
            actor=request.user,
            assessment=assessment,
            role=data["role"],
            name=data["name"],
            job_title=data["job_title"],
            organisation=data["organisation"],
            reason=data["reason"],
            at_council_invitation=invited,
            once=once_token(form),
        ):
            messages.success(request, f"{data['name'].strip()} was added to the attendees")
            return redirect(meeting_url(assessment, "attendees"))
        already = already_done_redirect(request, form, meeting_url(assessment, "attendees"))
        if already:
            return already
    return form_page(
        request,
        assessment,
        form,
        back="attendees",
        intro=(
            "The meeting is attended by a small group: the chief executive, the director of "
            "children's services, the lead member, the DfES Children's Services Improvement "
            "Adviser and the key officers for the areas discussed (002 §G.iii)."
        ),
    )


def attendee_remove(request, pk: int, attendee_pk: int):
    """Take someone off the list, after a confirmation page."""
    assessment, the_meeting = open_meeting(request, pk, ADD_ATTENDEE)
    attendee = next((a for a in selectors.attendees_of(the_meeting) if a.pk == attendee_pk), None)
    refuse_unless(attendee is not None)
    # The council removes its own side only: the inspectors decide who comes from theirs.
    refuse_unless(not request.user.is_council_user or attendee.role in services.COUNCIL_SIDE)
    form = forms.Confirm(posted(request), submit_label="Remove attendee")
    if request.method == "POST" and form.is_valid():
        name = attendee.name
        if call_service(form, services.attendee_remove, actor=request.user, attendee=attendee):
            messages.success(request, f"{name} was removed from the attendees")
            return redirect(meeting_url(assessment, "attendees"))
    return render(
        request,
        "meetings/meeting/confirm.html",
        {
            "assessment": assessment,
            "form": form,
            "title": f"Remove {attendee.name} from the meeting?",
            "intro": (
                f"{attendee.name} ({attendee.get_role_display()}) will no longer be listed as "
                "attending the meeting."
            ),
            "back_url": meeting_url(assessment, "attendees"),
            "warning": True,
        },
    )
