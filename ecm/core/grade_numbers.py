"""A grade given as a number, in any of the forms people write one, where words are wanted.

Until the final letter a council reads judgements in words, never grades as numbers: the APA
meeting gives interim judgements "but not grades" (002 §G.i items 3-4), the draft letter gives
provisional judgements in words, and "actual grades will not be published until a later stage"
(002 §A). Step 1 of the notebook has no grades either (002 §F step 1). Every free-text field a
council can read before publication is checked with `grade_numbers_in`, so that an error
message can quote what was found.

How text is read
----------------
Each character is normalised on its own with NFKC (so a full-width four, U+FF14, a circled
three, the vulgar fraction three quarters and the roman numeral character U+2162 read as "4",
"3", "3/4" and "III"); any other Unicode digit (Arabic-Indic, Devanagari) reads as its ASCII
digit; dashes read as "-", slashes as "/", and invisible format characters (zero-width space,
soft hyphen) are dropped. The phrases returned
are the stretches of the text *as written*.

A number is a digit 1-4, a word one..four, or a roman numeral I..IV.

What is refused
---------------
1. A grading word, then optionally up to four of "-", ":", "as", "at", "a", "of", "to",
   "to be", "is", "was", "level", "band" or "grade", then a number: "grade 3", "Grade: 2",
   "grade-3", "grade three", "grade III", "graded as 2", "rated 2", "scored 2", "the grade is
   4", "downgraded to 2", "judged at level 3", "band 4", "judgement: 3". The grading words:
   grade(s), graded, grading, rated, rating(s) (also up-, down- and re-), judged, judgement
   (not "key judgement 3", which names a key judgement), scored, score (not "point score"),
   banded, band.
2. A number out of four: "3/4", "3 / 4", "three/four", "¾", "3 out of 4", "3 of 4",
   "level 3 of 4", "3 on a four-point scale".
3. A level used as a judgement: "a level 3 judgement", "level three grade".
4. A number beside a grade's words in brackets: "good (3)", "3 (good)".
5. A roman numeral II, III or IV standing alone in capitals ("Education: III").

What is accepted, and why (the judgement calls)
-----------------------------------------------
- Counts and years: "3 centres", "5 working days", "2007", "in 2006/07", "16-19", "year 6",
  "Key Stage 2": no grading word and not out of four.
- "Level 2 qualifications", "NVQ level 3", "level 4 or above at Key Stage 2": real education
  measures in the letters of the time, so "level n" alone is accepted; a level is refused
  only as a judgement (rules 1-3).
- "GCSE grades A*-C", "grade A*-C passes": letter grades are examination results.
- After a grading word a number is not a grade when it counts something or starts a
  proportion: "rated 2 stars" (a CSCI star rating, published elsewhere), "scored 3.5",
  "judged one of the strongest", "judged three out of four schools good", "rated 2 years
  running".
- A number out of four followed by a noun counts things: "three out of four schools",
  "one of four children's centres", "3/4 of pupils"; "1/4/2007" is a date.
- "a four-year plan", "the four-point scale": the scale named, no grade given.
- "Grade II listed": a listed building.
- Roman numerals: a lone "I" is a numeral only straight after a grading word with no word
  following it ("graded I."), so the pronoun is never refused; "II", "III", "IV" are accepted
  after Part, Phase, Section, Stage, Type, Tier, Schedule, Appendix, Annex, Chapter, Article,
  Volume ("Type II diabetes", "Part III") and when a word other than a small linking word
  follows ("IV drug users").

Not caught, on purpose: a bare digit after a title ("Education: 3"), which cannot be told
from an item number, and numbers in other languages.
"""

import re
import unicodedata

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"
_SLASHES = "\u2044\u2215"

# A lone "I" is a numeral only where no word follows it ("graded I", not "graded as I expected").
_NUMBER = r"(?:[1-4]|\b(?:one|two|three|four|iv|iii|ii)\b|\bi\b(?!\s+[a-z]))"
_DIGIT_OR_WORD = r"(?:[1-4]|\b(?:one|two|three|four)\b)"
_FOUR = r"(?:4|\bfour\b|\biv\b)"
# Small linking words: after one of these a number is still the grade ("III for staying
# safe"); after any other word it counts something ("three out of four schools").
_LINKING = (
    r"(?:for|in|on|at|and|or|by|with|overall|which|across|from|to|as|is|was|were|are|but|"
    r"when|while|because|this|that|so|then|since|the|a|an)"
)
_COUNTS = (
    r"(?:%|per\s*cent\b|percent\b|stars?\b|points?\b|years?\b|months?\b|weeks?\b|days?\b|"
    r"times\b|schools?\b|pupils?\b|children\b|centres?\b|places?\b|levels?\b|grades?\b)"
)
_GRADE_WORDS = r"(?:outstanding|excellent|very\s+good|good|adequate|satisfactory|inadequate|poor)"

# A grading word and what may stand between it and the number ("graded as", "judged to be at
# level", "Grade:"). "key judgement 3" names a key judgement; "point score" is a measure.
_GRADING = (
    r"(?<!\w)(?:(?:up|down|re)?(?:grades?|graded|grading|rated|ratings?)|scored|(?<!point\s)scores?"
    r"|banded|bands?|judged|(?<!key\s)judge?ments?)"
    r"(?:\s*(?:[-:=]|\b(?:as|at|an?|of|to\s+be|to|is|was|are|were|be|remains|now|level|band"
    r"|grade)\b)){0,4}\s*"
)
_KEYWORD = re.compile(
    rf"{_GRADING}{_NUMBER}"
    r"(?![\w*])(?![.,]\d)"
    rf"(?!\s*-?\s*{_COUNTS})"
    r"(?!\s+(?:out\s+)?of\b)"
    r"(?!\s+(?:listed|that|which|where|who)\b)",
    re.IGNORECASE,
)
_OUT_OF_FOUR = re.compile(
    rf"(?:{_GRADING}|\blevel\s*-?\s*)?(?<![\w/.]){_NUMBER}"
    rf"(?:\s*/\s*|\s+out\s+of\s+|\s+of\s+(?:a\s+possible\s+)?){_FOUR}"
    r"(?![\w/])(?!\s*/\s*\d)"
    r"(?!\s+of\b)"
    rf"(?!\s+(?!{_LINKING}\b)[a-z])"
    rf"|(?:{_GRADING})?(?<![\w/.]){_NUMBER}\s+on\s+(?:a|the)\s+(?:4|four)[-\s]point\s+scale",
    re.IGNORECASE,
)
_LEVEL_JUDGEMENT = re.compile(
    rf"\blevel\s*-?\s*{_NUMBER}(?!\w)\s+(?:judge?ments?|grades?|ratings?)\b", re.IGNORECASE
)
_BRACKETED = re.compile(
    rf"\b{_GRADE_WORDS}\s*[(\[]\s*(?:grade\s*)?{_DIGIT_OR_WORD}\s*[)\]]"
    rf"|(?<![\w/.]){_DIGIT_OR_WORD}\s*[(\[]\s*{_GRADE_WORDS}\s*[)\]]",
    re.IGNORECASE,
)
_NAMED_PART = (
    r"(?:part|phase|section|stage|type|tier|schedule|appendix|annex|chapter|article|volume)"
)
_BARE_ROMAN = re.compile(
    r"(?<![\w-])(?:II|III|IV)(?![\w-])"
    rf"(?!\s+(?!(?i:{_LINKING})\b)[A-Za-z])",
)
_AFTER_NAMED_PART = re.compile(rf"\b{_NAMED_PART}\s*$", re.IGNORECASE)

_PATTERNS = (_KEYWORD, _OUT_OF_FOUR, _LEVEL_JUDGEMENT, _BRACKETED)


def _normalised(text: str) -> tuple[str, list[int]]:
    """The text as the patterns read it, and for each of its characters the index of the
    character of `text` it came from."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if unicodedata.category(char) == "Cf":
            continue
        for piece in unicodedata.normalize("NFKC", char):
            if piece in _DASHES:
                piece = "-"
            elif piece in _SLASHES:
                piece = "/"
            elif piece.isdigit() and not piece.isascii():
                digit = unicodedata.digit(piece, None)
                piece = str(digit) if digit is not None else piece
            chars.append(piece)
            origin.append(index)
    return "".join(chars), origin


def grade_numbers_in(text: str) -> list[str]:
    """Each phrase of `text` that gives a grade as a number, as written, in order and once
    each (002 §A, §G.i). Empty when the text gives judgements in words only."""
    if not text:
        return []
    normal, origin = _normalised(text)
    spans = [m.span() for pattern in _PATTERNS for m in pattern.finditer(normal)]
    spans += [
        m.span()
        for m in _BARE_ROMAN.finditer(normal)
        if not _AFTER_NAMED_PART.search(normal[: m.start()])
    ]
    found: list[str] = []
    covered_to = -1
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if start < covered_to:
            continue
        covered_to = end
        phrase = text[origin[start] : origin[end - 1] + 1]
        if phrase not in found:
            found.append(phrase)
    return found


def states_a_grade(text: str) -> bool:
    """Whether the text gives a grade as a number where words are wanted (002 §A, §G.i)."""
    return bool(grade_numbers_in(text))


def quoted(phrases: list[str]) -> str:
    """The phrases found, quoted for an error message: '"grade 3" and "III"'."""
    marks = [f"\u201c{p}\u201d" for p in phrases]
    return marks[0] if len(marks) == 1 else ", ".join(marks[:-1]) + " and " + marks[-1]


WRITE_IT_IN_WORDS = (
    'write the judgement in words, for example "good" or "adequate" instead of "grade 3" or '
    '"2 out of 4"'
)
