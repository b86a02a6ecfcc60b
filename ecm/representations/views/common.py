"""What the representation pages share: the objects, with 404 for anyone who may not see them."""

from django.urls import reverse

from ecm.apa.models import Assessment
from ecm.core.access import access_object
from ecm.representations.models import Representation


def assessment_for(request, pk: int, perm: str = "representations.read") -> Assessment:
    return access_object(
        request.user,
        Assessment.objects.select_related("council", "round").prefetch_related("assignments"),
        perm,
        pk=pk,
    )


def representation_for(request, pk: int, perm: str = "representations.read_one"):
    return access_object(
        request.user,
        Representation.objects.select_related(
            "assessment__council", "assessment__round", "triggered_by"
        ).prefetch_related("assessment__assignments"),
        perm,
        pk=pk,
    )


def url_of(representation) -> str:
    return reverse("representations:representation", kwargs={"pk": representation.pk})


def caption(assessment) -> str:
    return f"{assessment.council.name} \N{MIDDLE DOT} {assessment.round}"
