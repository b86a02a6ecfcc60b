import factory

from ecm.apa.models import Assessment, AssessmentRound
from ecm.apa.services import round_create
from ecm.authorities.tests.factories import CouncilFactory
from ecm.framework.models import FrameworkVersion, GradeScale, JudgementSet


def make_framework_version(*, urn="urn:ecm:framework:test", years=(2005, 2006, 2007, 2008)):
    """A minimal framework version with an APA judgement set for the given years."""
    version = FrameworkVersion.objects.create(
        urn=urn, version="t1", title="Test framework", source_name="test", source_sha256="0" * 64
    )
    GradeScale.objects.create(version=version, urn=f"{urn}:scale", code="lsif", title="LSIF")
    JudgementSet.objects.create(
        version=version,
        urn=f"{urn}:apa",
        code="apa",
        title="APA",
        regime="apa",
        years=list(years),
    )
    return version


def make_round(*, year=2007, framework_version=None, actor=None) -> AssessmentRound:
    return round_create(
        actor=actor, year=year, framework_version=framework_version or make_framework_version()
    )


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    round = factory.LazyFunction(make_round)
    council = factory.SubFactory(CouncilFactory)
