"""The JAR's judgements and report pages (issue 9 §6): the team's evidence and grades, the
report through its stages with the council's comments and its review request, the action plan
and a follow-up. The services own the rules; a refusal is 404. An edit page opened again after
the report moved on (a stale tab, a bookmark or Back) says when it moved and by whom (issue 20
§3)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from ecm.core.access import access_object, refuse_unless
from ecm.core.documents import document_download
from ecm.core.forms import already_done_redirect, call_service, once_token, posted
from ecm.core.frozen import Since, frozen_notice, frozen_page, since_audit
from ecm.core.once import ONCE_FIELD
from ecm.framework.models import Judgement
from ecm.jar.models import JointAreaReview
from ecm.jar.report import documents, forms, selectors, services
from ecm.jar.report.models import FollowUp, ReportComment
from ecm.jar.report.workflow import STAGES, ReportStage
from ecm.jar.timeline import review_timeline, step_of

MOVED = "The report moved to '{stage}'"
COMMENT_SENT = "Your comment on {about} was sent to the review team"
ANSWERED = "Your answer to the comment on {about} was saved: the report does not change"
ANSWERED_CHANGED = (
    "Your answer to the comment on {about} was saved, and the report's {part} now reads as "
    "the answer says"
)
# What entering each stage did to the report, as a stale page's sentence says it.
HAPPENED = {
    ReportStage.DRAFTING: "went back to the team",
    ReportStage.DRAFT_SENT: "was sent to the council as a draft",
    ReportStage.DISCUSSION: "was discussed with the council",
    ReportStage.PREPUBLICATION: "was sent to the council before publication",
    ReportStage.REVIEW_REQUESTED: "had a review requested by the council",
    ReportStage.PUBLISHED: "was published",
}
ORDER = list(ReportStage)
NOT_EDITABLE = (
    "Judgements and the report's text change only while it is written and discussed: move it "
    "back to 'Draft report discussed', with a reason, first."
)
PUBLISHED_STANDS = "A published report no longer changes (003)."
COMMENTS_CLOSED = (
    "The council comments on the draft report while it is with the council and discussed "
    "(001 appendix): comments are closed."
)
ANSWERS_CLOSED = "Comments are answered until the pre-publication report goes: answers are closed."
REVIEW_ANSWERED = "The council's 10 working days to request a review are over (001 appendix)."
PLAN_SENT = "The action plan was sent to the inspectorate: it no longer changes (003)."
FOLLOW_UP_DECIDED = "One follow-up inspection is decided for a review (003)."


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


def _past(report, stage: ReportStage) -> bool:
    return ORDER.index(ReportStage(report.stage)) > ORDER.index(stage)


def _moved_on(request, found, report, *, why: str, back: str = "", title: str = ""):
    """An edit page of the report opened again after it moved on: which stage it entered,
    when and by whom (the stage's audit entry; a published report's date without one)."""
    stage = ReportStage(report.stage)
    since = since_audit(found, verb="jar.report_stage_changed", stage=stage.value)
    if since.at is None and stage == ReportStage.PUBLISHED:
        since = Since(at=report.published_on)
    if not why:
        why = PUBLISHED_STANDS if stage == ReportStage.PUBLISHED else NOT_EDITABLE
    return frozen_page(
        request,
        what="this report",
        happened=HAPPENED[stage],
        since=since,
        why=why,
        back_url=back or _report_url(found),
        back_text="Go to the report",
        caption=str(found),
        title=title or "This report cannot be changed at this stage",
    )


def _not_editable(request, found, *, back: str = ""):
    """The judgement and text pages once the report has left its editable stages."""
    report = selectors.report_for_reading(found)
    if STAGES[ReportStage(report.stage)].editable:
        return None
    return _moved_on(request, found, report, why="", back=back)


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
    frozen = _not_editable(request, found, back=_judgements_url(found))
    if frozen:
        return frozen
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
    labels = {p.code: p.label for p in services.report_parts_to_change(found, current)}
    for c in comments:  # the part an accepted comment changed, by its name
        c.part_label = labels.get(c.changed_part, c.changed_part)
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


def report_document(request, pk: int, fmt: str):
    """The report as a PDF or Word file, an attachment, to whoever may read its page and as
    the page shows it to them: the council from the draft on, its grades once published."""
    found = _review(request, pk, "jar.read_report")
    return document_download(
        request,
        fmt,
        name=f"jar-report-{found.council.la_number}-{found.setup_meeting:%Y}",
        context=documents.report_context(review=found, user=request.user),
        docx=documents.report_docx,
        pdf=documents.report_pdf,
    )


def report_edit(request, pk: int):
    found = _review(request, pk, "jar.lead")
    frozen = _not_editable(request, found)
    if frozen:
        return frozen
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
    if not choices and current.stage == ReportStage.PUBLISHED:
        # A published report moves nowhere: its team, from a stale tab, is told when it went.
        refuse_unless(request.user.has_perm("jar.lead", found))
        return _moved_on(request, found, current, why=PUBLISHED_STANDS, title="")
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
    current = selectors.report_for_reading(found)
    if _past(current, ReportStage.DISCUSSION):
        return _moved_on(
            request, found, current, why=COMMENTS_CLOSED, title="Comments on the report are closed"
        )
    refuse_unless(current.stage in (ReportStage.DRAFT_SENT, ReportStage.DISCUSSION))
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
            messages.success(request, COMMENT_SENT.format(about=data["about"].strip()))
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
    current = selectors.report_for_reading(found)
    if _past(current, ReportStage.DISCUSSION):
        return _moved_on(
            request, found, current, why=ANSWERS_CLOSED, title="Answers to comments are closed"
        )
    parts = services.report_parts_to_change(found, current)
    initial = {}
    if comment.accepted is not None:
        initial = {
            "accepted": "yes" if comment.accepted else "no",
            "response": comment.response,
            "part": comment.changed_part,
            "wording": comment.changed_to,
        }
    form = forms.AnswerForm(posted(request), initial=initial, parts=parts)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        answered = call_service(
            form,
            services.comment_respond,
            actor=request.user,
            review=found,
            comment=comment,
            accepted=data["accepted"],
            response=data["response"],
            part=data["part"],
            wording=data["wording"],
        )
        if answered:
            messages.success(
                request,
                (ANSWERED_CHANGED if answered.accepted else ANSWERED).format(
                    about=answered.about,
                    part=next((p.label for p in parts if p.code == answered.changed_part), ""),
                ),
            )
            return redirect(_report_url(found))
    return _page(
        request,
        form,
        found,
        _report_url(found),
        intro=f"{comment.about}: “{comment.comment}”",
    )


def no_review(request, pk: int):
    found = _review(request, pk, "jar.act_for_council")
    current = selectors.report_for_reading(found)
    if _past(current, ReportStage.PREPUBLICATION):
        return _moved_on(
            request, found, current, why=REVIEW_ANSWERED, title="The review period is over"
        )
    refuse_unless(current.stage == ReportStage.PREPUBLICATION)
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
    is_council = request.user.has_perm("jar.act_for_council", found)
    sent = None
    if current.action_plan_submitted_on:
        sent = since_audit(found, verb="jar.action_plan_sent")
        if sent.at is None:
            sent = Since(at=current.action_plan_submitted_on)
        if is_council and request.method == "POST":
            return frozen_page(
                request,
                what="this action plan",
                happened="was sent to the inspectorate",
                since=sent,
                why=PLAN_SENT,
                back_url=reverse("jar:action-plan", kwargs={"pk": found.pk}),
                back_text="Go to the action plan",
                caption=str(found),
            )
    may_write = is_council and not current.action_plan_submitted_on
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
            # Sent, the plan reads as sent: when and by whom (issue 20 §3).
            "frozen": frozen_notice(
                what="this action plan",
                happened="was sent to the inspectorate",
                since=sent,
                why=PLAN_SENT,
            )
            if sent
            else None,
            "actions": current.actions.all(),
            "unanswered": services.unanswered_recommendations(current),
        },
        status=400 if (form.errors or send_form.errors) else 200,
    )


def follow_up(request, pk: int):
    found = _review(request, pk, "jar.administer")
    refuse_unless(selectors.report_for_reading(found).stage == ReportStage.PUBLISHED)
    decided = FollowUp.objects.filter(review=found).select_related("decided_by").first()
    if decided is not None:
        return frozen_page(
            request,
            what=f"a follow-up inspection by {decided.by_when:%-d %B %Y}",
            happened="was decided",
            since=Since.of(decided.decided_at, decided.decided_by),
            why=FOLLOW_UP_DECIDED,
            back_url=_report_url(found),
            back_text="Go to the report",
            caption=str(found),
            title="The follow-up inspection is decided",
        )
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
