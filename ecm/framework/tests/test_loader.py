"""The loader refuses every kind of malformed file with file, line and reason (ADR 0005).

Each case changes the bundled library in one way and says where the error must point (a marker
on the expected line) and what it must say (a message constant). Messages live in the loader and
checks modules, so the wording is asserted here without being repeated.
"""

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings

from ecm.core import library_files
from ecm.core.library_files import LoadError
from ecm.framework import checks, loader
from ecm.framework.loader import FrameworkFileError, framework_file_parse
from ecm.framework.tests.conftest import line_of, variant

BAD_URN = 'urn: "urn:ecm:framework:v1"'


@dataclass(frozen=True)
class Case:
    make: Callable[[str], str | bytes]  # from the library text to the bad file's content
    marker: str | None  # text on the line the error must name (None: line 1)
    reason: str  # the full reason, built from a message constant


def _fail(text: str, marker: str | None) -> int:
    return 1 if marker is None else line_of(text, marker)


CASES = {
    "bad_yaml_syntax": Case(
        lambda t: variant(t, 'version: "1"\n', 'version: "1"\n  stray: indented\n'),
        "stray: indented",
        library_files.YAML_SYNTAX.format(
            # libyaml's words (library_files reads with PyYAML's C parser)
            problem="while parsing a block mapping: did not find expected key"
        ),
    ),
    "wrong_type": Case(
        lambda t: variant(t, "    order: 3\n", "    order: three\n"),
        "order: three",
        library_files.WRONG_TYPE.format(
            where="outcomes item 3, order", expected="a whole number", found="the text 'three'"
        ),
    ),
    "missing_required_key": Case(
        lambda t: variant(t, "    title: Being healthy\n", ""),
        'urn: "urn:ecm:outcome:being-healthy"',
        library_files.MISSING_KEY.format(key="title", where="outcomes item 1"),
    ),
    "unknown_key": Case(
        lambda t: variant(
            t, "    title: Staying safe\n", "    title: Staying safe\n    colour: red\n"
        ),
        "colour: red",
        library_files.UNKNOWN_KEY.format(
            key="colour",
            where="outcomes item 2",
            allowed="urn, code, title, kind, order, description, source, key_judgements",
        ),
    ),
    "repeated_yaml_key": Case(
        lambda t: variant(t, "    order: 2\n", "    order: 2\n    order: 22\n"),
        "order: 22",
        library_files.DUPLICATE_KEY.format(key="order", first_line=0),  # first_line filled in below
    ),
    "bad_date": Case(
        lambda t: variant(t, '"2005-04-01"', '"2005-13-01"'),
        "effective_from:",
        loader.BAD_DATE.format(where="effective_from", value="the text '2005-13-01'"),
    ),
    "duplicate_urn": Case(
        lambda t: variant(
            t, '"urn:ecm:key-judgement:being-healthy:2"', '"urn:ecm:key-judgement:being-healthy:1"'
        ),
        '"urn:ecm:key-judgement:being-healthy:1"\n        code: "1.2"',
        checks.DUPLICATE_URN.format(urn="urn:ecm:key-judgement:being-healthy:1", first_line=0),
    ),
    "duplicate_code": Case(
        lambda t: variant(t, 'code: "1.2"', 'code: "1.1"'),
        'code: "1.1"\n        title: Children and young people are encouraged',
        checks.DUPLICATE_CODE.format(code="1.1", what="key judgement", first_line=0),
    ),
    "unknown_scale_reference": Case(
        lambda t: variant(t, "scale: unannounced_outcome", "scale: no_such_scale"),
        "scale: no_such_scale",
        checks.UNKNOWN_SCALE.format(
            judgement="outcome",
            scale="no_such_scale",
            known="lsif_four_point, apa_2005, capacity_to_improve, outstanding_to_inadequate, "
            "annual_rating, unannounced_outcome",
        ),
    ),
    "unknown_outcome_reference": Case(
        lambda t: variant(t, "outcome: being_healthy", "outcome: being_well"),
        "outcome: being_well",
        checks.UNKNOWN_OUTCOME.format(
            judgement="being_healthy",
            outcome="being_well",
            known=", ".join(checks.OUTCOME_KINDS),
        ),
    ),
    "non_contiguous_grades": Case(
        lambda t: variant(
            t,
            '      - value: 4\n        label: "A service',
            '      - value: 5\n        label: "A service',
        ),
        "- value: 5",
        checks.GRADES_NOT_CONTIGUOUS.format(scale="lsif_four_point", values="5, 3, 2, 1", top=4),
    ),
    "missing_outcome": Case(
        lambda t: variant(t, "    kind: service_management\n", "    kind: outcome\n").replace(
            "code: service_management\n    title: Service management",
            "code: social_care\n    title: Social care",
        ),
        'urn: "urn:ecm:outcome:being-healthy"',
        checks.OUTCOME_MISSING.format(
            code="service_management", required=", ".join(checks.OUTCOME_KINDS)
        ),
    ),
    "wrong_outcome_kind": Case(
        lambda t: variant(t, "    kind: capacity_to_improve\n", "    kind: outcome\n"),
        "kind: outcome\n    order: 7",
        checks.OUTCOME_WRONG_KIND.format(
            code="capacity_to_improve", expected="capacity_to_improve", kind="outcome"
        ),
    ),
    "implausible_year": Case(
        lambda t: variant(t, "years: [2006]", "years: [2060]"),
        "years: [2060]",
        checks.YEAR_IMPLAUSIBLE.format(code="apa_2006", year=2060, first=2005, last=2015),
    ),
    "overlapping_years": Case(
        lambda t: variant(t, "years: [2006]", "years: [2005]"),
        "years: [2005]\n    description: Three",
        checks.YEARS_OVERLAP.format(code="apa_2006", year=2005, other="apa_2005", other_line=0),
    ),
    "not_utf8": Case(
        lambda t: variant(t, "Being healthy\n", "Being h@althy\n").encode().replace(b"@", b"\xe9"),
        "Being h\xe9althy",
        library_files.NOT_UTF8.format(byte="0xe9"),
    ),
    "empty_file": Case(lambda t: "", None, loader.EMPTY_FILE),
    "comments_only": Case(lambda t: "# nothing here yet\n", None, loader.EMPTY_FILE),
    "not_a_mapping": Case(
        lambda t: "- schema: 1\n", None, loader.NOT_A_MAPPING.format(found="a list")
    ),
    "wrong_schema_number": Case(
        lambda t: variant(t, "schema: 1\n", "schema: 2\n"),
        "schema: 2",
        loader.WRONG_SCHEMA.format(where="schema", value="the number 2"),
    ),
}

# Some reasons name the line of an earlier use; those lines are found from the bad file itself.
FIRST_LINES = {
    "repeated_yaml_key": "    order: 2\n",
    "duplicate_urn": '"urn:ecm:key-judgement:being-healthy:1"',
    "duplicate_code": 'code: "1.1"',
    "overlapping_years": 'urn: "urn:ecm:judgement-set:apa-2005"',
}


def _bad_file(name: str, library_text: str, write_file):
    case = CASES[name]
    content = case.make(library_text)
    path = write_file(f"{name}.yaml", content)
    text = content.decode("latin-1") if isinstance(content, bytes) else content
    reason = case.reason
    if name in FIRST_LINES:
        first = line_of(text, FIRST_LINES[name])
        reason = reason.replace("line 0", f"line {first}")
    return path, LoadError(str(path), _fail(text, case.marker), reason)


@pytest.mark.parametrize("name", list(CASES))
def test_malformed_file_is_refused_with_file_line_and_reason(name, library_text, write_file):
    path, expected = _bad_file(name, library_text, write_file)
    with pytest.raises(FrameworkFileError) as caught:
        framework_file_parse(path)
    assert expected in caught.value.errors, "\n".join(str(e) for e in caught.value.errors)
    assert str(expected).startswith(f"{path}:{expected.line}: ")


def test_missing_file_is_refused(tmp_path):
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(FrameworkFileError) as caught:
        framework_file_parse(path)
    assert caught.value.errors == [LoadError(str(path), 1, library_files.FILE_NOT_FOUND)]


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(FrameworkFileError) as caught:
        framework_file_parse(tmp_path)
    assert caught.value.errors == [LoadError(str(tmp_path), 1, library_files.NOT_A_FILE)]


def test_every_problem_is_reported_not_just_the_first(library_text, write_file):
    text = variant(library_text, "scale: unannounced_outcome", "scale: nope")
    text = variant(text, "outcome: being_healthy", "outcome: nope")
    text = variant(text, "years: [2006]", "years: [1999]")
    with pytest.raises(FrameworkFileError) as caught:
        framework_file_parse(write_file("many.yaml", text))
    lines = [e.line for e in caught.value.errors]
    assert len(lines) == 3
    assert lines == sorted(lines)
    assert str(caught.value).count("\n") == 2


def test_dates_are_read_as_written_not_converted(library_text, write_file):
    doc = framework_file_parse(write_file("ok.yaml", library_text))
    assert doc.data["effective_from"] == "2005-04-01"
    assert len(doc.sha256) == 64


def test_the_loader_does_not_need_django():
    # Pure Python, so framework files can be checked anywhere (DESIGN.md: engines alone).
    code = (
        "import sys, ecm.framework.loader; "
        "sys.exit(any(m.split('.')[0] == 'django' for m in sys.modules))"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, check=False
    )
    assert result.returncode == 0
