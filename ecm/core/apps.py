from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ecm.core"
    label = "core"

    def ready(self) -> None:
        # The daily clean-up of document builds nobody downloads (issue 25 §3; decision 0051),
        # scheduled after every migrate as the programme's jobs are (decision 0023).
        from django.db.models.signals import post_migrate  # noqa: PLC0415 - apps are ready now

        from ecm.core.document_schedule import schedule_ensure  # noqa: PLC0415

        post_migrate.connect(schedule_ensure, sender=self, dispatch_uid="ecm-document-builds")
