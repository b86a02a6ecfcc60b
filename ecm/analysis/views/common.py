"""What every analysis page shares: the assessment, with 404 for anyone who may not see it."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from ecm.apa.models import Assessment
from ecm.core.access import NOT_FOUND_MESSAGE, access_object
from ecm.core.forms import add_service_errors

READ, WORK = "analysis.read", "analysis.work"


def assessment_for(request, pk: int, perm: str = READ) -> Assessment:
    assessment = access_object(
        request.user,
        Assessment.objects.select_related(
            "council__region", "round__framework_version"
        ).prefetch_related("assignments__user"),
        perm,
        pk=pk,
    )
    assessment.can_work = request.user.has_perm(WORK, assessment)
    return assessment


def url(name: str, assessment, **kwargs) -> str:
    return reverse(f"analysis:{name}", kwargs={"pk": assessment.pk, **kwargs})


def refuse_unless(condition: bool) -> None:
    if not condition:
        raise Http404(NOT_FOUND_MESSAGE)


def run_service(form, call) -> bool:
    """Call a service; on a refusal show its message on the form. True when it succeeded."""
    try:
        call()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


def page_context(assessment, section: str, **extra) -> dict:
    return {"assessment": assessment, "section": section, "can_work": assessment.can_work, **extra}
