"""Period labels as DfE LAIT and OHID Fingertips publish them (ecm/performance/engine/periods.py).

Source of the label styles: the `Years` column of DfE's Local Authority Interactive Tool
(`bds_long_0.parquet`) and the `Time period` column of Fingertips exports.
"""

import math

import pandas as pd
import pytest

from ecm.performance.engine import periods
from ecm.performance.engine.periods import Period, period_parse, periods_frame


@pytest.mark.parametrize(
    ("label", "style", "start", "end", "status"),
    [
        ("2023", "year", 2023, 2023, ""),
        ("2018 (Rev)", "year", 2018, 2018, "revised"),
        ("2020 (Final)", "year", 2020, 2020, "final"),
        ("2025 (prov)", "year", 2025, 2025, "provisional"),
        ("2016-17 (OT)", "outturn", 2016, 2017, ""),
        ("2015/16", "slash", 2015, 2016, ""),
        ("2023/24", "slash", 2023, 2024, ""),
        ("2024-25", "hyphen", 2024, 2025, ""),
        ("1999-00", "hyphen", 1999, 2000, ""),
        ("2016-2017", "hyphen", 2016, 2017, ""),
        ("2014-16", "rolling_3", 2014, 2016, ""),
        ("2013/14-15/16", "rolling_slash_3", 2013, 2016, ""),
        (" 2023 ", "year", 2023, 2023, ""),
    ],
)
def test_period_parse_lait_label_styles(label, style, start, end, status):
    """DfE LAIT `Years` label styles: style, start and end year, status qualifier."""
    assert period_parse(label) == Period(label, style, start, end, status)


@pytest.mark.parametrize(
    ("first", "second", "consecutive"),
    [
        ("2022", "2023", True),
        ("2019 (Rev)", "2020 (Final)", True),  # one LAIT series: A3A, 2018 (Rev) .. 2025 (Rev)
        ("2017", "2018 (Rev)", True),
        ("2015/16", "2016/17", True),
        ("2023-24 (OT)", "2024-25 (OT)", True),
        ("2014-16", "2015-17", True),
        ("2022", "2024", False),  # a gap
        ("2015/16", "2016-17", False),  # different styles
        ("2016-17", "2017-18 (OT)", False),  # outturn is a different figure
        ("2016", "2016-17", False),
    ],
)
def test_consecutive_means_same_style_and_end_year_plus_one(first, second, consecutive):
    """Package contract: consecutive = same style and end years differing by 1."""
    assert period_parse(first).is_followed_by(period_parse(second)) is consecutive


@pytest.mark.parametrize(
    "label", ["0", "", "23", "2023 (OT)", "2016-19/20", "2016/18", "2023 (Draft)", "2018-17"]
)
def test_period_parse_rejects_unreadable_labels_with_a_clear_message(label):
    """Unparseable labels (LAIT has a stray `0`) raise ValueError naming the label."""
    with pytest.raises(ValueError, match="Cannot read period label") as raised:
        period_parse(label)
    assert repr(label) in str(raised.value)
    assert "2016-17 (OT)" in str(raised.value)  # the message lists the accepted forms


def test_periods_frame_parses_each_distinct_label_once(monkeypatch):
    """periods_frame caches per unique label: 6 rows, 3 distinct labels, 3 parses."""
    calls = []
    real = periods.period_parse

    def counting(label):
        calls.append(label)
        return real(label)

    monkeypatch.setattr(periods, "period_parse", counting)
    labels = pd.Series(
        ["2023", "2015/16", "2023", "2014-16", "2015/16", "2023"], index=list("abcdef")
    )
    frame = periods_frame(labels)
    assert sorted(calls) == ["2014-16", "2015/16", "2023"]
    assert list(frame.index) == list("abcdef")
    assert list(frame.columns) == ["label", "style", "start_year", "end_year", "status"]
    assert frame["style"].tolist() == ["year", "slash", "year", "rolling_3", "slash", "year"]
    assert frame["end_year"].tolist() == [2023, 2016, 2023, 2016, 2016, 2023]


def test_periods_frame_raises_or_coerces_unreadable_labels():
    """errors="raise" (default) raises; errors="coerce" gives style "" and NaN years."""
    with pytest.raises(ValueError, match="'0'"):
        periods_frame(["2023", "0"])
    frame = periods_frame(["2023", "0", None], errors="coerce")
    assert frame["style"].tolist() == ["year", "", ""]
    assert frame["end_year"].iloc[0] == 2023
    assert math.isnan(frame["end_year"].iloc[1]) and math.isnan(frame["end_year"].iloc[2])
