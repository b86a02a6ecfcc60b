"""The council pages, through Django's test client. A refused council is a 404, the same answer
as a missing one (DESIGN.md example 5; DOMAIN.md §1)."""

from datetime import date

import pytest
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.accounts.tests.factories import UserFactory
from ecm.authorities.forms import UNKNOWN_REGION
from ecm.authorities.models import Closeness
from ecm.authorities.tests.factories import (
    CouncilCodeFactory,
    CouncilFactory,
    CouncilSuccessionFactory,
    RegionFactory,
    StatisticalNeighbourFactory,
    StatisticalNeighbourModelFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("authorities:council-list")


def detail_url(council) -> str:
    return reverse("authorities:council-detail", args=[council.la_number])


@pytest.fixture
def signed_in(client):
    def sign_in(*roles, council=None):
        client.force_login(UserFactory(roles=list(roles), council=council))
        return client

    return sign_in


@pytest.fixture
def east_midlands():
    region = RegionFactory(ons_code="E12000004", name="East Midlands")
    return {
        "leicestershire": CouncilFactory(
            la_number="855", ons_code="E10000018", name="Leicestershire", region=region
        ),
        "northamptonshire": CouncilFactory(
            la_number="928", name="Northamptonshire", region=region, abolished_on=date(2021, 4, 1)
        ),
        "london": CouncilFactory(
            la_number="202",
            name="Camden",
            region=RegionFactory(ons_code="E12000007", name="London"),
        ),
    }


def test_signed_out_people_are_sent_to_sign_in(client, council):
    for url in (LIST_URL, detail_url(council)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_the_list_for_inspectorate_staff(signed_in, east_midlands):
    response = signed_in(Role.HMI).get(LIST_URL)
    assert response.status_code == 200
    page = response.content.decode()
    for name in ("Leicestershire", "Northamptonshire", "Camden"):
        assert name in page
    assert "Abolished 1 April 2021" in page
    assert "E10000018" in page and ">855<" in page
    assert f'href="{detail_url(east_midlands["leicestershire"])}"' in page


def test_the_list_filtered_by_region_without_javascript(signed_in, east_midlands):
    """A GET form: the filter is in the URL, the select keeps the choice."""
    response = signed_in(Role.BRM).get(LIST_URL, {"region": "E12000004"})
    page = response.content.decode()
    assert "Leicestershire" in page and "Camden" not in page
    assert '<option value="E12000004" selected>' in page
    assert "Councils in East Midlands" in page
    assert [c.name for c in response.context["councils"]] == ["Leicestershire", "Northamptonshire"]


def test_an_unknown_region_is_an_error_that_says_what_to_do(signed_in, east_midlands):
    response = signed_in(Role.HMI).get(LIST_URL, {"region": "E12999999"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and UNKNOWN_REGION in page
    assert len(response.context["councils"]) == 3


@pytest.mark.parametrize("role", [Role.LINK_OFFICER, Role.DIRECTOR])
def test_council_users_get_404_for_the_list(signed_in, council, role):
    assert signed_in(role, council=council).get(LIST_URL).status_code == 404


def test_a_council_page_for_inspectorate_staff(signed_in):
    succession = CouncilSuccessionFactory(
        predecessor__name="Bedfordshire",
        predecessor__la_number="820",
        successor__name="Bedford",
        successor__la_number="822",
    )
    bedford = succession.successor
    CouncilCodeFactory(council=bedford, ons_code="E10000777", valid_until=date(2020, 4, 1))
    model = StatisticalNeighbourModelFactory(title="DfE statistical neighbours, May 2025")
    luton = CouncilFactory(name="Luton", la_number="821")
    StatisticalNeighbourFactory(
        model=model, council=bedford, neighbour=luton, rank=1, closeness=Closeness.VERY_CLOSE
    )
    response = signed_in(Role.HMI).get(detail_url(bedford))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<h1 class="govuk-heading-l">Bedford</h1>' in page
    assert "E10000777 (until 1 April 2020)" in page
    assert "Predecessors" in page and f'href="{detail_url(succession.predecessor)}"' in page
    assert "from 1 April 2009" in page
    assert "DfE statistical neighbours, May 2025" in page
    assert f'href="{detail_url(luton)}">Luton</a>' in page and "Very close" in page


def test_an_abolished_council_shows_its_successors(signed_in):
    succession = CouncilSuccessionFactory(predecessor__name="Cheshire")
    page = signed_in(Role.HMI).get(detail_url(succession.predecessor)).content.decode()
    assert "This council was abolished on 1 April 2009" in page
    assert "Successors" in page and succession.successor.name in page


def test_a_council_user_sees_their_own_council(signed_in, council):
    neighbour = CouncilFactory(name="Neighbourton")
    StatisticalNeighbourFactory(council=council, neighbour=neighbour, rank=1)
    response = signed_in(Role.LINK_OFFICER, council=council).get(detail_url(council))
    assert response.status_code == 200
    page = response.content.decode()
    assert council.name in page and "Neighbourton" in page
    # No links into pages they may not open.
    assert detail_url(neighbour) not in page and LIST_URL + '"' not in page


@pytest.mark.parametrize("role", [Role.LINK_OFFICER, Role.DIRECTOR])
def test_a_council_user_gets_404_for_another_council(signed_in, council, other_council, role):
    """The same answer as a council that does not exist: nobody learns what exists by probing."""
    client = signed_in(role, council=council)
    refused = client.get(detail_url(other_council))
    missing = client.get(reverse("authorities:council-detail", args=["999"]))
    assert refused.status_code == missing.status_code == 404
    assert other_council.name not in refused.content.decode()


def test_a_missing_council_is_404(signed_in, council):
    client = signed_in(Role.HMI)
    assert client.get(reverse("authorities:council-detail", args=["999"])).status_code == 404
    assert client.get(reverse("authorities:council-detail", args=["abc"])).status_code == 404
