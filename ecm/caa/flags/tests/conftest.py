"""Fixtures of the area assessment's tests (issue 10 §5)."""

import pytest

from ecm.caa.flags import services
from ecm.caa.flags.demo import NARRATIVE


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
