"""Settings shared by every environment.

Every value that differs between machines is read from the environment with
django-environ. With nothing configured the portal runs on SQLite, an embedded
(filesystem) Celery broker, local-memory cache and e-mail to the console, so one
command starts a complete portal. ``DATABASE_URL`` and ``REDIS_URL`` switch to
PostgreSQL and Redis.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=True):
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# --- Applications -----------------------------------------------------------

# Own apps first so their templates override those of third parties.
# Dependency direction: portal <- network <- knowledge <- leergang <- demo.
PROJECT_APPS = ["portal", "network", "knowledge", "leergang", "demo"]

INSTALLED_APPS = [
    *PROJECT_APPS,
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Accounts
    "allauth",
    "allauth.account",
    # A member's sessions: where they are logged in, and ending the others.
    "allauth.usersessions",
    # Background jobs
    "django_celery_beat",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.page_cache.PageCacheMiddleware",
    "portal.middleware.WagtailSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.UserSessionActivityMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.site_navigation",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------

DATABASES = {
    "default": env.db(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # make run has web, worker and beat on one file: WAL and immediate write
    # transactions avoid "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", 0))
# A kept connection that PostgreSQL ended (a restart, a failover) is noticed
# and replaced at the start of the next request, instead of failing it.
DATABASES["default"].setdefault(
    "CONN_HEALTH_CHECKS", DATABASES["default"]["CONN_MAX_AGE"] != 0
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's default cost of a random read (4) is meant for spinning
    # disks; with it the planner reads the whole search index instead of using
    # its full-text (GIN) index for common words, 3 to 8 times slower at 50,000
    # publications (docs/performance.md). 1.1 is the usual value for SSDs and
    # for databases that fit in memory.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options",
        f"-c random_page_cost={env.float('DATABASE_RANDOM_PAGE_COST', 1.1)}",
    )
    # A database that does not answer fails a request within seconds (a 503
    # page, portal.views.server_error) instead of holding a worker for the
    # system's TCP timeout.
    DATABASES["default"]["OPTIONS"].setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", 5)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            # Clearing it leaves the broker's tasks in the same database alone.
            "BACKEND": "portal.cache.PrefixedRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="leernetwerk"),
            # An unreachable Redis costs a request a second at most (the
            # cache then answers "nothing there", see portal.cache).
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "leernetwerk",
        }
    }

# Kennisportal pages for anonymous visitors are served from the cache
# (portal.page_cache) for at most this long, and dropped at once when content
# is published. Only with Redis: the local-memory cache of one process cannot
# hear of a publish in another.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300 if REDIS_URL else 0)
# What a page shows that is the same for everyone (its content, head and
# footer, the page at an address) is kept for members too, at most this long
# and dropped with the page cache (portal.fragment_cache). Only with Redis.
FRAGMENT_CACHE_SECONDS = env.int(
    "FRAGMENT_CACHE_SECONDS", default=300 if REDIS_URL else 0
)

# --- Accounts ---------------------------------------------------------------

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    # Refuses the 20,000 most common passwords (Django's own list).
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# django-allauth: e-mail is the login, and it must be verified.
ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Leernetwerk] "
ACCOUNT_SESSION_REMEMBER = None
# A password-reset request for an address without an account sends nothing:
# the page answers as for a known address, and the portal does not mail
# addresses that anyone can type in.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Rate limits (allauth keeps the counters in the cache): failed logins per IP
# and per account, sign-ups and password-reset mails per IP.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env("LOGIN_RATE_LIMIT", default="10/m/ip,5/5m/key"),
    "signup": "20/m/ip",
    # A rate, not a password (the key name misleads the security scan).
    "reset_password": "20/m/ip,5/m/key",  # nosec B105
    "confirm_email": "1/3m/key",
}

# allauth.usersessions lists a member's sessions (browser, IP address, when
# started and last seen) at /account/sessions/ and ends the other ones. Its
# own middleware would record activity on every signed-in request; the
# portal's (portal.middleware.UserSessionActivityMiddleware) records it at
# most once per USER_SESSION_SEEN_INTERVAL seconds per session.
USERSESSIONS_TRACK_ACTIVITY = False
USER_SESSION_SEEN_INTERVAL = 5 * 60

# Behind a load balancer every visitor would share its address; tell allauth
# how many proxies to trust so rate limits count per real client.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)

# --- Internationalisation ---------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- E-mail -----------------------------------------------------------------

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# A mail server that stops answering fails a send after this many seconds (a
# retry later) instead of holding a worker for good.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# A mail task that failed (mail server or database unreachable) is tried
# again after a pause that starts here and grows (portal.jobs.MAIL_TASK_RETRY).
MAIL_RETRY_BACKOFF_SECONDS = 30
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Leernetwerk Integraal Werken <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Replies to the portal's mails reach the programme's coordinators, not a
# noreply box (a mail about one event sets the event's own contact instead).
MAIL_REPLY_TO = env("MAIL_REPLY_TO", default="leernetwerk@localhost")
# Mails that do not go through portal.mail (Wagtail's notifications to
# editors, error reports) also carry a Date in Dutch time, not UTC.
EMAIL_USE_LOCALTIME = True

# A request waits at most this long for a row lock (seats, cohort places)
# before it is told to try again, instead of hanging (portal.locking).
LOCK_TIMEOUT_MS = env.int("LOCK_TIMEOUT_MS", default=5_000)

# Days after an event ends that its registrations keep the member's name
# (certificates, looking back); then the daily retention task removes it
# (network.services.retention, docs/privacy.md). Default two years.
REGISTRATION_RETENTION_DAYS = env.int("REGISTRATION_RETENTION_DAYS", default=730)

# --- Celery -----------------------------------------------------------------

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {}
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # A Redis that accepts the connection but does not answer (or a host that
    # drops packets) fails a send within seconds, so the job waits in the
    # database (portal.jobs) instead of holding the request that made it.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_timeout": 5, "socket_connect_timeout": 5}
elif CELERY_BROKER_URL.startswith("filesystem://"):
    # The embedded broker: messages are files in var/broker, so a worker runs
    # tasks with no server at all.
    _broker_dir = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
# Sending a task is tried three times in about a second, not for good.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 3,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "publish-scheduled-pages": {
        "task": "portal.tasks.publish_scheduled_pages",
        "schedule": 60.0,
    },
    # A reminder that falls due is claimed and sent within half a minute.
    "dispatch-event-reminders": {
        "task": "network.tasks.dispatch_reminders",
        "schedule": 30.0,
    },
    "knowledge-review-reminders": {
        "task": "knowledge.tasks.send_review_reminders",
        "schedule": 24 * 60 * 60.0,
    },
    # Registrations of events past the retention period lose their member.
    "prune-past-registrations": {
        "task": "network.tasks.prune_past_registrations",
        "schedule": 24 * 60 * 60.0,
    },
    # Jobs that could not be queued while the broker was down are queued once
    # it is back (portal.jobs).
    "requeue-waiting-jobs": {
        "task": "portal.tasks.requeue_waiting_jobs",
        "schedule": 30.0,
    },
    # Records of sessions that expired (browser and IP address) are deleted.
    "prune-ended-user-sessions": {
        "task": "portal.tasks.prune_ended_user_sessions",
        "schedule": 24 * 60 * 60.0,
    },
}

# --- Wagtail ----------------------------------------------------------------

WAGTAIL_SITE_NAME = "Leernetwerk Lokaal & Integraal Werken aan Participatie"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "dutch",
    }
}
# Uploads (portal.uploads; docs/deployment.md, "Uploads"). Every upload form
# of the admin (add, multiple, chooser, edit) is built on these two forms.
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.uploads.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.uploads.DocumentForm"
# No SVG: it can carry scripts. HEIC is left out: browsers do not show it.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Read from the header before decoding; 50 megapixels covers the cameras and
# phones editors use, and bounds what one upload or rendition decodes.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
# What the programme shares: PDF, Office and OpenDocument files, CSV and plain
# text. Never HTML, SVG, scripts or programs; no old Office formats (.doc,
# .xls, .ppt), which carry macros.
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "xlsx",
    "pptx",
    "odt",
    "ods",
    "odp",
    "csv",
    "txt",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are always sent by the portal itself, never by a redirect to the
# storage, so every download carries these headers: "attachment" (no type is
# shown in the browser, not even PDF), nosniff and a Content-Security-Policy
# that blocks anything embedded.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
# An upload above 1 MB goes to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_LOGIN_URL = "account_login"
# Passwords and e-mail addresses are managed through allauth only.
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False

# --- Security headers -------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
# Content-Security-Policy for the public site (the Wagtail admin sets its own
# needs and is left out, see portal.middleware).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self'; frame-ancestors 'self'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)
# The Wagtail admin runs inline scripts of its own, so it only gets the parts
# that leave its scripts alone: no framing by other sites, no foreign <base>.
ADMIN_CONTENT_SECURITY_POLICY = "frame-ancestors 'self'; base-uri 'self'"

# --- Logging ----------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail runs its search-index and reference-index tasks through
        # django-tasks and logs every one of them at INFO.
        "django_tasks": {"level": "WARNING"},
    },
}
