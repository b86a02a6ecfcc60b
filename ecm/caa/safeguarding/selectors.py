"""Reads of the CAA's safeguarding part (issue 10)."""


def council_panel(*, council, user) -> dict:
    """What this part shows on the council's 2009 page (caa/safeguarding/_on_council.html gets it as
    `panel`, beside `council`, the request's `user` and `perms`)."""
    return {}


def findings_for_rating(*, council, year: int) -> list[dict]:
    """For the annual rating's limiting rule (ecm.caa.rating): the council's published full
    inspections of safeguarding and looked after children up to the end of the rating's year,
    latest first, each as {"published_on": date, "safeguarding_overall": 1-4 | None,
    "lac_overall": 1-4 | None, "url": the inspection's page} (4 outstanding ... 1 inadequate)."""
    return []
