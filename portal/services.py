"""Writes with rules for the core: roles of users, the site's address."""

from django.contrib.auth.models import Group
from wagtail.models import Site

from .models import User
from .roles import Role
from .site import site_address


def user_assign_role(*, user: User, role: Role) -> None:
    """Put ``user`` in the group of ``role``. Doing it twice changes nothing.

    The groups are made by a data migration; a missing group is a broken
    installation, so ``Group.DoesNotExist`` is allowed to surface.
    """
    user.groups.add(Group.objects.get(name=role.value))


def user_remove_role(*, user: User, role: Role) -> None:
    """Take ``user`` out of the group of ``role``."""
    user.groups.remove(Group.objects.get(name=role.value))


def site_address_update() -> Site | None:
    """Give Wagtail's default Site the host name and port of the public
    address (``WAGTAILADMIN_BASE_URL``), so the admin's links to the live
    site, Wagtail's own full URLs and the page routing agree with it.
    Nothing changes when they already do; without a Site nothing happens."""
    hostname, port = site_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return site
    site.hostname, site.port = hostname, port
    site.full_clean()
    site.save(update_fields=["hostname", "port"])
    return site
