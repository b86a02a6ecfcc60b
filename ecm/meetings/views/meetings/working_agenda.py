"""The working agenda's pages (002 §G.ii, §G.iv): the eight items, drafted from the notebook,
edited by the inspectors, then checked and sent to the council by email to be agreed."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from ecm.accounts.selectors import council_recipients
from ecm.apa.models import MeetingRecordKind
from ecm.core.forms import already_done_redirect, call_service, once_token, posted
from ecm.meetings import meeting_forms as forms
from ecm.meetings.selectors import meetings as selectors
from ecm.meetings.services.meetings import agenda as services
from ecm.meetings.views.meetings.common import (
    LEAD,
    RUN,
    form_page,
    meeting_url,
    open_meeting,
)


def agenda(request, pk: int):
    """The working agenda: the eight items of 002 §G.iv. The council sees it only when sent."""
    assessment, the_meeting = open_meeting(request, pk, RUN)
    if not the_meeting.agenda:
        return render(
            request,
            "meetings/meeting/agenda_not_drafted.html",
            {
                "assessment": assessment,
                "back_url": meeting_url(assessment, "agenda"),
            },
        )
    initial = {forms.agenda_field(i["number"]): i["text"] for i in the_meeting.agenda}
    form = forms.Agenda(
        posted(request), initial={**initial, "lock_version": the_meeting.lock_version}
    )
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.agenda_save,
            actor=request.user,
            assessment=assessment,
            texts=form.texts(),
            expected_lock_version=form.cleaned_data["lock_version"],
        )
        if saved:
            messages.success(
                request, "The agenda was saved. The council sees it only when it is sent"
            )
            return redirect(meeting_url(assessment, "agenda"))
    return form_page(
        request,
        assessment,
        form,
        back="agenda",
        intro=(
            "Give the council a clear indication of the issues to be discussed (002 §G.ii). "
            "Judgements go in words: no grades."
        ),
    )


def agenda_draft(request, pk: int):
    """Draft the eight items from the notebook as it stands (002 §G.ii: "It should be drawn
    from the Evidence notebook"). Drafting again replaces the working copy, so it is confirmed."""
    assessment, the_meeting = open_meeting(request, pk, RUN)
    replaces = bool(the_meeting.agenda)
    form = forms.Confirm(
        posted(request),
        submit_label="Draft it again" if replaces else "Draft the agenda",
    )
    if request.method == "POST" and form.is_valid():
        # Only the confirmation page, shown when a working copy exists, says "replace".
        replace = request.POST.get("replace") == "yes"
        if call_service(
            form, services.agenda_draft, actor=request.user, assessment=assessment, replace=replace
        ):
            messages.success(request, "The agenda was drafted from the evidence notebook")
            return redirect(reverse("meetings:meeting-agenda", args=[assessment.pk]))
    return render(
        request,
        "meetings/meeting/confirm.html",
        {
            "assessment": assessment,
            "form": form,
            "title": "Draft the agenda again from the notebook?"
            if replaces
            else "Draft the agenda",
            "intro": (
                "The eight items are written again from the shared entries and Steps 2 to 4 of "
                "the evidence notebook as they stand now."
            ),
            "warning_text": (
                "This replaces the working copy of the agenda, with any changes made to it."
                if replaces
                else ""
            ),
            "replace": replaces,
            "back_url": meeting_url(assessment, "agenda"),
        },
    )


def agenda_send(request, pk: int):
    """Check, then send the agenda to the council by email to be agreed (002 §G.ii). Once
    sent, the page says what was sent, to whom and when, and offers to send it again only when
    the agenda has changed since, as the next version (issue 20 §4)."""
    assessment, the_meeting = open_meeting(request, pk, LEAD)
    content = selectors.agenda_to_send(the_meeting) if the_meeting.agenda else None
    sent = selectors.last_sent(the_meeting, MeetingRecordKind.AGENDA, content)
    form = forms.SendConfirm(
        posted(request),
        initial={"lock_version": the_meeting.lock_version},
        submit_label=f"Send agenda {sent.record.number + 1} to the council"
        if sent
        else "Send the agenda to the council",
    )
    if request.method == "POST" and form.is_valid():
        # The lock read with the page: what was checked is what is sent, or nothing is.
        record = call_service(
            form,
            services.agenda_send,
            actor=request.user,
            assessment=assessment,
            expected_lock_version=form.cleaned_data["lock_version"],
            once=once_token(form),
        )
        if record:
            messages.success(
                request,
                f"Agenda {record.number} was sent to {', '.join(record.sent_to)}. "
                "The council is asked to agree it",
            )
            return redirect(meeting_url(assessment, "agenda"))
        already = already_done_redirect(request, form, meeting_url(assessment, "agenda"))
        if already:
            return already
    return render(
        request,
        "meetings/meeting/send.html",
        {
            "assessment": assessment,
            "form": form,
            "title": "The agenda has been sent"
            if sent and sent.unchanged
            else "Check the agenda before you send it",
            "what": "agenda",
            "sent": sent,
            "content": selectors.record_display(content) if content else None,
            "recipients": council_recipients(council=assessment.council),
            "back_url": meeting_url(assessment, "agenda"),
        },
    )
