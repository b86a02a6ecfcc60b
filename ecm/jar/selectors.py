"""Reads of the Joint Area Review (issue 9)."""

from ecm.jar.timeline import ReviewDates, Step, timeline


def review_timeline(review) -> list[Step]:
    """The review's steps with their dates and rules, from the dates the programme set."""
    return timeline(
        ReviewDates(
            notified_on=review.notified_on,
            setup_meeting=review.setup_meeting,
            analysis_starts=review.analysis_starts,
            fieldwork_starts=review.fieldwork_starts,
            self_assessment_due=review.self_assessment_due,
            draft_report_sent=review.draft_report_sent,
            prepublication_sent=review.prepublication_sent,
        )
    )


def step_of(review, code: str) -> Step:
    return next(s for s in review_timeline(review) if s.code == code)
