"""Reads of the CAA's profile part (issue 10)."""


def council_panel(*, council, user) -> dict:
    """What this part shows on the council's 2009 page (caa/profile/_on_council.html gets it as
    `panel`, beside `council`, the request's `user` and `perms`)."""
    return {}


def profile_for_rating(*, council, year: int) -> dict | None:
    """For the annual rating (ecm.caa.rating): the council's latest quarterly profile of the
    rating's year as {"quarter": "2009-Q2", "url": its page, "by_outcome": {outcome code:
    {"better": n, "similar": n, "worse": n, "no_data": n}}} against England, or None."""
    return None
