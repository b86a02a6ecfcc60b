"""Comparing two renditions of a letter side by side, section by section and word by word
(issue 7 §2: "any two can be compared side by side"), as notebook revisions are compared."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString

from ecm.analysis.presentation import words_compared
from ecm.letters.models import Rendition
from ecm.letters.template import template_by_urn

NOT_THE_SAME_LETTER = "Compare two renditions of the same letter"


@dataclass(frozen=True)
class SectionCompared:
    code: str
    title: str
    older: str
    newer: str
    marked: SafeString  # the newer text with words added <ins> and removed <del>

    @property
    def changed(self) -> bool:
        return self.older != self.newer


@dataclass(frozen=True)
class JudgementCompared:
    title: str
    older: str
    newer: str

    @property
    def changed(self) -> bool:
        return self.older != self.newer


@dataclass(frozen=True)
class RenditionsCompared:
    older: Rendition
    newer: Rendition
    sections: list[SectionCompared]
    judgements: list[JudgementCompared]

    @property
    def changed_sections(self) -> list[SectionCompared]:
        return [s for s in self.sections if s.changed]


def renditions_compare(*, older: Rendition, newer: Rendition) -> RenditionsCompared:
    """Every section of the newer rendition's template, in order, with the words changed since
    the older one; then the provisional judgements in words. Given the other way round, the
    two are swapped so that `older` is the earlier."""
    if older.letter_id != newer.letter_id:
        raise ValidationError(NOT_THE_SAME_LETTER)
    if older.number > newer.number:
        older, newer = newer, older
    template = template_by_urn(newer.content.get("template") or newer.letter.template_urn)
    before, after = older.content["sections"], newer.content["sections"]
    sections = [
        SectionCompared(
            code=s.code,
            title=s.title,
            older=before.get(s.code, ""),
            newer=after.get(s.code, ""),
            marked=words_compared(before.get(s.code, ""), after.get(s.code, "")),
        )
        for s in template.sections
    ]
    old_words = {j["urn"]: j["words"] for j in older.content.get("judgements", [])}
    judgements = [
        JudgementCompared(title=j["title"], older=old_words.get(j["urn"], ""), newer=j["words"])
        for j in newer.content.get("judgements", [])
    ]
    return RenditionsCompared(older=older, newer=newer, sections=sections, judgements=judgements)
