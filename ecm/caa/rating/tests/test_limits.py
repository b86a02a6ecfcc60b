"""The annual rating's limiting rule (issue 10 §2; 004 "Annual Rating of Children's Services":
"Where performance in a key area, e.g. Staying Safe or Enjoying and Achieving is inadequate,
this will limit the overall grade given"; DOMAIN.md §7: "a council's rating could be limited
(for example to adequate) by findings of an unannounced or safeguarding inspection")."""

from datetime import date
from pathlib import Path

from ecm.caa.rating.limits import OUTCOMES, applied_limits, highest_allowed, rules_for

SEED = Path(__file__).resolve().parents[4].parent / "shared" / "seeds"
GOOD = {code: 3 for code, _ in OUTCOMES}
RULES = rules_for(2009)


def _limits(grades=None, unannounced=None, safeguarding=()):
    return applied_limits(
        RULES,
        outcome_grades=grades or GOOD,
        unannounced=unannounced,
        safeguarding=list(safeguarding),
    )


def test_no_limit_when_nothing_is_inadequate_004():
    assert _limits() == [] and highest_allowed(_limits()) == 4


def test_an_inadequate_key_area_limits_the_rating_to_adequate_004():
    for area in ("staying_safe", "enjoying_achieving"):
        found = _limits({**GOOD, area: 1})
        assert [f.rule.code for f in found] == ["key_area_inadequate"]
        assert highest_allowed(found) == 2
        assert "inadequate" in found[0].why


def test_an_inadequate_outcome_that_is_not_a_key_area_does_not_limit_004():
    assert _limits({**GOOD, "being_healthy": 1}) == []


def test_serious_concerns_from_the_unannounced_inspection_limit_the_rating_domain_7():
    letter = {"outcome": "serious_concerns", "letter_on": date(2009, 7, 3), "url": "/x/"}
    (found,) = _limits(unannounced=letter)
    assert found.rule.code == "unannounced_serious_concerns" and found.url == "/x/"
    assert "3 July 2009" in found.why
    assert _limits(unannounced={**letter, "outcome": "some_concerns"}) == []


def test_inadequate_overall_effectiveness_in_the_latest_inspection_limits_domain_7():
    latest = {"published_on": date(2009, 10, 1), "safeguarding_overall": 3, "lac_overall": 1}
    older = {"published_on": date(2009, 5, 1), "safeguarding_overall": 1, "lac_overall": 1}
    found = _limits(safeguarding=[latest, older])
    assert len(found) == 1 and "looked after children" in found[0].why
    assert highest_allowed(found) == 2


def test_the_rules_name_004s_sources_of_evidence_in_its_words():
    text = (SEED / "004_e8f8d13a0fc04542.txt").read_text(encoding="utf-8")
    start = text.index("The first rating will be produced in autumn 2009")
    listed = text[start : text.index("Evidence will be evaluated", start)].lower()
    assert len(RULES.evidence_sources) == 9
    for word in (
        "profile",
        "questionnaires",
        "area reviews",
        "self-review",
        "safeguarding",
        "serious case review",
        "triggered inspection",
    ):
        assert word in listed
        assert any(word in s.title.lower() for s in RULES.evidence_sources), word
