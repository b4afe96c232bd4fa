"""Reactions of the core, wired in ``PortalConfig.ready()``."""

import time
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest


def site_address_after_migrate(
    sender: Any, using: str = DEFAULT_DB_ALIAS, **kwargs: Any
) -> None:
    """Every release runs ``migrate``; after it, Wagtail's Site takes the
    public address from the settings, so changing ``WAGTAILADMIN_BASE_URL``
    needs no manual step in the admin."""
    from wagtail.models import Site

    from .services import site_address_update

    tables = connections[using].introspection.table_names()
    if using == DEFAULT_DB_ALIAS and Site._meta.db_table in tables:
        site_address_update()


def session_note_login(
    sender: Any, request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """Every login (allauth's page, or any other way in) notes its time in
    the session, which the login saves anyway. allauth has just made the
    record of the session, so UserSessionActivityMiddleware leaves it alone
    for a while instead of updating it on the first pages."""
    from .middleware import LOGGED_IN_AT

    if request is not None and hasattr(request, "session"):
        request.session[LOGGED_IN_AT] = int(time.time())


def user_session_forget_on_logout(
    sender: Any, request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """Logging out ends the session; its record in the list of the member's
    sessions (browser, IP address) goes with it."""
    from .services import user_session_forget

    if request is not None and request.session.session_key:
        user_session_forget(session_key=request.session.session_key)
