"""What every letter page shares: the assessment, with 404 for anyone who may not see it."""

from django.urls import reverse

from ecm.apa.models import Assessment
from ecm.core.access import access_object

READ, WORK = "letters.read", "letters.work"


def assessment_for(request, pk: int, perm: str = READ) -> Assessment:
    assessment = access_object(
        request.user,
        Assessment.objects.select_related("council", "round").prefetch_related("assignments__user"),
        perm,
        pk=pk,
    )
    assessment.can_work = request.user.has_perm(WORK, assessment)
    return assessment


def url(name: str, assessment, **kwargs) -> str:
    return reverse(f"letters:{name}", kwargs={"pk": assessment.pk, **kwargs})
