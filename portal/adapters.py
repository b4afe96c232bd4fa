from typing import Any

from allauth.account.adapter import DefaultAccountAdapter

from .roles import Role
from .services import user_assign_role


class AccountAdapter(DefaultAccountAdapter):
    """Everyone who signs up becomes a member (lid) of the leernetwerk."""

    def save_user(self, request: Any, user: Any, form: Any, commit: bool = True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user_assign_role(user=user, role=Role.MEMBER)
        return user
