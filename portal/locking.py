"""One way to lock the row that guards a rule or a limit.

Seats of an event, places in a leergang edition, the state of a registration
or an application: a service that checks such a rule first locks the row that
guards it, inside its transaction, so concurrent requests queue up behind each
other instead of both seeing the last free place (as pretix's
``lock_objects()``). A lock that cannot be had within ``LOCK_TIMEOUT_MS``
raises :class:`LockTimeout` rather than letting a request hang.
"""

from typing import Any, Literal, TypeVar, overload

from django.conf import settings
from django.db import OperationalError, connections, router
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

M = TypeVar("M", bound=Model)

DEFAULT_TIMEOUT_MS = 5_000


class LockTimeout(Exception):
    """Another request held the row too long; the user may simply try again."""

    message = _("Het is nu erg druk. Probeer het over een paar seconden opnieuw.")

    def __str__(self) -> str:
        return str(self.message)


@overload
def lock(
    model_or_queryset: type[M] | QuerySet[M],
    *,
    missing_ok: Literal[False] = ...,
    **lookup: Any,
) -> M: ...


@overload
def lock(
    model_or_queryset: type[M] | QuerySet[M],
    *,
    missing_ok: Literal[True],
    **lookup: Any,
) -> M | None: ...


def lock(
    model_or_queryset: type[M] | QuerySet[M],
    *,
    missing_ok: bool = False,
    **lookup: Any,
) -> M | None:
    """Lock and return the one row matching ``lookup`` (``SELECT … FOR UPDATE``).

    Must run inside ``transaction.atomic()``: a lock outside a transaction is
    released at once and guards nothing, so that is refused. Raises the
    model's ``DoesNotExist`` when no row matches, or returns ``None`` with
    ``missing_ok=True``.
    """
    queryset: QuerySet[M] = (
        model_or_queryset
        if isinstance(model_or_queryset, QuerySet)
        else model_or_queryset._default_manager.all()
    )
    alias = router.db_for_write(queryset.model)
    connection = connections[alias]
    if not connection.in_atomic_block:
        raise RuntimeError("lock() must run inside transaction.atomic()")
    if connection.vendor == "postgresql":
        timeout = int(getattr(settings, "LOCK_TIMEOUT_MS", DEFAULT_TIMEOUT_MS))
        with connection.cursor() as cursor:
            # SET LOCAL lasts until the end of the surrounding transaction.
            cursor.execute(
                "SELECT set_config('lock_timeout', %s, true)", [f"{timeout}ms"]
            )
    locked = queryset.select_for_update().using(alias)
    try:
        if missing_ok:
            return locked.filter(**lookup).first()
        return locked.get(**lookup)
    except OperationalError as error:
        if getattr(error.__cause__, "sqlstate", None) == "55P03":  # lock_not_available
            raise LockTimeout from error
        raise
