"""The inspector days of a council's APA (002 §A): its HMI and BRM record the days they give
and plan, and see over- and under-runs against the handbook's six; a manager sees the round."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ecm.analysis import days_selectors
from ecm.analysis.days import ALLOWANCE, TOTAL_ALLOWANCE
from ecm.analysis.forms import InspectorDayForm
from ecm.analysis.models import DaysActivity, InspectorDay
from ecm.analysis.services import days as services
from ecm.analysis.views.common import WORK, assessment_for, page_context, url
from ecm.apa.models import AssessmentRound
from ecm.core.access import access_object, refuse_unless
from ecm.core.forms import call_service

ALLOWANCE_ROWS = [(label, ALLOWANCE[value]) for value, label in DaysActivity.choices]


def days(request, pk: int):
    """One council's days: the allowance, each inspector's days given and planned, and the
    form for the signed-in inspector's own."""
    assessment = assessment_for(request, pk)
    form = InspectorDayForm(request.POST or None) if assessment.can_work else None
    if request.method == "POST":
        refuse_unless(form is not None)
        if form.is_valid():
            data = form.cleaned_data

            def save():
                services.inspector_day_record(
                    assessment=assessment,
                    actor=request.user,
                    activity=data["activity"],
                    on=data["on"],
                    days=data["days"],
                    note=data["note"],
                )

            if call_service(form, save):
                messages.success(request, "The day was recorded")
                return redirect(url("days", assessment))
    context = page_context(
        assessment,
        "days",
        form=form,
        inspectors=days_selectors.assessment_days(
            assessment=assessment, today=timezone.localdate()
        ),
        allowance=ALLOWANCE_ROWS,
        total_allowance=TOTAL_ALLOWANCE,
        tolerance=days_selectors.tolerance(),
    )
    return render(request, "analysis/days.html", context)


@require_POST
def day_remove(request, pk: int, day_pk: int):
    assessment = assessment_for(request, pk, WORK)
    day = InspectorDay.objects.filter(pk=day_pk, assessment=assessment).first()
    refuse_unless(day is not None)
    try:
        services.inspector_day_remove(day=day, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The record was removed")
    return redirect(url("days", assessment))


def round_days(request, pk: int):
    """Every council of the round, for a manager: over- and under-runs first."""
    assessment_round = access_object(request.user, AssessmentRound, "apa.view_round", pk=pk)
    councils = days_selectors.round_days(
        assessment_round=assessment_round, today=timezone.localdate()
    )
    return render(
        request,
        "analysis/days_round.html",
        {
            "round": assessment_round,
            "flagged": [c for c in councils if c.flagged],
            "councils": councils,
            "total_allowance": TOTAL_ALLOWANCE,
            "tolerance": days_selectors.tolerance(),
        },
    )
