"""Settings for the benchmark (``make bench``): production-like (DEBUG off,
persistent connections, compressed static files, PostgreSQL and Redis), with
the ``bench`` app for the data generator and a bare "hello" view as the
baseline every throughput figure is divided by."""

from portal.settings.base import *  # noqa: F403
from portal.settings.base import DATABASES, INSTALLED_APPS, env

DEBUG = False
SECRET_KEY = env(
    "DJANGO_SECRET_KEY", default="bench-only-key-0123456789-abcdefghijklmnopqrstuvwxyz"
)
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
