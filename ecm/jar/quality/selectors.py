"""Reads of a review's complaints and quality assurance (issue 24 §2)."""

from django.conf import settings

from ecm.audit.selectors import audit_history
from ecm.jar.quality.checks import QUALITY_CHECKS
from ecm.jar.quality.models import Complaint
from ecm.jar.quality.workflow import OPEN, STATUSES, ComplaintStatus
from ecm.workdays.calendar import Deadline, add_working_days


def complaint_deadlines(complaint) -> list[Deadline]:
    """When an open complaint is to be acknowledged and answered: our settings, as 003 gives
    no timescales."""
    acknowledge = settings.JAR_COMPLAINT_ACKNOWLEDGE_WORKING_DAYS
    respond = settings.JAR_COMPLAINT_RESPONSE_WORKING_DAYS
    return [
        Deadline(
            add_working_days(complaint.received_on, acknowledge),
            f"acknowledged within {acknowledge} working days of its receipt",
            "our setting: the overview of the inspection framework gives no timescale",
        ),
        Deadline(
            add_working_days(complaint.received_on, respond),
            f"answered within {respond} working days of its receipt",
            "our setting: the overview of the inspection framework gives no timescale",
        ),
    ]


def complaint_moves(complaint) -> list[ComplaintStatus]:
    rule = STATUSES[ComplaintStatus(complaint.status)]
    return [*rule.forward, *rule.back]


def complaint_history(complaint):
    """The complaint's moves, from the audit trail (who, when, from and to, why)."""
    return list(audit_history(target=complaint).order_by("at", "pk"))


def quality_rows(record) -> list[tuple[str, str]]:
    """Each check's question with the reader's answer in words."""
    words = {"met": "Met", "not_met": "Not met"}
    return [
        (c.question, words.get(record.checks.get(c.code), "Not answered")) for c in QUALITY_CHECKS
    ]


def review_panel(*, review, user) -> dict:
    """The review page's panel: complaints (counts for those who may read them) and the
    quality assurance records."""
    may_complaints = user.has_perm("jar.complaints_read", review)
    complaints = list(Complaint.objects.filter(review=review)) if may_complaints else []
    return {
        "may_complaints": may_complaints,
        "may_complain": user.has_perm("jar.complaint_make", review),
        "complaints": complaints,
        "open": sum(1 for c in complaints if c.status in OPEN),
        "may_quality": user.has_perm("jar.quality_read", review),
        "may_assure": user.has_perm("jar.quality_assure", review),
        "assurances": list(review.quality_assurances.select_related("reader"))
        if user.has_perm("jar.quality_read", review)
        else [],
    }
