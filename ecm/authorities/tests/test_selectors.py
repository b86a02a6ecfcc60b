"""Reads about councils and their neighbours."""

from datetime import date

import pytest

from ecm.authorities.selectors import (
    council_get_by_code,
    council_list,
    council_successions,
    councils_active_on,
    statistical_neighbour_groups,
    statistical_neighbours,
)
from ecm.authorities.tests.factories import (
    CouncilCodeFactory,
    CouncilFactory,
    CouncilSuccessionFactory,
    RegionFactory,
    StatisticalNeighbourFactory,
    StatisticalNeighbourModelFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "la_number"),
    [
        ("855", "855"),
        (855, "855"),
        (" 855 ", "855"),
        ("E10000018", "855"),
        ("e10000018", "855"),  # codes typed in lower case
        ("E10000002", "825"),  # Buckinghamshire's county code, until 1 April 2020
        ("E06000060", "825"),
        ("E10000001", "820"),  # Bedfordshire, abolished 2009
        ("999", None),
        ("E99999999", None),
        ("", None),
        ("Leicestershire", None),
    ],
)
def test_council_get_by_code(loaded_councils, code, la_number):
    """LA number, current ONS code or former ONS code (data/README.md: codes that changed)."""
    council = council_get_by_code(code)
    assert (council.la_number if council else None) == la_number


def test_council_list_by_region_and_day(loaded_councils):
    east_midlands = loaded_councils["855"].region
    names = [c.name for c in council_list(region=east_midlands)]
    assert names[:3] == ["Derby", "Derbyshire", "Leicester"]
    assert len(names) == 11  # with Northamptonshire (abolished 2021) and its successors
    assert council_list(region="E12000004").count() == 11
    assert council_list(region="E12000004", active_on=date(2007, 4, 1)).count() == 9
    assert "Northamptonshire" in {c.name for c in councils_active_on(date(2007, 4, 1))}
    assert "Northamptonshire" not in {c.name for c in councils_active_on(date(2021, 4, 1))}


def test_a_council_is_active_from_its_establishment_to_the_day_before_abolition():
    old = CouncilFactory(abolished_on=date(2009, 4, 1))
    new = CouncilFactory(established_on=date(2009, 4, 1))
    assert list(councils_active_on(date(2009, 3, 31))) == [old]
    assert list(councils_active_on(date(2009, 4, 1))) == [new]


def test_council_successions():
    succession = CouncilSuccessionFactory()
    assert council_successions(council=succession.successor).predecessors == [succession]
    assert council_successions(council=succession.predecessor).successors == [succession]
    assert council_successions(council=succession.predecessor).predecessors == []


def test_former_codes_find_their_council():
    code = CouncilCodeFactory(ons_code="E10000099")
    assert council_get_by_code("E10000099") == code.council


def test_statistical_neighbours_latest_model_by_default():
    council, near, far = CouncilFactory(), CouncilFactory(), CouncilFactory()
    old = StatisticalNeighbourModelFactory(code="dfe-2021", published_on=date(2021, 4, 1))
    new = StatisticalNeighbourModelFactory(code="dfe-2025", published_on=date(2025, 5, 1))
    undated = StatisticalNeighbourModelFactory(code="local", published_on=None)
    StatisticalNeighbourFactory(model=old, council=council, neighbour=far, rank=1)
    StatisticalNeighbourFactory(model=new, council=council, neighbour=near, rank=2)
    StatisticalNeighbourFactory(model=new, council=council, neighbour=far, rank=1)
    StatisticalNeighbourFactory(model=undated, council=council, neighbour=near, rank=1)
    assert [n.neighbour for n in statistical_neighbours(council=council)] == [far, near]
    assert [
        n.neighbour for n in statistical_neighbours(council=council, model_code="dfe-2021")
    ] == [far]
    assert [g.model.code for g in statistical_neighbour_groups(council=council)] == [
        "dfe-2025",
        "dfe-2021",
        "local",  # undated models last, on SQLite and PostgreSQL alike
    ]


def test_statistical_neighbours_from_the_latest_model_that_names_the_council():
    """A council abolished before the newest model keeps the neighbours of an older one."""
    abolished, other = CouncilFactory(abolished_on=date(2019, 4, 1)), CouncilFactory()
    old = StatisticalNeighbourModelFactory(code="dfe-2018", published_on=date(2018, 4, 1))
    StatisticalNeighbourModelFactory(code="dfe-2025", published_on=date(2025, 5, 1))
    StatisticalNeighbourFactory(model=old, council=abolished, neighbour=other, rank=1)
    assert [n.model for n in statistical_neighbours(council=abolished)] == [old]
    assert list(statistical_neighbours(council=other)) == []


def test_council_list_region_accepts_a_region_or_its_code():
    region = RegionFactory(ons_code="E12000009", name="South West")
    council = CouncilFactory(region=region)
    CouncilFactory()
    assert list(council_list(region=region)) == [council]
    assert list(council_list(region="E12000009")) == [council]
