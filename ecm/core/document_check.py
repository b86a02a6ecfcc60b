"""The check every document passes before it goes to a council (issue 20 §1): what a council
receives is an official document of the inspectorate, so it is read as the council would read it
before it is sent or published.

A document is given as its parts in order, each a title and a text. The check finds, in every
part:
- a placeholder left in the text ("[Name]", "[the date of the meeting]");
- a sentence of an earlier stage that this stage replaces (the draft's "This letter is a draft"
  in a final letter);
- a sentence said twice in the same part (a finding and its key point joined without removing
  the repeat);
- a grade given as a number, while the council may read only words (002 §A: "Actual grades
  will not be published until a later stage"; §G.i);
- a required part left empty.

`document_problems` lists them all, in the document's order, each naming its part and saying
how to put it right; `refuse_unless_ready` raises them together as one ValidationError, so a
send is blocked with the whole list at once and nothing is half sent.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from ecm.core.grade_numbers import grade_numbers_in

# Square brackets around words are the templates' placeholders ("[Name]", "[Address]"); a
# bracketed reference such as "[1]" is not words, so it is not one.
_PLACEHOLDER = re.compile(r"\[[^\[\]\n]*[A-Za-z][^\[\]\n]*\]")
# A sentence ends at . ! or ? followed by a space, or at the end of a line (list items).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\s*\n\s*")
_BULLET = re.compile(r"^(?:[-*\u2022]|\d+[.)])\s+")
# Short sentences ("None recorded.", "Yours sincerely,") may rightly repeat; a repeated
# sentence of this many words or more is a slip.
REPEAT_MINIMUM_WORDS = 5

PLACEHOLDER_LEFT = '{part}: "{found}" is a placeholder: write what it stands for'
REPLACED_LEFT = (
    '{part}: "{sentence}" is {earlier} wording, which {later} replaces: take it out or rewrite it'
)
REPEATED = '{part}: the sentence "{sentence}" is there {count} times: keep it once'
GRADE_AS_NUMBER = (
    '{part}: "{found}" gives a grade as a number; until the final letter is published the '
    'council reads judgements in words only (002 §A): write it in words, such as "good"'
)
EMPTY = "{part} is empty: write it before the document goes"
NOT_READY = "{what} cannot go yet. Put right each of these, then try again:"


@dataclass(frozen=True)
class DocumentPart:
    title: str
    text: str
    required: bool = True


@dataclass(frozen=True)
class Replaced:
    """Sentences of an earlier stage's wording that the stage being checked replaces."""

    sentences: tuple[str, ...]
    earlier: str  # "the draft's"
    later: str  # "the final letter"


@dataclass(frozen=True)
class DocumentProblem:
    part: str
    message: str


def _normal(sentence: str) -> str:
    """A sentence as compared: NFKC, lower case, single spaces, no bullet, no end stop."""
    text = unicodedata.normalize("NFKC", sentence)
    text = _BULLET.sub("", text.strip())
    return re.sub(r"\s+", " ", text).strip().rstrip(".!?:;,").lower()


def sentences_of(text: str) -> list[str]:
    """The text's sentences and list items, as written (bullets stripped)."""
    pieces = (_BULLET.sub("", p.strip()) for p in _SENTENCE_END.split(text or ""))
    return [p for p in pieces if p]


def repeated_sentences(text: str) -> list[tuple[str, int]]:
    """Each sentence of at least REPEAT_MINIMUM_WORDS words said more than once, as first
    written, with how many times."""
    seen: dict[str, tuple[str, int]] = {}
    for sentence in sentences_of(text):
        if len(sentence.split()) < REPEAT_MINIMUM_WORDS:
            continue
        key = _normal(sentence)
        first, count = seen.get(key, (sentence, 0))
        seen[key] = (first, count + 1)
    return [(first, count) for first, count in seen.values() if count > 1]


def without_repeats(paragraphs: Iterable[str]) -> list[str]:
    """The paragraphs with every sentence already said left out, and any paragraph left empty
    dropped: for joining texts that may say the same thing (a Step 1 finding copied into a
    Step 2 key point)."""
    said: set[str] = set()
    kept = []
    for paragraph in paragraphs:
        pieces = re.split(r"(?<=[.!?])\s+", paragraph.strip())
        fresh = []
        for piece in pieces:
            key = _normal(piece)
            if key and key in said:
                continue
            said.add(key)
            fresh.append(piece)
        text = " ".join(fresh).strip()
        if text:
            kept.append(text)
    return kept


def _shorten(sentence: str, limit: int = 90) -> str:
    return (
        sentence
        if len(sentence) <= limit
        else sentence[: limit - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"
    )


def document_problems(
    *,
    parts: Sequence[DocumentPart],
    grades_allowed: bool,
    replaced: Replaced | None = None,
    repeats_allowed: bool = False,
) -> list[DocumentProblem]:
    """Everything in the document to put right before it goes, part by part. A document whose
    parts list findings by more than one heading (the agenda's item 5 gives a finding under its
    outcome and again under service management) may allow repeats."""
    old = {_normal(s): s for s in (replaced.sentences if replaced else ())}
    old.pop("", None)
    problems: list[DocumentProblem] = []

    def add(part: DocumentPart, message: str) -> None:
        problems.append(DocumentProblem(part=part.title, message=message))

    for part in parts:
        text = part.text or ""
        if not text.strip():
            if part.required:
                add(part, EMPTY.format(part=part.title))
            continue
        for found in dict.fromkeys(_PLACEHOLDER.findall(text)):
            add(part, PLACEHOLDER_LEFT.format(part=part.title, found=found))
        if replaced is not None:
            for sentence in sentences_of(text):
                if _normal(sentence) in old:
                    add(
                        part,
                        REPLACED_LEFT.format(
                            part=part.title,
                            sentence=_shorten(sentence),
                            earlier=replaced.earlier,
                            later=replaced.later,
                        ),
                    )
        for sentence, count in [] if repeats_allowed else repeated_sentences(text):
            add(part, REPEATED.format(part=part.title, sentence=_shorten(sentence), count=count))
        if not grades_allowed:
            for found in dict.fromkeys(grade_numbers_in(text)):
                add(part, GRADE_AS_NUMBER.format(part=part.title, found=found))
    return problems


def refuse_unless_ready(*, what: str, problems: Sequence[DocumentProblem]) -> None:
    """Raise every problem of the document at once, after a first line naming it."""
    if problems:
        raise ValidationError(
            [NOT_READY.format(what=what), *(p.message for p in problems)], code="not_ready"
        )
