"""The report's text and stages (issue 9 §6; 001 appendix; 003): the draft goes to the council
with 10 working days for written comments, is discussed, the pre-publication report follows
with 10 working days in which the council may request a review, then it is published. One
audited function moves the report, reading ecm.jar.report.workflow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.audit.selectors import audit_history
from ecm.audit.services import audit_record
from ecm.core.document_check import DocumentPart, document_problems, refuse_unless_ready
from ecm.core.locking import refuse_if_stale
from ecm.core.once import AlreadyDone, once_already, once_claim, once_done
from ecm.core.stages import stage_already, stage_audit, stage_check, stage_moved_text, stage_save
from ecm.jar.report.models import JarReport, ReportComment
from ecm.jar.report.services.common import (
    NO_REASON,
    _require_editable,
    _require_lead,
)
from ecm.jar.report.services.judgements import judgement_set_of, report_of
from ecm.jar.report.workflow import STAGES, Mover, ReportStage
from ecm.jar.services.common import _require_council
from ecm.jar.timeline import step_of
from ecm.workdays.calendar import is_working_day

NOT_GRADED = "Grade every judgement before the draft goes to the council. Not graded: {missing}"
NO_TEXT = "Write the report's summary and at least one recommendation before sending the draft"
IN_THE_FUTURE = "The date cannot be in the future"
BEFORE_PREVIOUS = "The date must be on or after {previous:%-d %B %Y}, when the report {what}"
NOT_WORKING_DAY = "{day:%-d %B %Y} is not a working day: choose a working day"
UNANSWERED = (
    "Answer every comment of the council before the pre-publication report: {count} still waiting"
)
TOO_LATE_FOR_REVIEW = (
    "The last date to request a review was {last:%-d %B %Y} (10 working days from the "
    "pre-publication report): the report can no longer be reviewed"
)
STILL_OPEN_FOR_REVIEW = (
    "The council may request a review until {last:%-d %B %Y}: publish after that date, or "
    "once the council says it will not request one"
)
NOT_WITH_COUNCIL = (
    "The council comments only while the draft report is with it, before the pre-publication report"
)
ANSWERS_CLOSED = "The pre-publication report has gone: answers to comments no longer change"
COMMENTING = (ReportStage.DRAFT_SENT, ReportStage.DISCUSSION)
NOT_AT_PREPUBLICATION = "The council answers only while the pre-publication report is with it"
NO_COMMENT = "Enter the comment"
NO_ABOUT = "Say which part of the report the comment is about"
NO_RESPONSE = "Say what the team did about the comment"
NO_PART = "Choose the part of the report that changes"
NO_WORDING = (
    "Write the part's new wording in full: the report changes as the answer says, or answer "
    "that it does not change"
)
SAME_WORDING = (
    "The new wording is the same as the report's {part}: write the changed wording, or answer "
    "that the report does not change"
)
ALREADY_NO_REVIEW = "The council already said it will not request a review"
COMMENT_ALREADY_MADE = "Your comment on {about} was already sent to the team"
COMMENT_NOT_AGAIN = "It was not sent a second time"


def _stage_words(stage: ReportStage) -> str:
    return f"'{stage.label}'"


def report_stage_already(*, review, to: str, once: UUID | str | None = None) -> AlreadyDone | None:
    """The answer to a move of the report already made (issue 20 §4): by the form's token, or
    because the report is at `to` already. For the stage page, whose choices no longer offer
    the stage the report is at."""
    already = once_already(once)
    if already is not None:
        return already
    if to not in ReportStage.values:
        return None
    return stage_already(
        report_of(review),
        stage=ReportStage(to),
        verb="jar.report_stage_changed",
        what="the report",
        words=_stage_words,
        audit_target=review,
    )


def _step(review, code: str):
    return step_of(review, code).deadline.date


@transaction.atomic
def report_edit(
    *, actor, review, summary: str, recommendations: str, expected_lock_version: int | None = None
):
    """Write the report's summary and recommendations (one a line)."""
    _require_lead(actor, review)
    report = JarReport.objects.select_for_update().get(pk=report_of(review).pk)
    _require_editable(report)
    refuse_if_stale(report, expected_lock_version, what="this report")
    before = {"summary": report.summary, "recommendations": report.recommendations}
    report.summary = summary.strip()
    report.recommendations = recommendations.strip()
    report.lock_version += 1
    report.save()
    audit_record(
        actor=actor,
        verb="jar.report_edited",
        target=review,
        before=before,
        after={"summary": report.summary, "recommendations": report.recommendations},
    )
    return report


def _check_day(on: date, previous: date | None, what: str) -> None:
    if on > timezone.localdate():
        raise ValidationError({"on": IN_THE_FUTURE})
    if not is_working_day(on):
        raise ValidationError({"on": NOT_WORKING_DAY.format(day=on)})
    if previous and on < previous:
        raise ValidationError({"on": BEFORE_PREVIOUS.format(previous=previous, what=what)})


def report_parts(review, report) -> list[DocumentPart]:
    """The report as the council reads it: the summary, the recommendations and each
    judgement's rationale (its grade is the report's, 003: the JAR report carries grades)."""
    return [
        DocumentPart("Summary", report.summary),
        DocumentPart("Recommendations", report.recommendations),
        *(
            DocumentPart(j.judgement.title, j.rationale)
            for j in review.judgements.select_related("judgement")
        ),
    ]


def _read_as_the_council(review, report, what: str) -> None:
    """Issue 20 §1: no placeholder, no sentence twice, no empty part in what the council gets."""
    refuse_unless_ready(
        what=what,
        problems=document_problems(parts=report_parts(review, report), grades_allowed=True),
    )


def _ready_to_send(review, report) -> None:
    graded = set(review.judgements.values_list("judgement__code", flat=True))
    missing = [
        j.title
        for j in judgement_set_of(review).judgements.order_by("order")
        if j.code not in graded
    ]
    if missing:
        raise ValidationError(NOT_GRADED.format(missing="; ".join(missing)))
    if not (report.summary and report.recommendation_list):
        raise ValidationError(NO_TEXT)
    _read_as_the_council(review, report, "The draft report")


def _enter(
    review,
    report,
    target: ReportStage,
    on: date,
    current: ReportStage,
    received_on: date | None = None,
) -> None:
    """What entering a stage needs, and the dates it sets."""
    S = ReportStage
    if target == S.DRAFT_SENT:
        _ready_to_send(review, report)
        _check_day(on, review.analysis_starts, "reached its analysis stage")
        review.draft_report_sent = on
    elif target == S.DISCUSSION:
        _check_day(on, review.draft_report_sent, "went to the council")
        report.discussed_on = on
    elif target == S.PREPUBLICATION:
        waiting = report.comments.filter(accepted__isnull=True).count()
        if waiting:
            raise ValidationError(UNANSWERED.format(count=waiting))
        _check_day(on, report.discussed_on, "was discussed")
        _read_as_the_council(review, report, "The pre-publication report")
        review.prepublication_sent = on
        report.no_review_on = report.review_requested_on = None
    elif target == S.REVIEW_REQUESTED:
        last = _step(review, "review_request_by")
        if on > last or (received_on or on) > last:
            raise ValidationError(TOO_LATE_FOR_REVIEW.format(last=last))
        _check_day(on, review.prepublication_sent, "went to the council")
        report.review_requested_on = on
    elif target == S.PUBLISHED:
        last = _step(review, "review_request_by")
        if current == S.PREPUBLICATION and not report.no_review_on and on <= last:
            raise ValidationError(STILL_OPEN_FOR_REVIEW.format(last=last))
        _check_day(on, review.prepublication_sent, "went to the council")
        report.published_on = on


@transaction.atomic
def report_change_stage(
    *,
    actor,
    review,
    to: str,
    on: date,
    reason: str = "",
    expected_lock_version: int | None = None,
    received_on: date | None = None,
    once: UUID | None = None,
):
    """Move the review's report to stage `to` on day `on` (ecm.jar.report.workflow). A council's
    request for a review is also checked on the day it reached the site (`received_on`, today
    from the pages), so that a date typed earlier cannot beat the deadline. Refused for
    a move the table does not allow, by the wrong person, from a stale page, before what the
    stage needs is done, or with a date out of order. Moving back, and publishing after a
    requested review, need a reason. A move already made (the form's token posted again, or
    the report at `to` already) is answered AlreadyDone with when and by whom (issue 20 §4)."""
    claim = once_claim(token=once, actor=actor, what="jar.report_stage_change")
    report = JarReport.objects.select_for_update().get(pk=report_of(review).pk)
    current, target = ReportStage(report.stage), ReportStage(to)
    already = stage_already(
        report,
        stage=target,
        verb="jar.report_stage_changed",
        what="the report",
        words=_stage_words,
        audit_target=review,
    )
    if already is not None:
        raise already
    refuse_if_stale(report, expected_lock_version, what="this report")
    move = stage_check(
        STAGES,
        current=current,
        target=target,
        what="the report",
        reason=reason,
        words=_stage_words,
    )
    backward = move.backward
    if backward or STAGES[target].by == Mover.TEAM:
        _require_lead(actor, review)
    else:
        _require_council(actor, review)
    # A request for a review, and publishing after one, say why as a move back does.
    needs_reason = ReportStage.REVIEW_REQUESTED in (target, current)
    if needs_reason and not reason.strip():
        raise ValidationError({"reason": NO_REASON})
    if not backward:
        _enter(review, report, target, on, current, received_on)
    stage_save(report, move=move, whole_row=True)  # with what entering the stage recorded
    review.save(update_fields=["draft_report_sent", "prepublication_sent"])
    stage_audit(
        report,
        move=move,
        actor=actor,
        verb="jar.report_stage_changed",
        reason=reason,
        after={"on": on.isoformat()},
        audit_target=review,
    )
    once_done(claim, done=stage_moved_text(what="the report", stage=_stage_words(target)))
    return report


@transaction.atomic
def comment_add(
    *,
    actor,
    review,
    about: str,
    comment: str,
    received_on: date | None = None,
    once: UUID | None = None,
):
    """The council's written comment on the draft report. A comment after the 10 working days
    is kept, and marked late for the team (001 appendix). Made once (issue 20 §4): the form's
    token posted again, or the same comment on the same part by the same person, is answered
    AlreadyDone; the report is locked, so two posts at once make one comment."""
    claim = once_claim(token=once, actor=actor, what="jar.report_comment_add")
    _require_council(actor, review)
    report = JarReport.objects.select_for_update().get(pk=report_of(review).pk)
    # 001's example holds the discussion a week after the draft, inside the 10 working days
    # for comments: the council comments until the pre-publication report.
    if report.stage not in COMMENTING:
        raise ValidationError(NOT_WITH_COUNCIL)
    errors = {}
    if not about.strip():
        errors["about"] = NO_ABOUT
    if not comment.strip():
        errors["comment"] = NO_COMMENT
    if errors:
        raise ValidationError(errors)
    same = _same_comment(report, actor=actor, about=about, comment=comment)
    if same is not None:
        made = audit_history(target=review).filter(
            verb="jar.report_comment_made", after__comment=same.pk
        )
        entry = made.first()
        raise AlreadyDone(
            done=COMMENT_ALREADY_MADE.format(about=same.about),
            at=entry.at if entry else timezone.now(),
            by=same.made_by,
            again=COMMENT_NOT_AGAIN,
        )
    made = ReportComment.objects.create(
        report=report,
        about=about.strip(),
        comment=comment.strip(),
        received_on=received_on or timezone.localdate(),
        made_by=actor,
    )
    audit_record(
        actor=actor,
        verb="jar.report_comment_made",
        target=review,
        after={"comment": made.pk, "about": made.about},
    )
    once_done(claim, done=COMMENT_ALREADY_MADE.format(about=made.about), result=made)
    return made


def _same(text: str) -> str:
    return " ".join(text.split()).casefold()


def _same_comment(report, *, actor, about: str, comment: str) -> ReportComment | None:
    """The same words on the same part of the report by the same person: the comment made
    twice (issue 20 §4)."""
    return next(
        (
            c
            for c in report.comments.filter(made_by=actor).select_related("made_by")
            if _same(c.about) == _same(about) and _same(c.comment) == _same(comment)
        ),
        None,
    )


def comment_is_late(comment, due: date | None = None) -> bool:
    """After the 10 working days for comments; `due` when the caller has the date already."""
    return comment.received_on > (due or _step(comment.report.review, "comments_due"))


SUMMARY, RECOMMENDATIONS = "summary", "recommendations"


@dataclass(frozen=True)
class ReportPart:
    """A part of the report an answer to a comment may change: its summary, its
    recommendations, or a judgement's text (what the grade rests on)."""

    code: str
    label: str
    text: str


def report_parts_to_change(review, report) -> list[ReportPart]:
    """The parts of the report as the council reads them (`report_parts`), by code."""
    return [
        ReportPart(SUMMARY, "Summary", report.summary),
        ReportPart(RECOMMENDATIONS, "Recommendations", report.recommendations),
        *(
            ReportPart(j.judgement.code, j.judgement.title, j.rationale)
            for j in review.judgements.select_related("judgement")
        ),
    ]


def _change_the_report(*, actor, review, report, comment, part: str, wording: str) -> None:
    """Apply an accepted comment's change to its part of the report, kept on the comment and
    audited with the words before and after."""
    parts = {p.code: p for p in report_parts_to_change(review, report)}
    errors = {}
    if part not in parts:
        errors["part"] = NO_PART
    if not wording.strip():
        errors["wording"] = NO_WORDING
    if errors:
        raise ValidationError(errors)
    chosen, wording = parts[part], wording.strip()
    if " ".join(wording.split()) == " ".join(chosen.text.split()):
        raise ValidationError({"wording": SAME_WORDING.format(part=chosen.label)})
    if part in (SUMMARY, RECOMMENDATIONS):
        setattr(report, part, wording)
        report.lock_version += 1
        report.save(update_fields=[part, "lock_version"])
    else:
        judgement = review.judgements.select_for_update().get(judgement__code=part)
        judgement.rationale = wording
        judgement.lock_version += 1
        judgement.save(update_fields=["rationale", "lock_version", "recorded_at"])
    comment.changed_part, comment.changed_from, comment.changed_to = part, chosen.text, wording
    audit_record(
        actor=actor,
        verb="jar.report_changed_by_comment",
        target=review,
        before={"part": part, "text": chosen.text},
        after={"part": part, "text": wording, "comment": comment.pk},
        reason=f"The council's comment on {comment.about}, accepted",
    )


@transaction.atomic
def comment_respond(
    *,
    actor,
    review,
    comment,
    accepted: bool,
    response: str,
    part: str = "",
    wording: str = "",
):
    """The team's answer to a comment: accepted (the report changes) or not, and why. An
    answer that the report changes says which part (`part`: "summary", "recommendations" or a
    judgement's code) and its new wording in full, and the report changes with it: the change
    is kept on the comment, shown with the answer, and audited with the words before and
    after. Refused when the wording is missing or the same as the report's."""
    _require_lead(actor, review)
    report = JarReport.objects.select_for_update().get(pk=comment.report_id)
    if report.stage not in COMMENTING:
        raise ValidationError(ANSWERS_CLOSED)
    if not response.strip():
        raise ValidationError({"response": NO_RESPONSE})
    _require_editable(report)
    comment = ReportComment.objects.get(pk=comment.pk)
    before = {"accepted": comment.accepted, "response": comment.response}
    comment.accepted = accepted
    comment.response = response.strip()
    comment.responded_by = actor
    if accepted:
        _change_the_report(
            actor=actor, review=review, report=report, comment=comment, part=part, wording=wording
        )
    else:
        comment.changed_part = comment.changed_from = comment.changed_to = ""
    comment.save()
    audit_record(
        actor=actor,
        verb="jar.report_comment_answered",
        target=review,
        before=before,
        after={"comment": comment.pk, "accepted": accepted, "part": comment.changed_part},
        reason=comment.response,
    )
    return comment


@transaction.atomic
def review_not_requested(*, actor, review, on: date | None = None):
    """The council says it will not request a review, so the report may be published before
    the 10 working days are out."""
    _require_council(actor, review)
    # Locked and saved by field, so that a publication or a review request made at the same
    # moment is never written back over.
    report = JarReport.objects.select_for_update().get(pk=report_of(review).pk)
    if report.stage != ReportStage.PREPUBLICATION:
        raise ValidationError(NOT_AT_PREPUBLICATION)
    if report.no_review_on:
        raise ValidationError(ALREADY_NO_REVIEW)
    report.no_review_on = on or timezone.localdate()
    report.lock_version += 1
    report.save(update_fields=["no_review_on", "lock_version"])
    audit_record(
        actor=actor,
        verb="jar.review_not_requested",
        target=review,
        after={"on": report.no_review_on.isoformat()},
    )
    return report
