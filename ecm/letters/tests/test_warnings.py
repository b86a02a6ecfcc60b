"""Warnings on the draft, never blocking (issue 7 §1; 002 §I "The template")."""

from ecm.letters.services import letter_section_save, letter_warnings
from ecm.letters.services import warnings as rules
from ecm.letters.template import template_by_urn


def _words(n: int, word: str = "word") -> str:
    return " ".join([word] * n)


def _set(letter, actor, **texts):
    for code, text in texts.items():
        letter = letter_section_save(
            actor=actor,
            letter=letter,
            code=code,
            text=text,
            reason="Test",
            expected_lock_version=letter.lock_version,
        )
    return letter


def _of(letter, section=""):
    return [w for w in letter_warnings(letter=letter) if w.section == section]


def test_a_section_outside_its_length_guide_is_warned_002_i_template_3(assembled, hmi):
    """002 §I template 3: being healthy "relatively short (one paragraph)"; staying safe
    "approximately one page of A4"."""
    lac_ldd = "Looked after children and children with disabilities. "
    letter = _set(
        assembled,
        hmi,
        being_healthy=lac_ldd + _words(400),
        staying_safe=lac_ldd + _words(20),
        enjoying_achieving=lac_ldd + _words(400),
    )
    (long,) = _of(letter, "being_healthy")
    assert long.rule == rules.RULE_SECTION_LENGTH
    assert long.message.startswith("Being healthy has 407 words, more than its guide of 60 to 250")
    (short,) = _of(letter, "staying_safe")
    assert short.message.startswith("Staying safe has 27 words, fewer than its guide of 300")
    assert _of(letter, "enjoying_achieving") == []


def test_the_whole_letter_outside_4_to_6_sides_is_warned_002_i_template_1(assembled, hmi):
    """002 §I template 1: "no longer than 4-6 sides of A4" (at about 500 words a side)."""
    (short,) = _of(assembled)
    assert short.rule == rules.RULE_LETTER_LENGTH
    assert "the template asks for 4 to 6 sides" in short.message
    letter = _set(assembled, hmi, summary=_words(3200))
    (long,) = _of(letter)
    assert long.message.endswith("shorten it")
    template = template_by_urn(letter.template_urn)
    fitting = _set(letter, hmi, summary=_words(template.words_minimum))
    assert _of(fitting) == []


def test_an_outcome_that_does_not_speak_of_lac_or_ldd_is_warned_002_i_template_3(assembled, hmi):
    """002 §I template 3: "a judgement on looked after children and children with learning
    difficulties and/or disabilities in each outcome"."""
    letter = _set(assembled, hmi, staying_safe="Child protection is secure in every place.")
    messages = [w.message for w in _of(letter, "staying_safe") if w.rule == rules.RULE_LAC_LDD]
    assert messages == [
        rules.NO_LAC.format(title="Staying safe"),
        rules.NO_LDD.format(title="Staying safe"),
    ]
    assert not any(w.rule == rules.RULE_LAC_LDD for w in _of(letter, "service_management"))


def test_the_phrases_that_count_for_lac_and_ldd_are_listed_once():
    """The list of phrases: "looked after", "in care", "care leavers" / "learning
    difficult", "LDD", "disabilit"; abbreviations only as whole words."""

    def lac(text):
        return rules.speaks_of(text, rules.LAC_PHRASES, rules.LAC_ABBREVIATIONS)

    def ldd(text):
        return rules.speaks_of(text, rules.LDD_PHRASES, rules.LDD_ABBREVIATIONS)

    assert all(lac(t) for t in ["Looked After children", "children in care", "Care leavers", "LAC"])
    assert not lac("a safe place to play") and not lac("lac of data")
    assert all(ldd(t) for t in ["learning difficulties", "LDD", "Disabilities", "SEN support"])
    assert not ldd("sent home") and not ldd("ldd")


def test_warnings_never_block_a_save(assembled, hmi):
    """Issue 7 §1: warnings are a guide; the inspectors may save a letter that has them."""
    letter = _set(assembled, hmi, being_healthy="Short.")
    assert letter_warnings(letter=letter)
    assert letter.sections["being_healthy"] == "Short."
