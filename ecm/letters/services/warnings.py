"""Warnings on a letter's draft, never blocking (issue 7 §1: "a length guide against 4-6 sides
of A4 and a warning where a section drifts from its guide or an outcome lacks LAC or LDD").
Each warning cites the rule it comes from."""

import re
from dataclasses import dataclass

from ecm.letters.citations import handbook_words
from ecm.letters.content import words_in
from ecm.letters.models import Letter
from ecm.letters.template import template_by_urn

RULE_LETTER_LENGTH = '002 §I template 1: "no longer than 4-6 sides of A4"'
RULE_SECTION_LENGTH = "002 §I template 3: the suggested length of each section"
RULE_LAC_LDD = (
    "002 §I template 3: a judgement on looked after children and children with learning "
    "difficulties and/or disabilities in each outcome"
)

SECTION_TOO_SHORT = (
    "{title} has {words} words, fewer than its guide of {minimum} to {maximum} ({basis}): "
    "say more, or check nothing is missing"
)
SECTION_TOO_LONG = (
    "{title} has {words} words, more than its guide of {minimum} to {maximum} ({basis}): shorten it"
)
LETTER_TOO_SHORT = (
    "The letter has {words} words, about {sides} sides of A4 at {per_side} words a side; the "
    "template asks for {minimum} to {maximum} sides: check every section is written"
)
LETTER_TOO_LONG = (
    "The letter has {words} words, about {sides} sides of A4 at {per_side} words a side; the "
    "template asks for {minimum} to {maximum} sides: shorten it"
)
NO_LAC = "{title} does not speak of looked after children: say how well the outcome is met for them"
NO_LDD = (
    "{title} does not speak of children and young people with learning difficulties and/or "
    "disabilities: say how well the outcome is met for them"
)

# The words that show a section speaks of each group, written once. Phrases are matched in
# any case anywhere in a word ("disabilit" finds disability and disabilities); abbreviations
# only as whole words in capitals, so "LAC" is not found in "place".
LAC_PHRASES = ("looked after", "looked-after", "in care", "care leaver", "leaving care")
LAC_ABBREVIATIONS = ("LAC", "CLA")
LDD_PHRASES = ("learning difficult", "disabilit", "disabled", "special educational need")
LDD_ABBREVIATIONS = ("LDD", "SEN", "SEND")


@dataclass(frozen=True)
class LetterWarning:
    message: str
    rule: str
    section: str = ""  # the section's code; empty for the whole letter


def speaks_of(text: str, phrases: tuple[str, ...], abbreviations: tuple[str, ...]) -> bool:
    """Whether the text mentions the group, by a phrase or an abbreviation."""
    lowered = text.lower()
    if any(phrase in lowered for phrase in phrases):
        return True
    return any(re.search(rf"\b{re.escape(a)}\b", text) for a in abbreviations)


def letter_warnings(*, letter: Letter) -> list[LetterWarning]:
    """What in the letter drifts from the template's guides, in the template's order, then
    the whole letter's length."""
    template = template_by_urn(letter.template_urn)
    warnings: list[LetterWarning] = []
    total = 0
    for section in template.sections:
        text = letter.sections.get(section.code, "")
        words = words_in(text)
        total += words
        guide = section.words
        if guide is not None and not guide.minimum <= words <= guide.maximum:
            message = SECTION_TOO_SHORT if words < guide.minimum else SECTION_TOO_LONG
            warnings.append(
                LetterWarning(
                    message=message.format(
                        title=section.title,
                        words=words,
                        minimum=guide.minimum,
                        maximum=guide.maximum,
                        basis=handbook_words(guide.basis),
                    ),
                    rule=RULE_SECTION_LENGTH,
                    section=section.code,
                )
            )
        if section.lac_ldd:
            if not speaks_of(text, LAC_PHRASES, LAC_ABBREVIATIONS):
                warnings.append(
                    LetterWarning(
                        message=NO_LAC.format(title=section.title),
                        rule=RULE_LAC_LDD,
                        section=section.code,
                    )
                )
            if not speaks_of(text, LDD_PHRASES, LDD_ABBREVIATIONS):
                warnings.append(
                    LetterWarning(
                        message=NO_LDD.format(title=section.title),
                        rule=RULE_LAC_LDD,
                        section=section.code,
                    )
                )
    if not template.words_minimum <= total <= template.words_maximum:
        message = LETTER_TOO_SHORT if total < template.words_minimum else LETTER_TOO_LONG
        warnings.append(
            LetterWarning(
                message=message.format(
                    words=total,
                    sides=f"{total / template.words_per_side:.1f}",
                    per_side=template.words_per_side,
                    minimum=template.sides_minimum,
                    maximum=template.sides_maximum,
                ),
                rule=RULE_LETTER_LENGTH,
            )
        )
    return warnings
