"""The audit log in the back office: coordinators read it, nobody edits it."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import page_cache
from .models import AuditEntry


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Only "view": entries are written by the services, never by hand."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(AuditEntry, ReadOnlyPermissionPolicy(AuditEntry))


class AuditEntryViewSet(ModelViewSet):
    model = AuditEntry
    name = "logboek"
    icon = "history"
    menu_label = _("Logboek")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["created_at", "actor", "action", "target_repr", "summary"]
    list_filter = ["action"]
    search_fields = ["target_repr", "summary", "action"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "created_at",
        "actor",
        "action",
        "target_type",
        "target_id",
        "target_repr",
        "summary",
        "data",
    ]
    copy_view_enabled = False
    # Never reachable (the policy allows no add or change); Wagtail asks for it.
    exclude_form_fields: list[str] = []


@hooks.register("register_admin_viewset")
def register_audit_log() -> AuditEntryViewSet:
    return AuditEntryViewSet()


@hooks.register("before_serve_page")
def allow_page_cache(page: Any, request: Any, *args: Any, **kwargs: Any) -> None:
    """A Wagtail page may be served from the page cache to anonymous visitors
    (portal.page_cache decides whether this response is kept)."""
    page_cache.allow(request)
