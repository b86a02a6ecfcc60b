from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ecm.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Audits a sign-in lock-out as it starts (axes' signal; decision 0035); imported here,
        # once the apps are loaded, because the receiver module imports models.
        from ecm.accounts import lockouts  # noqa: F401, PLC0415
