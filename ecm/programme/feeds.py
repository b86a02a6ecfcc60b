"""What each calendar feed holds (issue 8 §5): a person's feed has the dates of every council
they have a part in and their own tasks; a round's feed the round's key dates and each
council's meeting, moderation day and letter dates. A council's people never see whether their
council is moderated (moderation is the inspectorate's), so those dates are left out of theirs."""

from __future__ import annotations

from django.utils import timezone

from ecm.apa.key_dates import KEY_DATE_FIELDS, key_date_titles
from ecm.apa.models import Assessment
from ecm.core.citations import cited
from ecm.core.due import due_entries
from ecm.jar.timeline import review_timeline
from ecm.programme import selectors
from ecm.programme.ics import CalendarEvent, calendar_bytes
from ecm.programme.milestones import milestones
from ecm.programme.selectors.reviews import reviews_with_parts

UID = "{kind}-{key}@ecm-assess"
MODERATION = frozenset({"moderation_form", "moderation"})
ROUND_FEED_CODES = ("meeting", "moderation", "draft_to_council", "factual_accuracy")
ROUND_DATES = (
    ("self_assessment_due", "Self-assessments due"),
    ("analysis_starts", "Analysis starts"),
    ("analysis_ends", "Analysis ends"),
    ("meeting_by", "APA meetings held by"),
    ("final_letter_by", "Final letters by"),
    ("representation_intention_by", "Intentions to make a representation by"),
    ("representation_submission_by", "Representations submitted by"),
    ("representation_outcomes_by", "Outcomes of representations by"),
)


def _event_for(assessment, milestone, site: str) -> CalendarEvent:
    done = " (done)" if milestone.done else ""
    return CalendarEvent(
        uid=UID.format(kind=f"a{assessment.pk}", key=milestone.code),
        day=milestone.date,
        summary=f"{assessment.council.name}: {milestone.title}{done}",
        description=f"{milestone.deadline.rule} ({milestone.deadline.source})",
        url=f"{site}/assessments/{assessment.pk}/",
    )


def person_events(user, site: str) -> list[CalendarEvent]:
    today = timezone.localdate()
    events = []
    assessments = selectors.open_assessments(user)
    facts = selectors.facts_for(assessments)  # read once, for the dates and for the tasks
    for a in assessments:
        for m in milestones(facts[a.pk]):
            if user.council_id and m.code in MODERATION:
                continue
            events.append(_event_for(a, m, site))
    events += _review_events(user, site)
    events += _caa_events(user, site, today)
    for item in selectors.due_for(user=user, today=today, known=(assessments, facts)):
        events.append(
            CalendarEvent(
                uid=UID.format(kind="task", key=f"{item.task}-{item.subject_key}"),
                day=item.due_on,
                summary=f"To do: {item.title} ({item.council})",
                description=f"{item.deadline.rule} ({item.deadline.source})",
                url=f"{site}{item.url}",
            )
        )
    return events


def _review_events(user, site: str) -> list[CalendarEvent]:
    """Every step of the person's open joint area reviews (001 appendix; issue 9)."""
    return [
        CalendarEvent(
            uid=UID.format(kind=f"j{review.pk}", key=step.code),
            day=step.deadline.date,
            summary=f"{review.council.name} joint area review: {step.title}",
            description=f"{cited(step.deadline.rule)} ({cited(step.deadline.source)})",
            url=f"{site}/jar/{review.pk}/",
        )
        for review, _parts in reviews_with_parts(user)
        for step in review_timeline(review)
    ]


def _caa_events(user, site: str, today) -> list[CalendarEvent]:
    """The person's 2009 dates (issue 24 §3; 004), as ecm.caa answers through ecm.core.due: a
    council's own only, never an unannounced inspection's for the council, and no grade. An
    event of several days is one all-day event on its first day, its days in the title."""
    return [
        CalendarEvent(
            uid=UID.format(kind="date", key=f"{entry.code}-{entry.subject_key.replace(':', '-')}"),
            day=entry.deadline.date,
            summary=f"{entry.council}: {entry.title}" if entry.council else entry.title,
            description=f"{cited(entry.deadline.rule)} ({cited(entry.deadline.source)})",
            url=f"{site}{entry.url}",
        )
        for entry in due_entries(user=user, today=today)
    ]


def _round_dates(assessment_round) -> list[tuple[str, str]]:
    """The round's key dates as its cycle names them (issue 23 §1); the handbook's as before."""
    if not assessment_round.the_cycle.milestone_titles:
        return list(ROUND_DATES)
    titles = key_date_titles(assessment_round.cycle)
    return [
        (field, titles[field])
        for field in KEY_DATE_FIELDS
        if getattr(assessment_round, field) is not None
    ]


def round_events(assessment_round, site: str) -> list[CalendarEvent]:
    events = [
        CalendarEvent(
            uid=UID.format(kind=f"r{assessment_round.pk}", key=field),
            day=getattr(assessment_round, field),
            summary=f"{assessment_round.title}: {title}",
            description=f"The round's key date ({field.replace('_', ' ')})",
            url=f"{site}/rounds/{assessment_round.pk}/",
        )
        for field, title in _round_dates(assessment_round)
    ]
    assessments = list(
        Assessment.objects.filter(round=assessment_round).select_related("round", "council")
    )
    facts = selectors.facts_for(assessments)
    for a in assessments:
        for m in milestones(facts[a.pk]):
            if m.code in ROUND_FEED_CODES:
                events.append(_event_for(a, m, site))
    return events


def feed_calendar(*, feed, site: str) -> bytes:
    if feed.round_id:
        events = round_events(feed.round, site)
        name = f"ECM Assess: {feed.round.title}"
    else:
        events = person_events(feed.owner, site)
        name = f"ECM Assess: {feed.owner.get_full_name() or feed.owner.email}"
    return calendar_bytes(name=name, events=events)
