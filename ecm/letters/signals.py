"""Signals the apps above letters answer, so that letters never imports them."""

from django.dispatch import Signal

# Asked for the rating changes made after the final letter (002 §J: a representation may change
# a published rating). kwargs: `assessment` or `assessment_round`. Each receiver answers a list
# of changes, each with `pk`, `assessment_id`, `judgement_urn`, `grade_before`, `grade_after`
# and `recorded_at`; `ecm.representations` answers with its RatingChange rows.
rating_changes = Signal()
