"""portal.locking.lock: the one way to lock the row that guards a limit."""

import threading

import pytest
from django.db import connection, transaction
from django.test import override_settings

from portal.locking import LockTimeout, lock
from portal.models import User
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


# Serialized like every transactional test but the browser tests (which run
# last): a plain flush re-creates the content types with new ids, and the next
# serialized test could then not load the migrated state back.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_lock_refuses_to_run_outside_a_transaction():
    user = UserFactory()

    with pytest.raises(RuntimeError, match="transaction"):
        lock(User, pk=user.pk)


def test_lock_returns_the_row_or_says_it_is_missing():
    user = UserFactory()

    with transaction.atomic():
        assert lock(User, pk=user.pk) == user
        assert lock(User.objects.filter(is_active=True), pk=user.pk) == user
        assert lock(User, missing_ok=True, pk=user.pk + 1000) is None
        with pytest.raises(User.DoesNotExist):
            lock(User, pk=user.pk + 1000)


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(LOCK_TIMEOUT_MS=300)
def test_a_second_locker_gives_up_after_the_timeout_instead_of_hanging():
    assert connection.vendor == "postgresql"
    user = UserFactory()
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        try:
            with transaction.atomic():
                lock(User, pk=user.pk)
                held.set()
                release.wait(10)
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(10)
        with pytest.raises(LockTimeout) as refused, transaction.atomic():
            lock(User, pk=user.pk)
        assert "opnieuw" in str(refused.value)
    finally:
        release.set()
        holder.join(10)
    # Once the holder is done the row can be locked again at once.
    with transaction.atomic():
        assert lock(User, pk=user.pk) == user
