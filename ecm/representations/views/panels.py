"""The inspectorate's side of representations (002 §J): the round's representations and its
window, registering panel members, composing a panel with every exclusion explained, and the
panel's decision. The services own the rules; a page the user may not use is a 404."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from ecm.accounts.models import User
from ecm.accounts.roles import Role
from ecm.apa.models import AssessmentRound
from ecm.core.access import access_object, refuse_unless, require_perm
from ecm.core.forms import already_done_redirect, call_service, once_token, posted
from ecm.representations import selectors
from ecm.representations.forms import DecisionForm, MemberForm, PanelForm, WindowForm
from ecm.representations.models import PanelMember, RepresentationStatus
from ecm.representations.panel_mix import panel_mix_described
from ecm.representations.services import (
    panel_compose,
    panel_member_register,
    representation_decide,
)
from ecm.representations.services.decisions import framework_judgement
from ecm.representations.services.window import representation_window_set
from ecm.representations.views.common import (
    caption,
    representation_for,
    representation_moved_on,
    url_of,
)

WINDOW_SET = "The representation dates of {round} were saved"
REGISTERED = "{person} is registered as a panel member"
SEATED = "The panel is seated and its members have been emailed"
DECIDED = "The decision was recorded and the council has been emailed"
DECISION_STANDS = (
    "The panel's decision stands: its members and its decision no longer change (the "
    "handbook, section J)."
)


def _round(request, pk: int, perm: str) -> AssessmentRound:
    return access_object(request.user, AssessmentRound, perm, pk=pk)


def round_representations(request, pk: int):
    found = _round(request, pk, "representations.view_round")
    context = {
        "round": found,
        "representations": selectors.representations_of_round(assessment_round=found),
        "may_administer": request.user.has_perm("representations.administer"),
    }
    return render(request, "representations/round.html", context)


def window(request, pk: int):
    found = _round(request, pk, "representations.administer")
    form = WindowForm(
        posted(request),
        initial={
            "intention_by": found.representation_intention_by,
            "submission_by": found.representation_submission_by,
            "outcomes_by": found.representation_outcomes_by,
        },
    )
    back = reverse("representations:round", kwargs={"pk": found.pk})
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        done = call_service(
            form,
            representation_window_set,
            actor=request.user,
            assessment_round=found,
            intention_by=data["intention_by"],
            submission_by=data["submission_by"],
            outcomes_by=data["outcomes_by"],
            reason=data["reason"],
        )
        if done:
            messages.success(request, WINDOW_SET.format(round=found))
            return redirect(back)
    context = {"form": form, "caption": str(found), "back_url": back}
    return render(request, "core/form_page.html", context, status=400 if form.errors else 200)


def members(request):
    require_perm(request.user, "representations.administer")
    registered = {m.user_id: m for m in PanelMember.objects.select_related("user")}
    people = [
        {"user": u, "member": registered.get(u.pk)}
        for u in User.objects.filter(is_active=True).order_by("last_name", "first_name")
        if Role.PANEL_MEMBER in u.roles
    ]
    return render(request, "representations/members.html", {"people": people})


def member(request, pk: int):
    require_perm(request.user, "representations.administer")
    person = access_object(
        request.user, User.objects.filter(is_active=True), "representations.administer", pk=pk
    )
    refuse_unless(Role.PANEL_MEMBER in person.roles)
    existing = PanelMember.objects.filter(user=person).first()
    initial = (
        {
            "organisation": existing.organisation,
            "is_manager": "yes" if existing.is_manager else "no",
        }
        if existing
        else {}
    )
    form = MemberForm(posted(request), initial=initial)
    back = reverse("representations:members")
    if form.is_bound and form.is_valid():
        done = call_service(
            form,
            panel_member_register,
            actor=request.user,
            user=person,
            organisation=form.cleaned_data["organisation"],
            is_manager=form.cleaned_data["is_manager"] == "yes",
        )
        if done:
            messages.success(request, REGISTERED.format(person=person))
            return redirect(back)
    context = {"form": form, "caption": str(person), "back_url": back}
    return render(request, "core/form_page.html", context, status=400 if form.errors else 200)


def panel(request, pk: int):
    """The registered members, those who may sit as checkboxes and those who may not with why
    (their earlier involvement in the assessment), and the mix 002 §J sets."""
    found = representation_for(request, pk)
    require_perm(request.user, "representations.administer")
    if found.status == RepresentationStatus.DECIDED:
        return representation_moved_on(request, found, why=DECISION_STANDS)
    refuse_unless(found.status == RepresentationStatus.SUBMITTED)
    candidates = selectors.panel_candidates(representation=found)
    eligible = [c["member"] for c in candidates if not c["excluded_because"]]
    form = PanelForm(
        posted(request),
        eligible=eligible,
        initial={"members": [str(c["member"].user_id) for c in candidates if c["seated"]]},
    )
    if form.is_bound and form.is_valid():
        chosen = {int(pk) for pk in form.cleaned_data["members"]}
        done = call_service(
            form,
            panel_compose,
            actor=request.user,
            representation=found,
            members=[m.user for m in eligible if m.user_id in chosen],
            once=once_token(form),
        )
        if done:
            messages.success(request, SEATED)
            return redirect(url_of(found))
        already = already_done_redirect(request, form, url_of(found))
        if already:
            return already
    context = {
        "form": form,
        "representation": found,
        "caption": caption(found.assessment),
        "back_url": url_of(found),
        "mix": panel_mix_described(found.judgement),
        "excluded": [c for c in candidates if c["excluded_because"]],
    }
    return render(
        request, "representations/panel.html", context, status=400 if form.errors else 200
    )


def decide(request, pk: int):
    found = representation_for(request, pk, "representations.decide")
    if found.status == RepresentationStatus.DECIDED:
        return representation_moved_on(request, found, why=DECISION_STANDS)
    refuse_unless(found.status == RepresentationStatus.SUBMITTED)
    judgement = framework_judgement(found)
    grades = list(judgement.scale.grades.order_by("value"))
    form = DecisionForm(posted(request), grades=grades)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        done = call_service(
            form,
            representation_decide,
            actor=request.user,
            representation=found,
            upheld=data["upheld"] == "yes",
            justification=data["justification"],
            new_grade=data["new_grade"],
        )
        if done:
            messages.success(request, DECIDED)
            return redirect(url_of(found))
    context = {
        "form": form,
        "representation": found,
        "caption": caption(found.assessment),
        "back_url": url_of(found),
        "grade_now": selectors.current_grade(found.assessment, judgement),
        "grounds": selectors.grounds_described(representation=found),
    }
    return render(
        request, "representations/decide.html", context, status=400 if form.errors else 200
    )
