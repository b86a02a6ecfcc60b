"""The permission walk's entries for the full inspection's pages (tests/test_permission_walk.py)
and the council's pages for the grade-leakage walk (tests/grade_leakage_support.py)."""

from datetime import date

from ecm.accounts.roles import Role
from ecm.accounts.tests.factories import UserFactory
from ecm.caa.safeguarding.demo import judged
from ecm.caa.safeguarding.models import FullInspection

# The walk's personas (tests/test_permission_walk.py), named here rather than imported: that
# module imports this one while it is being built.
INSPECTORATE = frozenset({"admin", "hmi", "brm", "hmi_other", "reader", "moderator", "panel"})
OWN_COUNCIL = frozenset({"lo_own", "dcs_own"})
# Issue 10 §4: any inspector (HMI or BRM; seen from another council a BRM is "hmi_other") or
# the programme administrator notifies.
NOTIFIERS = frozenset({"admin", "hmi", "brm", "hmi_other"})
# Council A's inspection has the HMI as its lead and the BRM on its team; council B's has
# another lead and no team, so the HMI and the BRM are strangers to it (as "hmi_other" is).
TEAM = frozenset({"hmi", "brm"})
PUBLISHERS = frozenset({"hmi", "admin"})  # the lead inspector, the programme administrator
NOTIFIED_ON, FIRST_DAY, LAST_DAY = date(2009, 9, 14), date(2009, 9, 28), date(2009, 10, 2)


def only(*groups) -> dict[str, int]:
    return {p: 200 for p in frozenset().union(*groups)}


# The walk's inspections are judged but not published: the council's own people read the
# notification and the documents requested, never the judgements or the report.
ACCESS: dict = {
    "caa:safeguarding-programme": only(INSPECTORATE),
    "caa:safeguarding-notify": only(NOTIFIERS),
    "caa:safeguarding-inspection": only(INSPECTORATE, OWN_COUNCIL),
    "caa:safeguarding-visit": only(TEAM),
    "caa:safeguarding-judgements": only(TEAM),
    "caa:safeguarding-evidence-add": only(TEAM),
    "caa:safeguarding-recommendation-add": only(TEAM),
    "caa:safeguarding-publish": only(PUBLISHERS),
    "caa:safeguarding-report": only(INSPECTORATE),
    "caa:safeguarding-report-document": only(INSPECTORATE),  # as the report's page
}


def _judged(council, lead, team=()):
    """The council's full inspection, judged (overall effectiveness adequate in both sections,
    ecm/caa/safeguarding/demo.py) with its recommendations, its report not published."""
    found = FullInspection.objects.filter(council=council).first()
    if found is not None:
        return found
    return judged(
        council=council,
        lead=lead,
        team=team,
        days=(NOTIFIED_ON, FIRST_DAY, LAST_DAY),
        documents=["cypp", "case_files", "jsna"],
        documents_due_on=NOTIFIED_ON,
    )


def world(councils, users) -> dict:
    """URL kwargs for the walk: {url name or prefix: {kwarg: (own council's, other's)}}.
    councils[0] is council A (users "lo_own"/"dcs_own" work for it), councils[1] council B."""
    a = _judged(councils[0], users["hmi"], [users["brm"]])
    b = _judged(councils[1], UserFactory(roles=[Role.HMI]))
    found = {"la_number": (councils[0].la_number, councils[1].la_number), "pk": (a.pk, b.pk)}
    return {
        "caa:safeguarding-report-document": {**found, "fmt": ("docx", "docx")},
        "caa:safeguarding": {**found, "section": ("lac", "lac")},
    }


def council_pages(council) -> dict[str, list[dict]]:
    """The council's pages of this part for the grade-leakage walk: {url name: [kwargs]}. The
    council's inspection is judged (its looked after children's staying safe and the other
    outcomes graded) but the report is not published: the inspection page shows the
    notification and the documents requested, no grade. The report's page and its documents
    answer the council 404 until published, so they are not walked here."""
    inspection = _judged(council, UserFactory(roles=[Role.HMI]))
    return {"caa:safeguarding-inspection": [{"la_number": council.la_number, "pk": inspection.pk}]}
