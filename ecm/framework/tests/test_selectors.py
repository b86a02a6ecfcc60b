"""Reading the framework: the current version, counts, the set for a round, grade wording."""

from datetime import date

import pytest

from ecm.framework.models import FrameworkVersion, GradeScale, Regime
from ecm.framework.selectors import (
    GRADE_NOT_ON_SCALE,
    framework_version_current,
    framework_version_list,
    grade_wording,
    judgement_set_for,
)
from ecm.framework.services import framework_version_load

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("regime", "year", "code"),
    [
        (Regime.APA, 2005, "apa_2005"),
        (Regime.APA, 2006, "apa_2006"),
        (Regime.APA, 2007, "apa_2007_2008"),
        (Regime.APA, 2008, "apa_2007_2008"),
        (Regime.JAR, 2006, "jar_2005_2006"),
        (Regime.JAR, 2008, "jar_2007_2009"),
        (Regime.ANNUAL_RATING, 2009, "annual_rating_2009"),
        (Regime.SAFEGUARDING_LAC, 2009, "safeguarding_lac_2009"),
        (Regime.UNANNOUNCED, 2009, "unannounced_2009"),
    ],
)
def test_judgement_set_for_a_round_domain_s7(bundled, regime, year, code):
    assert judgement_set_for(version=bundled, regime=regime, year=year).code == code


@pytest.mark.parametrize(
    ("regime", "year"),
    [(Regime.APA, 2009), (Regime.ANNUAL_RATING, 2008), (Regime.UNANNOUNCED, 2005)],
)
def test_no_judgement_set_where_the_regime_did_not_run_004(bundled, regime, year):
    # 2009: the annual rating replaced the APA; unannounced inspections began in April 2009.
    assert judgement_set_for(version=bundled, regime=regime, year=year) is None


@pytest.mark.parametrize(
    ("scale", "value", "words"),
    [
        ("lsif_four_point", 2, "delivers only minimum requirements"),
        ("capacity_to_improve", 4, "very good"),
        ("annual_rating", 1, "performs poorly"),
        ("unannounced_outcome", 1, "has raised serious concerns"),
    ],
)
def test_grade_wording_gives_the_words_a_letter_uses_002_s_a(bundled, scale, value, words):
    grade_scale = GradeScale.objects.get(version=bundled, code=scale)
    assert grade_wording(scale=grade_scale, value=value) == words


def test_grade_wording_refuses_a_value_not_on_the_scale(bundled):
    scale = GradeScale.objects.get(version=bundled, code="unannounced_outcome")
    with pytest.raises(ValueError) as caught:
        grade_wording(scale=scale, value=4)
    expected = GRADE_NOT_ON_SCALE.format(scale="unannounced_outcome", value=4, values="3, 2, 1")
    assert str(caught.value) == expected


def test_current_version_is_none_before_any_load(db):
    assert framework_version_current() is None


def test_current_version_is_the_latest_effective_then_the_latest_loaded(
    bundled, library_text, second_version_text, write_file
):
    assert framework_version_current() == bundled
    second = framework_version_load(path=write_file("v2.yaml", second_version_text))
    assert framework_version_current() == second  # same effective date, loaded later
    later = second_version_text.replace("v2", "v3").replace('"2005-04-01"', '"2009-04-01"')
    third = framework_version_load(path=write_file("v3.yaml", later))
    assert framework_version_current() == third
    assert framework_version_current(on=date(2008, 1, 1)) == second
    assert framework_version_current(on=date(2004, 1, 1)) is None


def test_version_list_counts_each_part(bundled):
    (version,) = framework_version_list()
    assert isinstance(version, FrameworkVersion)
    assert (
        version.count_outcomes,
        version.count_key_judgements,
        version.count_grade_scales,
        version.count_grades,
        version.count_judgement_sets,
        version.count_judgements,
    ) == (7, 40, 6, 23, 8, 47)
