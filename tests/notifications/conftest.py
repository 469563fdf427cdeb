import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash the factories' passwords cheaply: these tests are about messages, not logins."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
