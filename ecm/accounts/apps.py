from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ecm.accounts"
    label = "accounts"
