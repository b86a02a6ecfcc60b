"""Fixtures of the area assessment's tests (issue 10 §5)."""

import pytest

from ecm.caa.flags import services
from ecm.caa.flags.demo import NARRATIVE, SERVICES_STATEMENT
from ecm.caa.flags.models import OrganisationalAssessment
from ecm.caa.rating import demo as rating_demo
from tests.plugins.framework_once import bundled_framework


@pytest.fixture
def area(council, hmi):
    """The council's drafted 2009 area assessment, its narrative written."""
    return services.area_assessment_save(
        actor=hmi, council=council, year=2009, texts=NARRATIVE, expected_lock_version=None
    )


@pytest.fixture
def raise_flag(hmi):
    def make(area, **overrides):
        values = {
            "colour": "red",
            "question": "prospects",
            "theme": "",
            "organisation_kind": "pct",
            "organisation_name": "Northshire PCT",
            "reason": "Waiting times for mental health services are unlikely to fall.",
        }
        return services.flag_raise(actor=hmi, area_assessment=area, **(values | overrides))

    return make


@pytest.fixture
def ready_to_publish(hmi, administrator):
    """ready(area): what the single report needs besides the narrative (issue 24 §3; 004): each
    organisational assessment's overall score, the council's statement on key council services,
    and Ofsted's annual rating of the council made final (the rating's demo, through its
    services)."""

    def ready(area):
        for found in OrganisationalAssessment.objects.filter(area=area.council, year=area.year):
            services.organisational_assessment_save(
                actor=hmi,
                area=area.council,
                year=area.year,
                organisation_kind=found.organisation_kind,
                organisation_name=found.organisation_name,
                narrative=found.narrative,
                overall_score=3,
                services_statement=SERVICES_STATEMENT if found.is_the_council else None,
                organisational_assessment=found,
                expected_lock_version=found.lock_version,
            )
        bundled_framework()
        rating_demo.seed(council=area.council, drafter=hmi, finaliser=administrator)

    return ready
