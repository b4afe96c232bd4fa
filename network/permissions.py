"""Who may do what in the leernetwerk, with the portal's one idiom: a check
that raises ``AccessDenied`` (shown as a 403 page) and a decorator per kind of
page.

- The member directory: members of the leernetwerk (``member_required``).
- The coordinator's pages in the back office: whoever may change events, the
  coordinators and superusers (``coordinator_required``).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from portal.models import User
from portal.permissions import AccessDenied, login_and, require
from portal.views import permission_denied

from .selectors.members import member_is_member

EVENT_CHANGE_PERMISSION = "network.change_event"

COORDINATORS_ONLY = _(
    "Aanmeldingen, deelnemerslijsten en exports zijn alleen voor coördinatoren "
    "van het leernetwerk."
)
COORDINATORS_ONLY_TEMPLATE = "network/admin/forbidden.html"


def can_coordinate(user: User | AnonymousUser) -> bool:
    """Coordinators (and superusers): may see attendee lists and manage events."""
    return user.is_authenticated and user.has_perm(EVENT_CHANGE_PERMISSION)


def is_member(user: User) -> bool:
    return member_is_member(user=user)


member_required = login_and(
    is_member,
    _("De ledenlijst is alleen voor leden van het leernetwerk."),
    template="network/member_directory_refused.html",
)


def coordinator_require(user: User | AnonymousUser) -> None:
    """Refuse everyone who may not coordinate, with the back office's page."""
    require(
        can_coordinate(user),
        str(COORDINATORS_ONLY),
        template=COORDINATORS_ONLY_TEMPLATE,
        context={"header_title": _("Geen toegang"), "header_icon": "warning"},
    )


def coordinator_required(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """A page of the coordinator's back office: a 403 (not a redirect) for
    anyone without the change permission on events.

    Wagtail's admin turns every ``PermissionDenied`` raised inside its pages
    into a redirect to its dashboard; so the refusal is answered here, by the
    site's 403 handler, before Wagtail sees it.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            coordinator_require(request.user)
        except AccessDenied as refusal:
            return permission_denied(request, refusal)
        return view(request, *args, **kwargs)

    return wrapped
