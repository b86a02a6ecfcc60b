from django.apps import AppConfig


class RepresentationsConfig(AppConfig):
    name = "ecm.representations"
    verbose_name = (
        "Representations: the council's representation and its panel (the handbook, section J)"
    )

    def ready(self) -> None:
        # Connects the answers to letters' and apa's signals (ecm.representations.signals);
        # imported here, once the apps are loaded, because a receiver module imports models.
        from ecm.representations import signals  # noqa: F401, PLC0415
