"""Pages of the JAR's fieldwork (issue 24 §2; 001 "Case tracking", "Enhanced Youth
Inspection"): the plan of the two fieldwork weeks with its warnings, planning an activity, and
recording a meeting against a tracked case. The services own the rules; a refused object is a
404. The inspectors' notes of meetings are shown on the tracked case's page, never to the
council."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from ecm.core.access import access_object
from ecm.core.forms import already_done_redirect, call_service, once_token, posted
from ecm.core.frozen import Since, frozen_page
from ecm.jar.fieldwork import plan, selectors, services
from ecm.jar.fieldwork.forms import CaseMeetingForm, PlannedActivityForm, WithdrawForm
from ecm.jar.models import JointAreaReview

PLANNED = "{activity} was added to the plan"
MEETING_RECORDED = "The meeting was recorded against {reference}"
WITHDRAWN = "{activity} was withdrawn from the plan"
WITHDRAWN_STANDS = "It stays in the record with its reason; plan another activity instead."


def _review(request, pk: int, perm: str) -> JointAreaReview:
    return access_object(
        request.user, JointAreaReview.objects.select_related("council"), perm, pk=pk
    )


def _url(name: str, review) -> str:
    return reverse(f"jar:{name}", kwargs={"pk": review.pk})


def _tracked_references(review) -> list[str]:
    return list(
        review.cases.filter(tracked=True).order_by("reference").values_list("reference", flat=True)
    )


def plan_page(request, pk: int):
    """The plan per fieldwork week, warned where most visits are not in week one or a line of
    enquiry has nothing planned (001: "the majority of visits will be in week one")."""
    found = _review(request, pk, "jar.fieldwork_read")
    user = request.user
    return render(
        request,
        "jar/fieldwork/plan.html",
        {
            "review": found,
            "weeks": selectors.plan_by_week(found),
            "warnings": selectors.plan_warnings_of(found)
            if selectors.may_see_notes(user, found)
            else [],
            "withdrawn": selectors.withdrawn_of(found),
            "quote": plan.MAJORITY_QUOTE,
            "may_plan": user.has_perm("jar.fieldwork_plan", found),
            "may_read_youth": user.has_perm("jar.youth_read", found),
            "youth_activities": found.youth_activities.count(),
        },
    )


def activity_add(request, pk: int):
    found = _review(request, pk, "jar.fieldwork_plan")
    here = _url("fieldwork", found)
    form = PlannedActivityForm(
        posted(request),
        lines=found.lines_of_enquiry.all(),
        tracked=_tracked_references(found),
        team=found.team.all(),
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        made = call_service(
            form,
            services.planned_activity_add,
            actor=request.user,
            review=found,
            day=data["day"],
            kind=data["kind"],
            what=data["what"],
            line=data["line"],
            case_reference=data["case_reference"],
            inspector=data["inspector"],
            once=once_token(form),
        )
        if made:
            messages.success(request, PLANNED.format(activity=made))
            return redirect(here)
        already = already_done_redirect(request, form, here)
        if already:
            return already
    weeks = selectors.fieldwork_weeks(found)
    context = {
        "form": form,
        "caption": str(found),
        "back_url": here,
        "intro": (
            f"Fieldwork week 1 is {weeks[0].first:%A %-d %B} to {weeks[0].last:%A %-d %B %Y}, "
            f"week 2 {weeks[1].first:%A %-d %B} to {weeks[1].last:%A %-d %B %Y}. The 2007 "
            f"briefing on the APA and the JAR says \u201c{plan.MAJORITY_QUOTE}\u201d."
        ),
    }
    return render(request, "core/form_page.html", context, status=400 if form.errors else 200)


def meeting_add(request, pk: int):
    """Record a meeting with a tracked case's people, by their part (001 "Case tracking")."""
    found = _review(request, pk, "jar.fieldwork_meet")
    team = found.team.all()
    own = team.filter(user=request.user).first()
    form = CaseMeetingForm(
        posted(request),
        tracked=_tracked_references(found),
        team=team,
        initial={"reference": request.GET.get("case", "")[:40], "inspector": own},
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        made = call_service(
            form,
            services.case_meeting_record,
            actor=request.user,
            review=found,
            reference=data["reference"],
            met=data["met"],
            met_on=data["met_on"],
            inspector=data["inspector"],
            note=data["note"],
            once=once_token(form),
        )
        if made:
            messages.success(request, MEETING_RECORDED.format(reference=made.case.reference))
            return redirect(reverse("jar:case", kwargs={"pk": found.pk, "case_pk": made.case.pk}))
        already = already_done_redirect(request, form, _url("review", found))
        if already:
            return already
    first, last = selectors.on_site(found)
    context = {
        "form": form,
        "caption": str(found),
        "back_url": _url("review", found),
        "intro": (
            f"The 2007 briefing on the APA and the JAR: \u201c{plan.MEETINGS_QUOTE}\u201d "
            "Record each meeting against one of the ten tracked cases, with who was met by "
            f"their part, never by name. The team is on site from {first:%A %-d %B} to "
            f"{last:%A %-d %B %Y}."
        ),
    }
    return render(request, "core/form_page.html", context, status=400 if form.errors else 200)


def activity_withdraw(request, pk: int, activity_pk: int):
    """Take an activity out of the plan with a reason; it stays in the record. Opened again
    once withdrawn, the page says when and by whom (issue 20 §3)."""
    found = _review(request, pk, "jar.fieldwork_plan")
    activity = get_object_or_404(found.planned_activities, pk=activity_pk)
    here = _url("fieldwork", found)
    if activity.withdrawn_at:
        return frozen_page(
            request,
            what="the activity",
            happened="was withdrawn from the plan",
            since=Since.of(activity.withdrawn_at, activity.withdrawn_by),
            why=WITHDRAWN_STANDS,
            back_url=here,
            back_text="Go to the fieldwork plan",
            caption=str(found),
        )
    form = WithdrawForm(posted(request))
    if (
        form.is_bound
        and form.is_valid()
        and call_service(
            form,
            services.planned_activity_withdraw,
            actor=request.user,
            activity=activity,
            reason=form.cleaned_data["reason"],
        )
    ):
        messages.success(request, WITHDRAWN.format(activity=activity))
        return redirect(here)
    context = {"form": form, "caption": str(activity), "back_url": here}
    return render(request, "core/form_page.html", context, status=400 if form.errors else 200)
