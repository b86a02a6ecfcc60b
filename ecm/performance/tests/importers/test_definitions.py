"""The definitions CSV: code,title,outcome,polarity,value_type,multiplier,decimal_places."""

import pytest

from ecm.performance.importers import ImportRejected, IndicatorDefinition, read_definitions

HEADER = "code,title,outcome,polarity,value_type,multiplier,decimal_places\n"
GOOD = "CLA,Children looked after rate,staying_safe,none,rate,10000,0\n"


def problems(text: str) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        read_definitions(text.encode())
    return [str(p) for p in caught.value.problems]


def test_good_file_gives_definitions():
    definitions = read_definitions(
        (HEADER + GOOD + "KS2,KS2 RWM,enjoying_achieving,High,percentage,100,1\n").encode()
    )
    assert definitions == [
        IndicatorDefinition(
            code="CLA",
            title="Children looked after rate",
            outcome="staying_safe",
            polarity="none",
            value_type="rate",
            multiplier=10000.0,
            decimal_places=0,
        ),
        IndicatorDefinition(
            code="KS2",
            title="KS2 RWM",
            outcome="enjoying_achieving",
            polarity="high",
            value_type="percentage",
            multiplier=100.0,
            decimal_places=1,
        ),
    ]


def test_optional_columns_fill_the_rest():
    header = HEADER.strip() + ",unit,banding,key_judgements,description\n"
    urns = "urn:ecm:key-judgement:staying-safe:5|urn:ecm:key-judgement:staying-safe:6"
    row = GOOD.strip() + f',per 10000,no,{urns},"Rate, at 31 March"\n'
    (definition,) = read_definitions(("\ufeff" + header + row).encode())
    assert definition.unit == "per 10000"
    assert definition.banding is False
    assert definition.description == "Rate, at 31 March"
    assert definition.key_judgements == [
        "urn:ecm:key-judgement:staying-safe:5",
        "urn:ecm:key-judgement:staying-safe:6",
    ]


def test_missing_and_unexpected_columns():
    assert problems("code,title,outcome,polarity,value_type,multiplier,notes\nA,B,C,D,E,F,G\n") == [
        'Row 1, column "decimal_places": "" is missing from the header.',
        'Row 1, column "notes": "notes" is not an expected column.',
    ]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "CLA,Rate,health,none,rate,10000,0",
            'Row 2, column "outcome": "health" is not one of: being_healthy, staying_safe, '
            "enjoying_achieving, positive_contribution, economic_wellbeing, service_management.",
        ),
        (
            "CLA,Rate,staying_safe,up,rate,10000,0",
            'Row 2, column "polarity": "up" is not one of: high, low, none.',
        ),
        (
            "CLA,Rate,staying_safe,none,ratio,10000,0",
            'Row 2, column "value_type": "ratio" is not one of: percentage, rate, mean, count.',
        ),
        (
            "CLA,Rate,staying_safe,none,rate,0,0",
            'Row 2, column "multiplier": "0" is not a positive number.',
        ),
        (
            "CLA,Rate,staying_safe,none,rate,lots,0",
            'Row 2, column "multiplier": "lots" is not a positive number.',
        ),
        (
            "CLA,Rate,staying_safe,none,percentage,1,0",
            'Row 2, column "multiplier": "1" does not suit a percentage (expected 100).',
        ),
        (
            "CLA,Rate,staying_safe,none,rate,1,0",
            'Row 2, column "multiplier": "1" does not suit a rate (expected more than 1, e.g. '
            "10000 per 10,000).",
        ),
        (
            "CLA,Rate,staying_safe,none,rate,10000,7",
            'Row 2, column "decimal_places": "7" is not a whole number from 0 to 6.',
        ),
        (
            "CLA,Rate,staying_safe,none,rate,10000,1.5",
            'Row 2, column "decimal_places": "1.5" is not a whole number from 0 to 6.',
        ),
        (
            "CLA,Rate,staying_safe,none,rate,10000,",
            'Row 2, column "decimal_places": "" is not a whole number from 0 to 6.',
        ),
        (",Rate,staying_safe,none,rate,10000,0", 'Row 2, column "code": "" must not be empty.'),
        ("CLA,,staying_safe,none,rate,10000,0", 'Row 2, column "title": "" must not be empty.'),
    ],
)
def test_each_bad_field_is_reported(row, expected):
    assert problems(HEADER + row + "\n") == [expected]


def test_bad_banding_and_key_judgement():
    header = HEADER.strip() + ",banding,key_judgements\n"
    assert problems(header + GOOD.strip() + ",maybe,staying-safe:1\n") == [
        'Row 2, column "banding": "maybe" is not yes or no.',
        'Row 2, column "key_judgements": "staying-safe:1" is not a key judgement URN (e.g. '
        '"urn:ecm:key-judgement:staying-safe:1").',
    ]


def test_every_problem_of_every_row_is_listed():
    """Issue 3: all problems, not just the first."""
    found = problems(HEADER + GOOD + "A,B,x,y,z,-1,9\n")
    assert [p.split(":")[0] for p in found] == [
        'Row 3, column "outcome"',
        'Row 3, column "polarity"',
        'Row 3, column "value_type"',
        'Row 3, column "multiplier"',
        'Row 3, column "decimal_places"',
    ]


def test_duplicate_codes_are_reported_both():
    reason = "is defined more than once (rows 2, 3)."
    assert problems(HEADER + GOOD + GOOD) == [
        f'Row 2, column "code": "CLA" {reason}',
        f'Row 3, column "code": "CLA" {reason}',
    ]


def test_empty_file_and_header_only():
    assert problems("") == ["The file is empty."]
    assert problems(HEADER) == ["The file has a header but no data rows."]
