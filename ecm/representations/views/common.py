"""What the representation pages share: the objects, with 404 for anyone who may not see them,
and the answer of an edit page once the representation has moved on (issue 20 §3)."""

from django.urls import reverse

from ecm.apa.models import Assessment
from ecm.core.access import access_object
from ecm.core.frozen import Since, frozen_page
from ecm.representations.models import Representation, RepresentationStatus


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


def representation_moved_on(request, representation, *, why: str):
    """An edit page of a representation opened again after it was submitted or decided (a
    stale tab, a bookmark or Back): what happened to it, when, by whom, and why it stays."""
    if representation.status == RepresentationStatus.DECIDED:
        happened = "was decided by its panel"
        since = Since.of(representation.decided_on, representation.decided_by)
    else:
        happened = "was submitted"
        since = Since.of(representation.submitted_on, representation.submitted_by)
    return frozen_page(
        request,
        what=f"this representation about {representation.judgement_title}",
        happened=happened,
        since=since,
        why=why,
        back_url=url_of(representation),
        back_text="Go to the representation",
        caption=caption(representation.assessment),
        title="This representation can no longer be changed",
    )
