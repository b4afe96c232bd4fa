from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from portal.roles import Role
from tests.portal.factories import UserFactory
from tests.snapshots import Snapshot


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (rate limits, cached partners)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_user(db):
    """Make a user with the given roles: ``make_user(Role.EDITOR)``."""

    def make(*roles: Role, **kwargs):
        return UserFactory(roles=roles, **kwargs)

    return make


def pytest_collection_modifyitems(items):
    """Transactional tests (other than the browser tests, which run last and
    restore their own state) must use serialized rollback: a plain flush
    re-creates the content types with new ids, and a serialized test after it
    could not load the migrated state back."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None or "/e2e/" in str(item.fspath):
            continue
        if marker.kwargs.get("transaction") and not marker.kwargs.get(
            "serialized_rollback"
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: use django_db(transaction=True, "
                "serialized_rollback=True)"
            )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with a copy of what the migrations made (groups,
    the taxonomy, the page tree's root) taken before any test flushes it.
    The browser tests start from that copy; with ``--reuse-db`` the copy of
    the first run is put back, so a database a previous run left flushed
    starts as migrated again."""
    with django_db_blocker.unblock():
        Snapshot.take("migrated", keep_existing=True).restore()


@pytest.fixture(scope="module")
def _demo_seeded(django_db_setup, django_db_blocker):
    """The demo portal, seeded once per test module inside a transaction
    that is rolled back when the module is done (Django's ``setUpTestData``
    pattern). Each test then runs in a savepoint on top of it, so what a
    test changes is gone before the next one starts."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("seed_demo", stdout=StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo_site(_demo_seeded, db):
    """The demo portal (``seed_demo``), built once per module; tests that are
    about seeding itself call the command again instead."""
