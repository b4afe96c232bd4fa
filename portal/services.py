"""Writes with rules for the core: roles of users."""

from django.contrib.auth.models import Group

from .models import User
from .roles import Role


def user_assign_role(*, user: User, role: Role) -> None:
    """Put ``user`` in the group of ``role``. Doing it twice changes nothing.

    The groups are made by a data migration; a missing group is a broken
    installation, so ``Group.DoesNotExist`` is allowed to surface.
    """
    user.groups.add(Group.objects.get(name=role.value))


def user_remove_role(*, user: User, role: Role) -> None:
    """Take ``user`` out of the group of ``role``."""
    user.groups.remove(Group.objects.get(name=role.value))
