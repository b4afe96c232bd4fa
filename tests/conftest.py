import pytest
from django.core.cache import cache

from portal.roles import Role
from tests.portal.factories import UserFactory


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
