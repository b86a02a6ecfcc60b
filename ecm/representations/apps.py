from django.apps import AppConfig


class RepresentationsConfig(AppConfig):
    name = "ecm.representations"
    verbose_name = "Representations: the council's representation and its panel (002 §J)"
