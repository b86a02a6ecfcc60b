"""What the meeting's pages share: fetching the assessment and its meeting (404 unless the
permission holds), calling a service with its refusal shown on the form, the form page, and the
page of an answer already given (issue 20 §3)."""

from django.shortcuts import render
from django.urls import reverse

from ecm.apa.selectors import assessment_detail_queryset, meeting_for
from ecm.core.access import access_object
from ecm.core.frozen import Since, frozen_page

VIEW, RUN, LEAD = "apa.view_meeting", "apa.run_meeting", "apa.lead_meeting"
ANSWER, ADD_ATTENDEE = "apa.answer_meeting", "apa.add_attendee"


def open_meeting(request, pk: int, perm: str = VIEW):
    """The assessment (404 unless `perm` holds on it) and its meeting."""
    assessment = access_object(request.user, assessment_detail_queryset(), perm, pk=pk)
    return assessment, meeting_for(assessment=assessment)


def meeting_url(assessment, anchor: str = "") -> str:
    url = reverse("meetings:meeting", args=[assessment.pk])
    return f"{url}#{anchor}" if anchor else url


def form_page(request, assessment, form, *, back: str, intro: str = ""):
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "assessment": assessment,
            "caption": f"{assessment.council.name}: APA meeting",
            "back_url": meeting_url(assessment, back),
            "intro": intro,
        },
    )


def answered_page(
    request, assessment, *, what: str, happened: str, since: Since, why: str, anchor: str
):
    """The council's answer page (the date, an agenda) opened again once it was answered, or
    once a newer agenda superseded it: what happened, when, by whom, and what now."""
    return frozen_page(
        request,
        what=what,
        happened=happened,
        since=since,
        why=why,
        back_url=meeting_url(assessment, anchor),
        back_text="Go to the meeting",
        caption=f"{assessment.council.name}: APA meeting",
        title="This has already been answered",
    )


def day_text(value) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"
