"""What was sent to the council (002 §G.ii): an agenda or the notes exactly as sent, and the
council's answer to the latest agenda."""

from django.contrib import messages
from django.shortcuts import redirect, render

from ecm.apa.models import MeetingRecordKind
from ecm.core.access import refuse_unless
from ecm.core.forms import call_service, posted
from ecm.meetings import meeting_forms as forms
from ecm.meetings.selectors import meetings as selectors
from ecm.meetings.services.meetings import agenda as services
from ecm.meetings.views.meetings.common import (
    ANSWER,
    VIEW,
    meeting_url,
    open_meeting,
)


def _record(request, pk: int, record_pk: int, perm: str = VIEW):
    assessment, the_meeting = open_meeting(request, pk, perm)
    record = selectors.record_of(the_meeting, record_pk)
    refuse_unless(record is not None)
    return assessment, the_meeting, record


def record(request, pk: int, record_pk: int):
    """An agenda or the notes exactly as they were sent to the council."""
    assessment, the_meeting, sent = _record(request, pk, record_pk)
    newest = selectors.latest(selectors.records_of(the_meeting, kind=sent.kind), sent.kind)
    return render(
        request,
        "meetings/meeting/record.html",
        {
            "assessment": assessment,
            "record": sent,
            "content": selectors.record_display(sent.content),
            "newest": newest,
            "can_answer": (
                sent.kind == MeetingRecordKind.AGENDA
                and sent.pk == newest.pk
                and sent.agreed_at is None
                and sent.commented_at is None
                and request.user.has_perm(ANSWER, assessment)
            ),
        },
    )


def record_answer(request, pk: int, record_pk: int):
    """The council agrees the agenda sent to it, or says what it would like changed."""
    assessment, the_meeting, sent = _record(request, pk, record_pk, ANSWER)
    refuse_unless(sent.kind == MeetingRecordKind.AGENDA)
    newest = selectors.latest(selectors.records_of(the_meeting, kind=sent.kind), sent.kind)
    problem = None
    if sent.pk != newest.pk:
        problem = services.NOT_THE_LATEST
    elif sent.agreed_at is not None:
        problem = services.ALREADY_ANSWERED
    elif sent.commented_at is not None:
        problem = services.CHANGES_ALREADY_ASKED
    form = forms.AgendaAnswer(posted(request))
    if request.method == "POST" and problem is None and form.is_valid():
        agree = form.agrees
        if call_service(
            form,
            services.agenda_answer,
            actor=request.user,
            record=sent,
            agree=agree,
            comment=form.cleaned_data["comment"],
        ):
            messages.success(
                request,
                "You agreed the agenda"
                if agree
                else "You asked for changes to the agenda. The inspectors will send a new one",
            )
            return redirect(meeting_url(assessment, "agenda"))
    return render(
        request,
        "meetings/meeting/answer.html",
        {
            "assessment": assessment,
            "meeting": the_meeting,
            "record": sent,
            "newest": newest,
            "form": form,
            "problem": problem,
            "about": "agenda",
        },
    )
