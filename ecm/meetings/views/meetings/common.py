"""What the meeting's pages share: fetching the assessment and its meeting (404 unless the
permission holds), calling a service with its refusal shown on the form, and the form page."""

from django.shortcuts import render
from django.urls import reverse

from ecm.apa.selectors import assessment_detail_queryset, meeting_for
from ecm.core.access import access_object

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


def day_text(value) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"
