from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_logged_out


class AccountsConfig(AppConfig):
    name = "ecm.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Issue 21 §3 (decision 0034): note each browser a person signs in on, and whether it
        # still owes a two-factor code.
        from ecm.accounts import sessions, two_factor  # noqa: PLC0415

        user_logged_in.connect(sessions.signed_in_session_start, dispatch_uid="ecm_session_in")
        user_logged_in.connect(two_factor.code_owed_on_sign_in, dispatch_uid="ecm_code_owed")
        user_logged_out.connect(sessions.signed_in_session_end, dispatch_uid="ecm_session_out")

        # Audits a sign-in lock-out as it starts (axes' signal; decision 0035); imported here,
        # once the apps are loaded, because the receiver module imports models.
        from ecm.accounts import lockouts  # noqa: F401, PLC0415
