"""The pages of the meeting itself (002 §G.i, §G.ii): the notes of the issues raised and the
responses, the interim judgements in words, the date held, and the notes shared with the
council."""

from django.contrib import messages
from django.shortcuts import redirect, render

from ecm.accounts.selectors import council_recipients
from ecm.apa.models import MeetingNote, MeetingRecordKind
from ecm.core.access import refuse_unless
from ecm.core.forms import already_done_redirect, call_service, once_token, posted
from ecm.core.uploads.text_task import text_status_said
from ecm.meetings import meeting_forms as forms
from ecm.meetings.selectors import meetings as selectors
from ecm.meetings.services.meetings import notes as services
from ecm.meetings.views.meetings.common import (
    LEAD,
    RUN,
    day_text,
    form_page,
    meeting_url,
    open_meeting,
)


def note_add(request, pk: int):
    """Note an issue or question raised and the response (002 §G.ii); any additional
    information the council brought goes into the information pack (002 §G.i.2)."""
    assessment, _ = open_meeting(request, pk, RUN)
    form = forms.Note(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        note = call_service(
            form,
            services.meeting_note_add,
            actor=request.user,
            assessment=assessment,
            agenda_item=data["agenda_item"],
            raised_by=data["raised_by"],
            issue=data["issue"],
            response=data["response"],
            upload=data["file"],
            upload_title=data["upload_title"],
            once=once_token(form),
        )
        if note:
            kept = ""
            if note.pack_item_id:
                # Issue 21 §1: the file's text is read by a task, which may be done already.
                note.pack_item.refresh_from_db(fields=["text_status", "text_problem"])
                kept = (
                    f". {note.pack_item.title} is kept in the information pack. "
                    f"{text_status_said(note.pack_item)}"
                )
            messages.success(request, f"The note on item {note.agenda_item} was saved{kept}")
            return redirect(meeting_url(assessment, "at-the-meeting"))
        already = already_done_redirect(request, form, meeting_url(assessment, "at-the-meeting"))
        if already:
            return already
    return form_page(request, assessment, form, back="at-the-meeting")


def note_edit(request, pk: int, note_pk: int):
    """Change a note, saying why (the audit keeps both versions)."""
    assessment, the_meeting = open_meeting(request, pk, RUN)
    note = (
        MeetingNote.objects.filter(meeting=the_meeting, pk=note_pk).first()
        if the_meeting.pk
        else None
    )
    refuse_unless(note is not None)
    initial = {
        "agenda_item": note.agenda_item,
        "raised_by": note.raised_by,
        "issue": note.issue,
        "response": note.response,
        "lock_version": note.lock_version,
    }
    form = forms.NoteChange(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            services.meeting_note_change,
            actor=request.user,
            note=note,
            agenda_item=data["agenda_item"],
            raised_by=data["raised_by"],
            issue=data["issue"],
            response=data["response"],
            reason=data["reason"],
            expected_lock_version=data["lock_version"],
        ):
            messages.success(request, "The note was changed")
            return redirect(meeting_url(assessment, "at-the-meeting"))
    return form_page(request, assessment, form, back="at-the-meeting")


def interim(request, pk: int):
    """The interim judgements given at the meeting, in words and never as grades (002 §G.i
    items 3 and 4)."""
    assessment, the_meeting = open_meeting(request, pk, RUN)
    saved = the_meeting.interim_judgements or {}
    form = forms.Interim(
        posted(request),
        initial={**saved, "lock_version": the_meeting.lock_version},
    )
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.interim_judgements_save,
            actor=request.user,
            assessment=assessment,
            judgements=form.judgements(),
            expected_lock_version=form.cleaned_data["lock_version"],
        )
        if saved:
            messages.success(request, "The interim judgements were saved")
            return redirect(meeting_url(assessment, "interim"))
    return form_page(
        request,
        assessment,
        form,
        back="interim",
        intro=(
            "Interim judgements, but not grades (002 §G.i): say in words where each judgement "
            "lies. The council sees them when the notes are shared."
        ),
    )


def held(request, pk: int):
    """The date the meeting was held: the notes are shared after it."""
    assessment, the_meeting = open_meeting(request, pk, RUN)
    form = forms.Held(
        posted(request),
        initial={
            "held_on": the_meeting.held_on or the_meeting.date,
            "lock_version": the_meeting.lock_version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            services.meeting_held_record,
            actor=request.user,
            assessment=assessment,
            held_on=data["held_on"],
            expected_lock_version=data["lock_version"],
        ):
            messages.success(request, f"The meeting was held on {day_text(data['held_on'])}")
            return redirect(meeting_url(assessment, "at-the-meeting"))
    return form_page(request, assessment, form, back="at-the-meeting")


def notes_share(request, pk: int):
    """Check, then share the agreed notes with the council: the issues raised, the responses
    and the interim judgements in words. Once shared, the page says what was shared, with whom
    and when, and offers to share again only notes changed since (issue 20 §4)."""
    assessment, the_meeting = open_meeting(request, pk, LEAD)
    content = selectors.notes_to_share(the_meeting) if the_meeting.pk else None
    sent = selectors.last_sent(the_meeting, MeetingRecordKind.NOTES, content)
    form = forms.SendConfirm(
        posted(request),
        initial={"lock_version": the_meeting.lock_version},
        submit_label="Share the changed notes with the council"
        if sent
        else "Share the notes with the council",
    )
    if request.method == "POST" and form.is_valid():
        shared = call_service(
            form,
            services.notes_share,
            actor=request.user,
            assessment=assessment,
            expected_lock_version=form.cleaned_data["lock_version"],
            once=once_token(form),
        )
        if shared:
            messages.success(
                request,
                f"The notes were shared with {assessment.council.name}: sent to "
                f"{', '.join(shared.sent_to)}",
            )
            return redirect(meeting_url(assessment, "shared"))
        already = already_done_redirect(request, form, meeting_url(assessment, "shared"))
        if already:
            return already
    return render(
        request,
        "meetings/meeting/send.html",
        {
            "assessment": assessment,
            "form": form,
            "title": "The notes have been shared"
            if sent and sent.unchanged
            else "Check the notes before you share them",
            "what": "notes",
            "sent": sent,
            "content": selectors.record_display(content) if content else None,
            "recipients": council_recipients(council=assessment.council),
            "back_url": meeting_url(assessment, "shared"),
        },
    )
