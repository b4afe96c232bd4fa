"""Reads for the core."""

from django.db.models import QuerySet

from .models import User
from .roles import Role


def user_list_with_role(*, role: Role) -> QuerySet[User]:
    """Active users in the group of ``role``, by e-mail."""
    return User.objects.filter(groups__name=role.value, is_active=True).order_by(
        "email"
    )


def user_roles(*, user: User) -> list[str]:
    """The names of the roles of ``user``, sorted."""
    return sorted(user.groups.values_list("name", flat=True))
