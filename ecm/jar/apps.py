from django.apps import AppConfig


class JarConfig(AppConfig):
    name = "ecm.jar"
    verbose_name = "The Joint Area Review"
