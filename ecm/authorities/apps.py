from django.apps import AppConfig


class AuthoritiesConfig(AppConfig):
    name = "ecm.authorities"
    label = "authorities"
