"""The council pages: the list of councils (inspectorate) and one council's page."""

from django.shortcuts import render

from ecm.authorities.forms import CouncilFilterForm
from ecm.authorities.models import Council
from ecm.authorities.selectors import (
    council_list,
    council_successions,
    statistical_neighbour_groups,
)
from ecm.core.access import access_object, require_perm

VIEW_COUNCIL_LIST = "authorities.view_council_list"
VIEW_COUNCIL = "authorities.view_council"


def council_list_view(request):
    """Every council, current and abolished, filtered by region (inspectorate staff only)."""
    require_perm(request.user, VIEW_COUNCIL_LIST)
    form = CouncilFilterForm(request.GET)
    region = form.cleaned_data["region"] if form.is_valid() else None
    councils = list(council_list(region=region))
    return render(
        request,
        "authorities/council_list.html",
        {
            "form": form,
            "region": region,
            "councils": councils,
            "abolished_count": sum(1 for c in councils if c.abolished_on),
        },
    )


def council_detail_view(request, la_number: str):
    """One council's facts, reorganisations and statistical neighbours. Council users see only
    their own council; another council's page is a 404, as a missing one (DOMAIN.md §1)."""
    council = access_object(
        request.user,
        Council.objects.select_related("region").prefetch_related("former_codes"),
        VIEW_COUNCIL,
        la_number=la_number,
    )
    return render(
        request,
        "authorities/council_detail.html",
        {
            "council": council,
            "successions": council_successions(council=council),
            "neighbour_groups": statistical_neighbour_groups(council=council),
            # Links to other councils only for those who may open them.
            "can_view_other_councils": request.user.has_perm(VIEW_COUNCIL_LIST),
        },
    )
