"""The APA meeting's pages (002 §G): arranging the date, the chair and the attendees, the agenda
drafted from the notebook and agreed with the council by email, the notes and interim
judgements in words, and the notes shared with the council.

The inspectors see the working copies; the council sees only what has been sent to it
(MeetingRecord) and never a grade (002 §A). Whatever a person may not open answers 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from ecm.apa import meeting_forms as forms
from ecm.apa.models import MeetingNote, MeetingRecordKind
from ecm.apa.models.meetings import SMALL_GROUP
from ecm.apa.selectors import assessment_detail_queryset
from ecm.apa.selectors import meetings as selectors
from ecm.apa.services import meetings as services
from ecm.core.access import NOT_FOUND_MESSAGE, access_object
from ecm.core.forms import add_service_errors

VIEW, RUN, LEAD = "apa.view_meeting", "apa.run_meeting", "apa.lead_meeting"
ANSWER, ADD_ATTENDEE = "apa.answer_meeting", "apa.add_attendee"


def _assessment(request, pk: int, perm: str):
    return access_object(request.user, assessment_detail_queryset(), perm, pk=pk)


def _open(request, pk: int, perm: str = VIEW):
    """The assessment (404 unless `perm` holds on it) and its meeting."""
    assessment = _assessment(request, pk, perm)
    return assessment, selectors.meeting_for(assessment=assessment)


def _posted(request):
    """The form's data on POST: a POST of a one-button form is bound even with no fields."""
    return request.POST if request.method == "POST" else None


def _refuse_unless(condition) -> None:
    if not condition:
        raise Http404(NOT_FOUND_MESSAGE)


def _meeting_url(assessment, anchor: str = "") -> str:
    url = reverse("apa:meeting", args=[assessment.pk])
    return f"{url}#{anchor}" if anchor else url


def _call(form, service, **kwargs):
    """Call a service: what it returns (True when nothing), or None when it refused, with the
    refusal on the form for the GOV.UK error summary."""
    try:
        done = service(**kwargs)
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    return True if done is None else done


def _form_page(request, assessment, form, *, back: str, intro: str = ""):
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "assessment": assessment,
            "caption": f"{assessment.council.name}: APA meeting",
            "back_url": _meeting_url(assessment, back),
            "intro": intro,
        },
    )


def _day(value) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"


# --- The overview ------------------------------------------------------------------------------


def meeting(request, pk: int):
    """The meeting at a glance: the inspectors' working view, or the council's view of what
    has been arranged with it and sent to it."""
    assessment, the_meeting = _open(request, pk)
    user = request.user
    attendees = selectors.attendees_of(the_meeting)
    records = selectors.records_of(the_meeting)
    can_add_attendee = user.has_perm(ADD_ATTENDEE, assessment)
    for attendee in attendees:
        # The council removes its own side only: the inspectors decide who comes from theirs.
        attendee.removable = can_add_attendee and (
            not user.is_council_user or attendee.role in services.COUNCIL_SIDE
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
        return render(request, "apa/meeting/meeting_council.html", context)
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
    return render(request, "apa/meeting/meeting.html", context)


# --- The date, the chair and the attendees -----------------------------------------------------


def date_propose(request, pk: int):
    """The Lead proposes the date with the link officer (002 §A)."""
    assessment, the_meeting = _open(request, pk, LEAD)
    initial = {
        "day": the_meeting.date,
        "starts_at": the_meeting.starts_at,
        "venue": the_meeting.venue,
        "late_reason": the_meeting.late_reason,
        "lock_version": the_meeting.lock_version,
    }
    form = forms.DatePropose(
        _posted(request), initial=initial, meeting_by=assessment.round.meeting_by
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _call(
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
                f"You proposed {_day(data['day'])}. The council is asked to agree it",
            )
            return redirect(_meeting_url(assessment, "date"))
    return _form_page(
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
    assessment, the_meeting = _open(request, pk, ANSWER)
    problem = None
    if the_meeting.date is None:
        problem = services.NO_PROPOSED_DATE
    elif the_meeting.date_agreed_at is not None:
        problem = services.ALREADY_AGREED
    form = forms.DateAnswer(_posted(request), initial={"lock_version": the_meeting.lock_version})
    if request.method == "POST" and problem is None and form.is_valid():
        agree = form.agrees
        if _call(
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
            return redirect(_meeting_url(assessment, "date"))
    return render(
        request,
        "apa/meeting/answer.html",
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
    assessment, the_meeting = _open(request, pk, LEAD)
    form = forms.Chair(
        _posted(request),
        initial={
            "chair": the_meeting.chair,
            "opened_by": the_meeting.opened_by,
            "lock_version": the_meeting.lock_version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _call(
            form,
            services.meeting_chair_set,
            actor=request.user,
            assessment=assessment,
            chair=data["chair"],
            opened_by=data["opened_by"],
            expected_lock_version=data["lock_version"],
        ):
            messages.success(request, "Who chairs and who opens the meeting was saved")
            return redirect(_meeting_url(assessment, "chair"))
    return _form_page(
        request,
        assessment,
        form,
        back="chair",
        intro="The HMI and the BRM agree their roles for the meeting in line with the agenda.",
    )


def attendee_add(request, pk: int):
    """Add someone to the meeting's small group (002 §G.iii)."""
    assessment, _ = _open(request, pk, ADD_ATTENDEE)
    council_side_only = request.user.is_council_user
    form = forms.AttendeeAdd(_posted(request), council_side_only=council_side_only)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # When the council adds a partner, the council has invited them (002 §G.iii).
        invited = council_side_only or data.get("at_council_invitation", False)
        if _call(
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
        ):
            messages.success(request, f"{data['name'].strip()} was added to the attendees")
            return redirect(_meeting_url(assessment, "attendees"))
    return _form_page(
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
    assessment, the_meeting = _open(request, pk, ADD_ATTENDEE)
    attendee = next((a for a in selectors.attendees_of(the_meeting) if a.pk == attendee_pk), None)
    _refuse_unless(attendee is not None)
    # The council removes its own side only: the inspectors decide who comes from theirs.
    _refuse_unless(not request.user.is_council_user or attendee.role in services.COUNCIL_SIDE)
    form = forms.Confirm(_posted(request), submit_label="Remove attendee")
    if request.method == "POST" and form.is_valid():
        name = attendee.name
        if _call(form, services.attendee_remove, actor=request.user, attendee=attendee):
            messages.success(request, f"{name} was removed from the attendees")
            return redirect(_meeting_url(assessment, "attendees"))
    return render(
        request,
        "apa/meeting/confirm.html",
        {
            "assessment": assessment,
            "form": form,
            "title": f"Remove {attendee.name} from the meeting?",
            "intro": (
                f"{attendee.name} ({attendee.get_role_display()}) will no longer be listed as "
                "attending the meeting."
            ),
            "back_url": _meeting_url(assessment, "attendees"),
            "warning": True,
        },
    )


# --- The agenda --------------------------------------------------------------------------------


def agenda(request, pk: int):
    """The working agenda: the eight items of 002 §G.iv. The council sees it only when sent."""
    assessment, the_meeting = _open(request, pk, RUN)
    if not the_meeting.agenda:
        return render(
            request,
            "apa/meeting/agenda_not_drafted.html",
            {
                "assessment": assessment,
                "back_url": _meeting_url(assessment, "agenda"),
            },
        )
    initial = {forms.agenda_field(i["number"]): i["text"] for i in the_meeting.agenda}
    form = forms.Agenda(
        _posted(request), initial={**initial, "lock_version": the_meeting.lock_version}
    )
    if request.method == "POST" and form.is_valid():
        saved = _call(
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
            return redirect(_meeting_url(assessment, "agenda"))
    return _form_page(
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
    assessment, the_meeting = _open(request, pk, RUN)
    replaces = bool(the_meeting.agenda)
    form = forms.Confirm(
        _posted(request),
        submit_label="Draft it again" if replaces else "Draft the agenda",
    )
    if request.method == "POST" and form.is_valid():
        # Only the confirmation page, shown when a working copy exists, says "replace".
        replace = request.POST.get("replace") == "yes"
        if _call(
            form, services.agenda_draft, actor=request.user, assessment=assessment, replace=replace
        ):
            messages.success(request, "The agenda was drafted from the evidence notebook")
            return redirect(reverse("apa:meeting-agenda", args=[assessment.pk]))
    return render(
        request,
        "apa/meeting/confirm.html",
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
            "back_url": _meeting_url(assessment, "agenda"),
        },
    )


def agenda_send(request, pk: int):
    """Check, then send the agenda to the council by email to be agreed (002 §G.ii)."""
    assessment, the_meeting = _open(request, pk, LEAD)
    form = forms.Confirm(
        _posted(request),
        initial={"lock_version": the_meeting.lock_version},
        submit_label="Send the agenda to the council",
    )
    if request.method == "POST" and form.is_valid():
        # The lock read with the page: what was checked is what is sent, or nothing is.
        record = _call(
            form,
            services.agenda_send,
            actor=request.user,
            assessment=assessment,
            expected_lock_version=form.cleaned_data["lock_version"],
        )
        if record:
            messages.success(
                request,
                f"Agenda {record.number} was sent to {', '.join(record.sent_to)}. "
                "The council is asked to agree it",
            )
            return redirect(_meeting_url(assessment, "agenda"))
    content = selectors.agenda_to_send(the_meeting) if the_meeting.agenda else None
    return render(
        request,
        "apa/meeting/send.html",
        {
            "assessment": assessment,
            "form": form,
            "title": "Check the agenda before you send it",
            "what": "agenda",
            "content": selectors.record_display(content) if content else None,
            "recipients": selectors.council_recipients(assessment=assessment),
            "back_url": _meeting_url(assessment, "agenda"),
        },
    )


# --- What was sent to the council --------------------------------------------------------------


def _record(request, pk: int, record_pk: int, perm: str = VIEW):
    assessment, the_meeting = _open(request, pk, perm)
    record = selectors.record_of(the_meeting, record_pk)
    _refuse_unless(record is not None)
    return assessment, the_meeting, record


def record(request, pk: int, record_pk: int):
    """An agenda or the notes exactly as they were sent to the council."""
    assessment, the_meeting, sent = _record(request, pk, record_pk)
    newest = selectors.latest(selectors.records_of(the_meeting, kind=sent.kind), sent.kind)
    return render(
        request,
        "apa/meeting/record.html",
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
    _refuse_unless(sent.kind == MeetingRecordKind.AGENDA)
    newest = selectors.latest(selectors.records_of(the_meeting, kind=sent.kind), sent.kind)
    problem = None
    if sent.pk != newest.pk:
        problem = services.NOT_THE_LATEST
    elif sent.agreed_at is not None:
        problem = services.ALREADY_ANSWERED
    elif sent.commented_at is not None:
        problem = services.CHANGES_ALREADY_ASKED
    form = forms.AgendaAnswer(_posted(request))
    if request.method == "POST" and problem is None and form.is_valid():
        agree = form.agrees
        if _call(
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
            return redirect(_meeting_url(assessment, "agenda"))
    return render(
        request,
        "apa/meeting/answer.html",
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


# --- At the meeting ----------------------------------------------------------------------------


def note_add(request, pk: int):
    """Note an issue or question raised and the response (002 §G.ii); any additional
    information the council brought goes into the information pack (002 §G.i.2)."""
    assessment, _ = _open(request, pk, RUN)
    form = forms.Note(_posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        note = _call(
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
        )
        if note:
            kept = (
                f". {note.pack_item.title} is kept in the information pack"
                if note.pack_item_id
                else ""
            )
            messages.success(request, f"The note on item {note.agenda_item} was saved{kept}")
            return redirect(_meeting_url(assessment, "at-the-meeting"))
    return _form_page(request, assessment, form, back="at-the-meeting")


def note_edit(request, pk: int, note_pk: int):
    """Change a note, saying why (the audit keeps both versions)."""
    assessment, the_meeting = _open(request, pk, RUN)
    note = (
        MeetingNote.objects.filter(meeting=the_meeting, pk=note_pk).first()
        if the_meeting.pk
        else None
    )
    _refuse_unless(note is not None)
    initial = {
        "agenda_item": note.agenda_item,
        "raised_by": note.raised_by,
        "issue": note.issue,
        "response": note.response,
        "lock_version": note.lock_version,
    }
    form = forms.NoteChange(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _call(
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
            return redirect(_meeting_url(assessment, "at-the-meeting"))
    return _form_page(request, assessment, form, back="at-the-meeting")


def interim(request, pk: int):
    """The interim judgements given at the meeting, in words and never as grades (002 §G.i
    items 3 and 4)."""
    assessment, the_meeting = _open(request, pk, RUN)
    saved = the_meeting.interim_judgements or {}
    form = forms.Interim(
        _posted(request),
        initial={**saved, "lock_version": the_meeting.lock_version},
    )
    if request.method == "POST" and form.is_valid():
        saved = _call(
            form,
            services.interim_judgements_save,
            actor=request.user,
            assessment=assessment,
            judgements=form.judgements(),
            expected_lock_version=form.cleaned_data["lock_version"],
        )
        if saved:
            messages.success(request, "The interim judgements were saved")
            return redirect(_meeting_url(assessment, "interim"))
    return _form_page(
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
    assessment, the_meeting = _open(request, pk, RUN)
    form = forms.Held(
        _posted(request),
        initial={
            "held_on": the_meeting.held_on or the_meeting.date,
            "lock_version": the_meeting.lock_version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _call(
            form,
            services.meeting_held_record,
            actor=request.user,
            assessment=assessment,
            held_on=data["held_on"],
            expected_lock_version=data["lock_version"],
        ):
            messages.success(request, f"The meeting was held on {_day(data['held_on'])}")
            return redirect(_meeting_url(assessment, "at-the-meeting"))
    return _form_page(request, assessment, form, back="at-the-meeting")


def notes_share(request, pk: int):
    """Check, then share the agreed notes with the council: the issues raised, the responses
    and the interim judgements in words."""
    assessment, the_meeting = _open(request, pk, LEAD)
    form = forms.Confirm(
        _posted(request),
        initial={"lock_version": the_meeting.lock_version},
        submit_label="Share the notes with the council",
    )
    if request.method == "POST" and form.is_valid():
        shared = _call(
            form,
            services.notes_share,
            actor=request.user,
            assessment=assessment,
            expected_lock_version=form.cleaned_data["lock_version"],
        )
        if shared:
            messages.success(
                request,
                f"The notes were shared with {assessment.council.name}: sent to "
                f"{', '.join(shared.sent_to)}",
            )
            return redirect(_meeting_url(assessment, "shared"))
    content = selectors.notes_to_share(the_meeting) if the_meeting.pk else None
    return render(
        request,
        "apa/meeting/send.html",
        {
            "assessment": assessment,
            "form": form,
            "title": "Check the notes before you share them",
            "what": "notes",
            "content": selectors.record_display(content) if content else None,
            "recipients": selectors.council_recipients(assessment=assessment),
            "back_url": _meeting_url(assessment, "shared"),
        },
    )
