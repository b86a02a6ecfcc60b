"""A round's final ratings (issue 7 §4): the published grades of every council, as a page and
as the CSV and XLSX the Audit Commission takes for CPA (002 §A, §J). Only published letters
carry grades (ecm.letters.ratings)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from ecm.apa.models import AssessmentRound
from ecm.core.access import NOT_FOUND_MESSAGE, access_object
from ecm.letters.ratings import (
    XLSX_CONTENT_TYPE,
    ratings_csv,
    ratings_filename,
    ratings_xlsx,
    round_ratings,
)

VIEW = "letters.view_ratings"


def _round(request, pk: int):
    return access_object(
        request.user, AssessmentRound.objects.select_related("framework_version"), VIEW, pk=pk
    )


def ratings(request, pk: int):
    assessment_round = _round(request, pk)
    return render(
        request,
        "letters/ratings.html",
        {"round": assessment_round, "ratings": round_ratings(assessment_round=assessment_round)},
    )


def ratings_download(request, pk: int, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404(NOT_FOUND_MESSAGE)
    found = round_ratings(assessment_round=_round(request, pk))
    if fmt == "csv":
        body, content_type = ratings_csv(found), "text/csv; charset=utf-8"
    else:
        body, content_type = ratings_xlsx(found), XLSX_CONTENT_TYPE
    return HttpResponse(
        body,
        content_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="{ratings_filename(found, fmt)}"'},
    )
