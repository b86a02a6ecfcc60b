"""What the self-assessment's pages share: the assessment and its self-assessment, 404 unless
the permission holds, the permissions by name, the pages' addresses, and the answer of an edit
page once the version it edits was submitted (issue 20 §3)."""

from django.http import Http404
from django.urls import reverse

from ecm.apa.models import Assessment
from ecm.core.access import NOT_FOUND_MESSAGE, access_object
from ecm.core.frozen import Since, frozen_page
from ecm.self_assessment import selectors

VIEW, EDIT = "self_assessment.view", "self_assessment.edit"
READ, REOPEN = "self_assessment.read_as_inspector", "self_assessment.reopen"
SUBMITTED_NO_CHANGE = (
    "A submitted version is kept as the inspectors read it (the self-assessment guidance, "
    "section 16). If it needs correcting, "
    "ask your HMI or BRM to reopen the self-assessment: you then continue in a new version."
)


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


def submitted_page(request, assessment, version):
    """An edit page of a version that was submitted since it was opened (a stale tab, a
    bookmark or Back): when it was submitted, by whom, and how to have it reopened."""
    return frozen_page(
        request,
        what=f"version {version.number} of this self-assessment",
        happened="was submitted",
        since=Since.of(version.submitted_at, version.submitted_by),
        why=SUBMITTED_NO_CHANGE,
        back_url=url_of("overview", assessment),
        back_text="Go to the self-assessment",
        caption=f"{assessment.council.name} \N{MIDDLE DOT} self-assessment",
        title="This self-assessment can no longer be changed",
    )
