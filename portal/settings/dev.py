"""Local development: debug on, everything embedded unless configured."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env

# The embedded defaults keep their files (SQLite, broker, media) in var/.
for folder in ("broker/queue", "broker/processed", "broker/control", "media"):
    (VAR_DIR / folder).mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env(
    "DJANGO_SECRET_KEY",
    default="dev-only-insecure-key-never-use-in-production-0123456789",
)
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"]
)
