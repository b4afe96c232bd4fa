"""When PostgreSQL takes no more connections, the portal answers at once with
a 503 that asks to try again, and serves again as soon as a connection is
free, without a restart.

The portal runs under gunicorn against the test database as a role that
PostgreSQL lets open two connections; the test holds both, as a crowd of
requests would. PostgreSQL refuses the portal's connection, exactly as when
``max_connections`` is reached.
"""

import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests.servers import gunicorn
from tests.workers import _database_url

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CONNECTIONS = 2


@pytest.fixture
def capped_role() -> Iterator[str]:
    """A role of its own that may open ``CONNECTIONS`` connections and use
    the tables of the test database; dropped afterwards."""
    role = f"portal_capped_{uuid.uuid4().hex[:8]}"
    database = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} LOGIN CONNECTION LIMIT {CONNECTIONS}")
        cursor.execute(f'GRANT CONNECT ON DATABASE "{database}" TO {role}')
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {role}")
        cursor.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")
    try:
        yield role
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE usename = %s",
                [role],
            )
            cursor.execute(f"DROP OWNED BY {role}")
            cursor.execute(f"DROP ROLE {role}")


def _as_role(url: str, role: str) -> str:
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{role}@{rest.split('@', 1)[1]}"


@contextmanager
def _gunicorn(role: str, log: Path, *, conn_max_age: int) -> Iterator[str]:
    """gunicorn (one worker) serving the portal as ``role``."""
    with gunicorn(
        log,
        database_url=_as_role(_database_url(), role),
        DATABASE_CONN_MAX_AGE=str(conn_max_age),
    ) as base:
        yield base


@pytest.fixture
def portal_as(capped_role: str, tmp_path: Path) -> Iterator[str]:
    """The portal as the capped role, a new connection for every request."""
    with _gunicorn(capped_role, tmp_path / "gunicorn.log", conn_max_age=0) as base:
        yield base


def _get(url: str) -> tuple[int, dict[str, str], str]:
    """One request; one that hangs fails the test by its timeout."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            status, headers, body = (
                response.status,
                dict(response.headers),
                response.read(),
            )
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, dict(error.headers), error.read()
    return status, headers, body.decode(errors="replace")


def test_no_free_connection_gives_a_503_at_once_and_service_resumes(
    portal_as: str, capped_role: str
):
    address = _as_role(_database_url(), capped_role)
    page = f"{portal_as}/agenda/"
    before = _get(page)

    held = [psycopg.connect(address) for _ in range(CONNECTIONS)]
    try:
        during = [_get(page) for _ in range(3)]
    finally:
        for held_connection in held:
            held_connection.close()
    after = _get(page)

    assert before[0] == 200
    for status, headers, body in during:
        assert status == 503
        assert headers["Retry-After"] == "30"
        assert "Even niet bereikbaar" in body
        assert 'lang="nl"' in body
    assert after[0] == 200


def test_connections_cut_by_a_database_restart_are_replaced(
    capped_role: str, tmp_path: Path
):
    """A restart of PostgreSQL ends every connection the portal keeps open
    (here: ended by ``pg_terminate_backend``, as a restart does); the next
    request opens a new one instead of failing, without a restart of the
    portal."""
    with _gunicorn(capped_role, tmp_path / "gunicorn.log", conn_max_age=60) as base:
        page = f"{base}/agenda/"
        assert _get(page)[0] == 200
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE usename = %s",
                [capped_role],
            )
            ended = cursor.fetchall()

        assert len(ended) == 1  # the one connection the worker kept
        assert [_get(page)[0] for _ in range(3)] == [200, 200, 200]
