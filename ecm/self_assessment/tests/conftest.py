import pytest

from ecm.apa import services as apa_services
from ecm.apa.tests.factories import make_round
from ecm.self_assessment import services
from ecm.self_assessment.tests.helpers import complete_every_part  # noqa: F401 (tests import it)


@pytest.fixture
def assessment(council, hmi, brm):
    """An APA 2007 assessment of `council`, with `hmi` (Lead) and `brm` assigned."""
    (assessment,) = apa_services.assessments_create_for_round(
        actor=None, assessment_round=make_round(), councils=[council]
    )
    apa_services.assessment_assign_inspectors(
        actor=None, assessment=assessment, hmi=hmi, brm=brm, lead="hmi"
    )
    return assessment


@pytest.fixture
def self_assessment(assessment, link_officer):
    return services.self_assessment_start(assessment=assessment, actor=link_officer)


@pytest.fixture
def template(self_assessment):
    return services.template_of(self_assessment)


@pytest.fixture
def draft(self_assessment):
    return self_assessment.versions.get()
