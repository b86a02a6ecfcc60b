"""A source as users read it (issue 23 §3): the handbook's sections ("the handbook, section I
stage 3"), never the project's own files or notes ("002 §I", "DOMAIN.md §3", "issue 7 §2").
The stage table and the services keep their precise sources for the code's readers; pages and
messages show them through `handbook_words`."""

import re

_PROJECT_NOTES = re.compile(
    r"(?:;\s*|\s*\(|^)(?:DOMAIN\.md|issue \d+|ADR \d+)(?:\s*§\s*[\w.]+)?[^;)]*\)?", re.IGNORECASE
)
_SEEDS = (
    (re.compile(r"\b002\s+§\s*([A-J](?:\.[ivx]+)?)"), r"the handbook, section \1"),
    (re.compile(r"\b002\s+Appendix\s+([AB])"), r"the handbook, Appendix \1"),
    (re.compile(r"\b002\b"), "the handbook"),
    (re.compile(r"\b000\s+§\s*(\d+)"), r"the self-assessment guidance, section \1"),
    (re.compile(r"\b001\b"), "the 2007 briefing"),
)


def handbook_words(source: str) -> str:
    """`source` with the seeds named as the handbook and the guidance, and the project's own
    notes left out."""
    text = _PROJECT_NOTES.sub("", source or "")
    for pattern, words in _SEEDS:
        text = pattern.sub(words, text)
    return re.sub(r"\s{2,}", " ", text).strip(" ;")
