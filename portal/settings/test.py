"""Test settings: the same stack as production where it matters.

``DATABASE_URL`` chooses PostgreSQL (as CI does); without it the suite runs on
SQLite. ``REDIS_URL`` chooses a real Redis for cache and broker.
"""

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, REDIS_URL, env

DEBUG = False
SECRET_KEY = "test-only-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": env("SQLITE_TEST_NAME", default="")}

if REDIS_URL:
    # Keep test keys apart from anything a developer runs on the same Redis.
    CACHES["default"]["KEY_PREFIX"] = "leernetwerk-test"

# Tasks run in the test process so a test sees their effect; the periodic
# tasks that carry the guarantees are called directly by the tests.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
