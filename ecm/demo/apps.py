from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo: made-up people and assessments on real councils and the real framework.

    The top layer: it may use every other app; no app may use it.
    """

    name = "ecm.demo"
    label = "demo"
