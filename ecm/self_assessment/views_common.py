"""What the self-assessment's pages share: the assessment and its self-assessment, 404 unless
the permission holds, the permissions by name, and the pages' addresses."""

from django.http import Http404
from django.urls import reverse

from ecm.apa.models import Assessment
from ecm.core.access import NOT_FOUND_MESSAGE, access_object
from ecm.self_assessment import selectors

VIEW, EDIT = "self_assessment.view", "self_assessment.edit"
READ, REOPEN = "self_assessment.read_as_inspector", "self_assessment.reopen"


def assessment_or_404(request, pk: int, perm: str) -> Assessment:
    return access_object(
        request.user,
        Assessment.objects.select_related("council", "round__framework_version").prefetch_related(
            "assignments"
        ),
        perm,
        pk=pk,
    )


def self_assessment_or_404(assessment):
    found = selectors.self_assessment_of(assessment)
    if found is None:
        raise Http404(NOT_FOUND_MESSAGE)
    return found


def url_of(name: str, assessment, **kwargs) -> str:
    return reverse(f"self_assessment:{name}", kwargs={"pk": assessment.pk, **kwargs})
