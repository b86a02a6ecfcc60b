"""A fixed number of database queries whatever the size of the data (issue 3, Speed: "a
council's profile page: ... a fixed number of database queries whatever the number of
councils, indicators or years").

Each page is measured in a small world and in a bigger one (more councils, indicators, years,
and statistical neighbours), and the two counts must be equal.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.authorities.models import Closeness, StatisticalNeighbour, StatisticalNeighbourModel
from ecm.performance.services import comparisons_refresh
from ecm.performance.tests.conftest import build_world

SMALL = {"councils": ["855", "856"], "indicators": 1, "years": [2025]}
BIG = {
    "councils": ["855", "856", "857", "330", "331", "332", "202", "825"],
    "indicators": 8,
    "years": [2019, 2020, 2021, 2022, 2023, 2024, 2025],
}


def _neighbours(councils: dict, la_numbers: list[str]) -> None:
    model = StatisticalNeighbourModel.objects.create(
        code=f"test-{len(la_numbers)}", title="Test", published_on=datetime.date(2025, 5, 1)
    )
    StatisticalNeighbour.objects.bulk_create(
        StatisticalNeighbour(
            model=model,
            council=councils[a],
            neighbour=councils[b],
            rank=rank,
            closeness=Closeness.CLOSE,
        )
        for a in la_numbers
        for rank, b in enumerate([n for n in la_numbers if n != a], start=1)
    )
    comparisons_refresh()


def _queries(client, url: str, **params) -> int:
    client.get(url, params)  # warm caches (content types, sessions) out of the count
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


def _measure(client, tmp_path, size: dict, councils: dict, user) -> dict[str, int]:
    build_world(tmp_path, **size)
    _neighbours(councils, size["councils"])
    client.force_login(user)
    counts = {
        "profile": _queries(client, reverse("performance:profile", args=["855"])),
        "profile, a year": _queries(
            client, reverse("performance:profile", args=["855"]), year="2025"
        ),
        "profile csv": _queries(
            client, reverse("performance:profile-download", args=["855", "csv"])
        ),
        "time series": _queries(
            client, reverse("performance:council-indicator", args=["855", "W00"])
        ),
    }
    if user.is_inspectorate:  # the indicator page is for the inspectorate only
        counts["indicator"] = _queries(
            client, reverse("performance:indicator-detail", args=["W00"])
        )
    return counts


@pytest.mark.parametrize("role", [Role.LINK_OFFICER, Role.HMI])
def test_the_pages_use_a_fixed_number_of_queries(client, real_councils, make_user, tmp_path, role):
    """Issue 3, Speed: a fixed number of database queries whatever the number of councils,
    indicators or years."""
    council = real_councils["855"] if role == Role.LINK_OFFICER else None
    user = make_user(role, council=council)
    small = _measure(client, tmp_path / "small", SMALL, real_councils, user)

    # The same pages after a bigger world is imported on top (new indicators W01..W07, more
    # councils and years; W00 gains them too, as a revised release).
    big = _measure(client, tmp_path / "big", BIG, real_councils, user)

    assert big == small


def test_the_profile_page_query_count_does_not_grow_with_the_profile(
    client, real_councils, make_user, tmp_path, django_assert_max_num_queries
):
    """The same rule, as a ceiling a reader can check: the profile page of a council with 8
    indicators over 7 years, among 8 councils, in at most 12 queries."""
    build_world(tmp_path, **BIG)
    _neighbours(real_councils, BIG["councils"])
    client.force_login(make_user(Role.HMI))
    url = reverse("performance:profile", args=["855"])
    client.get(url)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
