from django.apps import AppConfig


class ApaConfig(AppConfig):
    name = "ecm.apa"
    label = "apa"
