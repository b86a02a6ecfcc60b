"""Audit entries read as sentences (issue 23 §3: "audit entries read as sentences, not verbs
such as `plan.changed`"): the action in words, and what changed a field at a time."""

from ecm.audit.verbs import change_sentences, verb_words


def test_a_change_reads_one_sentence_a_field_in_words():
    sentences = change_sentences(
        {"status": "draft", "timing_request": "", "lead": "A"},
        {"status": "published", "timing_request": "October", "lead": "A", "is_final": True},
    )
    assert sentences == [
        'Status: from "draft" to "published".',
        'Timing request: from nothing to "October".',
        "Is final: yes.",
    ]


def test_a_removed_field_and_lists_read_as_words():
    assert change_sentences({"members": ["Ann", "Bob"]}, {}) == ['Members: was "Ann", "Bob".']


def test_nothing_recorded_gives_no_sentence_and_a_bare_value_is_said_whole():
    assert change_sentences({}, {}) == []
    assert change_sentences(None, "3") == ['From nothing to "3".']


def test_an_action_is_never_its_bare_code():
    assert verb_words("plan.changed") != "plan.changed"
    assert "." not in verb_words("feed.token_shown")
