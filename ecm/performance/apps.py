from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ecm.performance"
    verbose_name = "Performance data"

    def ready(self) -> None:
        from ecm.performance import signals  # noqa: F401, PLC0415 - receivers connect once apps load
