"""One idiom for refusing access.

A check raises :class:`AccessDenied` (a ``PermissionDenied`` with a Dutch
message); the site's 403 handler renders it in the site's design, with the
status 403. Each app states its checks in its own ``permissions.py`` with
:func:`require` and makes view decorators with :func:`login_and`. A refusal
page that explains more (what to do instead) is an ``AccessDenied`` with a
template of its own.
"""

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

V = TypeVar("V", bound=Callable[..., HttpResponse])

DEFAULT_MESSAGE = _("U heeft geen toegang tot deze pagina.")


class AccessDenied(PermissionDenied):
    """Refused, with a message for the user and optionally a page of its own."""

    def __init__(
        self,
        message: str | None = None,
        *,
        template: str | None = None,
        context: Mapping[str, Any] | None = None,
    ) -> None:
        self.message = message or DEFAULT_MESSAGE
        self.template = template
        self.context = dict(context or {})
        super().__init__(str(self.message))

    def __str__(self) -> str:
        return str(self.message)


def require(
    condition: bool,
    message: str | None = None,
    *,
    template: str | None = None,
    context: Mapping[str, Any] | None = None,
) -> None:
    """Raise :class:`AccessDenied` unless ``condition`` holds."""
    if not condition:
        raise AccessDenied(message, template=template, context=context)


def login_and(
    check: Callable[[Any], bool],
    message: str | None = None,
    *,
    template: str | None = None,
) -> Callable[[V], V]:
    """A view decorator: anonymous visitors go to the login page; a user for
    whom ``check(user)`` is false is refused with :class:`AccessDenied`."""

    def decorator(view: V) -> V:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            require(check(request.user), message, template=template)
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
