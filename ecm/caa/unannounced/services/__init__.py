"""Writes of the CAA's unannounced inspections of contact, referral and assessment arrangements
(issue 10 §3; 004 "Annual, unannounced inspection of local authority contact, assessment and
referral centres"; DOMAIN.md §5): the visit and the nine aspects' evaluations (visit.py), the
outcome and the letter, and sending it (letter.py); their messages in messages.py. Every
change is audited with who, when and why; a page saved from a stale copy is refused; a sent
letter no longer changes."""

from ecm.caa.unannounced.services.letter import (
    LETTER_FIELDS,
    RECIPIENT_FIELDS,
    letter_missing,
    unannounced_letter_save,
    unannounced_letter_send,
)
from ecm.caa.unannounced.services.messages import *  # noqa: F403  (the messages, for pages and tests)
from ecm.caa.unannounced.services.visit import (
    VISIT_FIELDS,
    centre_names,
    unannounced_aspects_save,
    unannounced_save,
)

__all__ = [
    "LETTER_FIELDS",
    "RECIPIENT_FIELDS",
    "VISIT_FIELDS",
    "centre_names",
    "letter_missing",
    "unannounced_aspects_save",
    "unannounced_letter_save",
    "unannounced_letter_send",
    "unannounced_save",
]
