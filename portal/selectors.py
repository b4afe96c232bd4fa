"""Reads for the core."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from .models import AuditEntry, User
from .roles import Role


def user_list_with_role(*, role: Role) -> QuerySet[User]:
    """Active users in the group of ``role``, by e-mail."""
    return User.objects.filter(groups__name=role.value, is_active=True).order_by(
        "email"
    )


def user_roles(*, user: User) -> list[str]:
    """The names of the roles of ``user``, sorted."""
    return sorted(user.groups.values_list("name", flat=True))


def audit_entries_for(*, target: Model) -> QuerySet[AuditEntry]:
    """The audit history of one object, newest first."""
    return AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_id=str(target.pk),
    ).select_related("actor")
