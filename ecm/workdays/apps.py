from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "ecm.workdays"
    label = "workdays"
