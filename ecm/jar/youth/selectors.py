"""Reads of the enhanced youth inspection (issue 9 §5; 001 "Enhanced Youth Inspection")."""

from ecm.jar.documents.checklist import checklist_youth
from ecm.jar.documents.selectors import document_rows, split_rows
from ecm.jar.youth.models import (
    AREAS,
    FEWEST_OBSERVATIONS,
    GRADE_LABELS,
    MOST_OBSERVATIONS,
    OUTCOMES,
    YouthReport,
    YouthSelfAssessment,
)


def may_see_inspectors_grades(user, review) -> bool:
    """Whether the inspectors' grades (observations, youth report) may be shown to `user`:
    always to the inspectorate; to the council only once the review's report is published
    (002 §A's rule, as the JAR applies it)."""
    return user.has_perm("jar.youth_see_grades", review)


def self_assessment_of(review) -> YouthSelfAssessment | None:
    return YouthSelfAssessment.objects.filter(review=review).first()


def report_of(review) -> YouthReport | None:
    return YouthReport.objects.filter(review=review).first()


def graded_rows(record, with_text: str = "") -> list[dict]:
    """The three areas of a record with its grade (number and the scale's words) and, when
    `with_text` names a suffix ("commentary", "notes"), its text."""
    rows = []
    for code, label, hint in AREAS:
        grade = getattr(record, f"{code}_grade", None) if record else None
        rows.append(
            {
                "code": code,
                "label": label,
                "hint": hint,
                "grade": grade,
                "grade_label": GRADE_LABELS.get(grade, ""),
                "text": getattr(record, f"{code}_{with_text}", "") if with_text and record else "",
            }
        )
    return rows


def outcome_rows(sa) -> list[dict]:
    """The five outcomes of a self-assessment, each with the council's grade (number and the
    scale's words) and its commentary (001: "an evaluative commentary on contributions to the
    five outcomes and grading performance for each area")."""
    rows = []
    for code, label in OUTCOMES:
        grade = getattr(sa, f"{code}_grade", None) if sa else None
        rows.append(
            {
                "code": code,
                "label": label,
                "grade": grade,
                "grade_label": GRADE_LABELS.get(grade, ""),
                "text": getattr(sa, code, "") if sa else "",
            }
        )
    return rows


def review_panel(*, review, user) -> dict:
    """What this part shows on the review's page (jar/<part>/_on_review.html gets it as
    `panel`, beside `review` and the request's `user` and `perms`): where the self-assessment,
    the activity list, the observations (of a block of 16 to 20) and the youth report are."""
    if not user.has_perm("jar.youth_read", review):
        return {}
    sa = self_assessment_of(review)
    report = report_of(review)
    return {
        "visible": True,
        "submitted_at": sa.submitted_at if sa else None,
        "activities": review.youth_activities.count(),
        "observations": review.youth_observations.count(),
        "fewest": FEWEST_OBSERVATIONS,
        "most": MOST_OBSERVATIONS,
        "finalised_at": report.finalised_at if report else None,
        "may_write_council": user.has_perm("jar.youth_council_write", review),
        "may_observe": user.has_perm("jar.youth_observe", review),
    }


def youth_documents(review, user) -> dict:
    """The youth service's documents on the review's checklist (001 "Enhanced Youth
    Inspection": "the youth service plan; the service curriculum plan; staff development and
    performance management arrangements"), each with its state, for whoever may read the
    checklist; before the checklist is first opened, the list the council will be asked for."""
    if not user.has_perm("jar.read_documents", review):
        return {}
    _, rows = split_rows(document_rows(review=review))
    return {
        "rows": rows,
        "titles": [d.title for d in checklist_youth().documents] if not rows else [],
        "may_supply": user.has_perm("jar.supply_documents", review),
    }
