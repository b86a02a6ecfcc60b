"""Each council's facts for many assessments at once, in a fixed number of queries (issue 8):
what the pure rules of milestones.py and due.py read."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Max
from django.utils import timezone

from ecm.apa.models import (
    Assessment,
    AssessmentRound,
    CyppReview,
    Meeting,
    ModerationForm,
    ModerationOutcome,
    ModerationSelection,
    SingleConversation,
)
from ecm.letters.models import Letter, LetterSending, ReaderAnswer, SendingKind
from ecm.programme.milestones import AssessmentFacts, Milestone, RoundDates, milestones
from ecm.programme.models import AgreedDate, CouncilPlan
from ecm.self_assessment.models import Version


def round_dates(assessment_round: AssessmentRound) -> RoundDates:
    return RoundDates(
        **{field: getattr(assessment_round, field) for field in RoundDates.__dataclass_fields__}
    )


def _local(moment) -> date | None:
    return timezone.localtime(moment).date() if moment else None


def facts_for(assessments: list[Assessment]) -> dict[int, AssessmentFacts]:
    """{assessment id: its facts}, in a fixed number of queries however many assessments.
    Each assessment must come with its round (select_related)."""
    ids = [a.pk for a in assessments]
    plans = {
        p.assessment_id: p
        for p in CouncilPlan.objects.filter(assessment_id__in=ids).select_related("block")
    }
    meetings = {m.assessment_id: m for m in Meeting.objects.filter(assessment_id__in=ids)}
    # The 2007 cycle (issue 23 §1): the single conversation stands where the meeting stood and
    # the CYPP review where the self-assessment stood, so every rule that reads them follows.
    conversations = {
        c.assessment_id: c for c in SingleConversation.objects.filter(assessment_id__in=ids)
    }
    cypp_reviews = dict(
        CyppReview.objects.filter(assessment_id__in=ids, submitted_at__isnull=False).values_list(
            "assessment_id", "submitted_at"
        )
    )
    submitted = dict(
        Version.objects.filter(self_assessment__assessment_id__in=ids, submitted_at__isnull=False)
        .values_list("self_assessment__assessment_id")
        .annotate(first=Max("submitted_at"))
    )
    selections = {
        s.assessment_id: s
        for s in ModerationSelection.objects.filter(
            assessment_id__in=ids, selected=True
        ).select_related("group__day")
    }
    forms = dict(
        ModerationForm.objects.filter(
            assessment_id__in=ids, submitted_at__isnull=False
        ).values_list("assessment_id", "submitted_at")
    )
    outcomes = dict(
        ModerationOutcome.objects.filter(assessment_id__in=ids).values_list(
            "assessment_id", "recorded_at"
        )
    )
    letters = {x.assessment_id: x for x in Letter.objects.filter(assessment_id__in=ids)}
    sendings: dict[tuple[int, str], object] = {}
    for s in LetterSending.objects.filter(letter__assessment_id__in=ids).order_by("sent_at", "pk"):
        sendings[(s.letter_id, s.kind)] = s  # the latest of each kind
    answered: dict[int, set[int]] = defaultdict(set)
    for answer in ReaderAnswer.objects.filter(letter__assessment_id__in=ids).values(
        "letter_id", "signed_by_id", "signed_at"
    ):
        sent = sendings.get((answer["letter_id"], SendingKind.READERS))
        if sent is not None and answer["signed_at"] >= sent.sent_at:
            answered[answer["letter_id"]].add(answer["signed_by_id"])
    agreed: dict[int, dict[str, date]] = defaultdict(dict)
    for row in AgreedDate.objects.filter(assessment_id__in=ids).values(
        "assessment_id", "milestone", "day"
    ):
        agreed[row["assessment_id"]][row["milestone"]] = row["day"]

    dates_of_round: dict[int, RoundDates] = {}
    found = {}
    for a in assessments:
        if a.round_id not in dates_of_round:
            dates_of_round[a.round_id] = round_dates(a.round)
        plan = plans.get(a.pk)
        block = plan.block if plan else None
        single = a.round.the_cycle.has_single_conversation
        meeting = conversations.get(a.pk) if single else meetings.get(a.pk)
        submitted_on = cypp_reviews.get(a.pk) if single else submitted.get(a.pk)
        selection = selections.get(a.pk)
        day = selection.group.day if selection and selection.group_id else None
        letter = letters.get(a.pk)
        to_council = sendings.get((letter.pk, SendingKind.COUNCIL)) if letter else None
        published = sendings.get((letter.pk, SendingKind.PUBLICATION)) if letter else None
        found[a.pk] = AssessmentFacts(
            round=dates_of_round[a.round_id],
            status=a.status,
            block_number=block.number if block else None,
            block_analysis_starts=block.analysis_starts if block else None,
            block_analysis_ends=block.analysis_ends if block else None,
            planned_meeting=plan.meeting_on if plan else None,
            meeting_date=meeting.date if meeting else None,
            meeting_agreed=bool(meeting and meeting.date_agreed_at),
            meeting_held=meeting.held_on if meeting else None,
            self_assessment_submitted=_local(submitted_on),
            moderation_selected=selection is not None,
            moderation_day=day.date if day else None,
            moderation_form_submitted=_local(forms.get(a.pk)),
            moderation_outcome=_local(outcomes.get(a.pk)),
            letter_stage=letter.stage if letter else None,
            sent_to_council=_local(to_council.sent_at) if to_council else None,
            council_deadline=to_council.deadline if to_council else None,
            published=_local(published.sent_at) if published else None,
            agreed=dict(agreed.get(a.pk, {})),
            readers_answered=frozenset(answered.get(letter.pk, ())) if letter else frozenset(),
        )
    return found


def milestones_of(*, assessment: Assessment) -> list[Milestone]:
    f = facts_for([assessment])[assessment.pk]
    return milestones(f)
