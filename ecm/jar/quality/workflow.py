"""A complaint's statuses as data (issue 24 §2; 003: "procedures for handling complaints about
the inspection"). 003 names the procedure only; the steps are the project's: received, then
acknowledged, then investigated, then decided as upheld, partly upheld or not upheld, with the
response. Only `ecm.jar.quality.services.complaint_move` moves a complaint, reading this table."""

from dataclasses import dataclass

from django.db import models


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    INVESTIGATED = "investigated", "Investigated"
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


C = ComplaintStatus
# The decisions: each carries the response the council is sent.
OUTCOMES = (C.UPHELD, C.PARTLY_UPHELD, C.NOT_UPHELD)


@dataclass(frozen=True)
class StatusRule:
    status: ComplaintStatus
    forward: tuple[ComplaintStatus, ...] = ()
    back: tuple[ComplaintStatus, ...] = ()


STATUSES: dict[ComplaintStatus, StatusRule] = {
    rule.status: rule
    for rule in [
        StatusRule(C.RECEIVED, forward=(C.ACKNOWLEDGED,)),
        StatusRule(C.ACKNOWLEDGED, forward=(C.INVESTIGATED,)),
        StatusRule(C.INVESTIGATED, forward=OUTCOMES, back=(C.ACKNOWLEDGED,)),
        *(StatusRule(outcome) for outcome in OUTCOMES),
    ]
}
OPEN = frozenset(s for s, rule in STATUSES.items() if rule.forward)
