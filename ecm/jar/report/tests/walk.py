"""The permission walk's entries for the JAR's report pages (tests/test_permission_walk.py)
and the council's pages for the grade-leakage walk (tests/grade_leakage_support.py)."""

from datetime import date

from ecm.framework.services import framework_load_bundled
from ecm.jar.report.models import JarReport, ReportComment

# Council A's review is published in the walk's world, with a comment and an action plan open;
# "hmi" leads it. Pages that need an earlier stage than the walk's world is at answer those who
# would use them with when the report moved on (issue 20 §3: tests/test_stale_pages.py) and are
# tested at their own stage in test_pages.
_READ = ("admin", "reader", "moderator", "hmi", "lo_own", "dcs_own")
_TEAM = ("admin", "hmi")
_COUNCIL = ("lo_own", "dcs_own")


def _only(names) -> dict[str, int]:
    return {name: 200 for name in names}


ACCESS: dict = {
    "jar:judgements": _only(_READ),
    "jar:evidence-add": _only(_TEAM),
    # Judgements no longer change once published: the page answers but refuses the save.
    "jar:judgement": _only(_TEAM),
    "jar:report": _only(_READ),
    # Issue 24 §2: the report as PDF and Word, to whoever may read its page.
    "jar:report-document": _only(_READ),
    "jar:report-edit": _only(_TEAM),
    # A published report moves nowhere: its team is told when it was published.
    "jar:report-stage": _only(_TEAM),
    # The council comments while the draft is with it, says "no review" at pre-publication
    # (test_pages); once published, it is told when the report moved on.
    "jar:report-comment": _only(_COUNCIL),
    "jar:report-answer": _only(_TEAM),
    "jar:report-no-review": _only(_COUNCIL),
    "jar:action-plan": _only(_READ),
    "jar:follow-up": _only(("admin",)),
}


def world(reviews, users) -> dict:
    framework_load_bundled()
    comments = []
    for review in reviews:
        report = JarReport.objects.create(
            review=review,
            stage="published",
            published_on=date(2008, 1, 29),
            recommendations="Improve the timeliness of assessments",
        )
        comments.append(
            ReportComment.objects.create(
                report=report,
                about="Paragraph 4",
                comment="c",
                received_on=date(2007, 12, 3),
                made_by=users["lo_own"],
            ).pk
        )
    pks = (reviews[0].pk, reviews[1].pk)
    return {
        "jar:judgement": {"pk": pks, "code": ("safeguarding", "safeguarding")},
        "jar:report-answer": {"pk": pks, "comment_pk": tuple(comments)},
        "jar:report-document": {"pk": pks, "fmt": ("docx", "docx")},
    }


def council_pages(review) -> dict[str, list[dict]]:
    """The draft report with the council (it reads the report from then on, without grades).
    The action plan opens only once the report is published, when the JAR's grades are public:
    it is exempted in tests/test_grade_leakage.py."""
    JarReport.objects.get_or_create(
        review=review,
        defaults={
            "stage": "draft_sent",
            "recommendations": "Improve the timeliness of assessments",
        },
    )
    pages = ("jar:judgements", "jar:report")
    return {name: [{"pk": review.pk}] for name in pages} | {
        "jar:report-document": [{"pk": review.pk, "fmt": fmt} for fmt in ("pdf", "docx")]
    }
