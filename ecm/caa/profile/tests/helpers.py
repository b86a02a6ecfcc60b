"""Figures for the profile's tests, made as ecm.performance stores them (its Comparison rows)."""

from datetime import date

from ecm.performance.models import Comparison
from ecm.performance.tests.factories import IndicatorFactory

# A day in 2009-Q3 (October to December 2009): 2009-Q1 to Q3 have begun, Q3 is current.
TODAY = date(2009, 11, 2)


def figure(
    council,
    code: str,
    *,
    value: float | None,
    england: float | None,
    polarity: str = "high",
    period: str = "2008",
    vs_england: str = "not compared",
    region: float | None = None,
    neighbours: float | None = None,
    outcome: str = "staying_safe",
) -> Comparison:
    """The council's figure for indicator `code` (made with its polarity when new)."""
    indicator = IndicatorFactory(code=code, polarity=polarity, outcome=outcome)
    comparison, _ = Comparison.objects.update_or_create(
        indicator=indicator,
        council=council,
        period=period,
        defaults={
            "end_year": int(period[:4]),
            "value": value,
            "england": england,
            "region": region,
            "neighbours_mean": neighbours,
            "vs_england": vs_england,
            "trend": "not enough data",
        },
    )
    return comparison
