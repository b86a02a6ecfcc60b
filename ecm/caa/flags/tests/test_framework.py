"""The area assessment's data file against the seed (004 "Comprehensive Area Assessment"): a
golden test that the three questions and the four themes are 004's own words."""

from pathlib import Path

import pytest
import yaml

from ecm.caa.flags.framework import LIBRARY, AreaAssessmentFileError, area_framework, parse
from ecm.caa.flags.models import AreaAssessment

SEED = Path("/work/shared/seeds/004_e8f8d13a0fc04542.txt")


def _seed() -> str:
    return " ".join(SEED.read_text(encoding="utf-8").split())


@pytest.mark.skipif(not SEED.exists(), reason="the seed is not on this machine")
def test_the_three_questions_are_004s_words_in_004s_order():
    """004: "The area assessment will be based on three key overarching questions"."""
    seed = _seed()
    questions = seed[seed.index("three key overarching questions") :]
    places = [questions.index(q.text) for q in area_framework().questions]
    assert places == sorted(places)
    assert [q.code for q in area_framework().questions] == ["priorities", "delivery", "prospects"]
    delivery = area_framework().question("delivery")
    assert delivery.variation and delivery.variation_text in seed


@pytest.mark.skipif(not SEED.exists(), reason="the seed is not on this machine")
def test_the_four_themes_are_004s_words_in_004s_order():
    """004: "There are four underpinning themes that thread through the area assessment"."""
    seed = _seed()
    themes = seed[seed.index("four underpinning themes") :]
    places = [themes.index(f"{t.name} ({t.text}") for t in area_framework().themes]
    assert places == sorted(places)
    assert len(places) == 4


@pytest.mark.skipif(not SEED.exists(), reason="the seed is not on this machine")
def test_red_and_green_are_004s_words():
    """004: "red (unlikely to deliver the improvement sought) and green (exceptional
    performance or improvement) flags"."""
    seed = _seed()
    framework = area_framework()
    assert f"red ({framework.red})" in seed
    assert f"green ({framework.green})" in seed


def test_each_code_names_a_field_of_the_area_assessment():
    fields = {f.name for f in AreaAssessment._meta.get_fields()}
    framework = area_framework()
    for q in framework.questions:
        assert q.code in fields
        assert (f"{q.code}_variation" in fields) == q.variation
    for t in framework.themes:
        assert f"{t.code}_notes" in fields


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["questions"].pop(), "three questions"),
        (lambda d: d["themes"].pop(), "four themes"),
        (lambda d: d["themes"][1].update(code="sustainability"), "unique"),
        (lambda d: d["questions"][1].update(variation_text=""), "variation"),
    ],
)
def test_a_file_unlike_004_is_refused_with_where(change, message):

    data = yaml.safe_load((LIBRARY / "area-assessment-2009.yaml").read_text())
    change(data)
    with pytest.raises(AreaAssessmentFileError, match=message):
        parse(data)
