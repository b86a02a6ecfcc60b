"""The matching rule of the inspectors' reading: when a paragraph of the self-assessment
mentions an indicator (issue 4 §4; used by ecm.self_assessment.reading).

The matching rule for "mentioned only" (`indicator_terms`, `paragraph_mentions`):
1. The key terms of an indicator are the words of its title, lower-cased, leaving out numbers
   (tokens without a letter), common English words ("of", "the", "within", ...) and the words
   that nearly every indicator shares (percentage, rate, per, number, children, young, people,
   pupils, aged, year, days, month names: `STOP_WORDS`). A term counts once.
2. Words are compared by stem: lower-cased, a trailing "'s" dropped, a plural ending removed
   ("-ies" becomes "-y"; "-sses", "-xes", "-ches", "-shes" lose "-es"; otherwise a final "-s"
   goes, except after "s", "u" or "i"), then cut to its first six letters. So "conceptions"
   matches "conception" and "assessed" matches "assessments", but "concerns" does not match
   "conception".
3. A paragraph mentions the indicator when it holds at least two of the indicator's key terms,
   or at least half of them (rounded up) when it has more than four, or all of them when it has
   fewer than two. A paragraph is text between blank lines; each bullet point (a line starting
   "-", "*", "•" or "1.") is a paragraph of its own.
Example: "Teenage conception rate per 1,000 girls aged 15 to 17" has the key terms teenage,
conception, girls; "Teenage conceptions rose again last year" mentions it (two of three).
"""

import math
import re

EXCERPT_WORDS = 30

# Common English words.
_COMMON_WORDS = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can did do does doing down during each few for from further
    had has have having he her here hers him his how i if in into is it its itself just least
    less many may me more most much must my no nor not now of off on once only or other our ours
    out over own same she should so some such than that the their theirs them then there these
    they this those through to too under until up upon very via was we were what when where
    whether which while who whom whose why will with within without would you your
"""
# Words nearly every indicator title shares, so they tell indicators apart badly.
_SHARED_WORDS = """
    percentage percent proportion number numbers rate rates ratio per total average mean
    score count value figure level levels aged age ages year years yearly annual month months
    week weeks day days date period time england national local authority authorities la
    council councils child children young people person persons pupil pupils student students
    including include includes based measured
    january february march april may june july august september october november december
"""
STOP_WORDS = frozenset(_COMMON_WORDS.split() + _SHARED_WORDS.split())

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u2013]|\d+[.)])\s+")


def stem(word: str) -> str:
    """A word's stem for matching (rule 2 of the module docstring)."""
    w = word.lower().replace("\u2019", "'")
    w = w.removesuffix("'s").replace("'", "")
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith(("sses", "xes", "ches", "shes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return w[:6]


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def indicator_terms(title: str) -> dict[str, str]:
    """The key terms of an indicator's title, as {stem: the word as written} in title order
    (rule 1 of the module docstring)."""
    terms: dict[str, str] = {}
    for word in _words(title):
        lower = word.lower()
        if not any(c.isalpha() for c in lower) or lower in STOP_WORDS:
            continue
        if stem(lower) in STOP_WORDS or lower.removesuffix("s") in STOP_WORDS:
            continue
        terms.setdefault(stem(lower), lower)
    return terms


def terms_needed(count: int) -> int:
    """How many of an indicator's key terms a paragraph must hold (rule 3)."""
    if count < 2:
        return count
    return max(2, math.ceil(count / 2)) if count > 4 else 2


def paragraphs(text: str) -> list[str]:
    """Text between blank lines; each bullet point on its own (rule 3)."""
    found: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        current: list[str] = []
        for line in block.splitlines():
            if _BULLET.match(line) and current:
                found.append("\n".join(current))
                current = []
            current.append(line)
        if current:
            found.append("\n".join(current))
    return [p.strip() for p in found if p.strip()]


def paragraph_mentions(paragraph: str, terms: dict[str, str]) -> tuple[str, ...]:
    """The key terms the paragraph holds when they are enough to count as a mention, else ()."""
    if not terms:
        return ()
    stems = {stem(w) for w in _words(paragraph)}
    matched = tuple(word for s, word in terms.items() if s in stems)
    return matched if len(matched) >= terms_needed(len(terms)) else ()


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    """The first `words` words of a text, with an ellipsis when there are more."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
