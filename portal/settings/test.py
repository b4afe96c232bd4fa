"""Test settings: the same stack as production where it matters.

``DATABASE_URL`` chooses PostgreSQL (as CI does); without it the suite runs on
SQLite. ``REDIS_URL`` chooses a real Redis for cache and broker.
"""

from .base import *  # noqa: F403
from .base import CACHES, CELERY_BEAT_SCHEDULE, DATABASES, REDIS_URL, env

DEBUG = False
SECRET_KEY = "test-only-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A Celery worker that a test starts in a process of its own (tests/workers.py)
# cannot put its mails in the test's memory: it writes them into this folder.
EMAIL_FILE_PATH = env("TEST_WORKER_MAIL_DIR", default="")
if EMAIL_FILE_PATH:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": env("SQLITE_TEST_NAME", default="")}

if REDIS_URL:
    # Keep test keys apart from anything a developer runs on the same Redis.
    CACHES["default"]["KEY_PREFIX"] = "leernetwerk-test"

# Tasks run in the test process so a test sees their effect; the periodic
# tasks that carry the guarantees are called directly by the tests. A worker
# that a test starts sends them through the broker, as in production.
CELERY_TASK_ALWAYS_EAGER = not EMAIL_FILE_PATH
CELERY_TASK_EAGER_PROPAGATES = True
# Tests that start a real worker use a queue of their own, so they never take
# (or leave) tasks of a development worker on the same Redis.
CELERY_TASK_DEFAULT_QUEUE = "leernetwerk-test"
# ... and its beat claims due reminders every second, so such a test waits
# seconds for them, not the half minute of the real schedule.
CELERY_BEAT_SCHEDULE = {
    **CELERY_BEAT_SCHEDULE,
    "dispatch-event-reminders": {
        **CELERY_BEAT_SCHEDULE["dispatch-event-reminders"],
        "schedule": 1.0,
    },
}

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
