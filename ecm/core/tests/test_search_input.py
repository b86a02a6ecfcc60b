"""What people type into a search box (issue 21 §7): control characters and unpaired
surrogates are refused with a message; ordinary words, accents and punctuation pass."""

import pytest

from ecm.core.search_input import CONTROL_CHARACTERS, MAX_QUERY, TOO_LONG, search_query


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("  exclusions  ", "exclusions"),
        ("Children's centres", "Children's centres"),
        ("Ysgol Gymraeg — naïve café", "Ysgol Gymraeg — naïve café"),
        ('"quoted" OR NEAR(a b)', '"quoted" OR NEAR(a b)'),
        (None, ""),
    ],
)
def test_ordinary_queries_pass(raw, expected):
    assert search_query(raw) == (expected, "")


@pytest.mark.parametrize(
    "raw", ["\x00", "a\x00b", "tab\there", "\x1b[31m", "\x7f", "a\x85b", "\ud800"]
)
def test_control_characters_are_refused_with_a_message(raw):
    assert search_query(raw) == ("", CONTROL_CHARACTERS)


def test_a_query_over_the_limit_is_refused_not_cut_short():
    assert search_query("x" * MAX_QUERY) == ("x" * MAX_QUERY, "")
    assert search_query("x" * (MAX_QUERY + 1)) == ("", TOO_LONG.format(limit=MAX_QUERY))
