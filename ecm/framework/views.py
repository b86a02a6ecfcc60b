"""Pages to browse a framework version (DOMAIN.md §2). Any signed-in user may read them."""

from django.shortcuts import render

from ecm.core.access import access_object, require_perm
from ecm.framework.models import FrameworkVersion, Regime
from ecm.framework.selectors import (
    framework_version_counts,
    framework_version_current,
    framework_version_grade_scales,
    framework_version_judgement_sets,
    framework_version_list,
    framework_version_outcomes,
)

PERM = "framework.view_framework"


def _version(request, pk: int) -> FrameworkVersion:
    return access_object(request.user, FrameworkVersion, PERM, pk=pk)


def version_list(request):
    require_perm(request.user, PERM)
    current = framework_version_current()
    return render(
        request,
        "framework/version_list.html",
        {"versions": framework_version_list(), "current": current},
    )


def version_detail(request, pk: int):
    version = _version(request, pk)
    return render(
        request,
        "framework/version_detail.html",
        {
            "version": version,
            "counts": framework_version_counts(version=version),
            "outcomes": framework_version_outcomes(version=version),
        },
    )


def grade_scales(request, pk: int):
    version = _version(request, pk)
    return render(
        request,
        "framework/grade_scales.html",
        {"version": version, "scales": framework_version_grade_scales(version=version)},
    )


def judgement_sets(request, pk: int):
    version = _version(request, pk)
    sets = list(framework_version_judgement_sets(version=version))
    by_regime = [
        (label, [s for s in sets if s.regime == value])
        for value, label in Regime.choices
        if any(s.regime == value for s in sets)
    ]
    return render(
        request,
        "framework/judgement_sets.html",
        {"version": version, "by_regime": by_regime},
    )
