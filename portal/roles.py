"""The roles of the portal, as Django groups.

The groups are made by a data migration (``portal/migrations/0003_roles.py``);
object-level rules (whose workspace, which attendee list) live in the services
of each app. The matrix is written out in ``docs/permissions.md``.
"""

from enum import StrEnum


class Role(StrEnum):
    MEMBER = "Lid"
    COORDINATOR = "Coördinator"
    EDITOR = "Redacteur"
    MUNICIPALITY_CONTACT = "Gemeentelijk contactpersoon"


# Roles that work in the Wagtail admin (/beheer/).
BACK_OFFICE_ROLES = frozenset({Role.COORDINATOR, Role.EDITOR})
