"""Charts as inline SVG drawn on the server: they need no JavaScript and print as they show.

Each chart is an image with a title and a description for screen readers; every page that
shows one also shows the table of its data (WCAG 1.1.1), so the chart is never the only way
to read a figure.
"""

import itertools
import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 32, 52
# GOV.UK colours with distinct dash patterns, so lines differ without relying on colour.
STYLES = [
    ("#1d70b8", ""),
    ("#0b0c0c", "6 4"),
    ("#00703c", "2 3"),
    ("#d4351c", "10 3 2 3"),
]
# Heckbert's nice numbers with 2.5 added: a step of 1, 2, 2.5 or 5 x 10^n reads at a glance,
# where dividing the data's range evenly gave labels such as 29.99 (issue 22, seen 8).
NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
TARGET_TICKS = 5


@dataclass(frozen=True)
class Line:
    name: str
    values: list[float | None]


@dataclass(frozen=True)
class Axis:
    """A value axis: its ticks (exact multiples of a nice step) and how many decimals they need."""

    ticks: list[float]
    decimals: int

    @property
    def low(self) -> float:
        return self.ticks[0]

    @property
    def high(self) -> float:
        return self.ticks[-1]

    def label(self, tick: float) -> str:
        return f"{tick:,.{self.decimals}f}"


def nice_axis(
    low: float, high: float, *, percentage: bool = False, target: int = TARGET_TICKS
) -> Axis:
    """Ticks at a nice step covering low..high, about `target` of them (4 to 6).

    Each tick is computed as an integer times the step and rounded to the step's decimals, so
    no float noise (0.30000000000000004) reaches a label. A percentage axis stays within 0-100
    when the data does.
    """
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError("an axis needs finite values")
    low, high = min(low, high), max(low, high)
    # The clamp goes by the data, not by the widened range below.
    floor = 0.0 if percentage and low >= 0 else -math.inf
    ceiling = 100.0 if percentage and high <= 100 else math.inf
    if math.isclose(low, high, rel_tol=1e-9, abs_tol=1e-12):
        spread = abs(low) * 0.1 or 1.0
        low, high = low - spread, high + spread
    raw = (high - low) / max(target - 1, 1)
    exponent = math.floor(math.log10(raw))
    fraction = raw / 10**exponent
    nice = next((n for n in NICE_STEPS if fraction <= n * (1 + 1e-9)), 10.0)
    if nice == 10.0:
        nice, exponent = 1.0, exponent + 1
    decimals = max(0, -exponent + (1 if nice == 2.5 else 0))
    step = nice * 10**exponent
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    ticks = [round(k * step, decimals) + 0.0 for k in range(first, last + 1)]
    # 0 and 100 are multiples of every nice step up to 25, so a clipped percentage axis still
    # covers the data and still ends on ticks.
    ticks = [t for t in ticks if floor <= t <= ceiling]
    return Axis(ticks=ticks, decimals=decimals)


def _value_axis(values: list[float], *, percentage: bool) -> Axis:
    # A zero baseline, so a column's height and a line's distance from the axis are honest.
    return nice_axis(min([*values, 0.0]), max([*values, 0.0]), percentage=percentage)


def _svg(title: str, description: str, body: list[str], chart_id: str) -> SafeString:
    return mark_safe(  # noqa: S308 - every text inside is escaped above
        f'<svg class="ecm-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg" '
        'font-family="GDS Transport, arial, sans-serif">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>' + "".join(body) + "</svg>"
    )


def _axes(axis: Axis, y, unit: str) -> list[str]:
    body = []
    if unit:
        # The axis title sits above the axis, horizontal, where it is read before the figures.
        body.append(
            f'<text class="ecm-chart__unit" x="8" y="{TOP - 14}" font-size="12" '
            f'font-weight="bold">{escape(unit)}</text>'
        )
    for tick in axis.ticks:
        ty = y(tick)
        body.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" '
            'stroke="#b1b4b6" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end" font-size="12">'
            f"{axis.label(tick)}</text>"
        )
    return body


def axis_unit(*, unit: str, percentage: bool) -> str:
    """The axis title: the indicator's unit, or "%" for a percentage that names none."""
    return unit.strip() or ("%" if percentage else "")


def _axis_sentence(axis: Axis, unit: str) -> str:
    measure = f" in {'per cent' if unit == '%' else unit}" if unit else ""
    span = f"{axis.label(axis.low)} to {axis.label(axis.high)}"
    return f" The vertical axis shows values{measure} from {span}."


def _runs(points: list[tuple[int, float | None]], years: list[int] | None) -> list[list[int]]:
    """Indexes of the points joined by a line: a run breaks at a point with no figure
    (suppressed or not published) and, when years are given, where a year is missing."""
    cadence = min((b - a for a, b in itertools.pairwise(years) if b > a), default=1) if years else 1
    runs: list[list[int]] = []
    current: list[int] = []
    for i, value in points:
        missing_year = (
            bool(current) and years is not None and years[i] - years[current[-1]] > cadence
        )
        if value is None or missing_year:
            if current:
                runs.append(current)
            current = [] if value is None else [i]
            continue
        current.append(i)
    if current:
        runs.append(current)
    return runs


def absent_years(years: list[int]) -> list[int]:
    """The years missing from a series at its own cadence (yearly, or every other year)."""
    if not years:
        return []
    cadence = min((b - a for a, b in itertools.pairwise(years) if b > a), default=1)
    present = set(years)
    return [y for y in range(years[0], years[-1], cadence) if y not in present]


def line_chart(
    *, title: str, description: str, labels: list[str], lines: list[Line], unit: str = "",
    percentage: bool = False, years: list[int] | None = None, chart_id: str = "chart",
) -> SafeString:  # fmt: skip
    """A time series: one line per series (the council, England, neighbours' mean).

    A period with no figure breaks its line, and so does a missing year when `years` (each
    label's end year) is given: a line drawn across a gap would show a figure nobody published.
    """
    values = [v for line in lines for v in line.values if v is not None and math.isfinite(v)]
    if not values or not labels:
        return mark_safe("")
    axis = _value_axis(values, percentage=percentage)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    if years is not None and len(years) == len(labels) and years[-1] > years[0]:
        span = years[-1] - years[0]

        def x(i: int) -> float:
            return LEFT + (years[i] - years[0]) * plot_w / span

    else:
        years = None
        step = plot_w / max(len(labels) - 1, 1)

        def x(i: int) -> float:
            return LEFT + i * step

    def y(v: float) -> float:
        return TOP + plot_h * (1 - (v - axis.low) / (axis.high - axis.low))

    body = _axes(axis, y, unit)
    for i, label in enumerate(labels):
        body.append(
            f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
            f'font-size="12">{escape(label)}</text>'
        )
    gaps: list[str] = []
    legend_x = LEFT
    for n, line in enumerate(lines):
        colour, dash = STYLES[n % len(STYLES)]
        figures = [
            (i, v if v is not None and math.isfinite(v) else None)
            for i, v in enumerate(line.values[: len(labels)])
        ]
        runs = _runs(figures, years)
        if any(len(run) > 1 for run in runs):
            d = " ".join(
                "M " + " L ".join(f"{x(i):.1f},{y(figures[i][1]):.1f}" for i in run)
                for run in runs
                if len(run) > 1
            )
            body.append(
                f'<path class="ecm-chart__line" d="{d}" fill="none" stroke="{colour}" '
                f'stroke-width="3" stroke-dasharray="{dash}"/>'
            )
        body += [
            f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="4" fill="{colour}"/>'
            for i, v in figures
            if v is not None
        ]
        missing = [labels[i] for i, v in figures if v is None]
        if missing and len(missing) < len(figures):
            gaps.append(f"{line.name} has no figure for {', '.join(missing)}")
        body.append(
            f'<g transform="translate({legend_x},{HEIGHT - 8})">'
            f'<line x1="0" x2="24" y1="-4" y2="-4" stroke="{colour}" stroke-width="3" '
            f'stroke-dasharray="{dash}"/><text x="30" y="0" font-size="12">'
            f"{escape(line.name)}</text></g>"
        )
        legend_x += 40 + 7 * len(line.name)  # room for the name at 12px
    description += _axis_sentence(axis, unit)
    if years is not None:
        absent = absent_years(years)
        if absent:
            gaps.append(f"no figures were published for {', '.join(map(str, absent))}")
    if gaps:
        description += (
            " Lines break where a figure is suppressed or not published: " + "; ".join(gaps) + "."
        )
    return _svg(title, description, body, chart_id)


def column_chart(
    *, title: str, description: str, bars: list[tuple[str, float | None, bool]],
    reference: tuple[str, float] | None = None, unit: str = "", percentage: bool = False,
    chart_id: str = "all",
) -> SafeString:  # fmt: skip
    """Every council's value as a column, the chosen council in blue, England as a line."""
    values = [v for _, v, _ in bars if v is not None and math.isfinite(v)]
    if reference:
        values.append(reference[1])
    if not values:
        return mark_safe("")
    axis = _value_axis(values, percentage=percentage)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    width = plot_w / max(len(bars), 1)

    def y(v: float) -> float:
        return TOP + plot_h * (1 - (v - axis.low) / (axis.high - axis.low))

    body = _axes(axis, y, unit)
    for i, (_name, value, chosen) in enumerate(bars):
        if value is None or not math.isfinite(value):
            continue
        # A column runs from zero, up for a positive figure and down for a negative one.
        top, bottom = sorted((y(value), y(0.0)))
        colour = "#1d70b8" if chosen else "#b1b4b6"
        body.append(
            f'<rect x="{LEFT + i * width:.1f}" y="{top:.1f}" width="{max(width - 1, 1):.1f}" '
            f'height="{bottom - top:.1f}" fill="{colour}"/>'
        )
    if reference:
        ry = y(reference[1])
        body.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ry:.1f}" y2="{ry:.1f}" '
            'stroke="#0b0c0c" stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{WIDTH - RIGHT}" y="{ry - 6:.1f}" text-anchor="end" font-size="12">'
            f"{escape(reference[0])}</text>"
        )
    return _svg(title, description + _axis_sentence(axis, unit), body, chart_id)
