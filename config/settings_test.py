"""Test settings: the same as production's shape, made fast (DESIGN.md example 8)."""

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEMO_MODE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PERFORMANCE_IMPORT_INLINE = True
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405  (tasks run at once, in the test)
# About 2,700 tests sign inspectors in with force_login; the two-factor tests switch this on.
TWO_FACTOR_REQUIRED_FOR_INSPECTORATE = False
BACKGROUND_NICENESS = 0  # tests never lower their own process's priority (call_command runs in it)
