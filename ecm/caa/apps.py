from django.apps import AppConfig


class CaaConfig(AppConfig):
    name = "ecm.caa"
    verbose_name = "From 2009: the Comprehensive Area Assessment and Ofsted's framework"

    def ready(self) -> None:
        # Answers ecm.core.due for the programme, beside caa in the layers (issue 24 §3).
        from ecm.caa.due.selectors import connect  # noqa: PLC0415 - its models load with the apps

        connect()
