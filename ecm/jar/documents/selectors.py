"""Reads of this part of the JAR (issue 9)."""


def review_panel(*, review, user) -> dict:
    """What this part shows on the review's page (jar/<part>/_on_review.html gets it as
    `panel`, beside `review` and the request's `user` and `perms`)."""
    return {}
