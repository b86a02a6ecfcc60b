"""Recording the moderation day's outcome for a council (002 §H; issue 6 §5): confirmed, or
changed with new grades and the reason, written into Steps 2 and 4 of the notebook."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from ecm.analysis.selectors import required_judgements, summative_judgements
from ecm.core.access import NOT_FOUND_MESSAGE
from ecm.core.forms import call_service, posted
from ecm.meetings.moderation_forms import OutcomeForm
from ecm.meetings.selectors import moderation as selectors
from ecm.meetings.services import moderation as services
from ecm.meetings.views.moderation.common import (
    RECORD,
    day_url,
    decided_notice,
    decided_page,
    get_assessment,
    overview_url,
    placed_day,
)


def outcome(request, pk: int):
    """What the day decided: confirmed, or changed with new grades and the reason. Written into
    Step 2 and Step 4 of the notebook by the service. Nobody assigned to the council records it
    (peer challenge, 002 §H)."""
    assessment = get_assessment(request, pk, RECORD)
    moderation_day = placed_day(assessment)
    recorded = selectors.related_or_none(assessment, "moderation_outcome")
    judgements = required_judgements(assessment)
    step4 = summative_judgements(assessment=assessment)
    proposed = {
        pk: saved.current.content.get("grade") for pk, saved in step4.items() if saved.current_id
    }
    rows = [(j, proposed.get(j.pk)) for j in judgements]
    form = None
    if recorded is None:
        form = OutcomeForm(posted(request), judgements=judgements, proposed=proposed)
        form.title = f"Record the moderation outcome: {assessment.council.name}"
    back_url = day_url(moderation_day) if moderation_day else overview_url(assessment.round)
    if request.method == "POST":
        if recorded is not None:
            # A stale tab or Back: the outcome was recorded since the page was opened.
            return decided_page(request, assessment, recorded, back_url=back_url)
        if form is None:
            raise Http404(NOT_FOUND_MESSAGE)
        if form.is_valid():
            data = form.cleaned_data
            if call_service(
                form,
                lambda: services.moderation_outcome_record(
                    actor=request.user,
                    assessment=assessment,
                    decision=data["decision"],
                    reason=data["reason"],
                    changes=form.changes(),
                    rationales=form.rationales(),
                ),
            ):
                messages.success(
                    request,
                    f"{assessment.council.name}'s outcome was recorded and written into Step 2 "
                    "of the notebook",
                )
                return redirect(day_url(moderation_day))
    return render(
        request,
        "meetings/moderation/outcome.html",
        {
            "assessment": assessment,
            "day": moderation_day,
            "rows": rows,
            "recorded": recorded,
            "form": form,
            "back_url": back_url,
            "frozen": decided_notice(assessment, recorded) if recorded else None,
        },
    )
