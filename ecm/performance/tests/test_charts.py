"""The charts (issue 22 §7, and "what was seen" 8): nice tick values with no float noise, the
unit on the axis and in the description, and lines broken at a suppressed or missing year."""

import math
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from defusedxml.ElementTree import fromstring
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.performance.charts import LEFT, Line, axis_unit, column_chart, line_chart, nice_axis
from ecm.performance.models import Comparison
from ecm.performance.tests.conftest import build_world

SVG = "{http://www.w3.org/2000/svg}"
BLUE = "#1d70b8"  # the first line's colour: the council's


def noiseless(labels: list[str]) -> bool:
    """Every label is a whole multiple of the step between the first two, written exactly:
    29.99 or 0.30000000000000004 on a step of 10 or 0.1 is not."""
    numbers = [Decimal(label.replace(",", "")) for label in labels]
    step = numbers[1] - numbers[0]
    return (
        step > 0
        and all(n % step == 0 for n in numbers)
        and all(len(label.partition(".")[2]) <= 6 for label in labels)
    )


def svg(chart) -> ElementTree.Element:
    return fromstring(str(chart))


def tick_labels(root: ElementTree.Element) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text") if t.get("x") == str(LEFT - 6)]


def segments(root: ElementTree.Element, colour: str) -> list[str]:
    """The move-to separated runs of the line drawn in `colour` (none when it has no path)."""
    paths = [p for p in root.iter(f"{SVG}path") if p.get("stroke") == colour]
    assert len(paths) <= 1
    return [s.strip() for s in paths[0].get("d").split("M") if s.strip()] if paths else []


# --- nice ticks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [
        (0, 29.99, [0, 10, 20, 30]),
        (11.97, 23.94, [10, 15, 20, 25]),
        (0, 39.99, [0, 10, 20, 30, 40]),
        (0, 100, [0, 25, 50, 75, 100]),
        (0, 1, [0, 0.25, 0.5, 0.75, 1]),
        (0.0001, 0.0005, [0.0001, 0.0002, 0.0003, 0.0004, 0.0005]),
        (0, 1.2e9, [0, 5e8, 1e9, 1.5e9]),
        (-12.3, 7.1, [-15, -10, -5, 0, 5, 10]),
        (-0.3, 0, [-0.3, -0.2, -0.1, 0]),
        (
            987_654,
            1_012_345,
            [980_000, 990_000, 1_000_000, 1_010_000, 1_020_000],
        ),
    ],
)
def test_the_axis_runs_over_nice_ticks_issue_22_7(low, high, ticks):
    """Issue 22 §7: ticks at 1, 2, 2.5 or 5 x 10^n covering the data, never the data's range
    divided evenly (which gave 29.99 and 11.97)."""
    axis = nice_axis(low, high)

    assert axis.ticks == pytest.approx(ticks)
    assert axis.low <= low and axis.high >= high
    steps = {round(b - a, 12) for a, b in zip(axis.ticks, axis.ticks[1:], strict=False)}
    assert len(steps) == 1
    (step,) = steps
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert round(mantissa, 9) in {1, 2, 2.5, 5}


@pytest.mark.parametrize(
    ("low", "high"),
    [(0, 29.99), (11.97, 23.94), (0.1, 0.7), (0.013, 0.029), (3.3, 3.9), (0, 7), (-1.7, 0.2),
     (12.5, 87.3), (0, 0.3), (99.1, 99.9), (1e-6, 9e-6), (0, 12_345_678)],
)  # fmt: skip
def test_tick_labels_have_no_float_noise_issue_22_7(low, high):
    """Issue 22 §7: labels such as 29.99 or 0.30000000000000004 never reach the axis: each
    label is the tick itself written with the step's decimals, and about 4 to 6 of them."""
    axis = nice_axis(low, high)
    labels = [axis.label(t) for t in axis.ticks]

    assert 4 <= len(labels) <= 7
    assert noiseless(labels), labels
    assert len(set(labels)) == len(labels)


@pytest.mark.parametrize("value", [0.0, 42.0, -3.0, 1e-7, 5e9])
def test_a_single_value_gets_an_axis_around_it_issue_22_7(value):
    """Issue 22 §7: one figure (or all figures equal) still gets a nice axis containing it."""
    axis = nice_axis(value, value)

    assert axis.low < value < axis.high or axis.low <= value <= axis.high
    assert axis.high > axis.low
    assert 3 <= len(axis.ticks) <= 7


@pytest.mark.parametrize(
    ("low", "high"),
    [(0.0, 99.2), (3.0, 97.0), (0.0, 100.0), (51.0, 99.9), (0.5, 12.0), (100.0, 100.0),
     (0.0, 0.0), (99.95, 100.0)],
)  # fmt: skip
def test_a_percentage_axis_stays_within_0_and_100_issue_22_7(low, high):
    """Issue 22 §7: a percentage never shows 110% or -10% on its axis when the data doesn't."""
    axis = nice_axis(low, high, percentage=True)

    assert axis.low >= 0 and axis.high <= 100
    assert axis.low <= low and axis.high >= high
    assert len(axis.ticks) >= 3


def test_the_clamp_matters_where_a_range_is_widened_issue_22_7():
    """Issue 22 §7: every council at 100% widens to 90-110 without the clamp; with it, 100."""
    assert nice_axis(100.0, 100.0).high > 100
    assert nice_axis(100.0, 100.0, percentage=True).high == 100
    assert nice_axis(0.0, 0.0).low < 0
    assert nice_axis(0.0, 0.0, percentage=True).low == 0


def test_a_percentage_that_is_negative_or_over_100_is_not_hidden_issue_22_7():
    """Issue 22 §7: the clamp keeps data inside the axis: a change in percentage points may be
    negative, and such figures still get an axis covering them."""
    axis = nice_axis(-4.0, 103.0, percentage=True)

    assert axis.low <= -4.0 and axis.high >= 103.0


def test_the_charts_tick_labels_have_no_float_noise_issue_22_7():
    """Issue 22, seen 8: the chart drawn from 0-28.56 data showed 29.99 and 11.97; it now shows
    0, 10, 20, 30."""
    chart = line_chart(
        title="T", description="D.", labels=["2023", "2024"],
        lines=[Line("Council", [12.3, 28.56])], unit="%", percentage=True,
    )  # fmt: skip

    assert tick_labels(svg(chart)) == ["0", "10", "20", "30"]


def test_a_column_chart_uses_nice_ticks_and_draws_negative_columns_down_issue_22_7():
    """Issue 22 §7: the column chart has the same axis; a negative rate is a column below 0."""
    chart = column_chart(
        title="T", description="D.", bars=[("A", -4.2, False), ("B", 11.97, True)],
        reference=("England", 7.5), unit="percentage points",
    )  # fmt: skip
    root = svg(chart)

    assert tick_labels(root) == ["-5", "0", "5", "10", "15"]
    heights = [float(r.get("height")) for r in root.iter(f"{SVG}rect")]
    assert all(h > 0 for h in heights) and len(heights) == 2


# --- the unit ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["line", "column"])
def test_the_unit_is_the_axis_title_and_in_the_description_issue_22_7(kind):
    """Issue 22 §7: the unit ("per 10,000 children") titles the axis and is read out in the
    chart's accessible description; the chart keeps role="img" and aria-labelledby."""
    unit = "per 10,000 children"
    if kind == "line":
        chart = line_chart(
            title="T", description="D.", labels=["2023", "2024"],
            lines=[Line("Council", [61.0, 70.0])], unit=unit, chart_id="c",
        )  # fmt: skip
    else:
        chart = column_chart(title="T", description="D.", bars=[("A", 61.0, True)], unit=unit)
    root = svg(chart)

    assert root.get("role") == "img"
    _title_id, desc_id = root.get("aria-labelledby").split()
    desc = next(d for d in root.iter(f"{SVG}desc"))
    assert desc.get("id") == desc_id
    assert unit in desc.text
    assert [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "ecm-chart__unit"] == [
        unit
    ]
    assert "style=" not in str(chart)


def test_a_percentage_without_a_unit_is_titled_per_cent_issue_22_7():
    """Issue 22 §7: an indicator measured as a percentage that names no unit shows "%"."""
    assert axis_unit(unit="", percentage=True) == "%"
    assert axis_unit(unit="  per 1,000 ", percentage=True) == "per 1,000"
    assert axis_unit(unit="", percentage=False) == ""
    chart = line_chart(
        title="T", description="D.", labels=["2023"], lines=[Line("C", [5.0])], unit="%"
    )
    assert "in per cent from 0 to" in next(svg(chart).iter(f"{SVG}desc")).text


# --- gaps --------------------------------------------------------------------------------------


def test_a_suppressed_middle_year_breaks_the_line_in_two_issue_22_7():
    """Issue 22 §7: a period with no figure breaks the council's line (a move-to after the gap),
    never a line drawn across it; the same for a comparator line; the description says so."""
    chart = line_chart(
        title="T", description="D.", labels=["2019", "2020", "2021", "2022", "2023"],
        lines=[Line("Council", [10.0, 12.0, None, 14.0, 15.0]),
               Line("England", [11.0, None, 12.0, 12.5, 13.0])],
    )  # fmt: skip
    root = svg(chart)

    council = segments(root, BLUE)
    assert len(council) == 2
    assert [len(s.split("L")) for s in council] == [2, 2]
    england = segments(root, "#0b0c0c")
    assert [len(s.split("L")) for s in england] == [3]  # 2019 stands alone as a dot
    desc = next(root.iter(f"{SVG}desc")).text
    assert "Council has no figure for 2021" in desc
    assert "England has no figure for 2020" in desc
    assert len([c for c in root.iter(f"{SVG}circle") if c.get("fill") == BLUE]) == 4


def test_a_missing_year_breaks_the_line_issue_22_7():
    """Issue 22 §7: a year with no row at all (2021 absent from the series) leaves a gap on the
    axis and breaks the line; the description names the year."""
    chart = line_chart(
        title="T", description="D.", labels=["2019", "2020", "2022", "2023"],
        lines=[Line("Council", [10.0, 12.0, 14.0, 15.0])], years=[2019, 2020, 2022, 2023],
    )  # fmt: skip
    root = svg(chart)

    assert len(segments(root, BLUE)) == 2
    assert "no figures were published for 2021" in next(root.iter(f"{SVG}desc")).text
    xs = {
        t.text: float(t.get("x")) for t in root.iter(f"{SVG}text") if t.text and t.text[:2] == "20"
    }
    assert xs["2022"] - xs["2020"] == pytest.approx(2 * (xs["2020"] - xs["2019"]))


def test_a_series_every_other_year_is_not_broken_issue_22_7():
    """Issue 22 §7: a biennial survey's cadence is its own: 2019, 2021, 2023 is one line."""
    chart = line_chart(
        title="T", description="D.", labels=["2019", "2021", "2023"],
        lines=[Line("Council", [10.0, 12.0, 14.0])], years=[2019, 2021, 2023],
    )  # fmt: skip

    assert len(segments(svg(chart), BLUE)) == 1


# --- through the page --------------------------------------------------------------------------


@pytest.fixture
def five_years(real_councils, tmp_path, make_user):
    build_world(
        tmp_path, councils=["855", "856"], indicators=1, years=[2019, 2020, 2021, 2022, 2023]
    )
    return make_user(Role.LINK_OFFICER, council=real_councils["855"])


def page_chart(client, user):
    client.force_login(user)
    response = client.get(reverse("performance:council-indicator", args=["855", "W00"]))
    assert response.status_code == 200
    html = response.text
    return html, svg(html[html.index("<svg") : html.index("</svg>") + 6])


@pytest.mark.django_db
def test_the_page_breaks_the_councils_line_at_a_suppressed_year_issue_22_7(client, five_years):
    """Issue 22 §7: on the council's indicator page a suppressed 2021 breaks the line in two,
    the table still says "Suppressed" for 2021, and the axis carries the unit."""
    Comparison.objects.filter(council__la_number="855", period="2021").update(
        value=None, suppressed=True
    )

    html, root = page_chart(client, five_years)

    assert len(segments(root, BLUE)) == 2
    row = html[html.index('<th scope="row" class="govuk-table__header">2021</th>') :]
    assert "Suppressed" in row[: row.index("</tr>")]
    assert [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "ecm-chart__unit"] == ["%"]
    assert noiseless(tick_labels(root))


@pytest.mark.django_db
def test_the_page_breaks_the_councils_line_at_a_missing_year_issue_22_7(client, five_years):
    """Issue 22 §7: a year with no figure at all for the council breaks its line too."""
    Comparison.objects.filter(council__la_number="855", period="2021").delete()

    html, root = page_chart(client, five_years)

    assert len(segments(root, BLUE)) == 2
    assert "2021" in next(root.iter(f"{SVG}desc")).text
    after_table = html[html.index("</table>") :]
    assert "No figures were published for Leicestershire for the years ending 2021" in after_table


@pytest.mark.django_db
def test_the_page_says_nothing_of_gaps_when_every_year_is_there_issue_22_7(client, five_years):
    """Issue 22 §7: the sentence about unpublished years appears only when one is missing."""
    html, root = page_chart(client, five_years)

    assert len(segments(root, BLUE)) == 1
    assert "No figures were published" not in html
