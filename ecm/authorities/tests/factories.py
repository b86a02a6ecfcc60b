import datetime

import factory

from ecm.authorities.models import (
    Closeness,
    Council,
    CouncilCode,
    CouncilSuccession,
    CouncilType,
    Region,
    StatisticalNeighbour,
    StatisticalNeighbourModel,
)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("ons_code",)

    ons_code = factory.Sequence(lambda n: f"E120{n:05d}")
    name = factory.Sequence(lambda n: f"Region {n}")


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    la_number = factory.Sequence(lambda n: f"{(n % 800) + 100:03d}")
    ons_code = factory.Sequence(lambda n: f"E0690{n:04d}")
    name = factory.Sequence(lambda n: f"Testshire Council {n}")
    region = factory.SubFactory(RegionFactory)
    council_type = CouncilType.UNITARY_AUTHORITY


class CouncilSuccessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilSuccession

    predecessor = factory.SubFactory(CouncilFactory, abolished_on=datetime.date(2009, 4, 1))
    successor = factory.SubFactory(CouncilFactory, established_on=datetime.date(2009, 4, 1))
    effective_on = factory.LazyAttribute(lambda o: o.predecessor.abolished_on)


class CouncilCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilCode

    council = factory.SubFactory(CouncilFactory)
    ons_code = factory.Sequence(lambda n: f"E1090{n:04d}")
    valid_until = datetime.date(2020, 4, 1)


class StatisticalNeighbourModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatisticalNeighbourModel
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"test-model-{n}")
    title = factory.LazyAttribute(lambda o: f"Test statistical neighbours {o.code}")
    published_on = datetime.date(2025, 5, 1)


class StatisticalNeighbourFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatisticalNeighbour

    model = factory.SubFactory(StatisticalNeighbourModelFactory)
    council = factory.SubFactory(CouncilFactory)
    neighbour = factory.SubFactory(CouncilFactory)
    rank = factory.Sequence(lambda n: n % 10 + 1)
    closeness = Closeness.CLOSE
