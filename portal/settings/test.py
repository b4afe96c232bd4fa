"""Test settings: the same stack as production where it matters.

``DATABASE_URL`` chooses PostgreSQL (as CI does); without it the suite runs on
SQLite. ``REDIS_URL`` chooses a real Redis for cache and broker.
"""

from .base import *  # noqa: F403
from .base import (
    CACHES,
    CELERY_BEAT_SCHEDULE,
    DATABASES,
    INSTALLED_APPS,
    MIDDLEWARE,
    REDIS_URL,
    env,
)

DEBUG = False
SECRET_KEY = "test-only-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105  # nosec B105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A Celery worker that a test starts in a process of its own (tests/workers.py)
# cannot put its mails in the test's memory: it writes them into this folder.
EMAIL_FILE_PATH = env("TEST_WORKER_MAIL_DIR", default="")
if EMAIL_FILE_PATH:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
# ... or sends them to an SMTP server of the test on loopback, as production
# sends them (tests/network/test_worker_killed.py).
if _worker_smtp_port := env.int("TEST_WORKER_SMTP_PORT", default=0):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = "127.0.0.1"
    EMAIL_PORT = _worker_smtp_port
    EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""  # nosec B105 - no login
    EMAIL_USE_TLS = EMAIL_USE_SSL = False

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
# ... and its beat claims due reminders and requeues waiting jobs every
# second, so such a test waits seconds for them, not the half minute of the
# real schedule.
CELERY_BEAT_SCHEDULE = {
    **CELERY_BEAT_SCHEDULE,
    "dispatch-event-reminders": {
        **CELERY_BEAT_SCHEDULE["dispatch-event-reminders"],
        "schedule": 1.0,
    },
    "requeue-waiting-jobs": {
        **CELERY_BEAT_SCHEDULE["requeue-waiting-jobs"],
        "schedule": 1.0,
    },
}
# A mail task that a test's worker could not finish is tried again within a
# second or two, not half a minute (tests/portal/test_database_restart.py).
MAIL_RETRY_BACKOFF_SECONDS = 1
# A test that has Redis hand a task a worker took too long over to another
# worker (tests/network/test_broker_faults.py) gives its workers a visibility
# timeout of seconds instead of an hour, and has them look for such tasks
# every second.
if _visibility_timeout := env.int("TEST_BROKER_VISIBILITY_TIMEOUT", default=0):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **CELERY_BROKER_TRANSPORT_OPTIONS,  # noqa: F405 - from base
        "visibility_timeout": _visibility_timeout,
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }

# N+1 queries fail the test that makes them: django-zeal watches every request
# (its middleware comes first, so the other middleware is watched too) and
# raises as soon as one line loads the same relation for a second instance.
INSTALLED_APPS = [*INSTALLED_APPS, "zeal"]
MIDDLEWARE = ["zeal.middleware.zeal_middleware", *MIDDLEWARE]
ZEAL_RAISE = True
ZEAL_NPLUSONE_THRESHOLD = 2
# Repeated queries that are a fixed, small number whatever the data. Only
# ``get()`` (one row by its key) is allowed, never a relation: zeal counts two
# get()s of one model as an N+1 when they come from the same line of our
# code, and for a library's get()s that line is the middleware that called it.
# The query budgets (tests/portal/test_query_budgets.py) still count them.
ZEAL_ALLOWLIST = [
    # Wagtail routes a URL one segment at a time: one get() per level of the
    # page tree (/kennisbank/<item>/ is two), never per page in a list.
    {"model": "wagtailcore.Page", "field": "get()"},
    # Adding a page under the kennisbank (a practice story) loads the parent
    # in treebeard's add_child and again in Wagtail's save; there is one
    # kennisbank (max_count = 1).
    {"model": "knowledge.KnowledgeIndexPage", "field": "get()"},
    # Saving and publishing a page (a practice story, an editor's draft):
    # Wagtail's revision, search-index and reference-index steps each load the
    # page they were handed, and the default locale, by key; one page per
    # request. The user is loaded by the authentication middleware and again
    # by the revision that records who saved.
    {"model": "knowledge.*Page", "field": "get()"},
    {"model": "wagtailcore.Locale", "field": "get()"},
    {"model": "portal.User", "field": "get()"},
    # Django caches content types per process; the first audit entry for
    # each kind of object in a request after the cache was cleared looks its
    # type up once.
    {"model": "contenttypes.ContentType", "field": "get()"},
    # Logging out loads the session and then deletes it by its key; confirming
    # an e-mail address loads it and then the user's current primary one.
    {"model": "sessions.Session", "field": "get()"},
    {"model": "account.EmailAddress", "field": "get()"},
    # portal.locking.lock() re-reads the one row that guards a rule under a
    # lock: a service and the service it calls each lock the edition and the
    # application (accepting from the reserve list), cancelling a place locks
    # it and the place that moves up from the waitlist, and deleting an
    # account cancels each of its places in a transaction of its own. Wagtail's
    # snippet edit view loads its object in setup() and again in get(); the
    # reserve list's carry-over form picks two editions.
    {"model": "network.Event", "field": "get()"},
    {"model": "network.Registration", "field": "get()"},
    {"model": "leergang.Edition", "field": "get()"},
    {"model": "leergang.Application", "field": "get()"},
]

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
