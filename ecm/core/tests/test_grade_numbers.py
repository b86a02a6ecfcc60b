"""The numeric-grade guard (issue 20 §6): what a council reads before the final letter gives
judgements in words, never grades as numbers.

002 §A: "Emerging judgements will be shared with the authority at the APA meeting and confirmed
in the APA letter. Actual grades will not be published until a later stage." 002 §G.i items
3-4: the meeting gives interim judgements "(but not grades)". A tester got round the old
guard with "grade three", "grade-3", "Grade" and a full-width four, "judged 3 out of 4",
"rated 2" and "III" (issue 20, observed 9); each is in the table of refused phrases below,
with the other forms a grade is written in, and beside it the table of phrases that must
still be accepted, each with the reason (the judgement calls are also in the docstring of
ecm.core.grade_numbers).
"""

import pytest

from ecm.core.grade_numbers import grade_numbers_in, quoted, states_a_grade

# (text, the phrase quoted back): every way of writing a grade the guard refuses.
REFUSED = [
    # The tester's variants (issue 20, observed 9).
    ("grade three", "grade three"),
    ("Outcomes are grade-3 overall.", "grade-3"),
    ("Grade \uff14 for staying safe", "Grade \uff14"),  # a full-width four
    ("judged 3 out of 4", "judged 3 out of 4"),
    ("Services are rated 2.", "rated 2"),
    ("Education: III", "III"),
    # A grading word and a digit.
    ("grade 3", "grade 3"),
    ("Grade: 2", "Grade: 2"),
    ("Grade3", "Grade3"),
    ("graded as 2", "graded as 2"),
    ("grading 4 seems right", "grading 4"),
    ("scored 2", "scored 2"),
    ("Score: 1", "Score: 1"),
    ("Band 4", "Band 4"),
    ("the grade is 4", "grade is 4"),
    ("was downgraded to 2", "downgraded to 2"),
    ("a rating of 3", "rating of 3"),
    ("Overall judgement: 3", "judgement: 3"),
    ("grade 3-4", "grade 3"),
    # Spelled-out numbers.
    ("grade two", "grade two"),
    ("Scored: four", "Scored: four"),
    ("rated as one", "rated as one"),
    ("two out of four", "two out of four"),
    # Roman numerals.
    ("grade III", "grade III"),
    ("rated ii", "rated ii"),
    ("graded IV.", "graded IV"),
    ("graded I.", "graded I"),
    ("III", "III"),
    ("Social care: IV", "IV"),
    ("III for staying safe", "III"),
    ("\u2162", "\u2162"),  # the Unicode roman numeral three
    # Out of four: "x/4" forms.
    ("3/4", "3/4"),
    ("3 / 4", "3 / 4"),
    ("Immunisation is good, 3/4.", "3/4"),
    ("three/four", "three/four"),
    ("III/IV", "III/IV"),
    ("\u00be", "\u00be"),  # the vulgar fraction three quarters
    ("3\u22154", "3\u22154"),  # a division slash
    ("3 out of 4", "3 out of 4"),
    ("3 of 4", "3 of 4"),
    ("judged 3 of 4 for staying safe", "judged 3 of 4"),
    ("3 on a four-point scale", "3 on a four-point scale"),
    # Level n as a judgement.
    ("level 3 of 4", "level 3 of 4"),
    ("judged at level 3", "judged at level 3"),
    ("a level 3 judgement", "level 3 judgement"),
    ("level three grade", "level three grade"),
    # Beside a grade's words in brackets.
    ("good (3)", "good (3)"),
    ("3 (good)", "3 (good)"),
    # Unicode digits and invisible characters.
    ("Grade\uff13", "Grade\uff13"),  # a full-width three
    ("grade ③", "grade ③"),
    ("grade ٣", "grade ٣"),  # Arabic-Indic three
    ("grade ३", "grade ३"),  # Devanagari three
    ("grade\u00a03", "grade\u00a03"),  # no-break space
    ("grade\u200b3", "grade\u200b3"),  # zero-width space
    ("grade\u20133", "grade\u20133"),  # en dash
]

# (text, why it is accepted): phrases the guard must not refuse.
ACCEPTED = [
    ("3 centres", "a count"),
    ("Key Stage 2", "a key stage, not a grade"),
    ("key stage 4", "a key stage, not a grade"),
    ("year 6", "a school year"),
    ("Year 11", "a school year"),
    ("2007", "a year"),
    ("in 2006/07", "an academic year, not out of four"),
    ("5 working days", "a count"),
    ("16-19", "an age range"),
    ("the 14-19 partnership", "an age range"),
    ("GCSE grades A*-C", "examination grades are letters"),
    ("grade A*-C passes", "examination grades are letters"),
    ("Level 2 qualifications", "a qualification level: 'level n' alone is a measure"),
    ("NVQ level 3", "a qualification level"),
    (
        "pupils achieving level 4 or above at Key Stage 2",
        "the national curriculum level, the usual Key Stage 2 measure",
    ),
    ("a four-year plan", "a plan's length"),
    ("the four-point scale", "the scale named, no grade given"),
    ("Type II diabetes", "a named type, not a grade"),
    ("Part III of the Act", "a named part"),
    ("Section IV", "a named section"),
    ("IV drug users", "a word follows: intravenous, not a grade"),
    ("Henry VIII", "not II, III or IV"),
    ("a Grade II listed building", "a listed building"),
    ("I think the council is good", "the pronoun"),
    ("graded as I expected", "the pronoun, a word follows"),
    ("three out of four schools", "a proportion of things counted"),
    ("one of four children's centres", "a proportion of things counted"),
    ("judged three out of four schools good", "a proportion, then what was counted"),
    ("3/4 of pupils", "a fraction of pupils"),
    ("by 1/4/2007", "a date"),
    ("rated 2 stars", "a CSCI star rating, published elsewhere"),
    ("3 stars", "a CSCI star rating"),
    ("judged one of the strongest", "one of several"),
    ("scored 3.5 on average", "a decimal measure, not a grade"),
    ("rated 2 years running", "a count of years"),
    ("an average point score of 3", "a point score is a measure"),
    ("key judgement 3", "names a key judgement of the framework"),
    ("the council's services are good", "words, as wanted"),
    ("delivers only minimum requirements", "the scale's own words"),
    ("", "nothing written"),
]


@pytest.mark.parametrize(("text", "phrase"), REFUSED, ids=[t for t, _ in REFUSED])
def test_a_grade_as_a_number_is_refused_and_quoted_as_written_002_a_g_i(text, phrase):
    assert states_a_grade(text)
    assert grade_numbers_in(text) == [phrase]


@pytest.mark.parametrize(("text", "why"), ACCEPTED, ids=[t or "empty" for t, _ in ACCEPTED])
def test_phrases_that_are_not_grades_are_accepted(text, why):
    assert grade_numbers_in(text) == [], why
    assert not states_a_grade(text)


def test_every_phrase_is_found_once_in_order():
    text = "Education is grade 3, social care 2/4 and capacity III. Education is grade 3."
    assert grade_numbers_in(text) == ["grade 3", "2/4", "III"]


def test_the_phrases_are_quoted_for_an_error_message():
    assert quoted(["grade three"]) == "\u201cgrade three\u201d"
    assert quoted(["grade 3", "2/4", "III"]) == (
        "\u201cgrade 3\u201d, \u201c2/4\u201d and \u201cIII\u201d"
    )
