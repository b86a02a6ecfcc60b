"""The JAR's judgements and report pages (issue 9 §6): the team's evidence and grades, the
report through its stages with the council's comments and its review request, the action plan
and a follow-up. The services own the rules; a refusal is 404."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from ecm.core.access import access_object, refuse_unless
from ecm.core.forms import already_done_redirect, call_service, once_token, posted
from ecm.core.once import ONCE_FIELD
from ecm.framework.models import Judgement
from ecm.jar.models import JointAreaReview
from ecm.jar.report import forms, selectors, services
from ecm.jar.report.models import ReportComment
from ecm.jar.report.workflow import ReportStage
from ecm.jar.timeline import review_timeline, step_of

MOVED = "The report moved to '{stage}'"


def _review(request, pk: int, perm: str = "jar.read") -> JointAreaReview:
    found = access_object(
        request.user, JointAreaReview.objects.select_related("council"), "jar.read", pk=pk
    )
    refuse_unless(request.user.has_perm(perm, found))
    return found


def _page(request, form, found, back: str, template: str = "core/form_page.html", **extra):
    context = {"form": form, "caption": str(found), "back_url": back, **extra}
    return render(request, template, context, status=400 if form.errors else 200)


def _report_url(review) -> str:
    return reverse("jar:report", kwargs={"pk": review.pk})


def _judgements_url(review) -> str:
    return reverse("jar:judgements", kwargs={"pk": review.pk})


def judgements(request, pk: int):
    """Each judgement of the review's set with its grade and evidence; the evidence recorded."""
    found = _review(request, pk)
    user = request.user
    return render(
        request,
        "jar/report/judgements.html",
        {
            "review": found,
            "rows": selectors.judgement_rows(found, user),
            "judgement_set": services.judgement_set_of(found),
            "evidence": found.evidence.select_related("line_of_enquiry", "recorded_by")
            if user.has_perm("jar.see_evidence", found)
            else None,
            "may_record": user.has_perm("jar.record_evidence", found),
            "editable": selectors.report_for_reading(found).stage
            in (ReportStage.DRAFTING, ReportStage.DRAFT_SENT, ReportStage.DISCUSSION),
            "grades_visible": selectors.grades_visible(found, user),
        },
    )


def evidence_add(request, pk: int):
    found = _review(request, pk, "jar.record_evidence")
    form = forms.EvidenceForm(posted(request), review=found)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            services.evidence_add,
            actor=request.user,
            review=found,
            source=data["source"],
            reference=data["reference"],
            finding=data["finding"],
            line_of_enquiry=data["line_of_enquiry"],
        ):
            return redirect(_judgements_url(found))
    return _page(request, form, found, _judgements_url(found))


def judgement(request, pk: int, code: str):
    found = _review(request, pk, "jar.record_evidence")
    framework_judgement = get_object_or_404(
        Judgement.objects.select_related("scale"),
        judgement_set=services.judgement_set_of(found),
        code=code,
    )
    recorded = found.judgements.filter(judgement=framework_judgement).first()
    initial = {"lock_version": 0}  # not graded yet: a grade saved meanwhile makes this stale
    if recorded:
        initial = {
            "grade": recorded.grade,
            "rationale": recorded.rationale,
            "evidence": list(recorded.evidence.all()),
            "lock_version": recorded.lock_version,
        }
    form = forms.JudgementForm(
        posted(request), initial=initial, review=found, judgement=framework_judgement
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            services.judgement_record,
            actor=request.user,
            review=found,
            code=code,
            grade=data["grade"],
            rationale=data["rationale"],
            evidence=list(data["evidence"]),
            expected_lock_version=data["lock_version"],
        ):
            return redirect(_judgements_url(found))
    return _page(
        request,
        form,
        found,
        _judgements_url(found),
        intro="Choose the evidence the grade stands on, so that another inspector can follow it.",
    )


def report(request, pk: int):
    """The report at its stage: text, findings, dates, the council's comments and answers."""
    found = _review(request, pk, "jar.read_report")
    user = request.user
    current = selectors.report_for_reading(found)
    comments = list(current.comments.all()) if current.pk else []
    steps = {s.code: s.deadline for s in review_timeline(found)}
    return render(
        request,
        "jar/report/report.html",
        {
            "review": found,
            "report": current,
            "rows": selectors.judgement_rows(found, user),
            "grades_visible": selectors.grades_visible(found, user),
            "comments": comments,
            "late": {
                c.pk for c in comments if services.comment_is_late(c, steps["comments_due"].date)
            },
            "comments_due": steps["comments_due"],
            "review_by": steps["review_request_by"],
            "moves": selectors.stage_choices(current, user, found),
            "may_lead": user.has_perm("jar.lead", found),
            "is_council": user.has_perm("jar.act_for_council", found),
            "may_administer": user.has_perm("jar.administer"),
            "concerns": services.significant_concerns(found)
            if not user.is_council_user or current.stage == ReportStage.PUBLISHED
            else [],
        },
    )


def report_edit(request, pk: int):
    found = _review(request, pk, "jar.lead")
    current = selectors.report_for_reading(found)
    form = forms.ReportTextForm(
        posted(request),
        initial={
            "summary": current.summary,
            "recommendations": current.recommendations,
            "lock_version": current.lock_version,
        },
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            services.report_edit,
            actor=request.user,
            review=found,
            summary=data["summary"],
            recommendations=data["recommendations"],
            expected_lock_version=data["lock_version"],
        ):
            return redirect(_report_url(found))
    return _page(request, form, found, _report_url(found))


def report_stage(request, pk: int):
    found = _review(request, pk, "jar.read_report")
    current = selectors.report_for_reading(found)
    choices = selectors.stage_choices(current, request.user, found)
    refuse_unless(choices)
    form = forms.StageForm(
        posted(request),
        choices=choices,
        initial={"lock_version": current.lock_version, "on": timezone.localdate()},
    )
    if form.is_bound:
        # Posted again after the move, the stage is no longer a choice: say it was moved.
        already = services.report_stage_already(
            review=found, to=request.POST.get("to", ""), once=request.POST.get(ONCE_FIELD)
        )
        if already is not None:
            messages.success(request, already.messages[0])
            return redirect(_report_url(found))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        moved = call_service(
            form,
            services.report_change_stage,
            actor=request.user,
            review=found,
            to=data["to"],
            on=data["on"],
            reason=data["reason"],
            expected_lock_version=data["lock_version"],
            received_on=timezone.localdate(),
            once=once_token(form),
        )
        if moved:
            messages.success(request, MOVED.format(stage=moved.get_stage_display()))
            return redirect(_report_url(found))
        already = already_done_redirect(request, form, _report_url(found))
        if already:
            return already
    return _page(
        request,
        form,
        found,
        _report_url(found),
        intro=f"The report is at the stage '{current.get_stage_display()}'.",
    )


def comment_add(request, pk: int):
    found = _review(request, pk, "jar.act_for_council")
    refuse_unless(selectors.report_for_reading(found).stage == ReportStage.DRAFT_SENT)
    form = forms.CommentForm(posted(request))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            services.comment_add,
            actor=request.user,
            review=found,
            about=data["about"],
            comment=data["comment"],
            once=once_token(form),
        ):
            return redirect(_report_url(found))
        already = already_done_redirect(request, form, _report_url(found))
        if already:
            return already
    due = step_of(found, "comments_due").deadline.date
    return _page(
        request,
        form,
        found,
        _report_url(found),
        intro=f"Written comments are due by {due:%-d %B %Y} (10 working days from the "
        "draft report, 001).",
    )


def comment_answer(request, pk: int, comment_pk: int):
    found = _review(request, pk, "jar.lead")
    comment = get_object_or_404(ReportComment, report__review=found, pk=comment_pk)
    form = forms.AnswerForm(posted(request))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            services.comment_respond,
            actor=request.user,
            review=found,
            comment=comment,
            accepted=data["accepted"],
            response=data["response"],
        ):
            return redirect(_report_url(found))
    return _page(
        request, form, found, _report_url(found), intro=f"{comment.about}: “{comment.comment}”"
    )


def no_review(request, pk: int):
    found = _review(request, pk, "jar.act_for_council")
    refuse_unless(selectors.report_for_reading(found).stage == ReportStage.PREPUBLICATION)
    form = forms.ConfirmForm(posted(request))
    done = form.is_bound and form.is_valid()
    if done and call_service(form, services.review_not_requested, actor=request.user, review=found):
        return redirect(_report_url(found))
    last = step_of(found, "review_request_by").deadline.date
    return _page(
        request,
        form,
        found,
        _report_url(found),
        intro=f"The council may request a review until {last:%-d %B %Y}. If it will "
        "not, the report can be published sooner.",
    )


def action_plan(request, pk: int):
    """The council's action plan with its partners, one or more actions a recommendation."""
    found = _review(request, pk, "jar.read_report")
    current = selectors.report_for_reading(found)
    refuse_unless(current.stage == ReportStage.PUBLISHED)
    may_write = (
        request.user.has_perm("jar.act_for_council", found) and not current.action_plan_submitted_on
    )
    form = forms.ActionForm(
        posted(request) if may_write else None, recommendations=current.recommendation_list
    )
    send_form = forms.ConfirmForm(request.POST if "send" in request.POST else None)
    if send_form.is_bound and may_write and send_form.is_valid():
        form = forms.ActionForm(None, recommendations=current.recommendation_list)
        if call_service(send_form, services.action_plan_submit, actor=request.user, review=found):
            messages.success(request, "The action plan was sent to the inspectorate")
            return redirect(reverse("jar:action-plan", kwargs={"pk": found.pk}))
    elif form.is_bound and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            services.action_add,
            actor=request.user,
            review=found,
            recommendation=data["recommendation"],
            action=data["action"],
            partners=data["partners"],
            lead=data["lead"],
            by_when=data["by_when"],
        ):
            return redirect(reverse("jar:action-plan", kwargs={"pk": found.pk}))
    return render(
        request,
        "jar/report/action_plan.html",
        {
            "review": found,
            "report": current,
            "form": form,
            "send_form": send_form,
            "may_write": may_write,
            "actions": current.actions.all(),
            "unanswered": services.unanswered_recommendations(current),
        },
        status=400 if (form.errors or send_form.errors) else 200,
    )


def follow_up(request, pk: int):
    found = _review(request, pk, "jar.administer")
    refuse_unless(selectors.report_for_reading(found).stage == ReportStage.PUBLISHED)
    form = forms.FollowUpForm(posted(request))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            services.follow_up_decide,
            actor=request.user,
            review=found,
            concern=data["concern"],
            by_when=data["by_when"],
        ):
            return redirect(_report_url(found))
    concerns = services.significant_concerns(found)
    intro = (
        "Judgements at the lowest grade: " + "; ".join(str(c.judgement) for c in concerns)
        if concerns
        else "No judgement is at the lowest grade."
    )
    return _page(request, form, found, _report_url(found), intro=intro)
