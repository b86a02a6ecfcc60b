"""What every analysis page shares: the assessment, with 404 for anyone who may not see it."""

from django.urls import reverse

from ecm.apa.models import Assessment
from ecm.core.access import access_object

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


def page_context(assessment, section: str, **extra) -> dict:
    return {"assessment": assessment, "section": section, "can_work": assessment.can_work, **extra}
