"""Predicates the 2009 parts share (issue 10)."""

import rules


@rules.predicate
def of_own_council(user, obj) -> bool:
    """`obj` (an inspection, a rating) is about the council the user works for."""
    return bool(
        obj is not None
        and user.is_authenticated
        and user.council_id
        and user.council_id == obj.council_id
    )
