"""The bundled framework library: it validates, loads, and says what the seeds say."""

from pathlib import Path

import pytest
from django.conf import settings

from ecm.framework.checks import OUTCOME_KINDS
from ecm.framework.loader import framework_file_parse
from ecm.framework.models import GradeScale, JudgementSet, KeyJudgement, Outcome, Regime
from ecm.framework.services import LIBRARY_DIR
from ecm.framework.tests.conftest import BUNDLED_PATH

# 000 §12, quoted: the four-point scale and its descriptors, which must be carried verbatim.
LSIF_000_S12 = {
    4: (
        "A service that delivers well above minimum requirements for users",
        "A service that delivers well above minimum requirements for children and young people, "
        "is innovative and cost-effective and fully contributes to raising expectations and the "
        "achievement of wider outcomes for the community.",
    ),
    3: (
        "A service that consistently delivers above minimum requirements for users",
        "A service that consistently delivers above minimum requirements for children and young "
        "people, has some innovative practice and is increasingly cost-effective whilst making "
        "contributions to wider outcomes for the community.",
    ),
    2: (
        "A service that delivers only minimum requirements for users",
        "A service that delivers only minimum requirements for children and young people, but is "
        "not demonstrably cost-effective nor contributes significantly to wider outcomes for the "
        "community.",
    ),
    1: (
        "A service that does not deliver minimum requirements for users",
        "A service that does not deliver minimum requirements for children and young people, is "
        "not cost-effective and makes little or no contribution to wider outcomes for the "
        "community.",
    ),
}
SEED_000 = Path(settings.BASE_DIR).parent / "shared" / "seeds" / "000_6bc543a7fbd8c460.txt"


def _sets(doc) -> dict[str, dict]:
    return {s["code"]: s for s in doc.data["judgement_sets"]}


def _scales(doc) -> dict[str, dict]:
    return {s["code"]: s for s in doc.data["grade_scales"]}


@pytest.fixture(scope="module")
def doc():
    return framework_file_parse(BUNDLED_PATH)


def test_every_library_file_validates():
    paths = sorted(LIBRARY_DIR.glob("*.yaml"))
    assert paths, "the library is empty"
    for path in paths:
        framework_file_parse(path)  # raises FrameworkFileError with file:line: reason


def test_seven_outcomes_with_the_agreed_codes_domain_s2(doc):
    assert [o["code"] for o in doc.data["outcomes"]] == list(OUTCOME_KINDS)
    assert doc.data["outcomes"][1]["urn"] == "urn:ecm:outcome:staying-safe"


def test_every_outcome_has_lac_and_ldd_key_judgements_002_si_template_3(doc):
    for outcome in doc.data["outcomes"]:
        if outcome["kind"] != "outcome":
            continue
        titles = [kj["title"].lower() for kj in outcome["key_judgements"]]
        assert any("looked after children" in t for t in titles), outcome["code"]
        assert any("learning difficulties and/or disabilities" in t for t in titles), outcome[
            "code"
        ]


def test_key_judgement_urns_and_codes_follow_the_outcome_domain_s8(doc):
    staying_safe = doc.data["outcomes"][1]["key_judgements"]
    assert staying_safe[3]["urn"] == "urn:ecm:key-judgement:staying-safe:4"
    assert staying_safe[3]["code"] == "2.4"
    assert "safeguard" in staying_safe[3]["title"]


def test_service_management_covers_its_four_topics_domain_s8(doc):
    topics = [kj["topics"][0] for kj in doc.data["outcomes"][5]["key_judgements"]]
    assert topics == ["ambition", "prioritisation", "capacity", "performance management"]


def test_lsif_scale_descriptors_are_verbatim_000_s12(doc):
    grades = {g["value"]: g for g in _scales(doc)["lsif_four_point"]["grades"]}
    assert {v: (g["label"], g["descriptor"]) for v, g in grades.items()} == LSIF_000_S12
    assert grades[2]["wording"] == "delivers only minimum requirements"


@pytest.mark.skipif(not SEED_000.exists(), reason="the seed documents are not beside the project")
def test_lsif_descriptors_appear_in_the_seed_itself_000_s12():
    seed = SEED_000.read_text(encoding="utf-8")
    for label, descriptor in LSIF_000_S12.values():
        assert f"{label}\t{descriptor}" in seed


def test_capacity_to_improve_scale_002_s_e_i(doc):
    grades = _scales(doc)["capacity_to_improve"]["grades"]
    assert [(g["value"], g["label"]) for g in grades] == [
        (4, "Very good"),
        (3, "Good"),
        (2, "Adequate"),
        (1, "Inadequate"),
    ]


def test_apa_2005_words_domain_s7_with_002_s_e_ii_descriptors(doc):
    grades = {g["value"]: g for g in _scales(doc)["apa_2005"]["grades"]}
    assert grades[4]["label"] == "Very good / excellent"
    # The handbook's own grade 2 descriptor has no "only" (002 §E.ii differs from 000 §12).
    assert grades[2]["descriptor"].startswith("A service that delivers minimum requirements")


def test_2007_words_outstanding_to_inadequate_domain_s7(doc):
    labels = [g["label"] for g in _scales(doc)["outstanding_to_inadequate"]["grades"]]
    assert labels == ["Outstanding", "Good", "Adequate", "Inadequate"]


def test_annual_rating_words_domain_s7_and_004(doc):
    labels = [g["wording"] for g in _scales(doc)["annual_rating"]["grades"]]
    assert labels == [
        "performs excellently",
        "performs well",
        "performs adequately",
        "performs poorly",
    ]


def test_unannounced_outcome_has_three_values_not_a_grade_004(doc):
    grades = _scales(doc)["unannounced_outcome"]["grades"]
    assert [(g["value"], g["label"]) for g in grades] == [
        (3, "No concerns"),
        (2, "Some concerns"),
        (1, "Serious concerns"),
    ]


@pytest.mark.parametrize(
    ("code", "regime", "years", "count"),
    [
        pytest.param("apa_2005", "apa", [2005], 4, id="apa_2005_four_002_s_e_i_003"),
        pytest.param("apa_2006", "apa", [2006], 3, id="apa_2006_three_domain_s7"),
        pytest.param("apa_2007_2008", "apa", [2007, 2008], 7, id="apa_2007_seven_domain_s7_001"),
        pytest.param("jar_2005_2006", "jar", [2005, 2006], 12, id="jar_2005_twelve_003"),
        pytest.param("jar_2007_2009", "jar", [2007, 2008, 2009], 5, id="jar_2007_five_001"),
        pytest.param("annual_rating_2009", "annual_rating", [2009], 1, id="annual_rating_004"),
        pytest.param(
            "safeguarding_lac_2009", "safeguarding_lac", [2009], 14, id="safeguarding_lac_004"
        ),
        pytest.param("unannounced_2009", "unannounced", [2009], 1, id="unannounced_004"),
    ],
)
def test_judgement_set_counts_by_source(doc, code, regime, years, count):
    judgement_set = _sets(doc)[code]
    assert judgement_set["regime"] == regime
    assert judgement_set["years"] == years
    assert len(judgement_set["judgements"]) == count
    assert judgement_set["source"]


def test_apa_2006_has_three_judgements_002_and_domain_s7(doc):
    codes = [j["code"] for j in _sets(doc)["apa_2006"]["judgements"]]
    assert codes == ["overall", "social_care", "capacity_to_improve"]  # no education


def test_apa_2005_capacity_uses_its_own_scale_002_s_e_i(doc):
    scales = {j["code"]: j["scale"] for j in _sets(doc)["apa_2005"]["judgements"]}
    assert scales["capacity_to_improve"] == "capacity_to_improve"
    assert {scales["overall"], scales["education"], scales["social_care"]} == {"apa_2005"}


def test_apa_2007_grades_each_of_the_five_outcomes_domain_s7(doc):
    outcomes = [j.get("outcome") for j in _sets(doc)["apa_2007_2008"]["judgements"]]
    assert outcomes[1:6] == list(OUTCOME_KINDS)[:5]


def test_jar_2005_twelve_judgements_breakdown_003(doc):
    judgements = _sets(doc)["jar_2005_2006"]["judgements"]
    with_outcome = [j for j in judgements if j.get("outcome") in list(OUTCOME_KINDS)[:5]]
    capacity = [j for j in judgements if j.get("outcome") == "capacity_to_improve"]
    assert len(with_outcome) == 5
    assert len(capacity) == 2
    assert {"council_overall", "education", "social_care", "health", "service_management"} <= {
        j["code"] for j in judgements
    }


def test_lac_judged_against_the_five_outcomes_004(doc):
    lac = [j for j in _sets(doc)["safeguarding_lac_2009"]["judgements"] if j["code"][:4] == "lac_"]
    assert [j.get("outcome") for j in lac if j.get("outcome") in list(OUTCOME_KINDS)[:5]] == list(
        OUTCOME_KINDS
    )[:5]


def test_every_regime_has_a_set(doc):
    assert {s["regime"] for s in doc.data["judgement_sets"]} == set(Regime.values)


@pytest.mark.django_db
def test_bundled_library_loads_with_all_its_parts(bundled):
    assert bundled.urn == "urn:ecm:framework:v1"
    assert bundled.effective_from.isoformat() == "2005-04-01"
    assert Outcome.objects.filter(version=bundled).count() == 7
    assert KeyJudgement.objects.filter(outcome__version=bundled).count() == 40
    assert GradeScale.objects.filter(version=bundled).count() == 6
    counts = {s.code: s.judgements.count() for s in JudgementSet.objects.filter(version=bundled)}
    assert counts == {
        "apa_2005": 4,
        "apa_2006": 3,
        "apa_2007_2008": 7,
        "jar_2005_2006": 12,
        "jar_2007_2009": 5,
        "annual_rating_2009": 1,
        "safeguarding_lac_2009": 14,
        "unannounced_2009": 1,
    }


@pytest.mark.django_db
def test_loaded_lsif_descriptors_are_verbatim_000_s12(bundled):
    scale = GradeScale.objects.get(version=bundled, code="lsif_four_point")
    assert {g.value: (g.label, g.descriptor) for g in scale.grades.all()} == LSIF_000_S12
    assert "Source: 000 §12" in scale.description
