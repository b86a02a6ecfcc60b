"""What a rendition's content holds, written down once (as ecm.analysis.content does for the
notebook), and how the letter's words are counted against its length guides."""

import re

_WORD = re.compile(r"\S+")


def rendition_content(*, template_urn: str, sections: dict[str, str], judgements: list) -> dict:
    """Every section's text, in the template's order, and the provisional judgements in words:
    [{"urn": ..., "title": ..., "words": "delivers only minimum requirements"}] (never a grade,
    002 §A: the draft goes to the council in words only)."""
    return {
        "template": template_urn,
        "sections": dict(sections),
        "judgements": [
            {"urn": j["urn"], "title": j["title"], "words": j["words"]} for j in judgements
        ],
    }


def words_in(text: str) -> int:
    """How many words a text has, as a word processor counts them (runs of non-spaces)."""
    return len(_WORD.findall(text or ""))
