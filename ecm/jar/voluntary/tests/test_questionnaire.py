"""The survey's data file against the seed (001 "Voluntary sector stakeholder survey"): a
golden test that the headings and the council's list items are 001's own words."""

from pathlib import Path

import pytest

from ecm.jar.voluntary import partners
from ecm.jar.voluntary.questionnaire import QuestionnaireFileError, parse, survey

SEED = Path("/work/shared/seeds/001_9734337e8da2000d.txt")


def _section_of_seed() -> str:
    text = SEED.read_text(encoding="utf-8")
    start = text.index("Voluntary sector stakeholder survey")
    return text[start : text.index("Documents Evidence", start)]


@pytest.mark.skipif(not SEED.exists(), reason="the seed is not on this machine")
def test_the_three_headings_are_001s_words_in_001s_order():
    """001 "Voluntary sector stakeholder survey": "Selected voluntary sector groups are asked to
    complete a questionnaire covering" partnership working, commissioning and grant funding,
    safeguarding and support systems."""
    seed = _section_of_seed()
    covering = seed[seed.index("questionnaire covering") :]
    places = [covering.index(s.source_text) for s in survey().sections]
    assert places == sorted(places)
    assert [s.code for s in survey().sections] == [
        "partnership_working",
        "commissioning_and_grants",
        "safeguarding_and_support",
    ]


@pytest.mark.skipif(not SEED.exists(), reason="the seed is not on this machine")
def test_the_councils_list_items_are_001s_words():
    """001 "Voluntary sector stakeholder survey": what the local authority is asked to provide,
    one field of the partner each, and the natures of partnership it names."""
    seed = " ".join(_section_of_seed().split())
    for item in survey().council_list:
        assert " ".join(item.source_text.split()) in seed, item.field
    assert {i.field for i in survey().council_list} == {
        "name", "services", "nature", "commissioning", "monitoring", "strategic_planning",
    }  # fmt: skip
    for label in ("service level agreement", "spot purchase", "contract", "informal (non-funded)"):
        assert label in seed
        assert partners.nature_of(label) is not None


def test_the_loader_refuses_a_section_without_questions_and_a_code_used_twice():
    base = {"source": "x", "sections": [{"code": "a", "heading": "A", "source_text": "A"}]}
    with pytest.raises(QuestionnaireFileError, match="at least one question"):
        parse(base)
    question = {"code": "q", "text": "Q"}
    twice = {
        "source": "x",
        "sections": [
            {"code": "a", "heading": "A", "source_text": "A", "questions": [question]},
            {"code": "b", "heading": "B", "source_text": "B", "questions": [question]},
        ],
    }
    with pytest.raises(QuestionnaireFileError, match="used twice"):
        parse(twice)
    with pytest.raises(QuestionnaireFileError, match="no survey"):
        survey("1999")
