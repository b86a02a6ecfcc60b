"""The 2009 framework's pages (issue 10): the councils, and a council's year with a panel for
each part (profile, unannounced inspections, safeguarding inspection, annual rating, flags).
A council's people see only their own council; a refusal is 404."""

from importlib import import_module

from django.shortcuts import render

from ecm.authorities.models import Council
from ecm.caa.parts import PARTS
from ecm.core.access import access_object, require_perm


def council_list(request):
    require_perm(request.user, "caa.view_list")
    user = request.user
    councils = Council.objects.filter(abolished_on__isnull=True).order_by("name")
    if user.council_id:  # a council's people see only their own
        councils = councils.filter(pk=user.council_id)
    elif not user.is_inspectorate:
        councils = councils.none()
    return render(request, "caa/council_list.html", {"councils": councils})


def council(request, la_number: str):
    found = access_object(request.user, Council, "caa.read_council", la_number=la_number)
    panels = [
        (
            f"caa/{part}/_on_council.html",
            import_module(f"ecm.caa.{part}.selectors").council_panel(
                council=found, user=request.user
            ),
        )
        for part in PARTS
    ]
    return render(request, "caa/council.html", {"council": found, "parts": panels})
