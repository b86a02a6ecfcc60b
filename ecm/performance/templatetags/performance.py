"""Figures as the indicator publishes them: its decimal places, %, thousands separators."""

from django import template
from django.utils.safestring import SafeString

from ecm.performance.presentation import comparison_cells, value_shown

register = template.Library()


@register.filter(name="comparison_cells")
def comparison_cells_filter(comparison) -> SafeString:
    """A comparison's figure cells, written once in Python (`presentation.comparison_cells`)
    rather than by a template include per row (issue 25 §2)."""
    return comparison_cells(comparison)


@register.filter
def shown(comparison) -> dict:
    """A comparison as `_comparison_cells.html` reads it: its figure cells (`cells`)."""
    return {"cells": comparison_cells(comparison)}


@register.filter
def shown_value(number, indicator) -> str:
    return value_shown(number, indicator)
