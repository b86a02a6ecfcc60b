"""Golden tests: the checklist's data file is 001 "Documents Evidence" item by item, read from
the seed itself so that the test fails if the data file drifts; and the loader's refusals."""

from pathlib import Path

import pytest
from django.conf import settings

from ecm.jar.documents.checklist import (
    BAD_CODE,
    DUPLICATE_CODE,
    PART_OF_UNKNOWN,
    PRIMARY_FIRST,
    ChecklistError,
    checklist_current,
    checklist_load,
)

SEED_001 = Path(settings.BASE_DIR).parent / "shared" / "seeds" / "001_9734337e8da2000d.txt"
BULLET = "\N{MIDDLE DOT}"


def _words(text: str) -> str:
    return " ".join(text.split())


def documents_evidence() -> tuple[str, list[str]]:
    """001 "Documents Evidence": its opening sentence and its bullets, in order."""
    text = SEED_001.read_text(encoding="utf-8")
    section = text[text.index("Documents Evidence") : text.index("Tips for success")]
    lines = [line.strip() for line in section.splitlines()[1:] if line.strip()]
    return lines[0], [_words(line.lstrip(BULLET)) for line in lines if line.startswith(BULLET)]


def test_the_seed_reads_as_expected():
    """A check on the reading itself, so a misread seed cannot pass the golden test."""
    opening, bullets = documents_evidence()
    assert opening.startswith("The primary document required is the latest version of the")
    assert len(bullets) == 24
    assert bullets[0].startswith("Director of Public Health report")
    assert bullets[-1].startswith("Training and development strategy")


def test_the_cypp_comes_first_as_the_primary_document():
    """001 "Documents Evidence": "The primary document required is the latest version of the
    Children and Young People's Plan"."""
    opening, _ = documents_evidence()
    first = checklist_current().documents[0]
    assert first.primary and first.code == "cypp"
    assert first.title in opening


def test_every_named_document_is_listed_in_the_seeds_words_and_order():
    """001 "Documents Evidence": the inspectors "require copies of over 30 documents
    including" these, each on the council's checklist in the seed's words."""
    _, bullets = documents_evidence()
    listed = [d.title for d in checklist_current().documents[1:]]
    assert listed == bullets


def test_the_parts_of_the_missing_children_protocols_name_it():
    """001 "Documents Evidence": "Missing children protocols or equivalents - including:"
    three parts, each a document of its own on the checklist."""
    documents = checklist_current().documents
    parts = [d.code for d in documents if d.part_of == "missing_children"]
    assert parts == [
        "missing_children_staff",
        "missing_children_providers",
        "missing_children_schools",
    ]


def test_codes_are_short_and_unique():
    codes = [d.code for d in checklist_current().documents]
    assert len(codes) == len(set(codes)) == 25
    assert all(len(c) <= 40 for c in codes)


@pytest.mark.parametrize(
    ("documents", "problem"),
    [
        ('- {code: cypp, title: Plan, primary: true}\n- {code: Bad-Code, title: X}', BAD_CODE),
        ('- {code: cypp, title: Plan, primary: true}\n- {code: cypp, title: X}', DUPLICATE_CODE),
        ('- {code: cypp, title: Plan, primary: true}\n- {code: a, title: X, part_of: z}',
         PART_OF_UNKNOWN),
        ("- {code: a, title: X}\n- {code: cypp, title: Plan, primary: true}", PRIMARY_FIRST),
    ],
)  # fmt: skip
def test_the_loader_refuses_a_bad_file(tmp_path, documents, problem):
    path = tmp_path / "bad.yaml"
    path.write_text(f"schema: 1\nurn: u\nsource: s\ndocuments:\n{documents}\n", encoding="utf-8")
    with pytest.raises(ChecklistError) as refused:
        checklist_load(path)
    # each message's fixed words after its last placeholder, e.g. "must be lower-case ..."
    fixed = problem.rsplit("}", 1)[-1].strip(' "')
    assert fixed and any(fixed in p for p in refused.value.problems), refused.value.problems
