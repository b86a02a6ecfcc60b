"""Charts as inline SVG drawn on the server: they need no JavaScript and print as they show.

Each chart is an image with a title and a description for screen readers; every page that
shows one also shows the table of its data (WCAG 1.1.1), so the chart is never the only way
to read a figure.
"""

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 52
# GOV.UK colours with distinct dash patterns, so lines differ without relying on colour.
STYLES = [
    ("#1d70b8", ""),
    ("#0b0c0c", "6 4"),
    ("#00703c", "2 3"),
    ("#d4351c", "10 3 2 3"),
]


@dataclass(frozen=True)
class Line:
    name: str
    values: list[float | None]


def _scale(values: list[float]) -> tuple[float, float]:
    low, high = min([*values, 0.0]), max(values)
    if math.isclose(low, high):
        high = low + 1
    pad = (high - low) * 0.05
    return low, high + pad


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    step = (high - low) / (count - 1)
    return [low + i * step for i in range(count)]


def _svg(title: str, description: str, body: list[str], chart_id: str) -> SafeString:
    return mark_safe(  # noqa: S308 - every text inside is escaped above
        f'<svg class="ecm-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg" '
        'font-family="GDS Transport, arial, sans-serif">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>' + "".join(body) + "</svg>"
    )


def _axes(low: float, high: float, y, decimals: int) -> list[str]:
    body = []
    for tick in _ticks(low, high):
        ty = y(tick)
        body.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" '
            'stroke="#b1b4b6" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end" font-size="12">'
            f"{tick:,.{decimals}f}</text>"
        )
    return body


def line_chart(
    *, title: str, description: str, labels: list[str], lines: list[Line], decimals: int = 1,
    chart_id: str = "chart",
) -> SafeString:  # fmt: skip
    """A time series: one line per series (the council, England, neighbours' mean)."""
    values = [v for line in lines for v in line.values if v is not None]
    if not values or not labels:
        return mark_safe("")
    low, high = _scale(values)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(labels) - 1, 1)

    def x(i: int) -> float:
        return LEFT + i * step

    def y(v: float) -> float:
        return TOP + plot_h * (1 - (v - low) / (high - low))

    body = _axes(low, high, y, decimals)
    for i, label in enumerate(labels):
        body.append(
            f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
            f'font-size="12">{escape(label)}</text>'
        )
    legend_x = LEFT
    for n, line in enumerate(lines):
        colour, dash = STYLES[n % len(STYLES)]
        points = [(x(i), y(v)) for i, v in enumerate(line.values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            body.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="3" '
                f'stroke-dasharray="{dash}"/>'
            )
        body += [
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{colour}"/>' for px, py in points
        ]
        body.append(
            f'<g transform="translate({legend_x},{HEIGHT - 8})">'
            f'<line x1="0" x2="24" y1="-4" y2="-4" stroke="{colour}" stroke-width="3" '
            f'stroke-dasharray="{dash}"/><text x="30" y="0" font-size="12">'
            f"{escape(line.name)}</text></g>"
        )
        legend_x += 40 + 7 * len(line.name)  # room for the name at 12px
    return _svg(title, description, body, chart_id)


def column_chart(
    *, title: str, description: str, bars: list[tuple[str, float | None, bool]],
    reference: tuple[str, float] | None = None, decimals: int = 1, chart_id: str = "all",
) -> SafeString:  # fmt: skip
    """Every council's value as a column, the chosen council in blue, England as a line."""
    values = [v for _, v, _ in bars if v is not None]
    if reference:
        values.append(reference[1])
    if not values:
        return mark_safe("")
    low, high = _scale(values)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    width = plot_w / max(len(bars), 1)

    def y(v: float) -> float:
        return TOP + plot_h * (1 - (v - low) / (high - low))

    body = _axes(low, high, y, decimals)
    for i, (_name, value, chosen) in enumerate(bars):
        if value is None:
            continue
        top = y(value)
        colour = "#1d70b8" if chosen else "#b1b4b6"
        body.append(
            f'<rect x="{LEFT + i * width:.1f}" y="{top:.1f}" width="{max(width - 1, 1):.1f}" '
            f'height="{max(y(low) - top, 0):.1f}" fill="{colour}"/>'
        )
    if reference:
        ry = y(reference[1])
        body.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ry:.1f}" y2="{ry:.1f}" '
            'stroke="#0b0c0c" stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{WIDTH - RIGHT}" y="{ry - 6:.1f}" text-anchor="end" font-size="12">'
            f"{escape(reference[0])}</text>"
        )
    return _svg(title, description, body, chart_id)
