"""The Moderation Form (Appendix A): the council, its BRM and inspector, the reasons for
selecting it and the areas of concern, edited by its Lead and submitted with Steps 2-4 of the
notebook (002 §H) after a check-your-answers page."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from ecm.core.access import NOT_FOUND_MESSAGE
from ecm.core.forms import call_service, posted
from ecm.meetings.moderation_forms import ModerationFormEdit, SubmitForm
from ecm.meetings.selectors import moderation as selectors
from ecm.meetings.services import moderation as services
from ecm.meetings.views.moderation.common import (
    EDIT_FORM,
    VIEW,
    VIEW_FORM,
    decided,
    decided_notice,
    decided_page,
    get_assessment,
    placed_day,
)


def form(request, pk: int):
    """Appendix A: the council, its BRM and inspector, the reasons for selecting it and the
    areas of concern; submitted with Steps 2-4 of the notebook (002 §H)."""
    assessment = get_assessment(request, pk, VIEW_FORM)
    saved = selectors.related_or_none(assessment, "moderation_form")
    selection = selectors.related_or_none(assessment, "moderation")
    selected = bool(selection and selection.selected)
    outcome = decided(assessment)
    may_edit = request.user.has_perm(EDIT_FORM, assessment)
    if outcome is not None and may_edit and request.method == "POST":
        back_url = reverse("meetings:moderation-form", kwargs={"pk": assessment.pk})
        return decided_page(request, assessment, outcome, back_url=back_url)
    edit = None
    if selected and may_edit and outcome is None:
        prefill = (
            ""
            if saved and saved.reasons
            else services.moderation_form_prefill(assessment=assessment)
        )
        edit = ModerationFormEdit(
            posted(request),
            initial=ModerationFormEdit.initial_for(saved, prefill),
            saved=len(saved.concerns) if saved else 0,
        )
    if request.method == "POST":
        if edit is None:
            raise Http404(NOT_FOUND_MESSAGE)
        if edit.is_valid():
            data = edit.cleaned_data
            if call_service(
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
                return redirect("meetings:moderation-form", pk=assessment.pk)
    return render(
        request,
        "meetings/moderation/form.html",
        {
            "assessment": assessment,
            "saved": saved,
            "selection": selection,
            "selected": selected,
            "people": selectors.inspectors(assessment),
            "day": placed_day(assessment),
            "edit": edit,
            "can_submit": edit is not None,
            # Once decided, the form reads as the record of what the day discussed.
            "frozen": decided_notice(assessment, outcome) if outcome else None,
            "can_view_round": request.user.has_perm(VIEW),
        },
    )


def form_submit(request, pk: int):
    """Check the form, then submit it with Steps 2-4 (the service checks they are ready and
    signed)."""
    assessment = get_assessment(request, pk, EDIT_FORM)
    outcome = decided(assessment)
    if outcome is not None:
        back_url = reverse("meetings:moderation-form", kwargs={"pk": assessment.pk})
        return decided_page(request, assessment, outcome, back_url=back_url)
    saved = selectors.related_or_none(assessment, "moderation_form")
    confirm = SubmitForm(posted(request))
    if (
        request.method == "POST"
        and confirm.is_valid()
        and call_service(
            confirm,
            lambda: services.moderation_form_submit(actor=request.user, assessment=assessment),
        )
    ):
        messages.success(request, "The Moderation Form was submitted with Steps 2-4")
        return redirect("meetings:moderation-form", pk=assessment.pk)
    _, missing = services.steps_ready(assessment=assessment)
    return render(
        request,
        "meetings/moderation/form_submit.html",
        {
            "assessment": assessment,
            "saved": saved,
            "people": selectors.inspectors(assessment),
            "missing": missing,
            "form": confirm,
        },
    )
