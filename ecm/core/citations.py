"""A source as users read it (issue 23 §3: "Users see citations to the handbook's sections (e.g.
"the handbook, section E"), never the project's own files ("DOMAIN.md §3", "(000 §11)")").

The code keeps its precise sources ("002 §I stage 3") for its readers; pages, messages, emails
and audit reasons show them through `cited`, and templates through the `cited` filter
(ecm.core.templatetags.govuk). Names of the seed documents: ../shared/seeds/README.md.
"""

import re

# The project's own notes, never shown: "DOMAIN.md §3", "issue 7 §2", "ADR 12", "decision 0040".
_PROJECT_NOTES = re.compile(
    r"(?:;\s*|,\s*|\s*\(|^)"
    r"(?:DOMAIN\.md|issue \d+|ADR \d+|decision \d{4})(?:\s*§\s*[\w.]+)?[^;),]*\)?",
    re.IGNORECASE,
)
SEED_NAMES = {
    "000": "the self-assessment guidance",
    "001": "the 2007 briefing on the APA and the JAR",
    "002": "the handbook",
    "003": "the overview of the inspection framework",
    "004": "the 2009 briefing on the area assessment",
}
_SECTION = r"([A-Z](?:\.[ivx]+)?|\d+(?:\.\d+)?)"
_SEEDS = (
    (re.compile(r"\b002\s+Appendix\s+([AB])"), r"the handbook, Appendix \1"),
    *(
        (re.compile(rf"\b{number}\s*§\s*{_SECTION}"), rf"{name}, section \1")
        for number, name in SEED_NAMES.items()
    ),
    *((re.compile(rf"\b{number}\b(?!\d)"), name) for number, name in SEED_NAMES.items()),
)
_SECTION_ONLY = re.compile(rf"(?<=, )§\s*{_SECTION}")


def cited(source: str) -> str:
    """`source` with the seeds named in words and the project's own notes left out:
    "002 §I stage 3; DOMAIN.md §3" reads "the handbook, section I stage 3"."""
    text = _PROJECT_NOTES.sub("", source or "")
    for pattern, words in _SEEDS:
        text = pattern.sub(words, text)
    text = _SECTION_ONLY.sub(r"section \1", text)  # "002 §A, §I": the second section too
    return re.sub(r"\s{2,}", " ", text).strip(" ;,")
