"""The inspectors' reading page (issue 4 §4): the council's grade beside the data, and the
weaknesses the self-assessment does not address; councils never see it."""

import pytest
from django.urls import reverse

from ecm.performance.models import Comparison
from ecm.performance.tests.factories import IndicatorFactory
from ecm.self_assessment import services
from ecm.self_assessment.tests.conftest import complete_every_part

pytestmark = pytest.mark.django_db


def test_the_reading_lists_an_unaddressed_weakness_for_the_inspector_only(
    client, hmi, link_officer, council, self_assessment, template, draft
):
    indicator = IndicatorFactory(
        title="Percentage of 16 to 18 year olds not in education, employment or training",
        outcome="economic_wellbeing",
        polarity="low",
    )
    Comparison.objects.create(
        indicator=indicator, council=council, period="2007", end_year=2007, value=17.4,
        england=7.7, vs_england="worse", trend="getting worse", flags="worse_and_getting_worse",
    )  # fmt: skip
    complete_every_part(draft, link_officer, template)
    services.version_submit(version=draft, actor=link_officer, declaration_confirmed=True)
    url = reverse("self_assessment:reading", kwargs={"pk": self_assessment.assessment.pk})
    client.force_login(hmi)
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Percentage of 16 to 18 year olds not in education" in text
    assert "Not addressed" in text
    assert "1 weakness in the data is not addressed" in text
    client.force_login(link_officer)
    assert client.get(url).status_code == 404
