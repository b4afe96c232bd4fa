"""Writes with rules for the core: roles of users, the site's address, the
records of members' sessions."""

from allauth.usersessions.models import UserSession
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


def user_session_forget(*, session_key: str) -> None:
    """Delete the record (browser, IP address) of a session that ended with
    a logout, rather than keep it until the member next logs in."""
    UserSession.objects.filter(session_key=session_key).delete()


def user_sessions_prune(*, batch_size: int = 500) -> int:
    """Delete the records of sessions that have ended without a logout
    (expired, or no longer valid after a password change); returns how many.

    allauth's ``purge()`` decides, as it does when the member opens the list
    of their sessions, so it works with any session engine. Goes through
    the records in batches of ``batch_size``. Run daily; a second run finds
    nothing left.
    """
    pruned, last_pk = 0, 0
    while batch := list(
        UserSession.objects.filter(pk__gt=last_pk).order_by("pk")[:batch_size]
    ):
        last_pk = batch[-1].pk  # before purge() empties the pk of a deleted one
        for record in batch:
            pruned += record.purge()
    return pruned
