from django.apps import AppConfig


class FrameworkConfig(AppConfig):
    name = "ecm.framework"
    label = "framework"
