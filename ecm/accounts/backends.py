"""Sign-in: ordinary accounts by password; demo accounts only in demo mode.

Demo accounts (is_demo) hold an unusable password, so the ordinary check always refuses them.
This backend accepts the documented demo password for them only while DEMO_MODE is on; a
production deployment (DEMO_MODE=false) that ran load_demo by mistake still lets none of them in.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.utils.crypto import constant_time_compare

# Documented in the README; accepted only while DEMO_MODE is on (see the module docstring).
DEMO_PASSWORD = "demo-ecm-2007"  # noqa: S105


class DemoAwareModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        email = (username or kwargs.get("email") or "").strip().lower()
        if not email or password is None:
            return None
        user_model = get_user_model()
        try:
            user = user_model.objects.get(email__iexact=email)
        except user_model.DoesNotExist:
            user_model().set_password(password)  # same work as a real check: no timing oracle
            return None
        if user.is_demo:
            if settings.DEMO_MODE and constant_time_compare(password, DEMO_PASSWORD):
                return user if self.user_can_authenticate(user) else None
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
