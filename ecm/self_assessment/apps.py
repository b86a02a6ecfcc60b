from django.apps import AppConfig


class SelfAssessmentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ecm.self_assessment"
    verbose_name = "Self-assessment"
