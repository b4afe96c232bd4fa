"""Settings switch between embedded defaults and PostgreSQL/Redis by environment."""

import json
import os
import secrets

import pytest
from django.conf import settings
from django.db import connection

from tests.settings_probe import run_with_settings

PROBE = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "name": str(settings.DATABASES["default"]["NAME"]),
    "cache": settings.CACHES["default"]["BACKEND"],
    "broker": settings.CELERY_BROKER_URL,
    "debug": settings.DEBUG,
    "tz": settings.TIME_ZONE,
    "lang": settings.LANGUAGE_CODE,
}))
"""


def settings_with(module: str, **environ: str) -> dict:
    result = run_with_settings(module, script=PROBE, **environ)
    assert result.returncode == 0 or module.endswith("production"), result.stderr
    return (
        json.loads(result.stdout)
        if result.returncode == 0
        else {"error": result.stderr}
    )


def test_with_nothing_configured_the_portal_is_embedded():
    conf = settings_with("portal.settings.dev")

    assert conf["engine"] == "django.db.backends.sqlite3"
    assert conf["name"].endswith("var/db.sqlite3")
    assert conf["cache"].endswith("LocMemCache")
    assert conf["broker"] == "filesystem://"
    assert conf["debug"] is True
    assert conf["tz"] == "Europe/Amsterdam"
    assert conf["lang"] == "nl"


def test_database_url_and_redis_url_switch_to_postgresql_and_redis():
    conf = settings_with(
        "portal.settings.dev",
        DATABASE_URL="postgres://portal@db.internal:5432/leernetwerk",
        REDIS_URL="redis://cache.internal:6379/0",
    )

    assert conf["engine"] == "django.db.backends.postgresql"
    assert conf["name"] == "leernetwerk"
    assert conf["cache"].endswith("RedisCache")
    assert conf["broker"] == "redis://cache.internal:6379/0"


SERVICES = {
    "DATABASE_URL": "postgres://portal@db.internal:5432/leernetwerk",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "EMAIL_URL": "smtp://mail.internal:25",
    "WAGTAILADMIN_BASE_URL": "https://leernetwerk.example.nl",
}


def test_production_refuses_to_start_without_a_real_secret_key():
    conf = settings_with(
        "portal.settings.production", DJANGO_ALLOWED_HOSTS="x.nl", **SERVICES
    )

    assert "DJANGO_SECRET_KEY" in conf["error"]


def test_production_refuses_to_start_without_allowed_hosts():
    conf = settings_with(
        "portal.settings.production", DJANGO_SECRET_KEY="k" * 60, **SERVICES
    )

    assert "DJANGO_ALLOWED_HOSTS" in conf["error"]


def test_production_refuses_the_embedded_defaults():
    conf = settings_with(
        "portal.settings.production",
        DJANGO_SECRET_KEY="k" * 60,
        DJANGO_ALLOWED_HOSTS="leernetwerk.example.nl",
    )

    for name in SERVICES:
        assert name in conf["error"]


def test_production_starts_with_everything_set_and_is_not_in_debug():
    conf = settings_with(
        "portal.settings.production",
        DJANGO_SECRET_KEY="k" * 60,
        DJANGO_ALLOWED_HOSTS="leernetwerk.example.nl",
        **SERVICES,
    )

    assert conf["debug"] is False
    assert conf["engine"] == "django.db.backends.postgresql"
    assert conf["cache"].endswith("RedisCache")


def test_production_passes_the_deployment_checklist():
    result = run_with_settings(
        "portal.settings.production",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="leernetwerk.example.nl",
        **SERVICES,
    )

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_the_suite_runs_on_the_database_that_database_url_names():
    expected = (
        "postgresql"
        if os.environ.get("DATABASE_URL", "").startswith(("postgres", "pgsql"))
        else "sqlite"
    )

    assert connection.vendor == expected
    assert settings.DATABASES["default"]["ENGINE"].endswith(
        "postgresql" if expected == "postgresql" else "sqlite3"
    )
