import pytest


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings):
    """The guards create many users (factories set a password each); their hashing is not what is measured."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
