"""The permission walk's entries for the JAR's voluntary pages (tests/test_permission_walk.py)
and the council's pages for the grade-leakage walk (tests/grade_leakage_support.py).

Issue 9 §4 quality bar: every new URL is walked, including the respondent's page, which anyone
(signed in or not) opens with its private link and which shows only its own questionnaire."""

from datetime import date

from ecm.jar.voluntary.models import PartnerQuestionnaire, VoluntaryPartner
from ecm.jar.voluntary.services import token_hash

ANON = "anon"
SIGNED_IN = ("admin", "hmi", "brm", "hmi_other", "reader", "moderator", "panel")
SIGNED_IN += ("lo_own", "dcs_own", "lo_other")
ACROSS_COUNCILS = ("admin", "reader", "moderator")
OWN_COUNCIL = ("lo_own", "dcs_own")
POST_ONLY = "post-only"


def _only(*names) -> dict[str, int]:
    return {n: 200 for n in names}


# URL name -> who may open it, in tests/test_permission_walk.py's terms. Council A's review has
# "hmi" as its lead inspector. The list is read across councils, by the team and by the
# council's own people, and kept by the council's own people; the lead (or the administrator)
# sends the questionnaire; the answers are the inspectorate's alone; the respondent's page is
# opened by its link, by anyone who has it, without signing in.
ACCESS: dict = {
    "jar:partners": _only(*ACROSS_COUNCILS, "hmi", *OWN_COUNCIL),
    "jar:partner-add": _only(*OWN_COUNCIL),
    "jar:partner-change": _only(*OWN_COUNCIL),
    "jar:partner-move": POST_ONLY,
    "jar:partners-upload": _only(*OWN_COUNCIL),
    "jar:questionnaire-send": _only("admin", "hmi"),
    "jar:questionnaire-summary": _only(*ACROSS_COUNCILS, "hmi"),
    "jar:questionnaire-revoke": POST_ONLY,
    "jar:respond": {ANON: 200, **_only(*SIGNED_IN)},
}

WALK_TOKENS = ("walk-token-of-council-a-partner", "walk-token-of-council-b-partner")


def _partner_with_questionnaire(review, token: str):
    partner, _ = VoluntaryPartner.objects.get_or_create(
        review=review,
        rank=1,
        defaults={"name": "Riverside Young Carers", "services": "Respite", "nature": "contract"},
    )
    questionnaire, _ = PartnerQuestionnaire.objects.get_or_create(
        partner=partner,
        defaults={"version": "2007", "token_hash": token_hash(token), "sent_on": date(2007, 5, 1)},
    )
    return partner, questionnaire


def world(reviews, users) -> dict:
    """URL kwargs for the walk: {url name or prefix: {kwarg: (own council's, other's)}}.
    reviews[0] is council A's review (users["hmi"] leads it), reviews[1] council B's. Each has
    a partner sent the questionnaire; the tokens are the walk's own (only their hashes are
    stored), so the respondent's page is walked with council A's link and council B's."""
    made = [_partner_with_questionnaire(r, t) for r, t in zip(reviews, WALK_TOKENS, strict=True)]
    (partner_a, q_a), (partner_b, q_b) = made
    pks = (reviews[0].pk, reviews[1].pk)
    return {
        "jar:partner-change": {"pk": pks, "partner_pk": (partner_a.pk, partner_b.pk)},
        "jar:partner-move": {"pk": pks, "partner_pk": (partner_a.pk, partner_b.pk)},
        "jar:questionnaire-revoke": {"pk": pks, "questionnaire_pk": (q_a.pk, q_b.pk)},
        "jar:respond": {"token": WALK_TOKENS},
    }


def council_pages(review) -> dict[str, list[dict]]:
    """The council's pages of this part for the grade-leakage walk: {url name: [kwargs]}."""
    partner, _ = _partner_with_questionnaire(review, f"leakage-walk-token-{review.pk}")
    return {
        "jar:partners": [{"pk": review.pk}],
        "jar:partner-add": [{"pk": review.pk}],
        "jar:partner-change": [{"pk": review.pk, "partner_pk": partner.pk}],
        "jar:partners-upload": [{"pk": review.pk}],
        "jar:respond": [{"token": f"leakage-walk-token-{review.pk}"}],
    }
