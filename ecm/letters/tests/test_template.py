"""The letter template as versioned data (002 §I "The template"; issue 7 §1)."""

from pathlib import Path

import pytest

from ecm.letters.template import (
    FIVE_OUTCOMES,
    LIBRARY_DIR,
    LetterTemplateError,
    LetterTemplateNotFound,
    SectionKind,
    template_by_urn,
    template_for,
    template_library,
    template_load,
)

BUNDLED = LIBRARY_DIR / "apa-letter-v1.yaml"


@pytest.fixture
def template():
    return template_load(BUNDLED)


def test_one_template_serves_every_apa_year_002_i(template):
    """002 §I: the APA letter is written to "the agreed template", 2005 to 2008."""
    assert template_library() == (template,)
    assert template.years == (2005, 2006, 2007, 2008)
    for year in template.years:
        assert template_for(regime="apa", year=year).urn == template.urn
    assert template_by_urn(template.urn) == template


def test_no_template_for_a_year_it_does_not_serve():
    with pytest.raises(LetterTemplateNotFound, match="no letter template for apa 2009"):
        template_for(regime="apa", year=2009)
    with pytest.raises(LetterTemplateNotFound, match="urn:nothing"):
        template_by_urn("urn:nothing")


def test_letter_is_4_to_6_sides_at_500_words_a_side_002_i_template_1(template):
    """002 §I template 1: "no longer than 4-6 sides of A4"."""
    assert (template.sides_minimum, template.sides_maximum) == (4, 6)
    assert (template.words_minimum, template.words_maximum) == (2000, 3000)


def test_short_sections_are_a_paragraph_and_long_ones_about_a_page_002_i_template_3(template):
    """002 §I template 3: being healthy and a positive contribution "relatively short (one
    paragraph)"; staying safe, enjoying and achieving, economic well-being and service
    management "approximately one page of A4"."""
    short = {"being_healthy", "positive_contribution"}
    page = {"staying_safe", "enjoying_achieving", "economic_wellbeing", "service_management"}
    for code in short:
        assert template.section(code).words.name == "paragraph"
        assert template.section(code).words.maximum <= 250
    for code in page:
        guide = template.section(code).words
        assert guide.name == "page"
        assert guide.minimum < template.words_per_side < guide.maximum


def test_every_outcome_must_speak_of_lac_and_ldd_002_i_template_3(template):
    """002 §I template 3: "a judgement on looked after children and children with learning
    difficulties and/or disabilities in each outcome"."""
    outcomes = [s for s in template.sections if s.kind == SectionKind.OUTCOME]
    assert tuple(s.outcome for s in outcomes) == FIVE_OUTCOMES
    assert all(s.lac_ldd for s in outcomes)
    assert not any(s.lac_ldd for s in template.sections if s.kind != SectionKind.OUTCOME)


def test_sections_carry_the_topics_002_i_asks_for(template):
    """002 §I template 3: the focus of each long section, shown to the writer as prompts."""

    def topics(code):
        return " ".join(template.section(code).topics).lower()

    assert "critical incidents" in topics("staying_safe")
    assert "child protection" in topics("staying_safe")
    assert "school improvement" in topics("enjoying_achieving")
    for words in ("sixth forms", "14-19", "learning and skills council"):
        assert words in topics("economic_wellbeing")
    for words in ("partnership", "self-assessment", "views of children", "workforce"):
        assert words in topics("service_management")
    assert "directly to health" in topics("being_healthy")


def test_the_common_next_steps_statement_002_i_template_1(template):
    """002 §I template 1: "a common statement on the next steps (checks for accuracy, CPA
    ratings etc)"; 002 §I stage 2: five working days for factual accuracy."""
    statement = template.section("next_steps").starts_with
    assert "factual accuracy" in statement
    assert "5 working days" in statement
    assert "Comprehensive Performance Assessment" in statement
    assert "grades" in statement


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = BUNDLED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    """The last line with the needle (a repeated code is reported where it repeats)."""
    lines = enumerate(path.read_text().splitlines(), 1)
    return [n for n, line in lines if needle in line and not line.startswith("#")][-1]


@pytest.mark.parametrize(
    ("old", "new", "needle", "reason"),
    [
        ("    kind: jar\n", "    kind: appendix\n", "kind: appendix", "must be one of: address"),
        ("    length: part_page\n", "    length: half\n", "length: half", "not one of the lengths"),
        ("  - code: jar\n", "  - code: summary\n", "code: summary", "already used at line"),
        ("  - code: jar\n", "  - code: Jar\n", "code: Jar", "lower-case letters"),
        ("    lac_ldd: true\n", "    lac_ldd: false\n", "code: being_healthy", "lac_ldd: true"),
        (
            "    minimum: 300\n",
            "    minimum: 900\n",
            "minimum: 900",
            "not be more than the maximum",
        ),
        ("    source: 002 Appendix B\n", "    sauce: x\n", "sauce: x", 'key "sauce" is not'),
        ("words_per_side: 500", "words_per_side: many", "words_per_side: many", "a whole number"),
        ("schema: 1", "schema: 2", "schema: 2", "schema must be 1"),
    ],
)
def test_loader_names_each_problem_with_its_line(tmp_path, old, new, needle, reason):
    """A broken template fails with file:line: a reason that says what to put right (as the
    framework loader, ADR 0005)."""
    path = _broken(tmp_path, old, new)
    with pytest.raises(LetterTemplateError) as raised:
        template_load(path)
    (error,) = [e for e in raised.value.errors if reason in e.reason]
    assert error.line == _line_of(path, needle)
    assert str(error).startswith(f"{path}:{error.line}: ")


def test_loader_requires_the_five_outcomes_in_the_exemplars_order(tmp_path):
    """002 §I template 3 and Appendix B: the five outcomes, in order."""
    path = _broken(tmp_path, "    outcome: staying_safe\n", "    outcome: being_healthy\n")
    with pytest.raises(LetterTemplateError, match="one for each of the five outcomes"):
        template_load(path)


def test_loader_refuses_a_missing_key_bad_yaml_and_a_missing_file(tmp_path):
    path = _broken(tmp_path, "title: Annual performance assessment letter\n", "")
    with pytest.raises(LetterTemplateError, match='required key "title" is missing'):
        template_load(path)
    path.write_text("schema: [1\n", encoding="utf-8")
    with pytest.raises(LetterTemplateError, match="not valid YAML"):
        template_load(path)
    with pytest.raises(LetterTemplateError, match="there is no file here"):
        template_load(tmp_path / "absent.yaml")
    path.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(LetterTemplateError, match="one mapping of keys"):
        template_load(path)
