"""Moderation pages (002 §H, Appendix A; issue 6 §4-§6): whom to moderate, the days and their
groups, the Moderation Form submitted with Steps 2-4, benchmarking, and each council's outcome.
Council users never reach any of them: a refusal is a 404, as for a missing page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from ecm.apa.benchmarking import day_benchmarks
from ecm.apa.models import ModerationSelection
from ecm.apa.moderation_forms import (
    ChooseForm,
    DayForm,
    GroupForm,
    ModerationFormEdit,
    OutcomeForm,
    PlaceForm,
    ProposeForm,
    SubmitForm,
    TakeOffForm,
)
from ecm.apa.selectors import moderation as selectors
from ecm.apa.services import moderation as services
from ecm.core.access import NOT_FOUND_MESSAGE, access_object
from ecm.core.forms import add_service_errors

VIEW, MANAGE = "apa.view_moderation", "apa.manage_moderation"
VIEW_DAY = "apa.view_moderation_day"
VIEW_FORM, EDIT_FORM = "apa.view_moderation_form", "apa.edit_moderation_form"
RECORD = "apa.record_moderation_outcome"
# The overview's filter (?show=...), so that it works without JavaScript.
SHOW = {"selected": True, "not-selected": False}


def _round(request, pk: int, perm: str = VIEW):
    return access_object(request.user, selectors.moderation_rounds(), perm, pk=pk)


def _day(request, pk: int, perm: str = VIEW_DAY):
    return access_object(request.user, selectors.moderation_day_queryset(), perm, pk=pk)


def _assessment(request, pk: int, perm: str):
    return access_object(request.user, selectors.moderation_assessments(), perm, pk=pk)


def _overview_url(assessment_round) -> str:
    return reverse("apa:moderation", args=[assessment_round.pk])


def _day_url(day) -> str:
    return reverse("apa:moderation-day", args=[day.pk])


def _posted(request):
    """The POST data to bind a form to, even when empty (a confirmation has no fields)."""
    return request.POST if request.method == "POST" else None


def _try(form, call) -> bool:
    """Call a service; on a refusal show its message on the form. True when it succeeded."""
    try:
        call()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


# --- Whom to moderate (issue 6 §4) -------------------------------------------------------------


def overview(request, pk: int):
    """The draw, the counts, every council of the round and the moderation days."""
    assessment_round = _round(request, pk)
    show = request.GET.get("show", "")
    if show not in SHOW:
        show = ""
    return render(
        request,
        "apa/moderation/overview.html",
        {
            "round": assessment_round,
            "draw": selectors.draw_of(assessment_round=assessment_round),
            "counts": selectors.selection_counts(assessment_round=assessment_round),
            "rows": selectors.round_rows(
                assessment_round=assessment_round, selected=SHOW.get(show)
            ),
            "show": show,
            "days": selectors.round_days(assessment_round=assessment_round),
            "day_min": services.DAY_MIN,
            "day_max": services.DAY_MAX,
            "can_manage": request.user.has_perm(MANAGE),
        },
    )


def propose(request, pk: int):
    assessment_round = _round(request, pk, MANAGE)
    form = ProposeForm(_posted(request))
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

        if _try(form, call):
            draw = selectors.draw_of(assessment_round=assessment_round)
            chosen = sum(1 for p in proposals if p.selected)
            messages.success(
                request,
                f"{chosen} of {len(proposals)} councils are proposed for moderation "
                f"(seed {draw.seed})",
            )
            return redirect(_overview_url(assessment_round))
    draw = selectors.draw_of(assessment_round=assessment_round)
    intro = (
        "About half of the round's councils are moderated (002 §H): councils with signs of "
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
            "back_url": _overview_url(assessment_round),
        },
    )


def choose(request, pk: int):
    """The administrator adds a council to moderation or takes it out, with a reason."""
    assessment = _assessment(request, pk, MANAGE)
    selection = selectors.related_or_none(assessment, "moderation")
    selected = bool(selection and selection.selected)
    form = ChooseForm(_posted(request), initial={"selected": "no" if selected else "yes"})
    form.title = f"Moderation of {assessment.council.name}"
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _try(
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
            return redirect(_overview_url(assessment.round))
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
            "back_url": _overview_url(assessment.round),
        },
    )


# --- Moderation days and their groups (002 §H) -------------------------------------------------


def day_add(request, pk: int):
    assessment_round = _round(request, pk, MANAGE)
    form = DayForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = []

        def call():
            made.append(
                services.moderation_day_add(
                    actor=request.user,
                    assessment_round=assessment_round,
                    day=data["date"],
                    venue=data["venue"],
                    groups=data["groups"],
                )
            )

        if _try(form, call):
            messages.success(request, f"{made[0]} was added")
            return redirect(_day_url(made[0]))
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "caption": f"{assessment_round.title} · Moderation",
            "intro": "A moderation day discusses seven to ten councils, in small groups (002 §H).",
            "back_url": _overview_url(assessment_round),
        },
    )


def day(request, pk: int):
    """The day's groups and councils: who presents each, the form, the proposed grades and the
    outcome."""
    moderation_day = _day(request, pk)
    user = request.user
    groups = selectors.day_groups(day=moderation_day)
    for group in groups:
        for council in group.councils:
            council.can_view_form = user.has_perm(VIEW_FORM, council.assessment)
            # The outcome follows the form (002 §H): the link waits until it is submitted.
            council.can_record = (
                council.outcome is None
                and council.submitted
                and user.has_perm(RECORD, council.assessment)
            )
    total = sum(len(g.councils) for g in groups)
    can_manage = user.has_perm(MANAGE)
    return render(
        request,
        "apa/moderation/day.html",
        {
            "day": moderation_day,
            "round": moderation_day.round,
            "groups": groups,
            "total": total,
            "day_min": services.DAY_MIN,
            "day_max": services.DAY_MAX,
            "can_manage": can_manage,
            "can_view_round": user.has_perm(VIEW),
            "unplaced": (
                selectors.unplaced(assessment_round=moderation_day.round).count()
                if can_manage
                else 0
            ),
        },
    )


def group_add(request, pk: int):
    moderation_day = _day(request, pk, MANAGE)
    taken = {g.name for g in moderation_day.groups.all()}
    suggestion = next(
        (
            f"Group {chr(ord('A') + i)}"
            for i in range(26)
            if f"Group {chr(ord('A') + i)}" not in taken
        ),
        "",
    )
    form = GroupForm(_posted(request), initial={"name": suggestion})
    if (
        request.method == "POST"
        and form.is_valid()
        and _try(
            form,
            lambda: services.moderation_group_add(
                actor=request.user, day=moderation_day, name=form.cleaned_data["name"]
            ),
        )
    ):
        messages.success(request, f"{form.cleaned_data['name'].strip()} was added")
        return redirect(_day_url(moderation_day))
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "caption": str(moderation_day),
            "back_url": _day_url(moderation_day),
        },
    )


def _naming(error: ValidationError, assessment) -> ValidationError:
    """The refusal, naming the council it is about, so that the person knows which one of the
    councils they ticked stopped the change."""
    name = assessment.council.name
    return ValidationError([m if name in m else f"{name}: {m}" for m in error.messages])


def place(request, pk: int):
    """Put councils selected for moderation into a group of this day, all or nothing; or take
    one council off the day (a POST with `take_off`)."""
    moderation_day = _day(request, pk, MANAGE)
    if request.method == "POST" and "take_off" in request.POST:
        return _take_off(request, moderation_day)
    candidates = list(selectors.unplaced(assessment_round=moderation_day.round))
    groups = list(moderation_day.groups.all())
    labels = []
    for assessment in candidates:
        lead = selectors.inspectors(assessment)["lead"]
        who = f"presented by {lead.user}" if lead else "no Lead assigned"
        labels.append((assessment.pk, f"{assessment.council.name} ({who})"))
    form = PlaceForm(_posted(request), councils=labels, groups=groups)
    if request.method == "POST" and form.is_valid():
        by_pk = {a.pk: a for a in candidates}
        chosen = [by_pk[int(value)] for value in form.cleaned_data["councils"]]
        group = next(g for g in groups if g.pk == form.cleaned_data["group"])

        def call():
            with transaction.atomic():
                for assessment in chosen:
                    try:
                        services.moderation_place(
                            actor=request.user, assessment=assessment, group=group
                        )
                    except ValidationError as error:
                        raise _naming(error, assessment) from error

        if _try(form, call):
            names = ", ".join(a.council.name for a in chosen)
            messages.success(request, f"Put in {group.name}: {names}")
            return redirect(_day_url(moderation_day))
    return render(
        request,
        "apa/moderation/place.html",
        {
            "form": form if candidates and groups else None,
            "day": moderation_day,
            "no_candidates": not candidates,
            "back_url": _day_url(moderation_day),
        },
    )


def _take_off(request, moderation_day):
    form = TakeOffForm(request.POST)
    if not form.is_valid():
        raise Http404(NOT_FOUND_MESSAGE)
    selection = (
        ModerationSelection.objects.filter(
            group__day=moderation_day, assessment_id=form.cleaned_data["take_off"]
        )
        .select_related("assessment__council")
        .first()
    )
    if selection is None:
        raise Http404(NOT_FOUND_MESSAGE)
    try:
        services.moderation_place(actor=request.user, assessment=selection.assessment, group=None)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{selection.assessment.council.name} was taken off the day")
    return redirect(_day_url(moderation_day))


def benchmark(request, pk: int):
    """Issue 6 §6: each council's proposed grades beside its data profile and beside councils
    with similar profiles, and where similar evidence led to different grades."""
    moderation_day = _day(request, pk)
    # Someone who only presents that day compares with the day's councils: the grades of the
    # round's other councils are for those who work across councils.
    whole_round = request.user.has_perm(VIEW)
    return render(
        request,
        "apa/moderation/benchmark.html",
        {
            "day": moderation_day,
            "round": moderation_day.round,
            "benchmarks": day_benchmarks(day=moderation_day, whole_round=whole_round),
            "whole_round": whole_round,
        },
    )


# --- The Moderation Form (Appendix A) and the outcome ------------------------------------------


def _placed_day(assessment):
    selection = selectors.related_or_none(assessment, "moderation")
    return selection.group.day if selection and selection.group_id else None


def form(request, pk: int):
    """Appendix A: the council, its BRM and inspector, the reasons for selecting it and the
    areas of concern; submitted with Steps 2-4 of the notebook (002 §H)."""
    assessment = _assessment(request, pk, VIEW_FORM)
    saved = selectors.related_or_none(assessment, "moderation_form")
    selection = selectors.related_or_none(assessment, "moderation")
    selected = bool(selection and selection.selected)
    edit = None
    if selected and request.user.has_perm(EDIT_FORM, assessment):
        prefill = (
            ""
            if saved and saved.reasons
            else services.moderation_form_prefill(assessment=assessment)
        )
        edit = ModerationFormEdit(
            _posted(request), initial=ModerationFormEdit.initial_for(saved, prefill)
        )
    if request.method == "POST":
        if edit is None:
            raise Http404(NOT_FOUND_MESSAGE)
        if edit.is_valid():
            data = edit.cleaned_data
            if _try(
                edit,
                lambda: services.moderation_form_save(
                    actor=request.user,
                    assessment=assessment,
                    reasons=data["reasons"],
                    concerns=edit.concerns(),
                    expected_lock_version=data["lock_version"],
                ),
            ):
                messages.success(request, "The Moderation Form was saved")
                return redirect("apa:moderation-form", pk=assessment.pk)
    return render(
        request,
        "apa/moderation/form.html",
        {
            "assessment": assessment,
            "saved": saved,
            "selection": selection,
            "selected": selected,
            "people": selectors.inspectors(assessment),
            "day": _placed_day(assessment),
            "edit": edit,
            "can_submit": edit is not None,
            "can_view_round": request.user.has_perm(VIEW),
        },
    )


def form_submit(request, pk: int):
    """Check the form, then submit it with Steps 2-4 (the service checks they are ready and
    signed)."""
    assessment = _assessment(request, pk, EDIT_FORM)
    saved = selectors.related_or_none(assessment, "moderation_form")
    confirm = SubmitForm(_posted(request))
    if (
        request.method == "POST"
        and confirm.is_valid()
        and _try(
            confirm,
            lambda: services.moderation_form_submit(actor=request.user, assessment=assessment),
        )
    ):
        messages.success(request, "The Moderation Form was submitted with Steps 2-4")
        return redirect("apa:moderation-form", pk=assessment.pk)
    _, missing = services.steps_ready(assessment=assessment)
    return render(
        request,
        "apa/moderation/form_submit.html",
        {
            "assessment": assessment,
            "saved": saved,
            "people": selectors.inspectors(assessment),
            "missing": missing,
            "form": confirm,
        },
    )


def outcome(request, pk: int):
    """What the day decided: confirmed, or changed with new grades and the reason. Written into
    Step 2 and Step 4 of the notebook by the service. Nobody assigned to the council records it
    (peer challenge, 002 §H)."""
    from ecm.analysis.selectors import summative_judgements
    from ecm.analysis.services.judgements import required_judgements

    assessment = _assessment(request, pk, RECORD)
    moderation_day = _placed_day(assessment)
    recorded = selectors.related_or_none(assessment, "moderation_outcome")
    judgements = required_judgements(assessment)
    step4 = summative_judgements(assessment=assessment)
    proposed = {
        pk: saved.current.content.get("grade") for pk, saved in step4.items() if saved.current_id
    }
    rows = [(j, proposed.get(j.pk)) for j in judgements]
    form = None
    if recorded is None:
        form = OutcomeForm(_posted(request), judgements=judgements, proposed=proposed)
        form.title = f"Record the moderation outcome: {assessment.council.name}"
    if request.method == "POST":
        if form is None:
            raise Http404(NOT_FOUND_MESSAGE)
        if form.is_valid():
            data = form.cleaned_data
            if _try(
                form,
                lambda: services.moderation_outcome_record(
                    actor=request.user,
                    assessment=assessment,
                    decision=data["decision"],
                    reason=data["reason"],
                    changes=form.changes(),
                ),
            ):
                messages.success(
                    request,
                    f"{assessment.council.name}'s outcome was recorded and written into Step 2 "
                    "of the notebook",
                )
                return redirect(_day_url(moderation_day))
    return render(
        request,
        "apa/moderation/outcome.html",
        {
            "assessment": assessment,
            "day": moderation_day,
            "rows": rows,
            "recorded": recorded,
            "form": form,
            "back_url": _day_url(moderation_day)
            if moderation_day
            else _overview_url(assessment.round),
        },
    )
