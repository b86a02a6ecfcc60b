"""Figures as the indicator publishes them: its decimal places, %, thousands separators."""

from django import template

from ecm.performance.presentation import value_shown

register = template.Library()
SHOWN = ("value", "england", "region", "neighbours_mean")


@register.filter
def shown(comparison) -> dict:
    """A comparison with its numbers formatted for the table cells (None stays None)."""
    indicator = comparison.indicator
    row = {
        name: getattr(comparison, name)
        for name in ("suppressed", "england_computed", "quartile_band", "vs_england", "trend")
    }
    for name in SHOWN:
        number = getattr(comparison, name)
        row[name] = value_shown(number, indicator) if number is not None else None
    return row


@register.filter
def shown_value(number, indicator) -> str:
    return value_shown(number, indicator)
