"""Planning the moderation days (002 §H): adding a day, its groups, placing councils in them
(or taking one off), the day's page, and benchmarking its councils (issue 6 §6)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render

from ecm.apa.models import ModerationSelection
from ecm.core.access import NOT_FOUND_MESSAGE
from ecm.core.forms import call_service, posted
from ecm.meetings.benchmarking import day_benchmarks
from ecm.meetings.moderation_forms import DayForm, GroupForm, PlaceForm, TakeOffForm
from ecm.meetings.selectors import moderation as selectors
from ecm.meetings.services import moderation as services
from ecm.meetings.services.moderation.planning import DAY_MAX, DAY_MIN
from ecm.meetings.views.moderation.common import (
    MANAGE,
    RECORD,
    VIEW,
    VIEW_FORM,
    day_held_page,
    day_url,
    get_day,
    get_round,
    overview_url,
)


def day_add(request, pk: int):
    assessment_round = get_round(request, pk, MANAGE)
    form = DayForm(posted(request))
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

        if call_service(form, call):
            messages.success(request, f"{made[0]} was added")
            return redirect(day_url(made[0]))
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "caption": f"{assessment_round.title} · Moderation",
            "intro": "A moderation day discusses seven to ten councils, in small groups (the "
            "handbook, section H).",
            "back_url": overview_url(assessment_round),
        },
    )


def day(request, pk: int):
    """The day's groups and councils: who presents each, the form, the proposed grades and the
    outcome."""
    moderation_day = get_day(request, pk)
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
        "meetings/moderation/day.html",
        {
            "day": moderation_day,
            "round": moderation_day.round,
            "groups": groups,
            "total": total,
            "day_min": DAY_MIN,
            "day_max": DAY_MAX,
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
    moderation_day = get_day(request, pk, MANAGE)
    if moderation_day.held_at:
        return day_held_page(request, moderation_day)
    taken = {g.name for g in moderation_day.groups.all()}
    suggestion = next(
        (
            f"Group {chr(ord('A') + i)}"
            for i in range(26)
            if f"Group {chr(ord('A') + i)}" not in taken
        ),
        "",
    )
    form = GroupForm(posted(request), initial={"name": suggestion})
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            lambda: services.moderation_group_add(
                actor=request.user, day=moderation_day, name=form.cleaned_data["name"]
            ),
        )
    ):
        messages.success(request, f"{form.cleaned_data['name'].strip()} was added")
        return redirect(day_url(moderation_day))
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "caption": str(moderation_day),
            "back_url": day_url(moderation_day),
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
    moderation_day = get_day(request, pk, MANAGE)
    if moderation_day.held_at:
        return day_held_page(request, moderation_day)
    if request.method == "POST" and "take_off" in request.POST:
        return _take_off(request, moderation_day)
    candidates = list(selectors.unplaced(assessment_round=moderation_day.round))
    groups = list(moderation_day.groups.all())
    labels = []
    for assessment in candidates:
        lead = selectors.inspectors(assessment)["lead"]
        who = f"presented by {lead.user}" if lead else "no Lead assigned"
        labels.append((assessment.pk, f"{assessment.council.name} ({who})"))
    form = PlaceForm(posted(request), councils=labels, groups=groups)
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

        if call_service(form, call):
            names = ", ".join(a.council.name for a in chosen)
            messages.success(request, f"Put in {group.name}: {names}")
            return redirect(day_url(moderation_day))
    return render(
        request,
        "meetings/moderation/place.html",
        {
            "form": form if candidates and groups else None,
            "day": moderation_day,
            "no_candidates": not candidates,
            "back_url": day_url(moderation_day),
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
    return redirect(day_url(moderation_day))


def benchmark(request, pk: int):
    """Issue 6 §6: each council's proposed grades beside its data profile and beside councils
    with similar profiles, and where similar evidence led to different grades."""
    moderation_day = get_day(request, pk)
    # Someone who only presents that day compares with the day's councils: the grades of the
    # round's other councils are for those who work across councils.
    whole_round = request.user.has_perm(VIEW)
    return render(
        request,
        "meetings/moderation/benchmark.html",
        {
            "day": moderation_day,
            "round": moderation_day.round,
            "benchmarks": day_benchmarks(day=moderation_day, whole_round=whole_round),
            "whole_round": whole_round,
        },
    )
