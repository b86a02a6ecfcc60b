"""The suite runs on the test settings (config/settings_test.py), however it is started.

`make test` once exported DJANGO_SETTINGS_MODULE=config.settings, which pytest-django prefers
to pyproject.toml's setting: CI ran every test on the production settings, with real
password hashing, at about twice the time."""

from django.conf import settings


def test_the_suite_runs_on_the_test_settings():
    assert settings.SETTINGS_MODULE == "config.settings_test"
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]
