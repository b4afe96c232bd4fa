"""Reactions of the core, wired in ``PortalConfig.ready()``."""

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections


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
