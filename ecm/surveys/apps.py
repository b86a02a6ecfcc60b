from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "ecm.surveys"
    verbose_name = "From 2009: the annual questionnaires"
