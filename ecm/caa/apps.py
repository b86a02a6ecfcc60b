from django.apps import AppConfig


class CaaConfig(AppConfig):
    name = "ecm.caa"
    verbose_name = "From 2009: the Comprehensive Area Assessment and Ofsted's framework"
