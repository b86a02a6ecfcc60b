from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "ecm.analysis"
    verbose_name = "Analysis: information pack, evidence notebook and judgements"
