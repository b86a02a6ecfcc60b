"""The single conversation's pages (issue 23 §1; the 2007 briefing, "APA"): its page for the
inspectors and the council, the Lead's proposed date, the council's answer, the inspectors'
record and the summary the Lead shares. The council reads the date, who takes part and the
summary once shared; never the inspectors' record, never a grade."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from ecm.apa.selectors import assessment_detail_queryset
from ecm.core.access import access_object
from ecm.core.forms import call_service, posted
from ecm.core.frozen import Since, frozen_page
from ecm.meetings import conversation as services
from ecm.meetings import conversation_forms as forms

VIEW, RUN, LEAD, ANSWER = (
    "apa.view_meeting",
    "apa.run_meeting",
    "apa.lead_meeting",
    "apa.answer_meeting",
)
CAPTION = "{council}: the single conversation"


def _open(request, pk: int, perm: str = VIEW):
    assessment = access_object(request.user, assessment_detail_queryset(), perm, pk=pk)
    return assessment, services.conversation_for(assessment=assessment)


def _url(assessment) -> str:
    return reverse("meetings:conversation", args=[assessment.pk])


def _form_page(request, assessment, form, *, intro: str = ""):
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "caption": CAPTION.format(council=assessment.council.name),
            "back_url": _url(assessment),
            "intro": intro,
        },
    )


def _frozen(request, assessment, *, what: str, happened: str, since: Since, why: str):
    return frozen_page(
        request,
        what=what,
        happened=happened,
        since=since,
        why=why,
        back_url=_url(assessment),
        back_text="Go to the single conversation",
        caption=CAPTION.format(council=assessment.council.name),
    )


def conversation(request, pk: int):
    assessment, the_conversation = _open(request, pk)
    user = request.user
    cycle = assessment.round.the_cycle
    shared = bool(the_conversation and the_conversation.shared_at)
    return render(
        request,
        "meetings/conversation/conversation.html",
        {
            "assessment": assessment,
            "cycle": cycle,
            "conversation": the_conversation,
            "validated": services.validated(assessment.round),
            "is_council": user.is_council_user,
            "can_lead": user.has_perm(LEAD, assessment),
            "can_run": user.has_perm(RUN, assessment),
            "can_answer": user.has_perm(ANSWER, assessment),
            "summary_shared": shared,
        },
    )


def propose(request, pk: int):
    """The Lead proposes the date (in September or October)."""
    assessment, the_conversation = _open(request, pk, LEAD)
    if the_conversation and the_conversation.held_on:
        return _frozen(
            request,
            assessment,
            what="the single conversation",
            happened=f"was held on {the_conversation.held_on:%-d %B %Y}",
            since=Since(at=the_conversation.held_on),
            why="Its date is what happened; change the record if the date is wrong.",
        )
    initial = {}
    if the_conversation:
        initial = {
            "day": the_conversation.date,
            "venue": the_conversation.venue,
            "late_reason": the_conversation.late_reason,
            "lock_version": the_conversation.lock_version,
        }
    form = forms.ConversationPropose(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            services.conversation_propose,
            actor=request.user,
            assessment=assessment,
            day=data["day"],
            venue=data["venue"],
            late_reason=data["late_reason"],
            expected_lock_version=data["lock_version"],
        ):
            messages.success(request, "Date proposed: the council is asked to agree it")
            return redirect(_url(assessment))
    r = assessment.round
    window = f"{r.meeting_from:%-d %B %Y} to {r.meeting_by:%-d %B %Y}" if r.meeting_from else ""
    intro = (
        f"The single conversation is held in September or October ({window}), once the "
        "validated social care data is available (the 2007 briefing)."
    )
    return _form_page(request, assessment, form, intro=intro)


def answer(request, pk: int):
    """The council agrees the proposed date or asks for another."""
    assessment, the_conversation = _open(request, pk, ANSWER)
    if the_conversation and the_conversation.date_agreed_at:
        return _frozen(
            request,
            assessment,
            what="the date of the single conversation",
            happened=f"({the_conversation.date:%-d %B %Y}) was agreed",
            since=Since.of(the_conversation.date_agreed_at, the_conversation.date_agreed_by),
            why=(
                "If it no longer suits, tell the Lead inspector: they propose another date, "
                "which you are then asked to agree."
            ),
        )
    form = forms.ConversationAnswer(
        posted(request),
        initial={"lock_version": the_conversation.lock_version if the_conversation else None},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agree = data["answer"] == "agree"
        if call_service(
            form,
            services.conversation_answer,
            actor=request.user,
            assessment=assessment,
            agree=agree,
            comment=data["comment"],
            expected_lock_version=data["lock_version"],
        ):
            messages.success(
                request, "You agreed the date" if agree else "Your answer was sent to the Lead"
            )
            return redirect(_url(assessment))
    intro = (
        f"The Lead inspector proposes {the_conversation.date:%A %-d %B %Y}."
        if the_conversation and the_conversation.date
        else "No date has been proposed yet."
    )
    return _form_page(request, assessment, form, intro=intro)


def record(request, pk: int):
    """The inspectors record the conversation once it has been held."""
    assessment, the_conversation = _open(request, pk, RUN)
    c = the_conversation
    initial = (
        {
            "held_on": c.held_on,
            "participants": c.participants,
            "record": c.record,
            "council_summary": c.council_summary,
            "lock_version": c.lock_version,
        }
        if c
        else {}
    )
    form = forms.ConversationRecord(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            services.conversation_record,
            actor=request.user,
            assessment=assessment,
            held_on=data["held_on"],
            participants=data["participants"],
            record=data["record"],
            council_summary=data["council_summary"],
            expected_lock_version=data["lock_version"],
        ):
            messages.success(request, "The record of the single conversation is saved")
            return redirect(_url(assessment))
    return _form_page(request, assessment, form)


def share(request, pk: int):
    """The Lead shares the summary, in words, with the council."""
    assessment, the_conversation = _open(request, pk, LEAD)
    if the_conversation and the_conversation.shared_at:
        return _frozen(
            request,
            assessment,
            what="the summary of the single conversation",
            happened="was shared with the council",
            since=Since.of(the_conversation.shared_at, the_conversation.shared_by),
            why="To share a changed summary, change it in the record first, then share it.",
        )
    form = forms.ConversationShare(
        posted(request),
        initial={"lock_version": the_conversation.lock_version if the_conversation else None},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.conversation_share,
            actor=request.user,
            assessment=assessment,
            expected_lock_version=form.cleaned_data["lock_version"],
        )
    ):
        messages.success(request, "The summary has been shared with the council")
        return redirect(_url(assessment))
    summary = the_conversation.council_summary if the_conversation else ""
    intro = (
        f"The council will read: “{summary}”"
        if summary
        else "There is no summary yet: record the conversation with a summary first."
    )
    return _form_page(request, assessment, form, intro=intro)
