"""The council pages: the list of councils (inspectorate) and one council's page; the
statistical neighbour models, their upload and the choice of the one in use (issue 22 §5)."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from ecm.authorities.forms import CouncilFilterForm, NeighbourChoiceForm, NeighbourUploadForm
from ecm.authorities.imports.problems import DataFileError
from ecm.authorities.models import Council
from ecm.authorities.selectors import (
    council_list,
    council_successions,
    neighbour_model_compared,
    neighbour_model_in_use,
    neighbour_model_offered,
    neighbour_models,
    statistical_neighbour_groups,
)
from ecm.authorities.services import neighbour_model_choose, statistical_neighbours_import
from ecm.core.access import access_object, require_perm
from ecm.core.forms import call_service, posted

VIEW_COUNCIL_LIST = "authorities.view_council_list"
VIEW_COUNCIL = "authorities.view_council"
MANAGE_NEIGHBOURS = "authorities.manage_neighbours"

UPLOADED = "{result}"
UPLOADED_IN_USE = "{result} Every council's comparisons now use it."
CHOSEN = "Every council's comparisons now use {title}."


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
            "neighbour_model_in_use": neighbour_model_in_use(),
            # Links to other councils only for those who may open them.
            "can_view_other_councils": request.user.has_perm(VIEW_COUNCIL_LIST),
        },
    )


def neighbour_model_list(request):
    """The neighbour models held: when each was published and imported, its source, how many
    councils it covers and which one every council's comparisons use (issue 22 §5)."""
    require_perm(request.user, MANAGE_NEIGHBOURS)
    return render(
        request,
        "authorities/neighbour_models.html",
        {
            "models": list(neighbour_models()),
            "in_use": neighbour_model_in_use(),
            "compared": neighbour_model_compared(),
            "offered": neighbour_model_offered(),
            "demo_mode": settings.DEMO_MODE,
        },
    )


def neighbour_model_upload(request):
    """A DfE statistical neighbour file, imported as `manage.py import_neighbours` imports it:
    all or nothing, every problem listed with its row, column and value."""
    require_perm(request.user, MANAGE_NEIGHBOURS)
    form = NeighbourUploadForm(posted(request), request.FILES or None)
    problems = []
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            result = statistical_neighbours_import(
                upload=data["file"],
                model_code=data["model_code"].strip() or None,
                title=data["title_text"].strip() or None,
                use=data["use"],
                actor=request.user,
            )
        except DataFileError as error:
            problems = error.problems
        else:
            text = UPLOADED_IN_USE if data["use"] else UPLOADED
            messages.success(request, text.format(result=result))
            return redirect("authorities:neighbour-models")
    return render(
        request,
        "authorities/neighbour_upload.html",
        {
            "form": form,
            "problems": problems,
            "back_url": reverse("authorities:neighbour-models"),
        },
        status=400 if (form.errors or problems) else 200,
    )


def neighbour_model_use(request):
    """Choose the model every council's comparisons use, with the reason (decision 0040). The
    import page's button posts here with the latest real model and its own reason."""
    require_perm(request.user, MANAGE_NEIGHBOURS)
    models = neighbour_models()
    if not settings.DEMO_MODE:
        models = models.filter(is_invented=False)
    in_use = neighbour_model_in_use()
    form = NeighbourChoiceForm(
        posted(request), models=models, initial={"model": in_use.code if in_use else None}
    )
    if form.is_bound and form.is_valid():
        chosen = call_service(
            form,
            neighbour_model_choose,
            model=form.cleaned_data["model"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
        if chosen:
            messages.success(request, CHOSEN.format(title=chosen.title))
            return redirect("authorities:neighbour-models")
    return render(
        request,
        "authorities/neighbour_use.html",
        {
            "form": form,
            "has_models": models.exists(),
            "back_url": reverse("authorities:neighbour-models"),
        },
        status=400 if form.errors else 200,
    )
