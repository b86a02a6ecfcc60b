"""The self-assessment template: the library says what 000 says, and bad files are refused.

The first half reads the bundled templates against the seed (000 §10 to §16) and the framework
library; the second changes the APA template in one way per case and says which line the error
must name and what it must say (a message constant), as the framework loader's tests do.
"""

import re
from collections.abc import Callable
from dataclasses import FrozenInstanceError, dataclass
from pathlib import Path

import pytest
from django.conf import settings

from ecm.core import library_files
from ecm.core.library_files import LoadError
from ecm.framework.loader import framework_file_parse
from ecm.framework.services import LIBRARY_DIR as FRAMEWORK_LIBRARY
from ecm.self_assessment import template as t
from ecm.self_assessment.template import (
    TemplateFileError,
    TemplateNotFound,
    template_carry_over,
    template_for,
    template_library,
    template_load,
)
from ecm.self_assessment.template_parts import FieldKind

APA = "urn:ecm:self-assessment:apa-2007"
APA_PATH = t.LIBRARY_DIR / "self-assessment-apa-2007.yaml"
JAR_PATH = t.LIBRARY_DIR / "self-assessment-jar-2007.yaml"
SEED_000 = Path(settings.BASE_DIR).parent / "shared" / "seeds" / "000_6bc543a7fbd8c460.txt"

# 000 §10: the seven parts in order, with their titles.
PART_TITLES = {
    "a": "Background",
    "b": "Summary statement",
    "c": "Show how your current priorities for action are founded on an analysis of need",
    "d": "The impact of local services",
    "e": "Service management and the use of resources",
    "f": "Involving children and young people",
    "g": "Partnership working",
}
# 000 §10: per part, (field label, number of prompt questions, first prompt) for prompted fields.
PROMPTED = {
    "c": [(None, 6, "How did you undertake your analysis of need and reach your decisions")],
    "d": [
        ("How good are the outcomes?", 4, "Are they as good as they should be"),
        ("Are you making a difference?", 3, "How have local services contributed"),
    ],
    "e": [
        ("Does service management help to improve outcomes for children and young people?", 4,
         "Have some approaches to service delivery been more successful"),
        ("How well are you using your resources?", 5, "How successful are your investments"),
    ],
    "f": [("How well do you engage children and young people?", 3, "How involved are children")],
    "g": [("How good is partnership working?", 4, "What arrangements have been made")],
}  # fmt: skip


@pytest.fixture(scope="module")
def apa() -> t.Template:
    return template_load(APA_PATH)


@pytest.fixture(scope="module")
def jar() -> t.Template:
    return template_load(JAR_PATH)


@pytest.fixture(scope="module")
def framework():
    return framework_file_parse(FRAMEWORK_LIBRARY / "ecm-framework-v1.yaml").data


def _spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_library_file_loads_and_one_template_covers_each_round():
    paths = sorted(t.LIBRARY_DIR.glob("*.yaml"))
    assert [p.name for p in paths] == [APA_PATH.name, JAR_PATH.name]
    assert [x.urn for x in template_library()] == [
        "urn:ecm:self-assessment:apa-2007",
        "urn:ecm:self-assessment:jar-2007",
    ]


@pytest.mark.parametrize("name", ["apa", "jar"])
def test_parts_a_to_g_in_order_with_their_titles_000_s10(name, request):
    template = request.getfixturevalue(name)
    assert [(p.code, p.title) for p in template.parts] == list(PART_TITLES.items())
    assert [p.letter for p in template.parts] == list("ABCDEFG")


@pytest.mark.parametrize("code", list(PROMPTED))
def test_prompt_questions_are_the_hint_text_000_s10(apa, code):
    part = apa.part(code)
    expected = PROMPTED[code]
    fields = part.fields if code != "d" else part.sections[0].fields
    assert len(fields) == len(expected)
    for field, (label, count, first) in zip(fields, expected, strict=True):
        if label:
            assert field.label == label
        assert len(field.prompts) == count
        assert field.prompts[0].startswith(first)
        assert field.source == f"000 §10, Part {part.letter}"


@pytest.mark.skipif(not SEED_000.exists(), reason="the seed documents are not beside the project")
@pytest.mark.parametrize("name", ["apa", "jar"])
def test_prompts_and_hints_are_quoted_from_the_seed_000_s10(name, request):
    seed = _spaces(SEED_000.read_text(encoding="utf-8"))
    template = request.getfixturevalue(name)
    for _part, _section, field in template.fields():
        for prompt in field.prompts:
            assert _spaces(prompt) in seed, prompt
    assert _spaces(template.part("a").hint) in seed
    summary = _spaces(template.part("b").fields[0].hint)
    for sentence in ("This section may include", "Please cross-reference"):
        quoted = sentence + summary.split(sentence)[1].split(". ")[0]
        assert quoted in seed, quoted
    for point in template.writing_guidance.points:
        assert point in seed


@pytest.mark.parametrize("name", ["apa", "jar"])
def test_part_d_one_section_per_outcome_with_the_two_questions_000_s10(name, request, framework):
    part_d = request.getfixturevalue(name).part("d")
    outcomes = {o["urn"]: o["title"] for o in framework["outcomes"] if o["kind"] == "outcome"}
    assert [s.outcome for s in part_d.sections] == list(t.FIVE_OUTCOMES) == list(outcomes)
    for section in part_d.sections:
        assert section.title == outcomes[section.outcome]
        assert [(f.key, f.label, f.kind) for f in section.fields] == [
            ("how_good_are_the_outcomes", "How good are the outcomes?", FieldKind.TEXT),
            ("are_you_making_a_difference", "Are you making a difference?", FieldKind.TEXT),
        ]
    assert part_d.sections[0].urn.endswith(":part-d:being-healthy")


@pytest.mark.parametrize("name", ["apa", "jar"])
def test_part_b_grades_name_a_framework_scale_and_areas_000_s12(name, request, framework):
    part_b = request.getfixturevalue(name).part("b")
    summary, grades, priorities = part_b.fields
    assert (summary.kind, grades.kind, priorities.kind) == ("text", "grades", "priorities")
    scales = {s["urn"]: s for s in framework["grade_scales"]}
    assert grades.scale == "urn:ecm:grade-scale:lsif-four-point"
    assert [g["value"] for g in scales[grades.scale]["grades"]] == [4, 3, 2, 1]
    # one grade for each outcome, service management and capacity to improve (issue 4, 000 §10)
    assert [g.area for g in grades.grades] == [o["urn"] for o in framework["outcomes"]]
    assert [g.label for g in grades.grades] == [o["title"] for o in framework["outcomes"]]


def test_part_a_holds_key_contacts_and_partnership_arrangements_000_s10(apa):
    assert [(f.key, f.kind) for f in apa.part("a").fields] == [
        ("key_contacts", FieldKind.CONTACTS),
        ("partnership_arrangements", FieldKind.TEXT),
    ]


def test_urns_are_unique_and_nested_across_the_library():
    urns = [x.urn for x in template_library()]
    for template in template_library():
        for part in template.parts:
            urns += [part.urn] + [s.urn for s in part.sections] + [f.urn for f in part.fields]
            assert part.urn.startswith(template.urn + ":")
    assert len(urns) == len(set(urns))


def test_apa_word_guide_is_two_to_three_sides_per_outcome_000_s13(apa, jar):
    for part in apa.parts:
        for section in part.sections:
            if part.code == "d":
                assert (section.words.minimum, section.words.maximum) == (1000, 1500)
                assert section.words.source == "000 §13"
                assert "500 words a side" in section.words.basis
            else:
                assert section.words is None
            assert all(f.words is None for f in section.fields)
    # 000 §13 gives the length "for an annual performance assessment" only.
    assert all(s.words is None for p in jar.parts for s in p.sections)


def test_apa_and_jar_differ_as_000_says(apa, jar):
    assert (apa.regime, jar.regime) == ("apa", "jar")
    assert apa.partner_contributions.mode == "optional"  # 000 §9
    assert jar.partner_contributions.mode == "expected"  # 000 §8, §16
    assert "specific contributions" in apa.partner_contributions.hint
    assert apa.supporting_documents.mode == "cypp_only"  # 000 §13
    assert jar.supporting_documents.mode == "as_listed"  # 000 §14
    assert "appropriate pages" in jar.supporting_documents.hint
    assert len(apa.writing_guidance.points) == 3  # 000 §11


def test_the_jar_uses_the_common_format_so_apa_answers_carry_over_000_s16(apa, jar):
    def shape(template):
        return [(p.code, s.key, f.key, f.kind) for p, s, f in template.fields()]

    assert shape(apa) == shape(jar)
    carried = template_carry_over(source=apa, target=jar)
    assert len(carried) == len(list(apa.fields())) == 20
    field = "part-d:staying-safe:are-you-making-a-difference"
    assert carried[f"{apa.urn}:{field}"] == f"{jar.urn}:{field}"


@pytest.mark.parametrize(
    ("regime", "year", "urn"),
    [
        ("apa", 2005, "urn:ecm:self-assessment:apa-2007"),
        ("apa", 2007, "urn:ecm:self-assessment:apa-2007"),
        ("apa", 2008, "urn:ecm:self-assessment:apa-2007"),
        ("jar", 2009, "urn:ecm:self-assessment:jar-2007"),
    ],
)
def test_template_for_picks_the_rounds_template(regime, year, urn):
    assert template_for(regime=regime, year=year).urn == urn
    assert template_for(regime=regime, year=year) is template_for(regime=regime, year=year)


def test_template_for_a_round_without_one_says_so():
    with pytest.raises(TemplateNotFound) as caught:
        template_for(regime="apa", year=2009)
    assert str(caught.value) == t.NO_TEMPLATE.format(regime="apa", year=2009, library=t.LIBRARY_DIR)


def test_lookups_by_urn(apa):
    field_urn = "urn:ecm:self-assessment:apa-2007:part-b:summary-statement:priorities"
    assert apa.item(field_urn).kind == FieldKind.PRIORITIES
    assert apa.item("urn:ecm:self-assessment:apa-2007:part-g").title == "Partnership working"
    assert t.template_by_urn(apa.urn).urn == apa.urn
    with pytest.raises(KeyError):
        apa.part("h")
    with pytest.raises(TemplateNotFound):
        t.template_by_urn("urn:ecm:self-assessment:none")


def test_templates_are_frozen(apa):
    with pytest.raises(FrozenInstanceError):
        apa.title = "Changed"  # type: ignore[misc]
    assert len(apa.sha256) == 64


def test_two_templates_for_the_same_year_are_refused(tmp_path, monkeypatch):
    text = APA_PATH.read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    other = text.replace("apa-2007", "apa-2007b").replace(
        "years: [2005, 2006, 2007, 2008]", "years: [2008]"
    )
    (tmp_path / "b.yaml").write_text(other, encoding="utf-8")
    monkeypatch.setattr(t, "LIBRARY_DIR", tmp_path)
    template_library.cache_clear()
    try:
        with pytest.raises(TemplateFileError) as caught:
            template_library()
    finally:
        template_library.cache_clear()
    reason = t.TEMPLATES_OVERLAP.format(urn=f"{APA}b", other=APA, regime="apa", year=2008)
    assert caught.value.errors == [LoadError(str(tmp_path / "b.yaml"), 1, reason)]


# --- bad files ------------------------------------------------------------------------------


def variant(text: str, old: str, new: str) -> str:
    assert old in text, f"the template no longer contains {old!r}"
    return text.replace(old, new, 1)


def line_of(text: str, marker: str, nth: int = 1) -> int:
    at = -1
    for _ in range(nth):
        at = text.index(marker, at + 1)
    return text[:at].count("\n") + 1


PART_A = f'- urn: "{APA}:part-a"'
BH = f"{APA}:part-d:being-healthy"
HOW_GOOD, DIFFERENCE = f"{BH}:how-good-are-the-outcomes", f"{BH}:are-you-making-a-difference"
GRADES_URN = f'urn: "{APA}:part-b:summary-statement:grades"'
WEALTH = 'outcome: "urn:ecm:outcome:wealth"\n'
LSIF = 'scale: "urn:ecm:grade-scale:lsif-four-point"'
WHERE_FIELD = "parts item {}, sections item 1, fields item {}"
YAML_BLOCK = "while parsing a block mapping: did not find expected key"  # libyaml's words


@dataclass(frozen=True)
class Case:
    make: Callable[[str], str | bytes]
    marker: str | None  # text on the line the error must name (None: line 1)
    reason: str | Callable[[str], str]  # a reason, or one built from the bad text
    nth: int = 1  # which occurrence of the marker


CASES = {
    "missing_part": Case(
        lambda s: s[: s.index('  - urn: "urn:ecm:self-assessment:apa-2007:part-g"')],
        PART_A,
        t.PART_MISSING.format(letter="G"),
    ),
    "repeated_part": Case(
        lambda s: variant(s, "    code: g\n", "    code: f\n"),
        "code: f",
        lambda s: t.PART_REPEATED.format(letter="F", first=line_of(s, "code: f")),
        nth=2,
    ),
    "parts_out_of_order": Case(
        lambda s: (
            s.replace("    code: f\n", "    code: x\n")
            .replace("    code: g\n", "    code: f\n")
            .replace("    code: x\n", "    code: g\n")
        ),
        PART_A,
        t.PARTS_OUT_OF_ORDER.format(found="A, B, C, D, E, G, F"),
    ),
    "duplicate_urn": Case(
        lambda s: variant(s, f'"{DIFFERENCE}"', f'"{HOW_GOOD}"'),
        f'"{HOW_GOOD}"',
        lambda s: t.DUPLICATE_URN.format(urn=HOW_GOOD, first=line_of(s, f'"{HOW_GOOD}"')),
        nth=2,
    ),
    "urn_not_nested": Case(
        lambda s: variant(
            s, f'"{APA}:part-c:analysis-of-need"', f'"{APA}:part-b:analysis-of-need"'
        ),
        f'"{APA}:part-b:analysis-of-need"',
        t.URN_NOT_NESTED.format(
            urn=f"{APA}:part-b:analysis-of-need", parent=f"{APA}:part-c", what="part"
        ),
    ),
    "duplicate_field_key": Case(
        lambda s: variant(s, "key: are_you_making_a_difference", "key: how_good_are_the_outcomes"),
        "key: how_good_are_the_outcomes",
        lambda s: t.DUPLICATE_KEY.format(
            key="how_good_are_the_outcomes", what="section", first=line_of(s, "key: how_good")
        ),
        nth=2,
    ),
    "unknown_field_kind": Case(
        lambda s: variant(s, "kind: priorities", "kind: essay"),
        "kind: essay",
        library_files.NOT_ONE_OF.format(
            where=WHERE_FIELD.format(2, 3) + ", kind",
            allowed="text, contacts, grades, priorities",
            value="the text 'essay'",
        ),
    ),
    "part_d_without_an_outcome": Case(
        lambda s: variant(s, 'outcome: "urn:ecm:outcome:economic-wellbeing"\n', WEALTH),
        f'- urn: "{BH}"',
        t.PART_D_OUTCOMES.format(
            required=", ".join(t.FIVE_OUTCOMES),
            found=", ".join([*t.FIVE_OUTCOMES[:4], "urn:ecm:outcome:wealth"]),
        ),
    ),
    "grades_without_scale": Case(
        lambda s: variant(s, f"            {LSIF}\n", ""),
        GRADES_URN,
        library_files.MISSING_KEY.format(key="scale", where=WHERE_FIELD.format(2, 2)),
    ),
    "scale_on_a_text_field": Case(
        lambda s: variant(s, "    kind: text\n", f"    kind: text\n            {LSIF}\n"),
        LSIF,
        t.GRADES_ONLY.format(where=WHERE_FIELD.format(1, 2), key="scale"),
    ),
    "unknown_key": Case(
        lambda s: variant(s, "    title: Background\n", "    title: Background\n    colour: red\n"),
        "colour: red",
        library_files.UNKNOWN_KEY.format(
            key="colour", where="parts item 1", allowed="urn, code, title, hint, source, sections"
        ),
    ),
    "malformed_yaml": Case(
        lambda s: variant(s, 'version: "2007"\n', 'version: "2007"\n  stray: indented\n'),
        "stray: indented",
        library_files.YAML_SYNTAX.format(problem=YAML_BLOCK),
    ),
    "repeated_yaml_key": Case(
        lambda s: variant(s, "    code: a\n", "    code: a\n    code: b\n"),
        "code: b",
        lambda s: library_files.DUPLICATE_KEY.format(key="code", first_line=line_of(s, "code: a")),
    ),
    "not_utf8": Case(
        lambda s: variant(s, "title: Background", "title: B@ck").encode().replace(b"@", b"\xe9"),
        "title: B",
        library_files.NOT_UTF8.format(byte="0xe9"),
    ),
    "empty_file": Case(lambda s: "# nothing yet\n", None, t.EMPTY_FILE),
    "not_a_mapping": Case(lambda s: "- schema: 1\n", None, t.NOT_A_MAPPING.format(found="a list")),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_bad_file_is_refused_with_file_line_and_reason(name, tmp_path):
    case = CASES[name]
    content = case.make(APA_PATH.read_text(encoding="utf-8"))
    path = tmp_path / f"{name}.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
        text = content.decode("latin-1")
    else:
        path.write_text(content, encoding="utf-8")
        text = content
    line = 1 if case.marker is None else line_of(text, case.marker, case.nth)
    reason = case.reason(text) if callable(case.reason) else case.reason
    with pytest.raises(TemplateFileError) as caught:
        template_load(path)
    expected = LoadError(str(path), line, reason)
    assert expected in caught.value.errors, "\n".join(map(str, caught.value.errors))
    assert str(caught.value).startswith(f"{path}:")


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(TemplateFileError) as caught:
        template_load(tmp_path / "nowhere.yaml")
    path = str(tmp_path / "nowhere.yaml")
    assert caught.value.errors == [LoadError(path, 1, library_files.FILE_NOT_FOUND)]
