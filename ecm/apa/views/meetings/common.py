"""What the meeting's pages share: fetching the assessment and its meeting (404 unless the
permission holds), calling a service with its refusal shown on the form, and the form page."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from ecm.apa.selectors import assessment_detail_queryset
from ecm.apa.selectors import meetings as selectors
from ecm.core.access import NOT_FOUND_MESSAGE, access_object
from ecm.core.forms import add_service_errors

VIEW, RUN, LEAD = "apa.view_meeting", "apa.run_meeting", "apa.lead_meeting"
ANSWER, ADD_ATTENDEE = "apa.answer_meeting", "apa.add_attendee"


def open_meeting(request, pk: int, perm: str = VIEW):
    """The assessment (404 unless `perm` holds on it) and its meeting."""
    assessment = access_object(request.user, assessment_detail_queryset(), perm, pk=pk)
    return assessment, selectors.meeting_for(assessment=assessment)


def posted(request):
    """The form's data on POST: a POST of a one-button form is bound even with no fields."""
    return request.POST if request.method == "POST" else None


def refuse_unless(condition) -> None:
    if not condition:
        raise Http404(NOT_FOUND_MESSAGE)


def meeting_url(assessment, anchor: str = "") -> str:
    url = reverse("apa:meeting", args=[assessment.pk])
    return f"{url}#{anchor}" if anchor else url


def call(form, service, **kwargs):
    """Call a service: what it returns (True when nothing), or None when it refused, with the
    refusal on the form for the GOV.UK error summary."""
    try:
        done = service(**kwargs)
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    return True if done is None else done


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
