"""Sign-in: ordinary accounts by password; demo accounts only in demo mode.

Demo accounts (is_demo) hold an unusable password, so the ordinary check always refuses them.
This backend accepts the documented demo password for them only while DEMO_MODE is on; a
production deployment (DEMO_MODE=false) that ran load_demo by mistake still lets none of them in.

Every answer costs one password hash (issue 21 §2, "What was seen" 6: a wrong password for a
demo email answered ~8x faster than an unknown email, which told an attacker which emails are
demo accounts). An unknown email, a demo account and a person invited who has not chosen a
password yet (Django answers those without hashing) are checked against a stand-in hash of the
same hasher, so that every case does the same work.
"""

from functools import cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.hashers import check_password, get_hasher, make_password
from django.utils.crypto import constant_time_compare, get_random_string

# Documented in the README; accepted only while DEMO_MODE is on (see the module docstring).
DEMO_PASSWORD = "demo-ecm-2007"  # noqa: S105


@cache
def _stand_in_hash(algorithm: str) -> str:
    """A hash of a random password by the current hasher, made once per hasher: checking a
    password against it costs what checking a real account's does, and never succeeds."""
    return make_password(get_random_string(32), hasher=algorithm)


def _hash_work(password: str) -> None:
    check_password(password, _stand_in_hash(get_hasher().algorithm))


class DemoAwareModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        email = (username or kwargs.get("email") or "").strip().lower()
        if not email or password is None:
            return None
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            _hash_work(password)
            return None
        if user.is_demo:
            _hash_work(password)
            if settings.DEMO_MODE and constant_time_compare(password, DEMO_PASSWORD):
                return user if self.user_can_authenticate(user) else None
            return None
        if not user.has_usable_password():  # invited, no password yet: Django would not hash
            _hash_work(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
