from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "ecm.letters"
    verbose_name = "Letters: the APA letter and its renditions"

    def ready(self) -> None:
        # Answers ecm.core.archive's question for the apps below letters (the notebook).
        from ecm.letters.archive import connect  # noqa: PLC0415 - its models load with the apps

        connect()
