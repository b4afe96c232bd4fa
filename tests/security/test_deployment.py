"""The production settings pass Django's deployment checklist, and real
responses carry the security headers and cookie flags those settings ask for.

The values are read from ``portal.settings.production`` itself, in a process
of its own with a realistic environment, and applied to the test settings,
so a change to production.py shows here.
"""

import json
import secrets

import pytest
from django.test import Client, override_settings

from portal.middleware import LOGGED_IN_AT
from tests.portal.factories import PASSWORD
from tests.settings_probe import run_with_settings

pytestmark = pytest.mark.django_db


ENVIRONMENT = {
    "DJANGO_ALLOWED_HOSTS": "leernetwerk.example.nl",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://leernetwerk.example.nl",
    "DATABASE_URL": "postgres://portal:geheim@db.internal:5432/leernetwerk",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "EMAIL_URL": "smtp+tls://portal:geheim@mail.internal:587",
    "DEFAULT_FROM_EMAIL": "Leernetwerk <noreply@leernetwerk.example.nl>",
    "WAGTAILADMIN_BASE_URL": "https://leernetwerk.example.nl",
}

# The settings that decide the headers and cookies of a response.
SECURITY_SETTINGS = (
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "ADMIN_CONTENT_SECURITY_POLICY",
)

PROBE = f"""
import json, sys
import django
from django.conf import settings
from django.core.management import call_command
django.setup()
call_command("check", deploy=True, fail_level="WARNING")
sys.stderr.flush()
print("SETTINGS=" + json.dumps({{
    name: getattr(settings, name, None) for name in {SECURITY_SETTINGS!r}
}}))
"""


@pytest.fixture(scope="module")
def production():
    """Runs the deployment checks with the production settings and returns
    their output and the security settings they ended up with."""
    result = run_with_settings(
        "portal.settings.production",
        script=PROBE,
        **ENVIRONMENT,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    settings_line = result.stdout.strip().splitlines()[-1]
    assert settings_line.startswith("SETTINGS="), result.stdout
    values = json.loads(settings_line.removeprefix("SETTINGS="))
    # JSON turns tuples into lists; the proxy header must be a pair.
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return {"output": result.stdout + result.stderr, "settings": values}


@pytest.fixture
def https_client(production):
    """A client behind the TLS proxy, with the production security settings."""
    with override_settings(**production["settings"]):
        yield Client(headers={"x-forwarded-proto": "https"})


def test_the_deployment_checklist_reports_nothing(production):
    output = production["output"]

    assert "System check identified no issues" in output
    assert "WARNING" not in output
    assert "ERROR" not in output
    # Only the one documented exception (X-Frame-Options SAMEORIGIN, for
    # Wagtail's preview panel) is silenced.
    assert "(1 silenced)" in output


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def assert_transport_headers(response) -> None:
    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] in {"DENY", "SAMEORIGIN"}
    policy = directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] in (["'self'"], ["'none'"])


PUBLIC_PAGES = [
    "/",
    "/agenda/",
    "/zoeken/?q=samenwerken",
    "/toegankelijkheid/",
    "/leergang/",
    "/account/login/",
    "/account/signup/",
    "/account/password/reset/",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_and_forms_send_the_security_headers(https_client, url):
    response = https_client.get(url)

    assert response.status_code == 200
    assert_transport_headers(response)
    policy = directives(response["Content-Security-Policy"])
    scripts = policy.get("script-src", policy["default-src"])
    assert scripts == ["'self'"]
    for source in ("'unsafe-inline'", "'unsafe-eval'", "*", "data:"):
        assert source not in response["Content-Security-Policy"].split()
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    # The policy would block inline scripts and event handlers, so the page
    # must not depend on them (JSON-LD data blocks are not run).
    html = response.content.decode()
    assert "<script>" not in html
    assert " onclick=" not in html
    assert " onload=" not in html


def test_a_form_page_sets_a_secure_csrf_cookie(https_client):
    response = https_client.get("/account/login/")

    cookie = response.cookies["csrftoken"]
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"


def test_logging_in_sets_a_secure_http_only_session_cookie(https_client, make_user):
    make_user(email="veilig@example.org")

    response = https_client.post(
        "/account/login/", {"login": "veilig@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_the_cookie_that_spaces_out_session_records_is_secure_too(
    https_client, make_user
):
    """Signed in (longer ago than the interval), a page sets the short-lived
    cookie of portal.middleware.UserSessionActivityMiddleware, with the
    session cookie's flags."""
    https_client.force_login(make_user(email="veilig@example.org"))
    session = https_client.session
    session[LOGGED_IN_AT] = 0
    session.save()

    response = https_client.get("/mijn/")

    assert response.status_code == 200
    cookie = response.cookies["sessionseen"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 300


@pytest.mark.parametrize("url", ["/beheer/", "/beheer/login/?next=/beheer/"])
def test_the_back_office_login_redirect_sends_the_security_headers(https_client, url):
    response = https_client.get(url)

    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=/beheer/"
    assert_transport_headers(response)


def test_the_back_office_may_not_be_framed_by_other_sites(https_client, make_user):
    https_client.force_login(make_user(is_staff=True, is_superuser=True))

    response = https_client.get("/beheer/")

    assert response.status_code == 200
    assert_transport_headers(response)


def test_plain_http_is_sent_to_https_but_health_checks_are_not(production):
    client = Client(headers={"x-forwarded-proto": "http"})
    with override_settings(**production["settings"]):
        page = client.get("/agenda/")
        health = client.get("/health/")

    assert page.status_code == 301
    assert page["Location"] == "https://testserver/agenda/"
    assert health.status_code in {200, 503}
