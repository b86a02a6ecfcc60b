"""Reads of the CAA's unannounced part (issue 10)."""


def council_panel(*, council, user) -> dict:
    """What this part shows on the council's 2009 page (caa/unannounced/_on_council.html gets it as
    `panel`, beside `council`, the request's `user` and `perms`)."""
    return {}
