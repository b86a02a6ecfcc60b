"""The hypotheses and their trails (002 §D; issue 5 §4)."""

from django.contrib import messages
from django.shortcuts import redirect, render

from ecm.analysis import selectors
from ecm.analysis.forms import HypothesisForm, HypothesisTestForm
from ecm.analysis.models import Entry
from ecm.analysis.services import hypotheses as hypothesis_services
from ecm.analysis.views.common import assessment_for, page_context, url
from ecm.core.access import refuse_unless
from ecm.core.forms import call_service


def hypotheses(request, pk: int):
    """The hypotheses and where each stands (002 §D; issue 5 §4)."""
    assessment = assessment_for(request, pk)
    outcomes = selectors.notebook_areas(assessment=assessment)
    form = HypothesisForm(request.POST or None, outcomes=outcomes) if assessment.can_work else None
    if request.method == "POST":
        refuse_unless(form is not None)
        if form.is_valid():
            data = form.cleaned_data
            outcome = next((o for o in outcomes if str(o.pk) == data["outcome"]), None)

            def save():
                hypothesis_services.hypothesis_raise(
                    assessment=assessment,
                    actor=request.user,
                    statement=data["statement"],
                    raised_from=data["raised_from"],
                    outcome=outcome,
                )

            if call_service(form, save):
                messages.success(request, "The hypothesis was raised")
                return redirect(url("hypotheses", assessment))
    context = page_context(
        assessment,
        "hypotheses",
        form=form,
        hypotheses=selectors.hypotheses_of(assessment=assessment),
    )
    return render(request, "analysis/hypotheses.html", context)


def hypothesis(request, pk: int, hypothesis_pk: int):
    assessment = assessment_for(request, pk)
    found = selectors.hypotheses_of(assessment=assessment).filter(pk=hypothesis_pk).first()
    refuse_unless(found is not None)
    form = None
    if assessment.can_work:
        entries = selectors.entries_shared(assessment=assessment)
        form = HypothesisTestForm(
            request.POST or None,
            entries=entries,
            initial={"status": found.status, "shown": found.lock_version},
        )
    if request.method == "POST":
        refuse_unless(form is not None)
        if form.is_valid():
            data = form.cleaned_data
            entry = (
                Entry.objects.filter(pk=data["entry"], assessment=assessment).first()
                if data["entry"]
                else None
            )

            def save():
                hypothesis_services.hypothesis_test(
                    hypothesis=found,
                    actor=request.user,
                    shown=data["shown"],
                    status=data["status"],
                    note=data["note"],
                    entry=entry,
                )

            if call_service(form, save):
                messages.success(request, "The test was recorded")
                return redirect(url("hypothesis", assessment, hypothesis_pk=found.pk))
    return render(
        request,
        "analysis/hypothesis.html",
        page_context(assessment, "hypotheses", hypothesis=found, form=form),
    )
