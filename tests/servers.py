"""The portal under gunicorn, in processes of its own, for tests that go over
HTTP against the test database (PostgreSQL: another process cannot see an
SQLite test database in memory), and members who are logged in to it.
"""

import http.client
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.middleware.csrf import get_token
from django.test import RequestFactory

from network.models import MemberProfile, MemberRole
from portal.models import User
from portal.roles import Role
from tests.ports import free_port
from tests.workers import _database_url

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"


@contextmanager
def gunicorn(
    log: Path, *, workers: int = 1, database_url: str = "", **env: str
) -> Iterator[str]:
    """gunicorn serving the portal with the test settings on the test
    database (or ``database_url``); ``env`` adds to its environment. Yields
    its address and stops it (and its workers) afterwards."""
    port = free_port()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DJANGO_READ_DOT_ENV_FILE": "false",
        "DATABASE_URL": database_url or _database_url(),
        **env,
    }
    with log.open("wb") as out:
        server = subprocess.Popen(  # noqa: S603 - our own interpreter
            [
                sys.executable, "-m", "gunicorn", "portal.wsgi:application",
                "--bind", f"{HOST}:{port}", "--workers", str(workers),
                "--log-level", "warning", "--timeout", "120",
            ],
            cwd=ROOT,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/favicon.ico", timeout=5)  # noqa: S310
                break
            except OSError:
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def csrf_pair() -> tuple[str, str]:
    """A CSRF cookie and a form token for it, as the middleware makes them."""
    request = RequestFactory().get("/")
    token = get_token(request)
    return request.META["CSRF_COOKIE"], token


def members_with_sessions(
    count: int, *, prefix: str, domain: str = "example.org"
) -> list[tuple[User, str]]:
    """``count`` members (verified address, profile) each with a session in
    the database, as after logging in: (user, session key)."""
    users = User.objects.bulk_create(
        User(
            email=f"{prefix}-{n}@{domain}",
            first_name="Deelnemer",
            last_name=str(n),
        )
        for n in range(count)
    )
    for user in users:
        user.set_unusable_password()
    User.objects.bulk_update(users, ["password"])
    EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users
    )
    Group.objects.get(name=Role.MEMBER.value).user_set.add(*users)
    MemberProfile.objects.bulk_create(
        MemberProfile(
            user=u,
            role=MemberRole.PROFESSIONAL,
            organisation_name="Wijkteam",
            domains=["wmo"],
            interests=[1],
        )
        for u in users
    )
    return [(user, session_for(user)) for user in users]


def session_for(user: User) -> str:
    """The key of a new session in which ``user`` is logged in."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return str(session.session_key)


def post_form(base: str, path: str, *, session: str, data: str = "") -> int | str:
    """POST a form as the member of ``session``, with a CSRF token as a
    browser sends it; the status, or the error when there was no answer."""
    cookie, token = csrf_pair()
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=120)
    try:
        conn.request(
            "POST",
            path,
            body=f"csrfmiddlewaretoken={token}" + (f"&{data}" if data else ""),
            headers={
                "Cookie": f"{settings.SESSION_COOKIE_NAME}={session}; "
                f"{settings.CSRF_COOKIE_NAME}={cookie}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        response = conn.getresponse()
        response.read()
        return response.status
    except OSError as error:
        return repr(error)
    finally:
        conn.close()
