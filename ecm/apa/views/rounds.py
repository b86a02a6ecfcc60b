from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse

from ecm.accounts.roles import INSPECTOR_ROLES, Role
from ecm.apa import selectors, services
from ecm.apa.forms import InspectorsForm, RoundDatesForm, RoundForm, StatusChangeForm
from ecm.apa.key_dates import key_date_titles, round_key_dates
from ecm.apa.models import AssignmentRole, CyppReview, SingleConversation
from ecm.apa.services import round_dates as round_dates_service
from ecm.apa.signals import home_sections
from ecm.apa.workflow import GRADES_VISIBLE_TO_COUNCIL, WORKFLOW, AssessmentStatus
from ecm.audit.selectors import audit_history
from ecm.authorities.selectors import councils_active_on
from ecm.core.access import access_object, require_perm
from ecm.core.forms import call_service
from ecm.core.frozen import frozen_page, since_audit


def home(request):
    """Each person's starting point: what they work on, and nothing they may not see."""
    user = request.user
    context = {"user_roles": user.roles}
    if user.is_council_user:
        assessment = selectors.assessment_current_for_council(council=user.council)
        context["assessment"] = assessment
        if assessment:  # the round's cycle names the stage and the council's first step
            context["cycle"] = assessment.round.the_cycle
            context["stage_label"] = context["cycle"].status_label(
                assessment.status, assessment.get_status_display()
            )
        return render(request, "apa/home_council.html", context)
    if user.roles & INSPECTOR_ROLES or user.roles & {Role.MANAGEMENT_READER}:
        context["assessments"] = selectors.assessments_for_inspector(user=user)
    if user.has_perm("apa.view_round"):
        context["rounds"] = selectors.round_list()
    for _, sections in home_sections.send(sender=None, user=user):
        context.update(sections)
    return render(request, "apa/home_inspectorate.html", context)


def round_list(request):
    require_perm(request.user, "apa.view_round")
    return render(request, "apa/round_list.html", {"rounds": selectors.round_list()})


def round_add(request):
    require_perm(request.user, "apa.manage_round")
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        @transaction.atomic  # the round and its councils, or neither
        def set_up():
            new_round = services.round_create(
                actor=request.user,
                year=data["year"],
                framework_version=data["framework_version"],
                cycle=data["cycle"],
            )
            if data["add_all_councils"]:
                services.assessments_create_for_round(
                    actor=request.user,
                    assessment_round=new_round,
                    councils=councils_active_on(new_round.self_assessment_due),
                )
            return new_round

        new_round = call_service(form, set_up)
        if new_round:
            messages.success(request, f"{new_round} has been set up")
            return redirect("apa:round-detail", pk=new_round.pk)
    return render(
        request, "core/form_page.html", {"form": form, "back_url": reverse("apa:round-list")}
    )


def round_detail(request, pk: int):
    assessment_round = access_object(request.user, selectors.round_list(), "apa.view_round", pk=pk)
    status = request.GET.get("status") or None
    if status not in AssessmentStatus.values:
        status = None
    deadlines = round_key_dates(assessment_round.year, assessment_round.cycle)
    titles = key_date_titles(assessment_round.cycle)
    key_dates = [
        (titles[name], getattr(assessment_round, name), deadlines[name])
        for name in deadlines
        if getattr(assessment_round, name)
    ]
    return render(
        request,
        "apa/round_detail.html",
        {
            "round": assessment_round,
            "assessments": selectors.round_assessments(
                assessment_round=assessment_round, status=status
            ),
            "status_counts": selectors.round_status_counts(assessment_round=assessment_round),
            "selected_status": status,
            "statuses": AssessmentStatus.choices,
            "key_dates": key_dates,
            "cycle": assessment_round.the_cycle,
        },
    )


def round_dates(request, pk: int):
    """The administrator moves the round's own dates, with a reason (issue 23 §1)."""
    assessment_round = access_object(
        request.user, selectors.round_list(), "apa.manage_round", pk=pk
    )
    rules = round_key_dates(assessment_round.year, assessment_round.cycle)
    titles = key_date_titles(assessment_round.cycle)
    fields = [f for f in round_dates_service.FIELDS if f in rules]
    form = RoundDatesForm(
        request.POST or None,
        fields=fields,
        titles=titles,
        rules={f: f"{rules[f].rule} ({rules[f].source})" for f in fields},
        initial={f: getattr(assessment_round, f) for f in fields},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            round_dates_service.round_dates_change,
            actor=request.user,
            assessment_round=assessment_round,
            dates={f: form.cleaned_data[f] for f in fields},
            titles=titles,
            reason=form.cleaned_data["reason"],
        )
    ):
        messages.success(request, f"The dates of {assessment_round} were saved")
        return redirect("apa:round-detail", pk=assessment_round.pk)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "caption": str(assessment_round),
            "intro": (
                f"{assessment_round.the_cycle.title}. Every council's checklist, what is due, "
                "the reminders and the calendars follow these dates."
            ),
            "back_url": reverse("apa:round-detail", args=[assessment_round.pk]),
        },
    )


def _assessment(request, pk: int, perm: str = "apa.view_assessment"):
    return access_object(request.user, selectors.assessment_detail_queryset(), perm, pk=pk)


def assessment_detail(request, pk: int):
    assessment = _assessment(request, pk)
    user = request.user
    can_see_history = user.has_perm("apa.view_assessment_history", assessment)
    return render(
        request,
        "apa/assessment_detail.html",
        {
            "assessment": assessment,
            "status_rule": WORKFLOW[AssessmentStatus(assessment.status)],
            "lead": selectors.lead_of(assessment),
            "can_change_status": user.has_perm("apa.change_assessment_status", assessment),
            "can_manage": user.has_perm("apa.manage_round"),
            "can_see_history": can_see_history,
            "can_analyse": user.has_perm("analysis.read", assessment),
            "can_read_letter": user.has_perm("letters.read", assessment),
            "can_read_council_letter": user.has_perm("letters.council_read", assessment),
            "council_letter_words": council_letter_words(assessment),
            "can_read_representations": user.has_perm("representations.read", assessment),
            "can_see_checklist": user.has_perm("programme.view_checklist", assessment),
            "can_see_meeting": user.has_perm("apa.view_meeting", assessment),
            "meeting": selectors.meeting_for(assessment=assessment),
            "cycle": assessment.round.the_cycle,
            "stage_label": assessment.round.the_cycle.status_label(
                assessment.status, assessment.get_status_display()
            ),
            "cypp_review": CyppReview.objects.filter(assessment=assessment).first(),
            "conversation": SingleConversation.objects.filter(assessment=assessment).first(),
            "can_see_moderation_form": user.has_perm("apa.view_moderation_form", assessment),
            "can_manage_moderation": user.has_perm("apa.manage_moderation"),
            "moderation": selectors.selection_of(assessment=assessment),
            "entries": audit_history(target=assessment) if can_see_history else None,
        },
    )


# The council's link to its letter says what the letter is now (issue 20 §5: the published
# letter's link still read "check it for factual accuracy").
COUNCIL_LETTER_WORDS = {
    AssessmentStatus.FACTUAL_ACCURACY: "The draft APA letter: factual accuracy",
    AssessmentStatus.FINAL_LETTER: "The draft APA letter: what was done about your comments",
}
PUBLISHED_LETTER_WORDS = "The published APA letter"


def council_letter_words(assessment) -> str:
    rule = WORKFLOW[AssessmentStatus(assessment.status)]
    if GRADES_VISIBLE_TO_COUNCIL in rule.groups:
        return PUBLISHED_LETTER_WORDS
    return COUNCIL_LETTER_WORDS.get(assessment.status, "The draft APA letter")


CLOSED_STANDS = "A closed assessment is finished and archived: its status no longer changes."


def assessment_status_change(request, pk: int):
    assessment = _assessment(request, pk, "apa.change_assessment_status")
    rule = WORKFLOW[AssessmentStatus(assessment.status)]
    if not rule.forward + rule.back:
        # A stale tab or bookmark: the assessment has reached its last status since.
        return frozen_page(
            request,
            what="this assessment",
            happened=f"moved to its last status, {assessment.get_status_display().lower()},",
            since=since_audit(
                assessment, verb="assessment.status_changed", status=assessment.status
            ),
            why=CLOSED_STANDS,
            back_url=reverse("apa:assessment-detail", args=[assessment.pk]),
            back_text="Go to the assessment",
            caption=str(assessment),
        )
    cycle = assessment.round.the_cycle
    stage = cycle.status_label(assessment.status, assessment.get_status_display())
    form = StatusChangeForm(
        request.POST or None,
        current=assessment.status,
        cycle=cycle,
        initial={"lock_version": assessment.lock_version},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.assessment_change_status,
            actor=request.user,
            assessment=assessment,
            to=form.cleaned_data["to"],
            reason=form.cleaned_data["reason"],
            expected_lock_version=form.cleaned_data["lock_version"],
        )
    ):
        now = cycle.status_label(assessment.status, assessment.get_status_display())
        messages.success(request, f"The assessment is now at: {now}")
        return redirect("apa:assessment-detail", pk=assessment.pk)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "caption": str(assessment),
            "intro": f"It is now at: {stage}.",
            "back_url": reverse("apa:assessment-detail", args=[assessment.pk]),
        },
    )


def assessment_inspectors(request, pk: int):
    assessment = _assessment(request, pk, "apa.manage_round")
    current = {a.role: a for a in assessment.assignments.all()}
    lead = selectors.lead_of(assessment)
    initial = {
        "hmi": current.get(AssignmentRole.HMI) and current[AssignmentRole.HMI].user,
        "brm": current.get(AssignmentRole.BRM) and current[AssignmentRole.BRM].user,
        "lead": lead.role if lead else None,
    }
    form = InspectorsForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.assessment_assign_inspectors,
            actor=request.user,
            assessment=assessment,
            **form.cleaned_data,
        )
    ):
        messages.success(request, "The inspectors have been assigned")
        return redirect("apa:assessment-detail", pk=assessment.pk)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "caption": str(assessment),
            "back_url": reverse("apa:assessment-detail", args=[assessment.pk]),
        },
    )
