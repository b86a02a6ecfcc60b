import factory

from ecm.performance.models import DataImport, Indicator


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"IND{n:03d}")
    title = factory.Sequence(lambda n: f"Percentage of something {n}")
    outcome = "staying_safe"
    polarity = "high"
    value_type = "percentage"
    multiplier = 100
    decimal_places = 1


class DataImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataImport

    file_name = "values.csv"
    checksum = factory.Sequence(lambda n: f"{n:064x}")
    file_format = "long"
    status = "done"
