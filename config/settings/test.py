"""Test runs: fast hashing, in-process jobs; the database comes from DATABASE_URL (SQLite by default)."""

from .base import *  # noqa: F403
from .base import HUEY

SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
HUEY = {**HUEY, "huey_class": "huey.MemoryHuey", "immediate": True}
LANGUAGE_CODE = "vi"
AXES_FAILURE_LIMIT = 5
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# A reviewed model for the shared workflow's tests (tests/reviewapp); its migration creates the table.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.reviewapp"]  # noqa: F405
