"""What was sent to the council (002 §G.ii): an agenda or the notes exactly as sent, and the
council's answer to the latest agenda."""

from django.contrib import messages
from django.shortcuts import redirect, render

from ecm.apa.models import MeetingRecordKind
from ecm.core.access import refuse_unless
from ecm.core.forms import call_service, posted
from ecm.core.frozen import Since
from ecm.meetings import meeting_forms as forms
from ecm.meetings.selectors import meetings as selectors
from ecm.meetings.services.meetings import agenda as services
from ecm.meetings.views.meetings.common import (
    ANSWER,
    VIEW,
    answered_page,
    meeting_url,
    open_meeting,
)

NEWER_SENT = "Answer the newest agenda: this one is kept as it was sent."
AGREED = "There is nothing more to answer: the meeting follows this agenda."
CHANGES_ASKED = "The inspectors send a new agenda with the changes, for you to agree."


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


def _answered(sent, newest) -> dict | None:
    """Why an agenda no longer takes an answer: a newer one was sent, or it was agreed, or
    changes to it were asked for; with when and by whom. None while it is open."""
    if sent.pk != newest.pk:
        return {
            "what": f"agenda {newest.number}, newer than agenda {sent.number},",
            "happened": "was sent",
            "since": Since.of(newest.sent_at, newest.sent_by),
            "why": NEWER_SENT,
        }
    if sent.agreed_at is not None:
        return {
            "what": f"agenda {sent.number}",
            "happened": "was agreed",
            "since": Since.of(sent.agreed_at, sent.agreed_by),
            "why": AGREED,
        }
    if sent.commented_at is not None:
        return {
            "what": f"changes to agenda {sent.number}",
            "happened": "were asked for",
            "since": Since.of(sent.commented_at, sent.commented_by),
            "why": CHANGES_ASKED,
        }
    return None


def record_answer(request, pk: int, record_pk: int):
    """The council agrees the agenda sent to it, or says what it would like changed."""
    assessment, the_meeting, sent = _record(request, pk, record_pk, ANSWER)
    refuse_unless(sent.kind == MeetingRecordKind.AGENDA)
    newest = selectors.latest(selectors.records_of(the_meeting, kind=sent.kind), sent.kind)
    answered = _answered(sent, newest)
    if answered is not None:
        # A stale tab or Back: answered, or superseded, since the page was opened.
        return answered_page(request, assessment, **answered, anchor="agenda")
    form = forms.AgendaAnswer(posted(request))
    if request.method == "POST" and form.is_valid():
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
            "about": "agenda",
        },
    )
