"""A council's profile rows, written once in presentation code (issue 25 §2: "rows rendered
without a template include and `reverse()` each"; decision 0050), and the same HTML as the
template include wrote them."""

from unittest import mock

import pytest
from django import urls
from django.template import Context, Template
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.performance import presentation
from ecm.performance.models import Comparison, Indicator
from ecm.performance.presentation import comparison_cells, url_for_each, value_shown
from ecm.performance.tests.conftest import build_world

# The include every row rendered before issue 25, with the filter that fed it: the reference
# the cells written in Python must match, character for character.
EARLIER_INCLUDE = """\
<td class="govuk-table__cell govuk-table__cell--numeric">{% if c.suppressed %}<span class="govuk-tag govuk-tag--grey">Suppressed</span>{% else %}{{ c.value|default_if_none:"–" }}{% endif %}</td>
<td class="govuk-table__cell govuk-table__cell--numeric">{{ c.england|default_if_none:"–" }}{% if c.england_computed %}<br><span class="govuk-body-s">computed</span>{% endif %}</td>
<td class="govuk-table__cell govuk-table__cell--numeric">{{ c.region|default_if_none:"–" }}</td>
<td class="govuk-table__cell govuk-table__cell--numeric">{{ c.neighbours_mean|default_if_none:"–" }}</td>
<td class="govuk-table__cell">{{ c.quartile_band|default:"–" }}</td>
<td class="govuk-table__cell">{{ c.vs_england }}</td>
<td class="govuk-table__cell">{{ c.trend }}</td>
"""  # noqa: E501, RUF001


def _earlier_shown(comparison: Comparison) -> dict:
    row = {
        name: getattr(comparison, name)
        for name in ("suppressed", "england_computed", "quartile_band", "vs_england", "trend")
    }
    for name in ("value", "england", "region", "neighbours_mean"):
        number = getattr(comparison, name)
        row[name] = value_shown(number, comparison.indicator) if number is not None else None
    return row


PERCENT = Indicator(code="P", title="A percentage", value_type="percentage", decimal_places=1)
RATE = Indicator(code="R", title="A rate", value_type="rate", decimal_places=0, multiplier=1e4)
CASES = [
    pytest.param(PERCENT, {"value": 31.25, "england": 28.0, "region": 30.0}, id="percentage"),
    pytest.param(
        RATE,
        {"value": 12345.6, "england": 67.0, "england_computed": True, "neighbours_mean": 54.4},
        id="rate, England computed, thousands",
    ),
    pytest.param(PERCENT, {"value": 5.0, "suppressed": True}, id="suppressed"),
    pytest.param(PERCENT, {}, id="no figures at all"),
    pytest.param(PERCENT, {"value": float("nan"), "england": -0.04}, id="not a number, minus"),
    pytest.param(
        PERCENT,
        {"value": 1.0, "quartile_band": "A", "vs_england": "<b>&", "trend": 'say "improving"'},
        id="words escaped",
    ),
]


@pytest.mark.parametrize(("indicator", "figures"), CASES)
def test_the_cells_are_the_html_the_include_wrote_issue_25_2(indicator, figures):
    fields = {"vs_england": "similar", "trend": "", **figures}
    comparison = Comparison(indicator=indicator, period="2025", end_year=2025, **fields)
    earlier = Template(EARLIER_INCLUDE).render(Context({"c": _earlier_shown(comparison)}))
    assert comparison_cells(comparison) == earlier


@pytest.mark.parametrize(
    "code", ["W00", "LeaveCareSupServTotExp", "A B", "a&b=c", "50%", "x~y:z@w", "café", "it's+1"]
)
def test_one_reverse_gives_every_rows_link_as_reverse_does_issue_25_2(code):
    indicator_url = url_for_each("performance:council-indicator", "855")
    assert indicator_url(code) == reverse("performance:council-indicator", args=["855", code])


def _profile(client):
    """Leicestershire's profile page: its rows, its calls of reverse() (the template's
    {% url %} imports it from django.urls as it renders; presentation.py's), and how many
    times the figure cells' include was rendered."""
    calls = []

    def counted(*args, **kwargs):
        calls.append(args[0])
        return reverse(*args, **kwargs)

    url = reverse("performance:profile", args=["855"])
    client.get(url)  # the navigation's links are cached after a person's first page
    with (
        mock.patch.object(urls, "reverse", counted),
        mock.patch.object(presentation, "reverse", counted),
    ):
        response = client.get(url)
    assert response.status_code == 200
    rows = sum(len(g.comparisons) for g in response.context["groups"])
    includes = [t.name for t in response.templates].count("performance/_comparison_cells.html")
    return rows, len(calls), includes


def test_the_profile_writes_its_rows_without_an_include_or_a_reverse_each_issue_25_2(
    client, real_councils, make_user, tmp_path
):
    client.force_login(make_user(Role.HMI))
    build_world(tmp_path / "small", councils=["855", "856"], indicators=2, years=[2024, 2025])
    small_rows, small_reverses, small_includes = _profile(client)
    build_world(
        tmp_path / "big", councils=["855", "856"], indicators=9, years=[2021, 2022, 2023, 2024]
    )
    big_rows, big_reverses, big_includes = _profile(client)

    assert (small_rows, big_rows) == (2, 9)
    assert small_includes == big_includes == 0
    assert small_reverses == big_reverses  # one reverse() for every row's link
