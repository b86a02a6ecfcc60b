"""Choosing whom to moderate (002 §H; issue 6 §4): the round's overview of the draw, the counts,
every council and the days; proposing about half of the councils; and the administrator adding
or taking out one council with a reason."""

from django.contrib import messages
from django.shortcuts import redirect, render

from ecm.core.forms import call_service, posted
from ecm.meetings.moderation_forms import ChooseForm, ProposeForm
from ecm.meetings.selectors import moderation as selectors
from ecm.meetings.services import moderation as services
from ecm.meetings.services.moderation.planning import DAY_MAX, DAY_MIN
from ecm.meetings.views.moderation.common import (
    MANAGE,
    decided,
    decided_page,
    get_assessment,
    get_round,
    overview_url,
)

# The overview's filter (?show=...), so that it works without JavaScript.
SHOW = {"selected": True, "not-selected": False}


def overview(request, pk: int):
    """The draw, the counts, every council of the round and the moderation days."""
    assessment_round = get_round(request, pk)
    show = request.GET.get("show", "")
    if show not in SHOW:
        show = ""
    return render(
        request,
        "meetings/moderation/overview.html",
        {
            "round": assessment_round,
            "draw": selectors.draw_of(assessment_round=assessment_round),
            "counts": selectors.selection_counts(assessment_round=assessment_round),
            "rows": selectors.round_rows(
                assessment_round=assessment_round, selected=SHOW.get(show)
            ),
            "show": show,
            "days": selectors.round_days(assessment_round=assessment_round),
            "day_min": DAY_MIN,
            "day_max": DAY_MAX,
            "can_manage": request.user.has_perm(MANAGE),
        },
    )


def propose(request, pk: int):
    assessment_round = get_round(request, pk, MANAGE)
    form = ProposeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        proposals = []

        def call():
            proposals.extend(
                services.moderation_propose(
                    actor=request.user,
                    assessment_round=assessment_round,
                    seed=form.cleaned_data["seed"],
                )
            )

        if call_service(form, call):
            draw = selectors.draw_of(assessment_round=assessment_round)
            chosen = sum(1 for p in proposals if p.selected)
            messages.success(
                request,
                f"{chosen} of {len(proposals)} councils are proposed for moderation "
                f"(seed {draw.seed})",
            )
            return redirect(overview_url(assessment_round))
    draw = selectors.draw_of(assessment_round=assessment_round)
    intro = (
        "About half of the round's councils are moderated (the handbook, section H): "
        "councils with signs of "
        "risk first, then a random draw makes up the rest. Councils you added or took out "
        "yourself stay as you chose."
    )
    if draw:
        intro += f" The last draw used the seed {draw.seed}: proposing again replaces it."
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "caption": f"{assessment_round.title} · Moderation",
            "intro": intro,
            "back_url": overview_url(assessment_round),
        },
    )


def choose(request, pk: int):
    """The administrator adds a council to moderation or takes it out, with a reason."""
    assessment = get_assessment(request, pk, MANAGE)
    outcome = decided(assessment)
    if outcome is not None:
        return decided_page(request, assessment, outcome, back_url=overview_url(assessment.round))
    selection = selectors.related_or_none(assessment, "moderation")
    selected = bool(selection and selection.selected)
    form = ChooseForm(posted(request), initial={"selected": "no" if selected else "yes"})
    form.title = f"Moderation of {assessment.council.name}"
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            lambda: services.moderation_choose(
                actor=request.user,
                assessment=assessment,
                selected=data["selected"],
                reason=data["reason"],
            ),
        ):
            done = "added to" if data["selected"] else "taken out of"
            messages.success(request, f"{assessment.council.name} was {done} moderation")
            return redirect(overview_url(assessment.round))
    if selection is None:
        now = "It has not been considered for moderation yet."
    else:
        state = "selected" if selected else "not selected"
        now = f"It is {state} for moderation ({selection.get_basis_display().lower()})."
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "caption": f"{assessment.round.title} · Moderation",
            "intro": now,
            "back_url": overview_url(assessment.round),
        },
    )
