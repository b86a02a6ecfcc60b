"""Reads of the CAA's unannounced part (issue 10)."""

from datetime import date


def council_panel(*, council, user) -> dict:
    """What this part shows on the council's 2009 page (caa/unannounced/_on_council.html gets it as
    `panel`, beside `council`, the request's `user` and `perms`)."""
    return {}


def outcome_for_rating(*, council, year: int) -> dict | None:
    """For the annual rating's limiting rule (ecm.caa.rating): the outcome of the council's
    latest unannounced inspection whose letter was sent in the rating's year, as
    {"outcome": "no_concerns" | "some_concerns" | "serious_concerns", "letter_on": date,
    "url": the inspection's page}, or None when there was none."""
    return None


def serious_concerns_after(*, council, after: date | None) -> dict | None:
    """For the safeguarding programme's schedule (ecm.caa.safeguarding; 004 "If serious
    concerns are raised ... the full three-yearly inspection of safeguarding will be brought
    forward"): the earliest unannounced inspection of the council whose letter raising serious
    concerns was sent after `after` (any, when None), as {"letter_on": date, "url": the
    inspection's page}, or None."""
    return None
