"""What the programme pages share: the round or assessment, with 404 for anyone refused."""

from ecm.apa.models import Assessment, AssessmentRound
from ecm.core.access import access_object


def round_for(request, pk: int, perm: str = "programme.view_round") -> AssessmentRound:
    return access_object(request.user, AssessmentRound, perm, pk=pk)


def assessment_for(request, pk: int, perm: str = "programme.view_checklist") -> Assessment:
    return access_object(
        request.user,
        Assessment.objects.select_related("round", "council").prefetch_related("assignments__user"),
        perm,
        pk=pk,
    )
