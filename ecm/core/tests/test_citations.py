"""Users see the seeds by name and section, never the project's own files (issue 23 §3: "Users
see citations to the handbook's sections (e.g. "the handbook, section E"), never the project's
own files ("DOMAIN.md §3", "(000 §11)")")."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template

from ecm.core.citations import cited

TEMPLATES = sorted(Path(__file__).resolve().parents[2].glob("*/**/templates/**/*.html"))
_COMMENTS = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}|<!--.*?-->", re.DOTALL)
# A seed's file number as a citation ("002 §E", "(001)", "000 §11") or the project's notes.
RAW_CITATION = re.compile(r"\b00[0-4]\s*§|\(00[0-4]\)|DOMAIN\.md|\bissue \d+ §")


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("002 §I stage 3; DOMAIN.md §3", "the handbook, section I stage 3"),
        ("(002 §J)", "(the handbook, section J)"),
        ("000 §11", "the self-assessment guidance, section 11"),
        ("002 §E.iv", "the handbook, section E.iv"),
        (
            "Annual from 1 April 2009 (004)",
            "Annual from 1 April 2009 (the 2009 briefing on the area assessment)",
        ),
        ("002 Appendix B", "the handbook, Appendix B"),
        ("issue 7 §2", ""),
    ],
)
def test_a_source_reads_as_the_seeds_name_and_section(source, words):
    assert cited(source) == words


def test_templates_show_citations_through_the_filter():
    rendered = Template("{% load govuk %}{{ source|cited }}").render(Context({"source": "002 §E"}))
    assert rendered == "the handbook, section E"


def test_no_template_shows_a_seed_number_or_the_projects_own_files():
    """Every page: what a template writes (comments aside) never cites "002 §E", "(001)" or
    "DOMAIN.md"; a citation is written in words or passed through `cited`."""
    found = []
    for path in TEMPLATES:
        text = _COMMENTS.sub(lambda m: "\n" * m.group(0).count("\n"), path.read_text())
        for number, line in enumerate(text.splitlines(), start=1):
            if RAW_CITATION.search(line):
                found.append(f"{path.relative_to(path.parents[3])}:{number}: {line.strip()[:90]}")
    assert not found, "\n".join(found)
