"""The check before a document goes to a council (issue 20 §1): placeholders, wording an
earlier stage leaves behind, repeated sentences, grades as numbers before publication (002 §A),
empty parts; each found with its part named, all at once."""

import pytest
from django.core.exceptions import ValidationError

from ecm.core.document_check import (
    DocumentPart,
    Replaced,
    document_problems,
    refuse_unless_ready,
    repeated_sentences,
    without_repeats,
)

CLEAN = DocumentPart("Opening", "We met the council on 5 July 2007. Key Stage 2 results rose.")


def messages(*parts, grades_allowed=False, replaced=None) -> list[str]:
    return [
        p.message
        for p in document_problems(parts=parts, grades_allowed=grades_allowed, replaced=replaced)
    ]


def test_a_clean_document_has_nothing_to_put_right():
    assert messages(CLEAN) == []


@pytest.mark.parametrize("placeholder", ["[Name]", "[Address]", "[the date of the meeting]"])
def test_a_placeholder_left_is_found_with_its_part(placeholder):
    """Issue 20: "[Name]", "[Address]" and "[the date of the meeting]" reached the council."""
    found = messages(DocumentPart("Address block", f"{placeholder},\nCounty Hall"))
    assert found == [f'Address block: "{placeholder}" is a placeholder: write what it stands for']


def test_a_bracketed_reference_is_not_a_placeholder():
    assert messages(DocumentPart("Opening", "As the table shows [1], results rose.")) == []


def test_an_earlier_stages_wording_is_found_wherever_it_stands():
    """002 §J "The final letter": the final letter carries none of the draft's wording."""
    replaced = Replaced(("This letter is a draft.",), "the draft's", "the final letter")
    part = DocumentPart("Opening", "Thank you for your time. This letter is a draft.")
    (message,) = messages(part, grades_allowed=True, replaced=replaced)
    assert message.startswith('Opening: "This letter is a draft." is the draft\'s wording')


def test_a_sentence_said_twice_in_a_part_is_found_once_with_its_count():
    """Issue 20: a finding and its Step 2 key point were joined without removing the repeat."""
    text = (
        "Child protection reviews are held on time.\n\n"
        "Child protection reviews are held on time. Re-registrations have fallen."
    )
    assert repeated_sentences(text) == [("Child protection reviews are held on time.", 2)]
    (message,) = messages(DocumentPart("Staying safe", text))
    assert "is there 2 times" in message


def test_short_sentences_may_repeat():
    assert repeated_sentences("None recorded.\nNone recorded.") == []


def test_without_repeats_keeps_each_sentence_once_in_order():
    kept = without_repeats(
        ["A finding about schools is here.", "A finding about schools is here. More."]
    )
    assert kept == ["A finding about schools is here.", "More."]


def test_a_grade_as_a_number_is_refused_before_publication_only():
    """002 §A: words, never grades, until the final letter."""
    part = DocumentPart("Being healthy", "Outcomes are judged grade three overall.")
    (message,) = messages(part)
    assert 'grade three" gives a grade as a number' in message
    assert messages(part, grades_allowed=True) == []


def test_an_empty_required_part_is_found_an_optional_one_is_not():
    assert messages(DocumentPart("Summary", "  ")) == [
        "Summary is empty: write it before the document goes"
    ]
    assert messages(DocumentPart("Areas for the JAR", "", required=False)) == []


def test_refusal_lists_every_problem_at_once():
    with pytest.raises(ValidationError) as raised:
        refuse_unless_ready(
            what="The agenda",
            problems=document_problems(
                parts=[DocumentPart("Item 1", "[Name]"), DocumentPart("Item 2", "")],
                grades_allowed=False,
            ),
        )
    assert raised.value.messages[0].startswith("The agenda cannot go yet")
    assert len(raised.value.messages) == 3
