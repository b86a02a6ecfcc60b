from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "ecm.programme"
    verbose_name = "Programme: running a round (plan, deadlines, what is due, reminders)"

    def ready(self) -> None:
        from ecm.programme import tasks  # noqa: PLC0415 - its models import once the apps load

        tasks.connect()
