from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "ecm.letters"
    verbose_name = "Letters: the APA letter and its renditions"
