"""A council's profile checked against values worked by hand (issue 3 "Done when": the profile
of any council is correct against hand-computed values), and `manage.py profile` (§6).

The world: six real councils in two regions, built through the plain long import exactly as
a user would, with one percentage indicator over five consecutive years (England published,
regions not) and a rate for one year; Leicestershire's statistical neighbours are a small
model stored directly, then the comparisons are refreshed.

    T-PCT (higher is better), numerator / denominator, value in %:
    council          region  2021       2022       2023       2024       2025
    855 Leicestersh. EM      400/2000   460/2000   520/2000   580/2000   640/2000  20→32
    856 Leicester    EM      320/1000 each year                                    32
    857 Rutland      EM      130/500 each year                                     26
    330 Birmingham   WM      640/2000   680/2000   720/2000   760/2000   800/2000  32→40
    331 Coventry     WM      140/500    130/500    120/500    110/500    100/500   28→20
    332 Dudley       WM      360/1000 each year                                    36
    England (published)      25.0       26.0       27.0       27.5       28.0
"""

import csv
import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from ecm.authorities.models import (
    Closeness,
    StatisticalNeighbour,
    StatisticalNeighbourModel,
)
from ecm.performance.models import Comparison
from ecm.performance.services import comparisons_refresh
from ecm.performance.tests.conftest import (
    DEFINITIONS_HEADER,
    LONG_HEADER,
    csv_text,
    import_definitions,
    import_long,
)

YEARS = [2021, 2022, 2023, 2024, 2025]
SERIES = {  # council: (numerators by year, denominator)
    "855": ([400, 460, 520, 580, 640], 2000),
    "856": ([320] * 5, 1000),
    "857": ([130] * 5, 500),
    "330": ([640, 680, 720, 760, 800], 2000),
    "331": ([140, 130, 120, 110, 100], 500),
    "332": ([360] * 5, 1000),
}
ENGLAND = [25.0, 26.0, 27.0, 27.5, 28.0]
RATE_ROWS = [  # T-RATE, per 10,000, lower is better: 70 / 2000 x 10,000 = 350
    ("855", "T-RATE", "2025", "350", "70", "2000"),
    ("856", "T-RATE", "2025", "400", "40", "1000"),
]
NEIGHBOURS_OF_855 = ["856", "857", "330", "202"]  # Camden (202) has no figures: ignored

# issue 3 §6, in this order.
PROFILE_FIELDS = [
    "authority",
    "indicator",
    "period",
    "value",
    "numerator",
    "denominator",
    "england",
    "region",
    "neighbours_mean",
    "neighbours_median",
    "rank",
    "quartile_band",
    "ci95_lower",
    "ci95_upper",
    "vs_england",
    "trend",
    "flags",
    "sentence",
]


@pytest.fixture
def world(real_councils, write_file):
    import_definitions(
        write_file(
            "definitions.csv",
            csv_text(
                DEFINITIONS_HEADER,
                [
                    ("T-PCT", "Percentage of reviews held on time", "staying_safe", "high",
                     "percentage", 100, 1),
                    ("T-RATE", "Rate of referrals", "staying_safe", "low", "rate", 10000, 0),
                ],
            ),
        )
    )  # fmt: skip
    rows = []
    for council, (numerators, denominator) in SERIES.items():
        for year, numerator in zip(YEARS, numerators, strict=True):
            value = f"{100 * numerator / denominator:.1f}"
            rows.append((council, "T-PCT", str(year), value, numerator, denominator))
    rows += [("E92000001", "T-PCT", str(y), e, "", "") for y, e in zip(YEARS, ENGLAND, strict=True)]
    rows += RATE_ROWS
    data_import = import_long(write_file("values.csv", csv_text(LONG_HEADER, rows)))
    assert data_import.status == "done", data_import.problems

    model = StatisticalNeighbourModel.objects.create(
        code="test-2025", title="Test neighbours", published_on=datetime.date(2025, 5, 1)
    )
    StatisticalNeighbour.objects.bulk_create(
        StatisticalNeighbour(
            model=model,
            council=real_councils["855"],
            neighbour=real_councils[la],
            rank=rank,
            closeness=Closeness.CLOSE,
        )
        for rank, la in enumerate(NEIGHBOURS_OF_855, start=1)
    )
    comparisons_refresh()
    return real_councils


def _row(council: str, period: str = "2025", code: str = "T-PCT") -> Comparison:
    return Comparison.objects.get(council__la_number=council, period=period, indicator__code=code)


def test_leicestershire_2025_against_england_region_and_neighbours(world):
    """Issue 3 §3: England value (published), region value (computed from counts where none
    is published, and said so), neighbours' mean and median with missing neighbours ignored."""
    row = _row("855")

    assert (row.value, row.numerator, row.denominator) == (32.0, 640.0, 2000.0)
    assert (row.england, row.england_computed) == (28.0, False)
    # East Midlands, none published: (640 + 320 + 130) / (2000 + 1000 + 500) = 1090 / 3500
    # = 31.142857...%
    assert row.region == pytest.approx(31.142857142857)
    assert row.region_computed
    # Neighbours 856 (32.0), 857 (26.0), 330 (40.0) and Camden (no value, ignored):
    # mean (32 + 26 + 40) / 3 = 32.666...; median of 26, 32, 40 = 32.
    assert row.neighbours_mean == pytest.approx(32.666666666667)
    assert row.neighbours_median == 32.0
    assert row.neighbours_count == 3


def test_rank_with_ties_and_quartile_band(world):
    """Issue 3 §3: rank among councils, ties take the lowest rank, direction by polarity; the
    quartile band over all councils by R type 7 quantiles, A the best quarter."""
    # 2025 values, best first (higher is better): 330 40, 332 36, 855 32, 856 32, 857 26,
    # 331 20. Ties take the lowest rank: 855 and 856 are both 3rd; 857 is 5th.
    ranks = {c: _row(c).rank for c in SERIES}
    assert ranks == {"330": 1, "332": 2, "855": 3, "856": 3, "857": 5, "331": 6}
    assert {_row(c).rank_of for c in SERIES} == {6}
    # R type 7 over the sorted 20, 26, 32, 32, 36, 40 (n = 6, h = (n - 1) p):
    # Q1: h = 1.25 -> 26 + 0.25 x (32 - 26) = 27.5
    # Q2: h = 2.5  -> 32 + 0.5 x (32 - 32) = 32
    # Q3: h = 3.75 -> 32 + 0.75 x (36 - 32) = 35
    # High polarity: v >= Q3 A, v >= Q2 B, v >= Q1 C, else D.
    bands = {c: _row(c).quartile_band for c in SERIES}
    assert bands == {"330": "A", "332": "A", "855": "B", "856": "B", "857": "D", "331": "D"}


def test_wilson_interval_and_comparison_with_england(world):
    """Issue 3 §3: 95% Wilson score interval for a proportion; England outside the interval
    is a significant difference (better or worse by polarity), inside is "similar"."""
    row = _row("855")
    # Wilson, O = 640, n = 2000, p = 0.32, z = 1.959964 (z^2 = 3.841459):
    #   root  = sqrt(z^2 + 4 O (1 - p)) = sqrt(3.841459 + 1740.8) = sqrt(1744.641459) = 41.768905
    #   lower = (2 O + z^2 - z root) / (2 (n + z^2)) = (1283.841459 - 81.865551) / 4007.682918
    #         = 0.2999179 -> 29.99179%
    #   upper = (1283.841459 + 81.865551) / 4007.682918 = 0.3407722 -> 34.07722%
    assert row.ci95_lower == pytest.approx(29.991792, abs=1e-5)
    assert row.ci95_upper == pytest.approx(34.077222, abs=1e-5)
    # England (28.0) lies below the interval and higher is better: better.
    assert row.vs_england == "better"
    # Rutland 130 / 500 = 26%: Wilson 95% (22.34%, 30.02%) holds 28.0: similar.
    assert _row("857").vs_england == "similar"
    # Coventry 100 / 500 = 20%: Wilson 95% (16.73%, 23.73%) lies below 28.0: worse.
    assert _row("331").vs_england == "worse"


def test_change_and_trend(world):
    """Issue 3 §3: change from the previous consecutive period, and the recent trend over the
    five latest points (chi-square test for trend for proportions, 99.8% level)."""
    row = _row("855")
    assert row.change == pytest.approx(32.0 - 29.0)
    # Chi-square for trend, t = -2..2, w = n = 2000: slope b = 0.03 a year exactly,
    # Sxx_w = 2000 x 10 = 20000, P = 2600 / 10000 = 0.26,
    # X2 = b^2 Sxx_w / (P (1 - P)) = 0.0009 x 20000 / 0.1924 = 93.56: p far below 0.002, and
    # dropping any one point leaves the slope at 0.03: improving (higher is better).
    assert row.trend == "improving"
    # Coventry: 28, 26, 24, 22, 20% of 500: b = -0.02, Sxx_w = 5000, P = 0.24,
    # X2 = 0.0004 x 5000 / 0.1824 = 10.96, p = 0.0009 < 0.002: getting worse.
    assert _row("331").trend == "getting worse"
    assert _row("856").trend == "no significant change"  # flat
    assert _row("855", "2021").trend == "not enough data"  # a first point has no window
    assert _row("855", "2021").change is None


def test_flags(world):
    """Issue 3 §3: flags for significantly worse than England and getting worse, and for the
    best quarter and improving."""
    assert _row("855").flag_list == []
    assert _row("331").flag_list == ["worse_and_getting_worse"]
    assert _row("330").flag_list == ["best_quarter_and_improving"]
    # T-RATE has no England row: no comparator (and England computed from the counts).
    rate = _row("855", code="T-RATE")
    assert rate.england == pytest.approx((70 + 40) / (2000 + 1000) * 10000)
    assert rate.england_computed


def _profile(*args) -> str:
    out = io.StringIO()
    call_command("profile", *args, stdout=out)
    return out.getvalue()


def test_profile_command_json_for_one_council(world):
    """Issue 3 §6: `manage.py profile --authority 855 --period 2025 --format json` prints, for
    each indicator, exactly the fields the issue lists."""
    records = json.loads(_profile("--authority", "855", "--period", "2025", "--format", "json"))

    assert [r["indicator"] for r in records] == ["T-PCT", "T-RATE"]
    assert all(list(r) == PROFILE_FIELDS for r in records)
    pct = records[0]
    assert pct["authority"] == "855"
    assert pct["period"] == "2025"
    assert (pct["value"], pct["numerator"], pct["denominator"]) == (32.0, 640.0, 2000.0)
    assert pct["england"] == 28.0
    assert pct["region"] == pytest.approx(31.142857142857)
    assert pct["neighbours_mean"] == pytest.approx(32.666666666667)
    assert pct["neighbours_median"] == 32.0
    assert (pct["rank"], pct["quartile_band"]) == (3, "B")
    assert pct["ci95_lower"] == pytest.approx(29.991792, abs=1e-5)
    assert pct["ci95_upper"] == pytest.approx(34.077222, abs=1e-5)
    assert (pct["vs_england"], pct["trend"], pct["flags"]) == ("better", "improving", "")
    assert pct["sentence"] == (
        "The percentage of reviews held on time (32.0%) is significantly above (better than) "
        "England (28.0%) and in line with the statistical neighbours' average (32.7%), and has "
        "improved over the last five years."
    )


def test_profile_command_csv_has_the_fields_as_its_header(world):
    """Issue 3 §6: the same profile as CSV, one row per indicator under the listed header."""
    text = _profile("--authority", "E10000018", "--period", "2025", "--format", "csv")

    lines = text.splitlines()
    assert lines[0] == ",".join(PROFILE_FIELDS)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["authority"], r["indicator"]) for r in rows] == [("855", "T-PCT"), ("855", "T-RATE")]
    assert rows[0]["value"] == "32.0" and rows[0]["quartile_band"] == "B"
    assert rows[1]["flags"] == ""
    assert rows[1]["rank"] == "1"  # lower is better: 350 before 400


def test_profile_command_for_every_council_and_one_indicator(world):
    """Issue 3 §6: `--authority all` prints every council; `--indicator CODE` narrows to one."""
    every = json.loads(_profile("--authority", "all", "--period", "2025"))
    assert sorted({r["authority"] for r in every}) == sorted(SERIES)
    assert len(every) == len(SERIES) + len(RATE_ROWS)

    narrowed = json.loads(
        _profile("--authority", "all", "--period", "2025", "--indicator", "T-PCT")
    )
    assert {r["indicator"] for r in narrowed} == {"T-PCT"}
    assert len(narrowed) == len(SERIES)


def test_profile_command_without_a_period_gives_the_latest_figures(world):
    """Issue 3 §6: without --period, each indicator's latest period."""
    records = json.loads(_profile("--authority", "855"))
    assert [(r["indicator"], r["period"]) for r in records] == [("T-PCT", "2025"),
                                                                ("T-RATE", "2025")]  # fmt: skip
    earlier = json.loads(_profile("--authority", "855", "--period", "2023"))
    assert [(r["indicator"], r["period"], r["value"]) for r in earlier] == [("T-PCT", "2023", 26.0)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--authority", "999"], "No council has the LA number or ONS code '999'"),
        (["--authority", "E10000099"], "No council has the LA number or ONS code 'E10000099'"),
        (["--authority", "855", "--indicator", "NOPE"], "No indicator has the code 'NOPE'"),
    ],
)
def test_profile_command_refuses_an_unknown_authority_or_indicator(world, args, message):
    """Issue 3 §6: an unknown authority or indicator is a clear error, not an empty profile."""
    with pytest.raises(CommandError, match=message):
        _profile(*args)


@pytest.mark.parametrize("label", ["2022/23", "2022-23", "2023", " 2023 "])
def test_profile_command_takes_the_period_labels_it_prints_issue_22_4(world, label):
    """Issue 22 §4: "`profile --period` takes only an end year, though every period the user
    sees is a label such as 2021/22"; a label means the periods ending in its end year."""
    records = json.loads(_profile("--authority", "855", "--period", label))
    assert [(r["indicator"], r["period"], r["value"]) for r in records] == [("T-PCT", "2023", 26.0)]


def test_profile_command_refuses_a_period_it_cannot_read_with_examples(world):
    with pytest.raises(CommandError, match=r"'last year' is not a period we can read.*2024/25"):
        _profile("--authority", "855", "--period", "last year")
